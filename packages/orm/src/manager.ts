import type { Model } from './model.js';
import type { ModelClass } from './model-options.js';
import type { FieldPath, Lookups, OrderName, UpdateValues } from './model-types.js';
import type { Expression, OrderBy } from './expressions.js';
import type { TruncKind } from './datetime-functions.js';
import type { ConflictOptions } from './bulk-conflicts.js';
import { QuerySet, type FilterArg } from './queryset.js';
import { connection, valueContext } from './config.js';
import { instanceFromValues } from './model.js';
import { fromDbValue } from './values.js';

type AnyModelClass<M> = abstract new (...args: never[]) => M;
type QuerySetClass<M extends Model, Q extends QuerySet<M>> = new (model: ModelClass<M>, ...rest: never[]) => Q;

/**
 * The interface to a model's rows (`Post.objects`). Subclass it and override `getQueryset()`
 * for a custom manager, or use `Manager.fromQueryset(PostQuerySet)` for custom chainable methods.
 *
 * @example
 * class PublishedManager extends Manager<Post> {
 *   override getQueryset() { return super.getQueryset().filter({ status: 'published' }); }
 * }
 * class Post extends Model.define({ ... }) {
 *   static override objects = new Manager(this);
 *   static published = new PublishedManager(this);
 * }
 */
export class Manager<M extends Model = Model, Q extends QuerySet<M> = QuerySet<M>> {
  readonly model: ModelClass<M>;
  private readonly createQuerySet: () => Q;

  constructor(model: AnyModelClass<M>, querySetClass?: QuerySetClass<M, Q>) {
    this.model = model as unknown as ModelClass<M>;
    const Ctor = querySetClass ?? (QuerySet as unknown as QuerySetClass<M, Q>);
    this.createQuerySet = () => new Ctor(this.model);
  }

