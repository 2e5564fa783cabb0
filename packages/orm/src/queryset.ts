import { connection, valueContext } from './config.js';
import type { Connection } from './connection.js';
import { FieldError, QuerySetError } from './errors.js';
import { Expression, OrderBy, Q, QNode } from './expressions.js';
import type { Model } from './model.js';
import type { ModelClass } from './model-options.js';
import type { AnnotationLookups, FieldPath, Lookups, OrderName, UpdateValues } from './model-types.js';
import { deleteQuerySet } from './deletion.js';
import { bulkCreateInstances, bulkUpdateInstances, saveInstance } from './persistence.js';
import { prefetchRelatedObjects } from './prefetch.js';
import { SqlCompiler, valueField } from './query/compiler.js';
import { TruncExpression, type TruncKind } from './datetime-functions.js';
import type { ConflictOptions } from './bulk-conflicts.js';
import { changedState, emptyState, type QueryState } from './query/query-state.js';
import { compileSelect, effectiveOrdering } from './query/select.js';
import { prepareQuery } from './query/shape-cache.js';
import { aggregateQuery, COUNT_QUERY, EXISTS_QUERY, SELECT_QUERY } from './query/query-kinds.js';
import { pkFilteredWhere } from './query/write.js';

const MAX_GET_RESULTS = 21;
/** get()'s ordering: none (one shared list; states are never changed in place). */
const NO_ORDERING: string[] = Object.freeze([]) as unknown as string[];

/**
 * A filter argument: typed lookups or a Q node.
 *
 * @example
 * const published: FilterArg<Post> = Q({ status: 'PB' }).or(Q({ views__gt: 100 }));
 * await Post.objects.filter(published).count();
 */
export type FilterArg<M, R = M> = (Lookups<M> & AnnotationLookups<M, R>) | QNode | Expression;

/**
 * A lazy, immutable, chainable query. Awaiting it (or iterating it with `for await`) runs it;
 * every chained call returns a new queryset. `R` is the row type (the model, or values() rows).
 *
 * @example
 * const posts = await Post.objects.filter({ title__icontains: 'django' }).orderBy('-publish').slice(0, 20);
 */
export class QuerySet<M extends Model = Model, R = M> implements PromiseLike<R[]>, AsyncIterable<R> {
  readonly model: ModelClass<M>;
  /** @internal */
  readonly state: QueryState;
  /** @internal Rows already known (prefetched relations). */
  resultCache: R[] | undefined;

  constructor(model: ModelClass<M>, state: QueryState = emptyState()) {
    this.model = model;
    this.state = state;
  }

  /** @internal A copy with `change` applied (keeps the subclass, so custom methods chain). */
  clone<T = this>(change: Partial<QueryState>): T {
    const Ctor = this.constructor as new (model: ModelClass<M>, state: QueryState) => QuerySet<M, R>;
    return new Ctor(this.model, changedState(this.state, change)) as T;
  }

  private assertNotSliced(operation: string): void {
    if (this.state.low !== 0 || this.state.high !== undefined) {
      throw new QuerySetError(`Cannot ${operation} once a slice has been taken on ${this.model.name}.`);
    }
  }

  /** A copy of this queryset. */
  all(): this {
    return this.clone({});
  }

  /**
   * Rows matching every lookup (`title__icontains`, `publish__year`, `author__username__iexact`) or Q object.
   *
   * @example
   * Post.objects.filter({ status: 'published', publish__year: 2026 })
   */
  filter(...conditions: Array<FilterArg<M, R>>): this {
    this.assertNotSliced('filter');
    if (conditions.length === 0) return this.clone({});
    const node = conditions.length === 1 ? toNode(conditions[0]) : new QNode(conditions.map(toNode));
    const where = this.state.where;
    if (this.state.stickyFilter && where.length > 0) return this.clone({ where: [...where.slice(0, -1), new QNode([where[where.length - 1], node])] });
    return this.clone({ where: [...where, node] });
  }

