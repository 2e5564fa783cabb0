import { connection } from './config.js';
import { FieldError, InvalidValueError, ModelError } from './errors.js';
import type { ForeignKeyField } from './fields/relation-fields.js';
import { ForeignKeyField as ForeignKey, ManyToManyField } from './fields/relation-fields.js';
import { Manager } from './manager.js';
import type { Model } from './model.js';
import type { ModelClass, ReverseRelation } from './model-options.js';
import { QuerySet } from './queryset.js';
import { saveInstance } from './persistence.js';
import { toDbValue } from './values.js';
import { valueContext } from './config.js';

const installed = new WeakMap<object, Set<string>>();

function pkOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' && '_state' in value ? (value as Model).pk : value;
}

function requireSaved(instance: Model, what: string): void {
  if (instance.pk === null || instance.pk === undefined) {
    throw new ModelError(`${instance.constructor.name} instance needs a primary key (save it first) before ${what} can be used.`);
  }
}

/**
 * The objects on the many side of a foreign key (`author.postSet`, or `author.posts` with relatedName).
 *
 * @example
 * const posts = await author.posts.filter({ status: 'PB' }); // Post.author with relatedName 'posts'
 * await author.posts.add(post); // sets post.author and saves it
 */
export class RelatedManager<M extends Model = Model> extends Manager<M> {
  readonly instance: Model;
  readonly field: ForeignKeyField;
  readonly accessor: string;

  constructor(model: ModelClass<M>, instance: Model, field: ForeignKeyField, accessor: string) {
    super(model as never);
    this.instance = instance;
    this.field = field;
    this.accessor = accessor;
  }

  override getQueryset(): QuerySet<M> {
    requireSaved(this.instance, `the related manager "${this.accessor}"`);
    const qs = new QuerySet<M>(this.model)
      .using(this.instance._state.db)
      .filter({ [this.field.name]: this.instance.pk } as never)
      .clone<QuerySet<M>>({ stickyFilter: true, knownRelated: { field: this.field.name, attname: this.field.attname, instance: this.instance } });
    const prefetched = this.instance._state.prefetched.get(this.accessor);
    if (prefetched) qs.resultCache = prefetched as M[];
    return qs;
  }

  /** Points the objects at this instance and saves them. */
  async add(...objects: M[]): Promise<void> {
    requireSaved(this.instance, `${this.accessor}.add()`);
    for (const obj of objects) {
      (obj as unknown as Record<string, unknown>)[this.field.attname] = this.instance.pk;
      obj._state.relations.set(this.field.name, this.instance);
      await saveInstance(obj, { using: this.instance._state.db });
    }
  }

  /** Creates an object pointing at this instance. */
  override async create(values: Record<string, unknown> = {}): Promise<M> {
    requireSaved(this.instance, `${this.accessor}.create()`);
    const created = await new QuerySet<M>(this.model).using(this.instance._state.db).create({ ...values, [this.field.name]: this.instance } as never);
    return created;
  }

  /** Unlinks the objects (the foreign key must allow null). */
  async remove(...objects: M[]): Promise<void> {
    if (!this.field.nullable) throw new FieldError(`${this.accessor}.remove() needs ${this.model.name}.${this.field.name} to have null: true.`);
    const pks = objects.map((obj) => obj.pk);
    await this.getQueryset()
      .filter({ pk__in: pks } as never)
      .update({ [this.field.attname]: null } as never);
    for (const obj of objects) (obj as unknown as Record<string, unknown>)[this.field.attname] = null;
  }

  /** Unlinks every object (the foreign key must allow null). */
  async clear(): Promise<void> {
    if (!this.field.nullable) throw new FieldError(`${this.accessor}.clear() needs ${this.model.name}.${this.field.name} to have null: true.`);
    await this.getQueryset().update({ [this.field.attname]: null } as never);
  }
}

/**
 * Both sides of a many-to-many relation (`post.tags`, and `tag.posts` from the other side).
 *
 * @example
 * await post.tags.add(django);
 * await post.tags.set([django, orm]);
 * await django.posts.count(); // the reverse side
 */
export class ManyRelatedManager<M = Model> extends Manager<M & Model> {
  readonly instance: Model;
  readonly field: ManyToManyField;
  /** False on the reverse side (`tag.posts`). */
  readonly forward: boolean;
  readonly accessor: string;

  constructor(model: ModelClass, instance: Model, field: ManyToManyField, forward: boolean, accessor: string) {
    super(model as never);
    this.instance = instance;
    this.field = field;
    this.forward = forward;
    this.accessor = accessor;
  }