  /**
   * A manager whose querysets are `querySetClass`, with its own methods available on the manager too.
   *
   * @example
   * class PostQuerySet extends QuerySet<Post> { published() { return this.filter({ status: 'published' }); } }
   * static override objects = Manager.fromQueryset(this, PostQuerySet);   // Post.objects.published().filter(...)
   */
  static fromQueryset<M extends Model, Q extends QuerySet<M>>(
    model: AnyModelClass<M>,
    querySetClass: new (model: ModelClass<M>) => Q,
  ): Manager<M, Q> & Omit<Q, keyof QuerySet<M>> {
    const manager = new Manager<M, Q>(model, querySetClass as unknown as QuerySetClass<M, Q>);
    let proto = querySetClass.prototype as object;
    while (proto && proto !== QuerySet.prototype) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor' || name in manager) continue;
        const descriptor = Object.getOwnPropertyDescriptor(proto, name);
        if (typeof descriptor?.value !== 'function') continue;
        Object.defineProperty(manager, name, {
          value: (...args: unknown[]) => (manager.getQueryset() as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args),
        });
      }
      proto = Object.getPrototypeOf(proto) as object;
    }
    return manager as Manager<M, Q> & Omit<Q, keyof QuerySet<M>>;
  }

  /** The base queryset every manager method starts from; override it in custom managers. */
  getQueryset(): Q {
    return this.createQuerySet();
  }

  all(): Q {
    return this.getQueryset();
  }
  filter(...conditions: Array<FilterArg<M>>): Q {
    return this.getQueryset().filter(...conditions);
  }
  exclude(...conditions: Array<FilterArg<M>>): Q {
    return this.getQueryset().exclude(...conditions);
  }
  orderBy(...names: Array<OrderName<M> | OrderBy | Expression>): Q {
    return this.getQueryset().orderBy(...names);
  }
  distinct(): Q {
    return this.getQueryset().distinct();
  }
  slice(start: number, end?: number): Q {
    return this.getQueryset().slice(start, end);
  }
  selectRelated(...paths: Array<FieldPath<M>>): Q {
    return this.getQueryset().selectRelated(...paths);
  }
  prefetchRelated(...paths: string[]): Q {
    return this.getQueryset().prefetchRelated(...paths);
  }
  only(...names: Array<FieldPath<M>>): Q {
    return this.getQueryset().only(...names);
  }
  defer(...names: Array<FieldPath<M>>): Q {
    return this.getQueryset().defer(...names);
  }
  using(alias: string | undefined): Q {
    return this.getQueryset().using(alias);
  }
  none(): Q {
    return this.getQueryset().none();
  }
  annotate<A extends Record<string, Expression>>(annotations: A): QuerySet<M, M & { [K in keyof A]: unknown }> {
    return this.getQueryset().annotate(annotations) as QuerySet<M, M & { [K in keyof A]: unknown }>;
  }
  values<K extends FieldPath<M> | (string & {})>(...names: K[]): QuerySet<M, Record<K, unknown>> {
    return this.getQueryset().values(...names);
  }
  valuesList(...args: Array<string | { flat: boolean }>): QuerySet<M, unknown> {
    return this.getQueryset().valuesList(...args);
  }
  dates(field: FieldPath<M>, kind: 'year' | 'quarter' | 'month' | 'week' | 'day', order: 'ASC' | 'DESC' = 'ASC'): QuerySet<M, string> {
    return this.getQueryset().dates(field, kind, order);
  }
  datetimes(field: FieldPath<M>, kind: TruncKind, order: 'ASC' | 'DESC' = 'ASC'): QuerySet<M, Date> {
    return this.getQueryset().datetimes(field, kind, order);
  }
  iterator(options: { chunkSize?: number } = {}): AsyncGenerator<M> {
    return this.getQueryset().iterator(options) as AsyncGenerator<M>;
  }
  get(...conditions: Array<FilterArg<M>>): Promise<M> {
    return this.getQueryset().get(...conditions) as Promise<M>;
  }
  first(): Promise<M | undefined> {
    return this.getQueryset().first() as Promise<M | undefined>;
  }
  last(): Promise<M | undefined> {
    return this.getQueryset().last() as Promise<M | undefined>;
  }
  latest(...fields: string[]): Promise<M> {
    return this.getQueryset().latest(...fields) as Promise<M>;
  }
  earliest(...fields: string[]): Promise<M> {
    return this.getQueryset().earliest(...fields) as Promise<M>;
  }
  count(): Promise<number> {
    return this.getQueryset().count();
  }
  exists(): Promise<boolean> {
    return this.getQueryset().exists();
  }
  aggregate<A extends Record<string, Expression>>(aggregates: A): Promise<{ [K in keyof A]: unknown }> {
    return this.getQueryset().aggregate(aggregates);
  }
  update(values: UpdateValues<M>): Promise<number> {
    return this.getQueryset().update(values);
  }
  create(values?: UpdateValues<M>): Promise<M> {
    return this.getQueryset().create(values);
  }
  bulkCreate(objects: M[], options: { batchSize?: number } & ConflictOptions = {}): Promise<M[]> {
    return this.getQueryset().bulkCreate(objects, options);
  }
  bulkUpdate(objects: M[], fieldNames: string[], options: { batchSize?: number } = {}): Promise<number> {
    return this.getQueryset().bulkUpdate(objects, fieldNames, options);
  }
  getOrCreate(lookups: Lookups<M>, defaults?: UpdateValues<M>): Promise<[M, boolean]> {
    return this.getQueryset().getOrCreate(lookups, defaults);
  }
  updateOrCreate(lookups: Lookups<M>, defaults?: UpdateValues<M>): Promise<[M, boolean]> {
    return this.getQueryset().updateOrCreate(lookups, defaults);
  }
  inBulk(ids?: unknown[], options: { fieldName?: string } = {}): Promise<Map<unknown, M>> {
    return this.getQueryset().inBulk(ids, options);
  }

  /**
   * Model instances from your own SQL (written for the connection's dialect, values as parameters).
   * Columns are matched to fields by column name; extra columns become attributes.
   *
   * @example
   * const posts = await Post.objects.raw('SELECT * FROM blog_post WHERE title = ?', ['Hello']);
   */
  async raw(sql: string, params: readonly unknown[] = [], options: { using?: string } = {}): Promise<M[]> {
    const db = connection(options.using);
    const ctx = valueContext(db);
    const meta = this.model._meta;
    const rows = await db.query<Record<string, unknown>>(sql, params);
    return rows.map((row) => {
      const values: Record<string, unknown> = {};
      for (const [column, raw] of Object.entries(row)) {
        const field = meta.concreteFields.find((f) => f.column === column);
        if (field) values[field.attname] = fromDbValue(field, raw, ctx);
        else values[column] = raw;
      }
      return instanceFromValues(this.model, values, db.alias) as M;
    });
  }
}