  /** Rows matching none of the conditions. @example Post.objects.exclude({ status: 'draft' }) */
  exclude(...conditions: Array<FilterArg<M, R>>): this {
    this.assertNotSliced('exclude');
    if (conditions.length === 0) return this.clone({});
    const node = (conditions.length === 1 ? toNode(conditions[0]) : new QNode(conditions.map(toNode))).not();
    return this.clone({ where: [...this.state.where, node] });
  }

  /** Orders by field paths; `-` for descending, `?` for random. No names clears any ordering. */
  orderBy(...names: Array<OrderName<M, R> | OrderBy | Expression>): this {
    this.assertNotSliced('reorder');
    return this.clone({ ordering: names as Array<string | OrderBy | Expression> });
  }

  /** The same query in the opposite order. */
  reverse(): this {
    const ordering = effectiveOrdering(this.model, this.state);
    const base = ordering.length > 0 ? ordering : ['pk'];
    return this.clone({ ordering: base.map(reversedOrder) });
  }

  /** SELECT DISTINCT. */
  distinct(): this {
    return this.clone({ distinct: true });
  }

  /** Python's `qs[start:end]` as LIMIT/OFFSET. @example Post.objects.all().slice(0, 20) */
  slice(start: number, end?: number): this {
    if (!Number.isInteger(start) || start < 0 || (end !== undefined && (!Number.isInteger(end) || end < 0))) {
      throw new QuerySetError(`slice(${start}, ${end}) on ${this.model.name}: bounds must be non-negative whole numbers (negative indexing is not supported).`);
    }
    const low = this.state.low + start;
    let high = end === undefined ? this.state.high : this.state.low + end;
    if (this.state.high !== undefined && high !== undefined) high = Math.min(high, this.state.high);
    return this.clone({ low, high: high !== undefined ? Math.max(high, low) : undefined });
  }

  /** Follows foreign keys in the same query (a JOIN): `post.author` is then loaded. */
  selectRelated(...paths: Array<FieldPath<M>>): this {
    return this.clone({ selectRelated: [...this.state.selectRelated, ...(paths as string[])] });
  }

  /** Loads relations with one extra query per relation after the main query. */
  prefetchRelated(...paths: string[]): this {
    return this.clone({ prefetch: [...this.state.prefetch, ...paths] });
  }

  /** Loads only these fields (and the primary key). */
  only(...names: Array<FieldPath<M>>): this {
    return this.clone({ only: names as string[], defer: [] });
  }

  /** Loads every field except these. */
  defer(...names: Array<FieldPath<M>>): this {
    const pk = this.model._meta.pk;
    for (const name of names as string[]) {
      if (name === 'pk' || name === pk.name || name === pk.attname)
        throw new FieldError(`defer('${name}') on ${this.model.name}: the primary key cannot be deferred (it is always loaded).`);
    }
    return this.clone({ defer: [...this.state.defer, ...(names as string[])] });
  }

  /** Runs on the DATABASES alias `alias`. */
  using(alias: string | undefined): this {
    return this.clone({ using: alias });
  }

  /** A queryset that matches nothing (and runs no query). */
  none(): this {
    return this.clone({ none: true });
  }

  /**
   * Adds computed values to each row: aggregates over relations (`Count('posts')`) or F expressions.
   *
   * @example
   * const authors = await Author.objects.annotate({ postCount: Count('posts') }).orderBy('-postCount');
   */
  annotate<A extends Record<string, Expression>>(annotations: A): QuerySet<M, R extends M ? M & { [K in keyof A]: unknown } : R & { [K in keyof A]: unknown }> {
    for (const name of Object.keys(annotations)) {
      if (this.model._meta.getField(name)) throw new FieldError(`The annotation "${name}" conflicts with a field on ${this.model.name}.`);
    }
    return this.clone({ annotations: { ...this.state.annotations, ...annotations } });
  }

  /** Rows as plain objects of these fields (all fields when none are named). */
  values<K extends FieldPath<M> | (string & {})>(...names: K[]): QuerySet<M, Record<K, unknown>> {
    return this.clone({ values: { fields: names as string[], mode: 'dict' } });
  }