  private get sourceModel(): ModelClass {
    return this.field.model as ModelClass;
  }

  private table() {
    const m2m = this.sourceModel._meta.m2mTable(this.field);
    return this.forward ? { ...m2m, mine: m2m.sourceColumn, theirs: m2m.targetColumn } : { ...m2m, mine: m2m.targetColumn, theirs: m2m.sourceColumn };
  }

  /** The lookup from the far model back to this instance. */
  private backLookup(): string {
    if (!this.forward) return this.field.name;
    const relation = this.model._meta.reverseRelations().find((r) => r.field === this.field);
    if (!relation) throw new ModelError(`${this.sourceModel.name}.${this.field.name} has no reverse relation (relatedName ends with "+").`);
    return relation.queryName;
  }

  override getQueryset(): QuerySet<M & Model> {
    requireSaved(this.instance, `the many-to-many manager "${this.accessor}"`);
    const qs = new QuerySet<M & Model>(this.model as ModelClass<M & Model>)
      .using(this.instance._state.db)
      .filter({ [this.backLookup()]: this.instance.pk } as never)
      .clone<QuerySet<M & Model>>({ stickyFilter: true });
    const prefetched = this.instance._state.prefetched.get(this.accessor);
    if (prefetched) qs.resultCache = prefetched as Array<M & Model>;
    return qs;
  }

  private async linked(ids: unknown[]): Promise<Set<string>> {
    const db = connection(this.instance._state.db);
    const { table, mine, theirs } = this.table();
    if (ids.length === 0) return new Set();
    const p = (i: number) => (db.dialect === 'postgresql' ? `$${i}` : '?');
    const rows = await db.query<Record<string, unknown>>(
      `SELECT ${db.quoteName(theirs)} AS ${db.quoteName('id')} FROM ${db.quoteName(table)} WHERE ${db.quoteName(mine)} = ${p(1)} AND ${db.quoteName(theirs)} IN (${ids.map((_, i) => p(i + 2)).join(', ')})`,
      [this.convert(this.instance.pk, 'mine'), ...ids.map((id) => this.convert(id, 'theirs'))],
    );
    return new Set(rows.map((row) => String(row.id)));
  }

  private convert(value: unknown, side: 'mine' | 'theirs'): unknown {
    const db = connection(this.instance._state.db);
    const model = side === 'mine' ? (this.instance.constructor as unknown as ModelClass) : this.model;
    return toDbValue(model._meta.pk, value, valueContext(db));
  }

  /** Links the objects (or primary keys); already linked ones are left alone. */
  async add(...objects: Array<M | unknown>): Promise<void> {
    requireSaved(this.instance, `${this.accessor}.add()`);
    const { table, mine, theirs, through, sourceField, targetField } = this.table();
    const ids = [...new Set(objects.map(pkOf))];
    const existing = await this.linked(ids);
    const db = connection(this.instance._state.db);
    for (const id of ids) {
      if (existing.has(String(id))) continue;
      if (through) {
        const mineField = this.forward ? sourceField! : targetField!;
        const theirsField = this.forward ? targetField! : sourceField!;
        await new QuerySet(through).using(this.instance._state.db).create({ [mineField.attname]: this.instance.pk, [theirsField.attname]: id } as never);
        continue;
      }
      const p = (i: number) => (db.dialect === 'postgresql' ? `$${i}` : '?');
      await db.execute(`INSERT INTO ${db.quoteName(table)} (${db.quoteName(mine)}, ${db.quoteName(theirs)}) VALUES (${p(1)}, ${p(2)})`, [
        this.convert(this.instance.pk, 'mine'),
        this.convert(id, 'theirs'),
      ]);
    }
    this.instance._state.prefetched.delete(this.accessor);
  }

  /** Unlinks the objects (or primary keys). */
  async remove(...objects: Array<M | unknown>): Promise<void> {
    requireSaved(this.instance, `${this.accessor}.remove()`);
    const ids = objects.map(pkOf);
    if (ids.length === 0) return;
    const { table, mine, theirs } = this.table();
    const db = connection(this.instance._state.db);
    const p = (i: number) => (db.dialect === 'postgresql' ? `$${i}` : '?');
    await db.execute(
      `DELETE FROM ${db.quoteName(table)} WHERE ${db.quoteName(mine)} = ${p(1)} AND ${db.quoteName(theirs)} IN (${ids.map((_, i) => p(i + 2)).join(', ')})`,
      [this.convert(this.instance.pk, 'mine'), ...ids.map((id) => this.convert(id, 'theirs'))],
    );
    this.instance._state.prefetched.delete(this.accessor);
  }

