/**
 * The change list's sidebar filters (Django's ListFilter family). A filter is built per request
 * from the query string; it owns some parameters, narrows the queryset and lists its choices.
 * `SimpleListFilter` is a project's own filter (title, parameterName, lookups, queryset); the
 * filters of one field are in field-list-filters.ts.
 *
 * A value that cannot be one (a forged id, a word where a date belongs) is an InvalidLookup,
 * answered with 400 — never SQL.
 */
import type { HttpRequest } from '@manouche/core';
import type { Model, ModelClass, QuerySet } from '@manouche/orm';
import type { ModelAdmin } from './model-admin.js';

/** A query-string filter value the field cannot take. */
export class InvalidLookup extends Error {
  readonly code = 'MANOUCHE_ADMIN_INVALID_LOOKUP';
}

/** The ORM's refusal of a value or lookup (by its stable codes), which a forged parameter causes. */
export function isLookupRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^MANOUCHE_ORM_(INVALID_VALUE|FIELD_ERROR|VALIDATION_ERROR)$/.test(code);
}

/**
 * One choice in a filter's list.
 *
 * @example
 * const featured: FilterChoice = { label: 'Featured', selected: this.params.has('featured'), query: this.queryWith({ featured: '1' }) };
 */
export interface FilterChoice {
  label: string;
  selected: boolean;
  /** The query string that selects it (the other parameters kept). */
  query: string;
}

/** One filter as the template shows it. */
export interface ListFilterView {
  title: string;
  parameterNames: string[];
  choices: FilterChoice[];
}

/**
 * What a filter is built with for one request (Django's ListFilter arguments).
 *
 * @example
 * const context: FilterContext<Post> = { request, params: new Map([['featured__exact', '1']]), model: Post, modelAdmin: postAdmin };
 * new BooleanFieldListFilter(Post._meta.getField('featured')!, context, 'featured').queryset(request, Post.objects.all()); // featured posts
 */
export interface FilterContext<M extends Model = Model> {
  request: HttpRequest;
  /** The change list's query-string parameters. */
  params: ReadonlyMap<string, string>;
  model: ModelClass<M>;
  modelAdmin: ModelAdmin<M>;
  /** `now` for the date ranges (tests pin it). */
  now?: () => Date;
}

function queryWith(params: ReadonlyMap<string, string>, set: Record<string, string | null>, drop: readonly string[]): string {
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

/**
 * The base of every change-list filter (Django's ListFilter): its title, the parameters it owns,
 * how it narrows the queryset and the choices it offers.
 *
 * @example
 * class FeaturedFilter extends ListFilter<Post> {
 *   title = 'featured';
 *   expectedParameters() { return ['featured']; }
 *   queryset(_request: HttpRequest, queryset: QuerySet<Post>) { return this.params.has('featured') ? queryset.filter({ featured: true }) : queryset; }
 *   choices() { return [{ label: 'Featured', selected: this.params.has('featured'), query: this.queryWith({ featured: '1' }) }]; }
 * }
 */
export abstract class ListFilter<M extends Model = Model> {
  /** The heading of the filter ("By …"). */
  abstract readonly title: string;

  constructor(protected readonly context: FilterContext<M>) {}

  /** The query-string parameters this filter owns (any other unknown parameter is a 400). */
  abstract expectedParameters(): string[];
  /**
   * Narrows the queryset by the parameters present; null or undefined leaves it unchanged. It is
   * synchronous on purpose: a QuerySet is awaitable, so a Promise of one would run it.
   */
  abstract queryset(request: HttpRequest, queryset: QuerySet<M>): QuerySet<M> | null | undefined;
  /** The links of the sidebar. */
  abstract choices(): FilterChoice[] | Promise<FilterChoice[]>;
  /** Whether the filter shows at all (a SimpleListFilter without lookups does not). */
  hasOutput(): boolean | Promise<boolean> {
    return true;
  }

  /** The current parameters. */
  protected get params(): ReadonlyMap<string, string> {
    return this.context.params;
  }

  /** A query string with `set` applied and `drop` removed (the page reset). */
  protected queryWith(set: Record<string, string | null>, drop: readonly string[] = []): string {
    return queryWith(this.context.params, set, drop);
  }
}

/**
 * A class of ListFilter a registration names in `listFilter`. The context parameter is `never` so
 * the model is inferred from the filter the class makes (a constructor parameter would pin it to Model).
 *
 * @example
 * const filters: ListFilterClass<Post>[] = [DecadeFilter, FeaturedFilter];
 * admin.register(Post, { listFilter: [...filters, 'status'] });
 */
export type ListFilterClass<M extends Model = Model> = new (context: never) => ListFilter<NoInfer<M>>;

/**
 * A project's own filter (Django's SimpleListFilter): one parameter, the choices `lookups()` lists,
 * and `queryset()` applying the chosen one (read it with `this.value()`).
 *
 * @example
 * class DecadeFilter extends SimpleListFilter<Article> {
 *   title = 'decade published';
 *   parameterName = 'decade';
 *   lookups() {
 *     return [['80s', 'in the eighties'], ['90s', 'in the nineties']] as const;
 *   }
 *   queryset(_request: HttpRequest, queryset: QuerySet<Article>) {
 *     if (this.value() === '80s') return queryset.filter({ publish__year__gte: 1980, publish__year__lt: 1990 });
 *     if (this.value() === '90s') return queryset.filter({ publish__year__gte: 1990, publish__year__lt: 2000 });
 *     return queryset;
 *   }
 * }
 * admin.register(Article, { listFilter: [DecadeFilter, 'status'] });
 */
export abstract class SimpleListFilter<M extends Model = Model> extends ListFilter<M> {
  /** The query-string parameter (`decade` in `?decade=80s`). */
  abstract readonly parameterName: string;
  private cachedLookups: Array<readonly [string, string]> | undefined;

  /** The choices as `[value, label]` pairs (an empty list hides the filter). */
  abstract lookups(
    request: HttpRequest,
    modelAdmin: ModelAdmin<M>,
  ): Iterable<readonly [unknown, string]> | null | undefined | Promise<Iterable<readonly [unknown, string]> | null | undefined>;

  /** The chosen value, or null when none is. */
  value(): string | null {
    return this.context.params.get(this.parameterName) ?? null;
  }

  expectedParameters(): string[] {
    return [this.parameterName];
  }

  private async lookupList(): Promise<Array<readonly [string, string]>> {
    this.cachedLookups ??= [...((await this.lookups(this.context.request, this.context.modelAdmin)) ?? [])].map(
      ([value, label]) => [String(value), String(label)] as const,
    );
    return this.cachedLookups;
  }

  override async hasOutput(): Promise<boolean> {
    return (await this.lookupList()).length > 0;
  }

  async choices(): Promise<FilterChoice[]> {
    const current = this.value();
    const choices: FilterChoice[] = [{ label: 'All', selected: current === null, query: this.queryWith({}, [this.parameterName]) }];
    for (const [value, label] of await this.lookupList()) {
      choices.push({ label, selected: current === value, query: this.queryWith({ [this.parameterName]: value }) });
    }
    return choices;
  }
}

/** A listFilter entry as a registration writes it. */
export type ListFilterEntry = string | ListFilterClass<Model> | readonly [string, new (field: never, context: never, fieldPath: string) => ListFilter<Model>];
