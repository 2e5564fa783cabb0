/**
 * The change list's sidebar filters (Django's FieldListFilter family): booleans, choices,
 * dates with Django's ranges, foreign keys, and all distinct values of other fields. Each turns
 * its query-string parameters into a filter; a value that cannot be one (a forged id, a word
 * where a date belongs) is an InvalidLookup, never SQL.
 */
import type { Field, Model, ModelClass, QuerySet } from '@manouche/orm';
import { fieldLabel } from './model-admin.js';

/** A query-string filter value the field cannot take. */
export class InvalidLookup extends Error {
  readonly code = 'MANOUCHE_ADMIN_INVALID_LOOKUP';
}

/** One choice in a filter's list. */
export interface FilterChoice {
  label: string;
  selected: boolean;
  /** The query string that selects it (the other parameters kept). */
  query: string;
}

/** One filter as the template shows it. */
export interface ListFilter {
  title: string;
  parameterNames: string[];
  choices: FilterChoice[];
}

type Params = Map<string, string>;

function queryWith(params: Params, set: Record<string, string | null>, drop: readonly string[]): string {
  const next = new Map(params);
  for (const name of drop) next.delete(name);
  next.delete('p');
  for (const [name, value] of Object.entries(set)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  const search = new URLSearchParams([...next.entries()]).toString();
  return search ? `?${search}` : '?';
}

function startOfDayUtc(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Django's date ranges: any date, today, past 7 days, this month, this year (and no date/has date when nullable). */
function dateRanges(now: Date): Array<[string, string | null, string | null]> {
  const today = startOfDayUtc(now);
  const tomorrow = new Date(today.getTime() + 86_400_000);
  const weekAgo = new Date(today.getTime() - 7 * 86_400_000);
  const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const nextMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  const year = new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  const nextYear = new Date(Date.UTC(today.getUTCFullYear() + 1, 0, 1));
  return [
    ['Any date', null, null],
    ['Today', isoDate(today), isoDate(tomorrow)],
    ['Past 7 days', isoDate(weekAgo), isoDate(tomorrow)],
    ['This month', isoDate(month), isoDate(nextMonth)],
    ['This year', isoDate(year), isoDate(nextYear)],
  ];
}

function parseDate(value: string, parameter: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || Number.isNaN(date.getTime()) || isoDate(date) !== value)
    throw new InvalidLookup(`The filter ${parameter}=${JSON.stringify(value)} is not a date (expected YYYY-MM-DD).`);
  return date;
}

function parseBoolean(value: string, parameter: string): boolean {
  if (value === '1' || value === 'True' || value === 'true') return true;
  if (value === '0' || value === 'False' || value === 'false') return false;
  throw new InvalidLookup(`The filter ${parameter}=${JSON.stringify(value)} is not a boolean (expected 1 or 0).`);
}

function parseIsNull(value: string, parameter: string): boolean {
  return parseBoolean(value, parameter);
}

function parseFieldValue(field: Field, value: string, parameter: string): unknown {
  switch (field.type) {
    case 'auto':
    case 'bigAuto':
    case 'smallAuto':
    case 'integer':
    case 'bigInteger':
    case 'smallInteger':
    case 'positiveInteger':
    case 'positiveSmallInteger':
    case 'positiveBigInteger':
      if (!/^-?\d+$/.test(value)) throw new InvalidLookup(`The filter ${parameter}=${JSON.stringify(value)} is not a whole number.`);
      return Number(value);
    case 'boolean':
      return parseBoolean(value, parameter);
    default:
      return value;
  }
}

/** A filter for one listFilter field: what it offers and how it narrows the queryset. */
export interface FieldFilter {
  /** The query-string parameters this filter owns. */
  parameterNames(): string[];
  /** Narrows the queryset by the parameters present (throws InvalidLookup on a bad value). */
  apply(queryset: QuerySet<Model>, params: Params): QuerySet<Model>;
  /** The sidebar entry. */
  describe(params: Params, emptyValue: string): Promise<ListFilter>;
}

/** The filter for `name` on `model` (boolean, choices, date, foreign key or all values). */
export function fieldFilter(model: ModelClass, name: string, now: () => Date = () => new Date()): FieldFilter {
  const field = model._meta.getField(name);
  if (!field) throw new Error(`listFilter names '${name}', which is not a field of ${model.name}.`);
  const title = fieldLabel(field);
  const isnull = `${name}__isnull`;
  const nullable = field.nullable;

  if (field.type === 'date' || field.type === 'dateTime') {
    const gte = `${name}__gte`;
    const lt = `${name}__lt`;
    return {
      parameterNames: () => [gte, lt, isnull],
      apply(queryset, params) {
        const filter: Record<string, unknown> = {};
        if (params.has(gte)) filter[gte] = parseDate(params.get(gte)!, gte);
        if (params.has(lt)) filter[lt] = parseDate(params.get(lt)!, lt);
        if (params.has(isnull)) filter[isnull] = parseIsNull(params.get(isnull)!, isnull);
        return Object.keys(filter).length ? queryset.filter(filter as never) : queryset;
      },
      async describe(params) {
        const choices: FilterChoice[] = dateRanges(now()).map(([label, from, to]) => ({
          label,
          selected: (params.get(gte) ?? null) === from && (params.get(lt) ?? null) === to && !params.has(isnull),
          query: queryWith(params, { [gte]: from, [lt]: to, [isnull]: null }, []),
        }));
        if (nullable) {
          choices.push({
            label: 'No date',
            selected: params.get(isnull) === 'True',
            query: queryWith(params, { [isnull]: 'True', [gte]: null, [lt]: null }, []),
          });
          choices.push({
            label: 'Has date',
            selected: params.get(isnull) === 'False',
            query: queryWith(params, { [isnull]: 'False', [gte]: null, [lt]: null }, []),
          });
        }
        return { title, parameterNames: [gte, lt, isnull], choices };
      },
    };
  }

  if (field.type === 'foreignKey' || field.type === 'oneToOne') {
    const remote = model._meta.remoteModel(field as never);
    const pkName = remote._meta.pk.name;
    const exact = `${name}__${pkName}__exact`;
    return {
      parameterNames: () => [exact, isnull],
      apply(queryset, params) {
        const filter: Record<string, unknown> = {};
        if (params.has(exact)) filter[`${name}__${pkName}`] = parseFieldValue(remote._meta.pk, params.get(exact)!, exact);
        if (params.has(isnull)) filter[isnull] = parseIsNull(params.get(isnull)!, isnull);
        return Object.keys(filter).length ? queryset.filter(filter as never) : queryset;
      },
      async describe(params, emptyValue) {
        const related = (await (remote.objects as { all(): QuerySet<Model> }).all()) as Model[];
        const choices: FilterChoice[] = [{ label: 'All', selected: !params.has(exact) && !params.has(isnull), query: queryWith(params, {}, [exact, isnull]) }];
        for (const obj of related) {
          choices.push({ label: String(obj), selected: params.get(exact) === String(obj.pk), query: queryWith(params, { [exact]: String(obj.pk) }, [isnull]) });
        }
        if (nullable) choices.push({ label: emptyValue, selected: params.get(isnull) === 'True', query: queryWith(params, { [isnull]: 'True' }, [exact]) });
        return { title, parameterNames: [exact, isnull], choices };
      },
    };
  }

  const exact = `${name}__exact`;
  const choiceList = field.options.choices as ReadonlyArray<readonly [unknown, string]> | undefined;
  return {
    parameterNames: () => [exact, isnull],
    apply(queryset, params) {
      const filter: Record<string, unknown> = {};
      if (params.has(exact)) {
        const value = parseFieldValue(field, params.get(exact)!, exact);
        if (choiceList && !choiceList.some(([choice]) => String(choice) === String(params.get(exact)) || choice === value)) {
          throw new InvalidLookup(`The filter ${exact}=${JSON.stringify(params.get(exact))} is not one of the choices of ${name}.`);
        }
        filter[name] = value;
      }
      if (params.has(isnull)) filter[isnull] = parseIsNull(params.get(isnull)!, isnull);
      return Object.keys(filter).length ? queryset.filter(filter as never) : queryset;
    },
    async describe(params, emptyValue) {
      const choices: FilterChoice[] = [{ label: 'All', selected: !params.has(exact) && !params.has(isnull), query: queryWith(params, {}, [exact, isnull]) }];
      let values: Array<readonly [string, string]>;
      if (field.type === 'boolean')
        values = [
          ['1', 'Yes'],
          ['0', 'No'],
        ];
      else if (choiceList) values = choiceList.map(([value, label]) => [String(value), label] as const);
      else {
        const rows = (await (model.objects as { all(): QuerySet<Model> })
          .all()
          .orderBy(name as never)
          .distinct()
          .valuesList(name as never, { flat: true } as never)) as unknown[];
        values = rows.filter((value) => value !== null && value !== '').map((value) => [String(value), String(value)] as const);
      }
      for (const [value, label] of values) {
        const current = params.get(exact);
        const selected = current !== undefined && (current === value || (field.type === 'boolean' && parseBooleanSafe(current) === (value === '1')));
        choices.push({ label, selected, query: queryWith(params, { [exact]: value }, [isnull]) });
      }
      if (nullable)
        choices.push({
          label: field.type === 'boolean' ? 'Unknown' : emptyValue,
          selected: params.get(isnull) === 'True',
          query: queryWith(params, { [isnull]: 'True' }, [exact]),
        });
      return { title, parameterNames: [exact, isnull], choices };
    },
  };
}

function parseBooleanSafe(value: string): boolean | undefined {
  try {
    return parseBoolean(value, '');
  } catch {
    return undefined;
  }
}