  /** Unlinks everything. */
  async clear(): Promise<void> {
    requireSaved(this.instance, `${this.accessor}.clear()`);
    const { table, mine } = this.table();
    const db = connection(this.instance._state.db);
    await db.execute(`DELETE FROM ${db.quoteName(table)} WHERE ${db.quoteName(mine)} = ${db.dialect === 'postgresql' ? '$1' : '?'}`, [
      this.convert(this.instance.pk, 'mine'),
    ]);
    this.instance._state.prefetched.delete(this.accessor);
  }

  /** Makes the linked set exactly `objects`. */
  async set(objects: Array<M | unknown>): Promise<void> {
    const wanted = new Set(objects.map((obj) => String(pkOf(obj))));
    const current = (await this.getQueryset().valuesList('pk', { flat: true }).fetch()) as unknown[];
    const stale = current.filter((id) => !wanted.has(String(id)));
    await this.remove(...stale);
    await this.add(...objects);
  }

  /** Creates an object on the far side and links it. */
  override async create(values: Record<string, unknown> = {}): Promise<M & Model> {
    const created = await new QuerySet<M & Model>(this.model as ModelClass<M & Model>).using(this.instance._state.db).create(values as never);
    await this.add(created);
    return created;
  }
}

function define(model: ModelClass, name: string, descriptor: PropertyDescriptor): void {
  const names = installed.get(model) ?? new Set<string>();
  installed.set(model, names);
  if (names.has(name)) return;
  if (Object.hasOwn(model.prototype, name)) {
    throw new ModelError(`${model.name}.${name} clashes with a relation accessor of the same name; set relatedName on the relation.`);
  }
  Object.defineProperty(model.prototype, name, { configurable: true, enumerable: false, ...descriptor });
  names.add(name);
}

/** Defines relation accessors on a model's prototype: forward foreign keys, many-to-many managers, and reverse accessors. */
export function installAccessors(model: ModelClass): void {
  const meta = model._meta;
  for (const field of meta.fields) {
    if (field instanceof ForeignKey) {
      const { name, attname } = field;
      define(model, name, {
        get(this: Model) {
          const relations = this._state.relations;
          if (relations.has(name)) return relations.get(name);
          const id = (this as unknown as Record<string, unknown>)[attname];
          if (id === null || id === undefined) return null;
          throw new ModelError(
            `${model.name}.${name} is not loaded: use selectRelated('${name}') or prefetchRelated('${name}') on the queryset, or await obj.load('${name}').`,
          );
        },
        set(this: Model, value: unknown) {
          if (value === null || value === undefined) {
            (this as unknown as Record<string, unknown>)[attname] = null;
            this._state.relations.set(name, null);
            return;
          }
          const target = meta.remoteModel(field);
          if (!(value instanceof (target as unknown as abstract new () => unknown))) {
            const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
            throw new InvalidValueError(`Cannot assign ${shown}: "${model.name}.${name}" must be a "${target.name}" instance (or set ${attname} to its key).`);
          }
          const key = (field.options.toField as string | undefined) ?? 'pk';
          (this as unknown as Record<string, unknown>)[attname] = (value as Record<string, unknown>)[key];
          this._state.relations.set(name, value);
        },
      });
    } else if (field instanceof ManyToManyField) {
      const name = field.name;
      define(model, name, {
        get(this: Model) {
          return new ManyRelatedManager(meta.remoteModel(field), this, field, true, name);
        },
      });
    }
  }
  for (const relation of meta.reverseRelations()) installReverse(model, relation);
}

function installReverse(model: ModelClass, relation: ReverseRelation): void {
  const { accessorName, kind } = relation;
  if (kind === 'manyToMany') {
    define(model, accessorName, {
      get(this: Model) {
        return new ManyRelatedManager(relation.model, this, relation.field as ManyToManyField, false, accessorName);
      },
    });
  } else if (kind === 'foreignKey') {
    define(model, accessorName, {
      get(this: Model) {
        return new RelatedManager(relation.model, this, relation.field as ForeignKeyField, accessorName);
      },
    });
  } else {
    define(model, accessorName, {
      get(this: Model) {
        if (this._state.relations.has(accessorName)) return this._state.relations.get(accessorName);
        throw new ModelError(`${model.name}.${accessorName} is not loaded: use prefetchRelated('${accessorName}') or await obj.load('${accessorName}').`);
      },
    });
  }
}
