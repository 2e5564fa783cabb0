/**
 * The filters of one field (Django's FieldListFilter family): booleans, choices, dates with
 * Django's ranges, foreign keys (every related object, or only those in use), distinct values,
 * and empty or not. `FieldListFilter.classFor(field)` picks the kind a plain field name gets.
 */
import type { HttpRequest } from '@manouche/core';
import { Q, type Field, type Model, type ModelClass, type QuerySet } from '@manouche/orm';
import { InvalidLookup, ListFilter, type FilterChoice, type FilterContext } from './list-filters.js';
import { fieldLabel } from './model-admin.js';

function startOfDayUtc(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Django's date ranges: any date, today, past 7 days, this month, this year. */
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

function parseBooleanSafe(value: string): boolean | undefined {
  try {
    return parseBoolean(value, '');
  } catch {
    return undefined;
  }
}

const INTEGER_TYPES = new Set([
  'auto',
  'bigAuto',
  'smallAuto',
  'integer',
  'bigInteger',
  'smallInteger',
  'positiveInteger',
  'positiveSmallInteger',
  'positiveBigInteger',
]);

/** A query-string value as `field` holds it; throws InvalidLookup when it cannot be one. */
export function parseFieldValue(field: Field, value: string, parameter: string): unknown {
  if (INTEGER_TYPES.has(field.type)) {
    if (!/^-?\d{1,18}$/.test(value)) throw new InvalidLookup(`The filter ${parameter}=${JSON.stringify(value)} is not a whole number.`);
    return Number(value);
  }
  if (field.type === 'boolean') return parseBoolean(value, parameter);
  return value;
}

/** The model a relation field points at (the field may sit on a model reached through `fk__`). */
function remoteOf(model: ModelClass, field: Field): ModelClass {
  return ((field.model as ModelClass | undefined) ?? model)._meta.remoteModel(field as never);
}

/**
 * A filter on one field (Django's FieldListFilter); `fieldPath` may follow foreign keys
 * (`author__name`). Subclass it, or one of its kinds, for a custom field filter:
 * `listFilter: [['author', RelatedOnlyFieldListFilter]]`.
 *
 * @example
 * FieldListFilter.classFor(Post._meta.getField('publish')!); // DateFieldListFilter, what listFilter: ['publish'] gets
 * class AuthorFilter extends RelatedOnlyFieldListFilter<Post> { override readonly title = 'written by'; }
 * admin.register(Post, { listFilter: [['author', AuthorFilter]] });
 */
export abstract class FieldListFilter<M extends Model = Model> extends ListFilter<M> {
  readonly title: string;

  constructor(
    readonly field: Field,
    context: FilterContext<M>,
    readonly fieldPath: string,
  ) {
    super(context);
    this.title = fieldLabel(field);
  }

  /** The default filter class for a field (Django's registry of FieldListFilter tests). */
  static classFor(field: Field): FieldListFilterClass {
    if (field.type === 'date' || field.type === 'dateTime') return DateFieldListFilter;
    if (field.type === 'foreignKey' || field.type === 'oneToOne' || field.type === 'manyToMany') return RelatedFieldListFilter;
    if (field.type === 'boolean') return BooleanFieldListFilter;
    if (field.options.choices) return ChoicesFieldListFilter;
    return AllValuesFieldListFilter;
  }

  protected get isnull(): string {
    return `${this.fieldPath}__isnull`;
  }

  protected get nullable(): boolean {
    return this.field.nullable || this.field.type === 'manyToMany';
  }

  /** Applies `{lookup: value}` for the parameters present. */
  protected filterBy(queryset: QuerySet<M>, filter: Record<string, unknown>): QuerySet<M> {
    return Object.keys(filter).length ? queryset.filter(filter as never) : queryset;
  }
}

/**
 * A class of FieldListFilter, for `[field, FilterClass]` in listFilter (context typed as in ListFilterClass).
 *
 * @example
 * const onlyUsed: FieldListFilterClass<Post> = RelatedOnlyFieldListFilter;
 * admin.register(Post, { listFilter: [['author', onlyUsed]] });
 */
export type FieldListFilterClass<M extends Model = Model> = new (field: Field, context: never, fieldPath: string) => FieldListFilter<NoInfer<M>>;

/**
 * A filter on one value of the field (`<path>__exact`) or its absence (`<path>__isnull`): All, one
 * choice per value, and the empty value when the field can be empty. Its kinds say which values.
 */
abstract class ExactValueListFilter<M extends Model = Model> extends FieldListFilter<M> {
  /** The parameter holding the chosen value. */
  protected get exact(): string {
    return `${this.fieldPath}__exact`;
  }
  /** The lookup the chosen value filters on. */
  protected get lookup(): string {
    return this.fieldPath;
  }
  /** The chosen value as the lookup takes it (InvalidLookup when it cannot be one). */
  protected abstract parse(raw: string): unknown;
  /** The offered values, as `[parameter value, label]`. */
  protected abstract values(): Iterable<readonly [string, string]> | Promise<Iterable<readonly [string, string]>>;
  /** Whether the parameter's raw value selects `value` (boolean filters accept 1/True/true alike). */
  protected selects(current: string, value: string): boolean {
    return current === value;
  }
  /** The label of the "no value" choice. */
  protected get emptyLabel(): string {
    return this.context.modelAdmin.emptyValueDisplay;
  }

  expectedParameters(): string[] {
    return [this.exact, this.isnull];
  }

  queryset(_request: HttpRequest, queryset: QuerySet<M>): QuerySet<M> {
    const filter: Record<string, unknown> = {};
    const raw = this.params.get(this.exact);
    if (raw !== undefined) filter[this.lookup] = this.parse(raw);
    if (this.params.has(this.isnull)) filter[this.isnull] = parseBoolean(this.params.get(this.isnull)!, this.isnull);
    return this.filterBy(queryset, filter);
  }

  async choices(): Promise<FilterChoice[]> {
    const { exact, isnull } = this;
    const current = this.params.get(exact);
    const choices: FilterChoice[] = [{ label: 'All', selected: current === undefined && !this.params.has(isnull), query: this.queryWith({}, [exact, isnull]) }];
    for (const [value, label] of await this.values()) {
      choices.push({ label, selected: current !== undefined && this.selects(current, value), query: this.queryWith({ [exact]: value }, [isnull]) });
    }
    if (this.nullable)
      choices.push({ label: this.emptyLabel, selected: this.params.get(isnull) === 'True', query: this.queryWith({ [isnull]: 'True' }, [exact]) });
    return choices;
  }
}

/**
 * Booleans: All, Yes, No (and Unknown when nullable).
 *
 * @example
 * admin.register(Post, { listFilter: ['featured'] }); // "Yes" links to ?featured__exact=1
 */
export class BooleanFieldListFilter<M extends Model = Model> extends ExactValueListFilter<M> {
  protected parse(raw: string): boolean {
    return parseBoolean(raw, this.exact);
  }
  protected values(): Array<readonly [string, string]> {
    return [
      ['1', 'Yes'],
      ['0', 'No'],
    ];
  }
  protected override selects(current: string, value: string): boolean {
    return parseBooleanSafe(current) === (value === '1');
  }
  protected override get emptyLabel(): string {
    return 'Unknown';
  }
}

/**
 * A field with choices: All and each choice by its label (and the empty value when nullable).
 *
 * @example
 * admin.register(Post, { listFilter: ['status'] }); // "Published" links to ?status__exact=PB
 */
export class ChoicesFieldListFilter<M extends Model = Model> extends ExactValueListFilter<M> {
  protected get choiceList(): ReadonlyArray<readonly [unknown, string]> {
    return (this.field.options.choices as ReadonlyArray<readonly [unknown, string]> | undefined) ?? [];
  }
  protected parse(raw: string): unknown {
    const value = parseFieldValue(this.field, raw, this.exact);
    if (!this.choiceList.some(([choice]) => String(choice) === raw || choice === value))
      throw new InvalidLookup(`The filter ${this.exact}=${JSON.stringify(raw)} is not one of the choices of ${this.fieldPath}.`);
    return value;
  }
  protected values(): Array<readonly [string, string]> {
    return this.choiceList.map(([value, label]) => [String(value), label] as const);
  }
}

/**
 * Dates: any date, today, past 7 days, this month, this year (no date/has date when nullable).
 *
 * @example
 * admin.register(Post, { listFilter: ['publish'] }); // "This month" links to ?publish__gte=2026-12-01&publish__lt=2027-01-01
 */
export class DateFieldListFilter<M extends Model = Model> extends FieldListFilter<M> {
  protected get gte(): string {
    return `${this.fieldPath}__gte`;
  }
  protected get lt(): string {
    return `${this.fieldPath}__lt`;
  }
  expectedParameters(): string[] {
    return [this.gte, this.lt, this.isnull];
  }
  queryset(_request: HttpRequest, queryset: QuerySet<M>): QuerySet<M> {
    const filter: Record<string, unknown> = {};
    if (this.params.has(this.gte)) filter[this.gte] = parseDate(this.params.get(this.gte)!, this.gte);
    if (this.params.has(this.lt)) filter[this.lt] = parseDate(this.params.get(this.lt)!, this.lt);
    if (this.params.has(this.isnull)) filter[this.isnull] = parseBoolean(this.params.get(this.isnull)!, this.isnull);
    return this.filterBy(queryset, filter);
  }
  choices(): FilterChoice[] {
    const { gte, lt, isnull } = this;
    const choices: FilterChoice[] = dateRanges((this.context.now ?? (() => new Date()))()).map(([label, from, to]) => ({
      label,
      selected: (this.params.get(gte) ?? null) === from && (this.params.get(lt) ?? null) === to && !this.params.has(isnull),
      query: this.queryWith({ [gte]: from, [lt]: to, [isnull]: null }),
    }));
    if (this.nullable) {
      choices.push({ label: 'No date', selected: this.params.get(isnull) === 'True', query: this.queryWith({ [isnull]: 'True', [gte]: null, [lt]: null }) });
      choices.push({ label: 'Has date', selected: this.params.get(isnull) === 'False', query: this.queryWith({ [isnull]: 'False', [gte]: null, [lt]: null }) });
    }
    return choices;
  }
}

/**
 * Foreign keys and many-to-many: every related object (`author__id__exact`), and the empty value when nullable.
 *
 * @example
 * admin.register(Post, { listFilter: ['author', 'tags'] }); // one link per author: ?author__id__exact=3
 */
export class RelatedFieldListFilter<M extends Model = Model> extends ExactValueListFilter<M> {
  protected get remote(): ModelClass {
    return remoteOf(this.context.model as unknown as ModelClass, this.field);
  }
  protected override get exact(): string {
    return `${this.fieldPath}__${this.remote._meta.pk.name}__exact`;
  }
  protected override get lookup(): string {
    return `${this.fieldPath}__${this.remote._meta.pk.name}`;
  }
  protected parse(raw: string): unknown {
    return parseFieldValue(this.remote._meta.pk, raw, this.exact);
  }
  override queryset(request: HttpRequest, queryset: QuerySet<M>): QuerySet<M> {
    const filtered = super.queryset(request, queryset);
    // A many-to-many join repeats an object once per matching row.
    return this.field.type === 'manyToMany' && this.params.has(this.exact) ? filtered.distinct() : filtered;
  }
  /** The related objects offered (every one; RelatedOnlyFieldListFilter narrows them). */
  protected relatedObjects(): Promise<Model[]> {
    return (this.remote.objects as { all(): QuerySet<Model> }).all() as unknown as Promise<Model[]>;
  }
  protected async values(): Promise<Array<readonly [string, string]>> {
    return (await this.relatedObjects()).map((obj) => [String(obj.pk), String(obj)] as const);
  }
}

/**
 * Like RelatedFieldListFilter, offering only the related objects the admin's own objects use.
 *
 * @example
 * admin.register(Post, { listFilter: [['author', RelatedOnlyFieldListFilter]] }); // only authors who wrote a post
 */
export class RelatedOnlyFieldListFilter<M extends Model = Model> extends RelatedFieldListFilter<M> {
  protected override async relatedObjects(): Promise<Model[]> {
    const used = (await this.context.modelAdmin
      .getQueryset(this.context.request)
      // No ordering: PostgreSQL refuses ORDER BY columns outside a SELECT DISTINCT.
      .orderBy()
      .distinct()
      .valuesList(`${this.fieldPath}__${this.remote._meta.pk.name}` as never, { flat: true } as never)) as unknown[];
    const ids = used.filter((id) => id !== null);
    return (await (this.remote.objects as { all(): QuerySet<Model> }).all().filter({ pk__in: ids } as never)) as Model[];
  }
}

/**
 * Any other field: All and each distinct value present (and the empty value when nullable).
 *
 * @example
 * admin.register(Post, { listFilter: ['author__name'] }); // one link per name in use: ?author__name__exact=Django
 */
export class AllValuesFieldListFilter<M extends Model = Model> extends ExactValueListFilter<M> {
  protected parse(raw: string): unknown {
    return parseFieldValue(this.field, raw, this.exact);
  }
  protected async values(): Promise<Array<readonly [string, string]>> {
    const values = (await this.context.modelAdmin
      .getQueryset(this.context.request)
      .orderBy(this.fieldPath as never)
      .distinct()
      .valuesList(this.fieldPath as never, { flat: true } as never)) as unknown[];
    return values.filter((value) => value !== null && value !== '').map((value) => [String(value), String(value)] as const);
  }
}

/**
 * Empty or not (Django's EmptyFieldListFilter, `<field>__isempty=1|0`): '' or null count as empty.
 *
 * @example
 * admin.register(Post, { listFilter: [['body', EmptyFieldListFilter]] }); // "Empty" links to ?body__isempty=1
 */
export class EmptyFieldListFilter<M extends Model = Model> extends FieldListFilter<M> {
  protected get isempty(): string {
    return `${this.fieldPath}__isempty`;
  }
  expectedParameters(): string[] {
    return [this.isempty];
  }
  queryset(_request: HttpRequest, queryset: QuerySet<M>): QuerySet<M> {
    const raw = this.params.get(this.isempty);
    if (raw === undefined) return queryset;
    if (raw !== '0' && raw !== '1') throw new InvalidLookup(`The filter ${this.isempty}=${JSON.stringify(raw)} is not 1 or 0.`);
    const textual = ['char', 'text', 'slug', 'email', 'url'].includes(this.field.type);
    const empties = [
      ...(textual ? [{ [this.fieldPath]: '' }] : []),
      ...(this.field.nullable || this.field.type === 'manyToMany' ? [{ [this.isnull]: true }] : []),
    ];
    if (!empties.length) throw new InvalidLookup(`The field ${this.fieldPath} cannot be empty, so ${this.isempty} does not apply.`);
    const anyEmpty = empties.map((condition) => Q(condition as never)).reduce((all, q) => all.or(q));
    return raw === '1' ? queryset.filter(anyEmpty as never) : queryset.exclude(anyEmpty as never);
  }
  choices(): FilterChoice[] {
    const current = this.params.get(this.isempty);
    return [
      { label: 'All', selected: current === undefined, query: this.queryWith({}, [this.isempty]) },
      { label: 'Empty', selected: current === '1', query: this.queryWith({ [this.isempty]: '1' }) },
      { label: 'Not empty', selected: current === '0', query: this.queryWith({ [this.isempty]: '0' }) },
    ];
  }
}
