/**
 * The change list's query (Django's ChangeList): search, filters, sorting by column and the
 * page, read from the query string. Unknown or forged parameters never reach SQL: a sort
 * index that is not a sortable column is ignored (as Django does), any other unknown
 * parameter or bad filter value is an InvalidLookup.
 */
import type { HttpRequest } from '@manouche/core';
import { Q, type Model, type QuerySet } from '@manouche/orm';
import { applyDateHierarchy, dateHierarchyParameters, describeDateHierarchy, type DateHierarchyState } from './date-hierarchy.js';
import { AdminConfigurationError } from './errors.js';
import { FieldListFilter } from './field-list-filters.js';
import { limitChoicesFilters } from './limit-choices-params.js';
import { lookupSpawnsDuplicates } from './lookup-spawns-duplicates.js';
import { InvalidLookup, isLookupRefusal, type FilterContext, type ListFilter, type ListFilterEntry, type ListFilterView } from './list-filters.js';
import type { Column, ModelAdmin } from './model-admin.js';

export const SEARCH_VAR = 'q';
export const ORDER_VAR = 'o';
export const PAGE_VAR = 'p';
export const ALL_VAR = 'all';
/** The change list shown in a popup window, to pick an object for a rawIdFields input (Django's IS_POPUP_VAR). */
export const IS_POPUP_VAR = '_popup';
/** The field whose value a popup sends back (Django's TO_FIELD_VAR). */
export const TO_FIELD_VAR = '_to_field';
const RESERVED = new Set([SEARCH_VAR, ORDER_VAR, PAGE_VAR, ALL_VAR, IS_POPUP_VAR, TO_FIELD_VAR, '_changelist_filters']);

/** Builds the filters of one request from listFilter (throws for a name checks.ts reports as admin.E116). */
export function buildListFilters(ma: ModelAdmin<Model>, context: Omit<FilterContext<Model>, 'model' | 'modelAdmin'>): ListFilter<Model>[] {
  const full: FilterContext<Model> = { ...context, model: ma.model, modelAdmin: ma };
  return ((ma.options.listFilter ?? []) as readonly ListFilterEntry[]).map((entry) => {
    if (typeof entry === 'function') return new entry(full as never);
    const [path, FilterClass] = typeof entry === 'string' ? [entry, undefined] : entry;
    const field = ma.resolveFieldPath(path.split('__'));
    if (!field)
      throw new AdminConfigurationError(
        `The value of 'listFilter' of ${ma.opts.appLabel}.${ma.model.name} names '${path}', which is not a field (admin.E116).`,
      );
    return new (FilterClass ?? FieldListFilter.classFor(field))(field as never, full as never, path);
  });
}

/** The sidebar entry of a filter, or null when it has nothing to show. */
export async function describeFilter(filter: ListFilter<Model>): Promise<ListFilterView | null> {
  if (!(await filter.hasOutput())) return null;
  return { title: filter.title, parameterNames: filter.expectedParameters(), choices: await filter.choices() };
}

/** Splits a search like Django's smart_split: words, or "quoted phrases". */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of query.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const term = match[1] ?? match[2] ?? match[3] ?? '';
    if (term) terms.push(term);
  }
  return terms;
}

/** The ORM lookup for one searchFields entry (`^title` → `title__istartswith`). */
export function searchLookup(entry: string): string {
  if (entry.startsWith('^')) return `${entry.slice(1)}__istartswith`;
  if (entry.startsWith('=')) return `${entry.slice(1)}__iexact`;
  if (entry.startsWith('@')) return `${entry.slice(1)}__icontains`;
  return `${entry}__icontains`;
}

/**
 * Narrows `queryset` to the objects matching every word of `search` in one of the admin's
 * searchFields (Django's get_search_results); distinct only when a field is reached through a
 * many-valued relation, where a row could match twice.
 */
export function applySearch(ma: ModelAdmin<Model>, queryset: QuerySet<Model>, search: string): QuerySet<Model> {
  const searchFields = (ma.options.searchFields ?? []) as string[];
  if (!search || !searchFields.length) return queryset;
  let result = queryset;
  for (const term of searchTerms(search)) {
    let any: ReturnType<typeof Q> | null = null;
    for (const entry of searchFields) {
      const q = Q({ [searchLookup(entry)]: term } as never);
      any = any ? any.or(q) : q;
    }
    result = result.filter(any! as never);
  }
  const spawnsDuplicates = searchFields.some((entry) => lookupSpawnsDuplicates(ma.model as never, entry.replace(/^[\^=@]/, '')));
  return spawnsDuplicates ? result.distinct() : result;
}

/** One sorted column: its index in the columns and the direction. */
interface SortEntry {
  index: number;
  descending: boolean;
}

/** What the change list shows for one request. */
export interface ChangeListState {
  columns: Column<Model>[];
  objects: Model[];
  resultCount: number;
  fullCount: number;
  page: number;
  numPages: number;
  showAll: boolean;
  canShowAll: boolean;
  multiPage: boolean;
  search: string;
  filters: ListFilterView[];
  sort: SortEntry[];
  params: Map<string, string>;
  /** The dateHierarchy links, when the admin has one. */
  dateHierarchy: DateHierarchyState | null;
  /** The queryset the selected rows and actions work on (filters applied). */
  queryset: QuerySet<Model>;
}