  /** Rows as arrays of these fields; with `{ flat: true }` and one field, the values themselves. */
  valuesList(...args: Array<string | { flat: boolean }>): QuerySet<M, unknown> {
    const flat = args.some((arg) => typeof arg === 'object' && arg.flat);
    const names = args.filter((arg): arg is string => typeof arg === 'string');
    if (flat && names.length !== 1) throw new QuerySetError(`valuesList(..., { flat: true }) needs exactly one field; got ${names.length}.`);
    return this.clone({ values: { fields: names, mode: flat ? 'flat' : 'list' } });
  }

  /**
   * The distinct dates (`YYYY-MM-DD`) of a date or datetime field cut down to `kind`, in the
   * current time zone (Django's dates()).
   *
   * @example
   * const months = await Post.objects.dates('publish', 'month', 'DESC');   // ['2026-03-01', '2026-01-01']
   */
  dates(field: FieldPath<M>, kind: 'year' | 'quarter' | 'month' | 'week' | 'day', order: 'ASC' | 'DESC' = 'ASC'): QuerySet<M, string> {
    return this.truncatedValues('dates', field as string, kind, order, true) as QuerySet<M, string>;
  }

  /** The distinct datetimes of a datetime field cut down to `kind`, in the current time zone (Django's datetimes()). @example await Post.objects.datetimes('publish', 'hour') */
  datetimes(field: FieldPath<M>, kind: TruncKind, order: 'ASC' | 'DESC' = 'ASC'): QuerySet<M, Date> {
    return this.truncatedValues('datetimes', field as string, kind, order, false) as QuerySet<M, Date>;
  }

  private truncatedValues(method: string, name: string, kind: string, order: string, asDate: boolean): QuerySet<M, unknown> {
    const field = this.model._meta.requireField(name, `${method}()`);
    const allowed = asDate ? ['year', 'quarter', 'month', 'week', 'day'] : ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
    if (!(asDate ? ['date', 'dateTime'] : ['dateTime']).includes(field.type))
      throw new FieldError(
        `${method}() on ${this.model.name}: "${name}" is a ${field.type} field; expected ${asDate ? 'a date or dateTime' : 'a dateTime'} field.`,
      );
    if (!allowed.includes(kind)) throw new QuerySetError(`${method}() on ${this.model.name}: kind must be one of ${allowed.join(', ')}; got "${kind}".`);
    if (order !== 'ASC' && order !== 'DESC') throw new QuerySetError(`${method}() on ${this.model.name}: order must be 'ASC' or 'DESC'; got "${order}".`);
    const alias = 'truncatedValue';
    return this.clone<QuerySet<M, M>>({
      annotations: { [alias]: new TruncExpression(field.name, kind as TruncKind, asDate) },
      values: { fields: [alias], mode: 'flat' },
      distinct: true,
      ordering: [order === 'DESC' ? `-${alias}` : alias],
    }).filter({ [`${alias}__isnull`]: false } as never) as unknown as QuerySet<M, unknown>;
  }

  /** @internal Extra selected columns (prefetching). */
  withExtra(path: string, as: string): this {
    return this.clone({ extra: [...this.state.extra, { path, as }] });
  }

  /** Runs the query; the rows. */
  then<A = R[], B = never>(
    onFulfilled?: ((rows: R[]) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    let loaded: R[] | Promise<R[]>;
    try {
      loaded = this.rowsOrPromise();
    } catch (error) {
      return Promise.reject(error).then(onFulfilled, onRejected);
    }
    return (Array.isArray(loaded) ? Promise.resolve(loaded) : loaded).then(onFulfilled, onRejected);
  }

  /**
   * A QuerySet is not synchronously iterable (its rows come from the database): iterating one that
   * was not awaited — `for (const p of posts)` in a template or loop, `[...posts]` — fails saying so,
   * instead of JavaScript's "is not iterable". The return type keeps TypeScript refusing it too.
   */
  [Symbol.iterator](): 'await the QuerySet first' {
    throw new QuerySetError(
      `QuerySet for ${this.model.name} is not evaluated: await it (or pass await qs.all()) before iterating it in a template or loop, or use for await (… of qs).`,
    );
  }

  async *[Symbol.asyncIterator](): AsyncIterator<R> {
    for (const row of await this.fetch()) yield row;
  }

  /**
   * Iterates in chunks of `chunkSize` rows (one query per chunk), so large tables never sit in memory at once.
   *
   * @example
   * for await (const post of Post.objects.iterator({ chunkSize: 500 })) index(post);
   */
  async *iterator(options: { chunkSize?: number } = {}): AsyncGenerator<R> {
    const size = options.chunkSize ?? 2000;
    if (!Number.isInteger(size) || size < 1) throw new QuerySetError(`iterator({ chunkSize }) needs a positive whole number, got ${size}.`);
    const ordering = effectiveOrdering(this.model, this.state);
    const stable = ordering.includes('pk') || ordering.includes('-pk') ? ordering : [...ordering, 'pk'];
    const base = this.clone<QuerySet<M, R>>({ ordering: stable });
    const end = this.state.high;
    for (let offset = 0; ; offset += size) {
      const stop = end === undefined ? offset + size : Math.min(offset + size, end - this.state.low);
      if (stop <= offset) return;
      const rows = await base.slice(offset, stop).fetch();
      for (const row of rows) yield row;
      if (rows.length < stop - offset) return;
    }
  }

  /** @internal The connection this queryset runs on. */
  db(): Connection {
    return connection(this.state.using);
  }

  /** Runs the query and returns the rows (what `await qs` does). */
  async fetch(): Promise<R[]> {
    return this.load();
  }

  /**
   * @internal The rows at once when nothing has to be awaited (rows already known, none(), a
   * synchronous driver with nothing to prefetch), else a promise of them: get() and `await qs`
   * skip an async step that way.
   */
  load(): R[] | Promise<R[]> {
    if (this.resultCache) return this.resultCache;
    if (this.state.none) return [];
    const db = this.db();
    const { sql, params, read, exactIntegers } = prepareQuery(db, this.model, this.state, valueContext(db), SELECT_QUERY);
    const rows = db.queryArraysNow(sql, params, exactIntegers);
    if (rows === undefined) return db.queryArrays(sql, params, exactIntegers).then((awaited) => this.results(awaited, read, db.alias));
    return this.results(rows, read, db.alias);
  }

  /** What the driver's rows read as: values() rows, or instances with their known and prefetched relations. */
  private results(rows: unknown[][], read: (row: unknown[]) => unknown, alias: string): R[] | Promise<R[]> {
    if (this.state.values) return rows.map(read) as R[];
    const instances = rows.map(read) as M[];
    const known = this.state.knownRelated;
    if (known) {
      for (const instance of instances as unknown as Model[]) {
        if (String((instance as unknown as Record<string, unknown>)[known.attname]) === String(known.instance.pk))
          instance._state.relations.set(known.field, known.instance);
      }
    }
    if (this.state.prefetch.length > 0) return prefetchRelatedObjects(instances, this.state.prefetch, alias).then(() => instances as unknown as R[]);
    return instances as unknown as R[];
  }

  /** The rows now or a promise of them; through fetch() where a subclass overrides it. */
  private rowsOrPromise(): R[] | Promise<R[]> {
    return this.fetch === QuerySet.prototype.fetch ? this.load() : this.fetch();
  }

  /**
   * The single row matching the lookups; `Model.DoesNotExist` or `Model.MultipleObjectsReturned` otherwise.
   *
   * @example
   * const post = await Post.objects.get({ slug: 'hello-world' });
   */
  async get(...conditions: Array<FilterArg<M, R>>): Promise<R> {
    let qs = conditions.length > 0 ? this.filter(...conditions) : this.all();
    if (qs.state.low === 0 && qs.state.high === undefined) qs = qs.clone({ ordering: NO_ORDERING, high: MAX_GET_RESULTS });
    const loaded = qs.rowsOrPromise();
    const rows = Array.isArray(loaded) ? loaded : await loaded;
    if (rows.length === 1) return rows[0];
    if (rows.length === 0) throw new this.model.DoesNotExist();
    throw new this.model.MultipleObjectsReturned(
      `get() returned more than one ${this.model.name} -- it returned ${rows.length === MAX_GET_RESULTS ? 'more than 20' : rows.length}!`,
    );
  }

  /** The first row in the queryset's order (by primary key when unordered), or undefined. */
  async first(): Promise<R | undefined> {
    const ordering = effectiveOrdering(this.model, this.state);
    const qs = ordering.length > 0 ? this : this.orderBy('pk' as OrderName<M>);
    return (await qs.slice(0, 1).fetch())[0];
  }

  /** The last row in the queryset's order (by primary key when unordered), or undefined. */
  async last(): Promise<R | undefined> {
    return (await this.reverse().slice(0, 1).fetch())[0];
  }

  /**
   * The newest row by `fields` (or meta.getLatestBy); `-name` flips a field, as in Django.
   *
   * @example
   * await Post.objects.latest('publish');   // the most recently published
   * await Post.objects.latest('-publish');  // the earliest
   */
  async latest(...fields: string[]): Promise<R> {
    return this.orderBy(...(this.latestOrdering('latest', fields).map(reversedOrder) as never[]))
      .slice(0, 1)
      .get();
  }

  /** The oldest row by `fields` (or meta.getLatestBy); `-name` flips a field. */
  async earliest(...fields: string[]): Promise<R> {
    return this.orderBy(...(this.latestOrdering('earliest', fields) as never[]))
      .slice(0, 1)
      .get();
  }

  private latestOrdering(method: string, fields: string[]): string[] {
    this.assertNotSliced(`${method}()`);
    const getLatestBy = this.model._meta.meta.getLatestBy as string | string[] | undefined;
    const names = fields.length > 0 ? fields : typeof getLatestBy === 'string' ? [getLatestBy] : (getLatestBy ?? []);
    if (names.length === 0) throw new QuerySetError(`${method}() on ${this.model.name} needs a field name or meta.getLatestBy.`);
    return names;
  }

  /** SELECT COUNT(*). */
  async count(): Promise<number> {
    if (this.resultCache) return this.resultCache.length;
    if (this.state.none) return 0;
    const db = this.db();
    const { sql, params, read, exactIntegers } = prepareQuery(db, this.model, this.state, valueContext(db), COUNT_QUERY);
    return read((db.queryArraysNow(sql, params, exactIntegers) ?? (await db.queryArrays(sql, params, exactIntegers)))[0]) as number;
  }

  /** Whether any row matches. */
  async exists(): Promise<boolean> {
    if (this.resultCache) return this.resultCache.length > 0;
    if (this.state.none) return false;
    // Filters on aggregate annotations need GROUP BY/HAVING: count over the full select instead.
    if (hasAnnotations(this.state)) return (await this.count()) > 0;
    const db = this.db();
    const { sql, params, exactIntegers } = prepareQuery(db, this.model, this.state, valueContext(db), EXISTS_QUERY);
    return (db.queryArraysNow(sql, params, exactIntegers) ?? (await db.queryArrays(sql, params, exactIntegers))).length > 0;
  }

  /**
   * Aggregates over the whole queryset.
   *
   * @example
   * const { total } = await Post.objects.aggregate({ total: Count('id') });
   */
  async aggregate<A extends Record<string, Expression>>(aggregates: A): Promise<{ [K in keyof A]: unknown }> {
    this.assertNotSliced('aggregate');
    const db = this.db();
    const { sql, params, read, exactIntegers } = prepareQuery(db, this.model, this.state, valueContext(db), aggregateQuery(aggregates, this.model.name));
    const row = this.state.none ? undefined : (await db.queryArrays(sql, params, exactIntegers))[0];
    return read(row as unknown[]) as { [K in keyof A]: unknown };
  }

  /**
   * Updates every matching row in one statement (F expressions allowed); returns the number of rows.
   *
   * @example
   * await Post.objects.filter({ status: 'draft' }).update({ status: 'published' });
   */
  async update(values: UpdateValues<M>): Promise<number> {
    this.assertNotSliced('update');
    if (this.state.none) return 0;
    const entries = Object.entries(values as Record<string, unknown>);
    if (entries.length === 0) throw new QuerySetError(`update() on ${this.model.name} needs at least one field.`);
    const db = this.db();
    const ctx = valueContext(db);
    const meta = this.model._meta;
    const compiler = new SqlCompiler(this.model, db, ctx);
    compiler.allowJoins = false;
    const sets = entries.map(([name, value]) => {
      if (name === 'pk') throw new FieldError(`update() on ${this.model.name} cannot set "pk": name the primary key field ("${meta.pk.name}") to change it.`);
      const field = meta.requireField(name, 'update()');
      if (!field.concrete) throw new FieldError(`update() cannot set the many-to-many field "${name}" on ${this.model.name}.`);
      const raw = value !== null && typeof value === 'object' && '_state' in value ? (value as unknown as { pk: unknown }).pk : value;
      return `${compiler.q(field.column)} = ${compiler.expression(raw, valueField(field))}`;
    });
    compiler.allowJoins = true;
    const where = pkFilteredWhere(compiler, this.state);
    const result = await db.execute(`UPDATE ${compiler.q(meta.dbTable)} SET ${sets.join(', ')}${where ? ` WHERE ${where}` : ''}`, compiler.params);
    return result.rowsAffected;
  }

  /** Deletes every matching row, applying onDelete rules and signals; returns the total and counts per model. */
  async delete(): Promise<[number, Record<string, number>]> {
    this.assertNotSliced('delete');
    if (this.state.values) throw new QuerySetError('Cannot call delete() after values() or valuesList().');
    if (this.state.none) return [0, {}];
    return deleteQuerySet(this as unknown as QuerySet<Model>);
  }

  /** Creates and saves one object. @example await Post.objects.create({ title: 'Hi', slug: 'hi', body: '' }) */
  async create(values: UpdateValues<M> = {} as UpdateValues<M>): Promise<M> {
    const instance = new this.model(values as Record<string, unknown>);
    await saveInstance(instance, { forceInsert: true, using: this.state.using });
    return instance;
  }

  /**
   * Inserts many objects in few statements (no signals); primary keys are set on the objects,
   * except with ignoreConflicts/updateConflicts (rows that hit a unique constraint are skipped,
   * or their `updateFields` overwritten).
   *
   * @example
   * await Tag.objects.bulkCreate(names.map((name) => new Tag({ name })), { ignoreConflicts: true });
   * await Stock.objects.bulkCreate(rows, { updateConflicts: true, uniqueFields: ['sku'], updateFields: ['count'] });
   */
  async bulkCreate(objects: M[], options: { batchSize?: number } & ConflictOptions = {}): Promise<M[]> {
    return bulkCreateInstances(this.model, objects, { ...options, using: this.state.using });
  }

  /** Updates `fields` of many saved objects; returns the number of rows. */
  async bulkUpdate(objects: M[], fieldNames: string[], options: { batchSize?: number } = {}): Promise<number> {
    return bulkUpdateInstances(this.model, objects, fieldNames, { ...options, using: this.state.using });
  }

  /**
   * The matching object, or a new one made from the lookups and `defaults`; `[object, created]`.
   *
   * @example
   * const [tag, created] = await Tag.objects.getOrCreate({ name: 'django' });
   */
  async getOrCreate(lookups: Lookups<M>, defaults: UpdateValues<M> = {} as UpdateValues<M>): Promise<[M, boolean]> {
    const db = this.db();
    try {
      return [(await this.get(lookups as FilterArg<M, R>)) as unknown as M, false];
    } catch (error) {
      if (!(error instanceof this.model.DoesNotExist)) throw error;
    }
    try {
      const created = await db.transaction(async () => this.create({ ...plainLookups(lookups), ...defaults } as UpdateValues<M>));
      return [created, true];
    } catch (error) {
      // Another request created it in the meantime: return that one.
      if ((error as { code?: string }).code === 'MANOUCHE_ORM_INTEGRITY_ERROR') {
        try {
          return [(await this.get(lookups as FilterArg<M, R>)) as unknown as M, false];
        } catch {
          throw error;
        }
      }
      throw error;
    }
  }

  /** Updates the matching object with `defaults`, or creates it; `[object, created]`. */
  async updateOrCreate(lookups: Lookups<M>, defaults: UpdateValues<M> = {} as UpdateValues<M>): Promise<[M, boolean]> {
    return this.db().transaction(async () => {
      let existing: M | undefined;
      try {
        existing = (await this.get(lookups as FilterArg<M, R>)) as unknown as M;
      } catch (error) {
        if (!(error instanceof this.model.DoesNotExist)) throw error;
      }
      if (!existing) return [await this.create({ ...plainLookups(lookups), ...defaults } as UpdateValues<M>), true] as [M, boolean];
      Object.assign(existing, defaults);
      await saveInstance(existing, { using: this.state.using });
      return [existing, false] as [M, boolean];
    });
  }

  /** Objects keyed by primary key (or `fieldName`). */
  async inBulk(ids?: unknown[], options: { fieldName?: string } = {}): Promise<Map<unknown, M>> {
    const fieldName = options.fieldName ?? 'pk';
    if (fieldName !== 'pk') {
      const meta = this.model._meta;
      const field = meta.requireField(fieldName, 'inBulk()');
      const uniqueConstraint = (meta.meta.constraints ?? []).some((c) => c.kind === 'unique' && c.fields.length === 1 && meta.getField(c.fields[0]) === field);
      if (!field.primaryKey && !field.options.unique && !uniqueConstraint) {
        throw new FieldError(`inBulk()'s fieldName must be a unique field but "${fieldName}" of ${this.model.name} isn't.`);
      }
    }
    const qs = (ids ? this.filter({ [`${fieldName}__in`]: ids } as FilterArg<M, R>) : this.all()) as unknown as QuerySet<M, M>;
    const result = new Map<unknown, M>();
    for (const obj of await qs.fetch())
      result.set((obj as unknown as Record<string, unknown>)[fieldName === 'pk' ? 'pk' : this.model._meta.requireField(fieldName, 'inBulk()').attname], obj);
    return result;
  }

  /** @internal The SELECT of this queryset as a subquery (for `__in`), sharing the outer parameters. */
  compileSubquery(outer: SqlCompiler): string {
    const sub = outer.subCompiler(this.model);
    let state = this.state;
    if (!state.values) state = { ...state, values: { fields: ['pk'], mode: 'flat' } };
    if (state.values!.fields.length !== 1)
      throw new QuerySetError(`A queryset used in __in must select one field; ${this.model.name} values() selects ${state.values!.fields.length}.`);
    return compileSelect(sub, { ...state, ordering: state.high === undefined ? [] : state.ordering }).sql;
  }
}

function hasAnnotations(state: QueryState): boolean {
  for (const _ in state.annotations) return true;
  return false;
}

function toNode(condition: unknown): QNode {
  if (condition instanceof QNode) return condition;
  if (condition instanceof Expression) return new QNode([condition]);
  if (condition === null || typeof condition !== 'object')
    throw new QuerySetError(`filter() takes objects of lookups or Q(), got ${JSON.stringify(condition)}.`);
  return Q(condition as Record<string, unknown>);
}

/** The exact-value lookups of a getOrCreate call, usable as field values. */
function plainLookups(lookups: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(lookups)
      .filter(([key]) => !key.includes('__') || key.endsWith('__exact'))
      .map(([key, value]) => [key.replace(/__exact$/, ''), value]),
  );
}

/** One ordering item, reversed: `name` <-> `-name`, asc() <-> desc(). */
function reversedOrder(item: string | OrderBy | Expression): string | OrderBy {
  if (item instanceof OrderBy) return item.reversed();
  if (item instanceof Expression) return item.desc();
  return item.startsWith('-') ? item.slice(1) : `-${item}`;
}