/** Reads `o=1.-3` into sort entries on sortable columns; anything else is ignored. */
function parseSort(value: string | undefined, columns: readonly Column<Model>[]): SortEntry[] {
  if (!value) return [];
  const entries: SortEntry[] = [];
  for (const part of value.split('.')) {
    const match = /^(-?)(\d{1,4})$/.exec(part);
    if (!match) continue;
    const index = Number(match[2]) - 1;
    const column = columns[index];
    if (!column?.ordering || entries.some((entry) => entry.index === index)) continue;
    entries.push({ index, descending: match[1] === '-' });
  }
  return entries;
}

function orderingOf(sort: readonly SortEntry[], columns: readonly Column<Model>[], defaults: readonly string[]): string[] {
  const ordering: string[] = [];
  for (const entry of sort) {
    const expression = columns[entry.index]!.ordering!;
    const ascending = expression.startsWith('-') ? expression.slice(1) : expression;
    const flip = expression.startsWith('-') !== entry.descending;
    ordering.push(flip ? `-${ascending}` : ascending);
  }
  ordering.push(...defaults);
  // A total order, so pages never repeat or skip rows (Django adds -pk the same way).
  if (!ordering.some((name) => name === 'pk' || name === '-pk' || name === 'id' || name === '-id')) ordering.push('-pk');
  return ordering;
}

/** Builds the change list for a request; throws InvalidLookup for unknown parameters or bad values. */
export async function buildChangeList(ma: ModelAdmin<Model>, request: HttpRequest): Promise<ChangeListState> {
  const params = new Map<string, string>();
  for (const key of request.query.keys()) params.set(key, request.query.get(key) ?? '');
  const columns = ma.columns();
  const filters = buildListFilters(ma, { request, params });
  const hierarchy = ma.options.dateHierarchy as string | undefined;
  const owned = new Set([...filters.flatMap((filter) => filter.expectedParameters()), ...(hierarchy ? dateHierarchyParameters(hierarchy) : [])]);
  // A relation's limitChoicesTo, as its raw-id lookup popup passes it: only the exact pairs.
  const limits: Record<string, unknown> = {};
  let limitFilters: ReturnType<typeof limitChoicesFilters> | undefined;
  for (const [key, value] of params) {
    if (RESERVED.has(key) || owned.has(key)) continue;
    // Read only when a parameter needs it: the plain change list never walks the model registry.
    limitFilters ??= limitChoicesFilters(ma.model as never);
    const limit = limitFilters.find((candidate) => candidate.key === key && candidate.param === value);
    if (!limit) throw new InvalidLookup(`The change list has no filter '${key}'.`);
    limits[key] = limit.value;
  }

  const base = ma.getQueryset(request);
  let queryset = Object.keys(limits).length ? base.filter(limits as never) : base;
  try {
    for (const filter of filters) queryset = filter.queryset(request, queryset) ?? queryset;
  } catch (error) {
    // A project's filter passing a forged value on to the ORM: refused like the built-in ones.
    if (isLookupRefusal(error)) throw new InvalidLookup(`A filter value is not valid for ${ma.opts.verboseNamePlural}.`);
    throw error;
  }
  if (hierarchy) queryset = applyDateHierarchy(queryset, hierarchy, params);
  const search = (params.get(SEARCH_VAR) ?? '').trim();
  queryset = applySearch(ma, queryset, search);

  const sort = parseSort(params.get(ORDER_VAR), columns);
  const defaults = (ma.options.ordering as readonly string[] | undefined) ?? ma.opts.ordering ?? [];
  const ordered = queryset.orderBy(...(orderingOf(sort, columns, defaults) as never[]));
  const related = ma.selectRelated();
  const rows = related.length ? ordered.selectRelated(...(related as never[])) : ordered;

  let resultCount: number;
  try {
    resultCount = await queryset.count();
  } catch (error) {
    if (isLookupRefusal(error)) throw new InvalidLookup(`A filter value is not valid for ${ma.opts.verboseNamePlural}.`);
    throw error;
  }
  const filtered = params.has(SEARCH_VAR) || Object.keys(limits).length > 0 || [...owned].some((name) => params.has(name));
  const fullCount = filtered ? await base.count() : resultCount;
  const canShowAll = resultCount <= ma.listMaxShowAll;
  const showAll = params.has(ALL_VAR) && canShowAll;
  const numPages = Math.max(1, Math.ceil(resultCount / ma.listPerPage));
  const pageText = params.get(PAGE_VAR) ?? '1';
  if (!/^\d{1,9}$/.test(pageText) || Number(pageText) < 1 || Number(pageText) > numPages)
    throw new InvalidLookup(`The page ${JSON.stringify(pageText)} does not exist (the change list has ${numPages}).`);
  const page = Number(pageText);
  const objects = (showAll ? await rows : await rows.slice((page - 1) * ma.listPerPage, page * ma.listPerPage)) as Model[];

  return {
    columns,
    objects,
    resultCount,
    fullCount,
    page,
    numPages,
    showAll,
    canShowAll,
    multiPage: resultCount > ma.listPerPage,
    search,
    filters: (await Promise.all(filters.map((filter) => describeFilter(filter)))).filter((view): view is ListFilterView => view !== null),
    dateHierarchy: hierarchy ? await describeDateHierarchy(queryset, hierarchy, params) : null,
    sort,
    params,
    queryset,
  };
}
