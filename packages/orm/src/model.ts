import { connection } from './config.js';
import { drizzleTable, type DrizzleTable } from './drizzle-table.js';
import { DoesNotExist, FieldError, ModelError, MultipleObjectsReturned } from './errors.js';
import type { Field } from './fields/field.js';
import { ForeignKeyField, ManyToManyField } from './fields/relation-fields.js';
import { Manager } from './manager.js';
import { Options, type ModelClass, type ModelMeta } from './model-options.js';
import type { FieldAttributes, ModelInit } from './model-types.js';
import { deleteInstance } from './deletion.js';
import { fullCleanInstance, refreshInstance, saveInstance, type SaveOptions } from './persistence.js';
import { installAccessors } from './related-managers.js';
import { registryVersion } from './registry.js';
import { InstanceState } from './instance-state.js';

export { InstanceState } from './instance-state.js';

const metaCache = new WeakMap<object, Options>();
const accessorVersions = new WeakMap<object, number>();
const managerCache = new WeakMap<object, Manager<Model>>();
const doesNotExistCache = new WeakMap<object, typeof DoesNotExist>();
const multipleCache = new WeakMap<object, typeof MultipleObjectsReturned>();

/**
 * A class made by `Model.define(fields)`: extend it to declare a model.
 *
 * @example
 * const PostBase: DefinedModel<{ title: Field<string, 'char'> }> = Model.define({ title: fields.char({ maxLength: 250 }) }, { appLabel: 'blog' });
 * class Post extends PostBase {}
 */
export type DefinedModel<F> = Omit<typeof Model, 'prototype' | 'objects'> & {
  new (init?: ModelInit<F>): Model & FieldAttributes<F>;
  prototype: Model & FieldAttributes<F>;
  fields: F;
  /** The default manager. Declare `static objects = new Manager(this)` to type results with the subclass's own methods. */
  objects: Manager<Model & FieldAttributes<F>>;
};

/**
 * The base of every model. Declare a model by extending `Model.define({...fields})`; instance
 * attribute types are inferred from the fields.
 *
 * @example
 * export class Post extends Model.define({
 *   title: fields.char({ maxLength: 250 }),
 *   slug: fields.slug({ maxLength: 250 }),
 *   body: fields.text(),
 * }) {
 *   static meta = { appLabel: 'blog', ordering: ['-id'] };
 *   toString() { return this.title; }
 * }
 */
export class Model {
  /** Marks model classes (checked by the registry). */
  static readonly isManoucheModel = true as const;
  /** The fields declared with `Model.define`. */
  static fields: Record<string, Field>;
  /** Options given to `Model.define(fields, meta)`; a subclass's own `static meta` wins. */
  static defineMeta: ModelMeta | undefined;
  /** The app label given by `registerModels`. */
  static assignedAppLabel: string | undefined;

  declare _state: InstanceState;

  /**
   * Declares a model's fields (and optionally its meta options); extend the result.
   *
   * @example
   * class Tag extends Model.define({ name: fields.char({ maxLength: 50, unique: true }) }, { appLabel: 'blog' }) {}
   */
  static define<const F extends Record<string, Field<any, any>>>(fields: F, meta?: ModelMeta): DefinedModel<F> {
    class Defined extends Model {}
    Object.defineProperty(Defined, 'fields', { value: fields, writable: true, configurable: true });
    Object.defineProperty(Defined, 'isDefineBase', { value: true });
    Defined.defineMeta = meta;
    return Defined as unknown as DefinedModel<F>;
  }

  /** Everything the ORM knows about this model (Django's `_meta`). */
  static get _meta(): Options {
    let meta = metaCache.get(this);
    if (!meta) {
      if (Object.hasOwn(this, 'isModelRoot') || Object.hasOwn(this, 'isDefineBase')) {
        throw new ModelError(`${this === Model ? 'Model' : 'A Model.define() base'} is not a model: extend it with a named class.`);
      }
      meta = new Options(this as unknown as ModelClass);
      metaCache.set(this, meta);
    }
    if (accessorVersions.get(this) !== registryVersion()) {
      accessorVersions.set(this, registryVersion());
      installAccessors(this as unknown as ModelClass);
    }
    return meta;
  }

  /** The default manager (`Post.objects`). */
  static get objects(): Manager<Model> {
    let manager = managerCache.get(this);
    if (!manager) {
      manager = new Manager(this as unknown as ModelClass);
      managerCache.set(this, manager);
    }
    return manager;
  }

  /**
   * The model's drizzle-orm table for the default connection's dialect, for drizzle queries.
   *
   * @example
   * import { desc } from 'drizzle-orm';
   * const rows = drizzle(sqlite).select().from(Post.table as SQLiteTable).orderBy(desc(Post.table.publish)).limit(20);
   */
  static get table(): DrizzleTable {
    return drizzleTable(this as unknown as ModelClass, connection().dialect);
  }

  /** The model's drizzle-orm table for `dialect`. */
  static tableFor(dialect: 'sqlite' | 'postgresql' | 'mysql'): DrizzleTable {
    return drizzleTable(this as unknown as ModelClass, dialect);
  }

  /** Raised by `get()` when nothing matches; each model has its own subclass. */
  static get DoesNotExist(): typeof DoesNotExist {
    let cls = doesNotExistCache.get(this);
    if (!cls) {
      const modelName = this.name;
      cls = class extends DoesNotExist {
        constructor(message = `${modelName} matching query does not exist.`) {
          super(message);
        }
      };
      Object.defineProperty(cls, 'name', { value: `${modelName}DoesNotExist` });
      doesNotExistCache.set(this, cls);
    }
    return cls;
  }

  /** Raised by `get()` when several rows match; each model has its own subclass. */
  static get MultipleObjectsReturned(): typeof MultipleObjectsReturned {
    let cls = multipleCache.get(this);
    if (!cls) {
      const modelName = this.name;
      cls = class extends MultipleObjectsReturned {
        constructor(message = `get() returned more than one ${modelName}.`) {
          super(message);
        }
      };
      Object.defineProperty(cls, 'name', { value: `${modelName}MultipleObjectsReturned` });
      multipleCache.set(this, cls);
    }
    return cls;
  }

  constructor(init: Record<string, unknown> = {}) {
    const model = this.constructor as unknown as ModelClass;
    const meta = model._meta;
    this._state = new InstanceState(true, undefined);
    const self = this as unknown as Record<string, unknown>;
    for (const field of meta.concreteFields) {
      if (Object.hasOwn(init, field.name) || Object.hasOwn(init, field.attname)) continue;
      const value = field.getDefault();
      self[field.attname] = field.isAuto ? null : value === undefined ? defaultEmpty(field) : value;
    }
    for (const [key, value] of Object.entries(init)) {
      const field = key === 'pk' ? meta.pk : meta.getField(key);
      if (!field) {
        throw new FieldError(`${model.name}() got an unexpected field "${key}". Choices are: ${meta.fields.map((f) => f.name).join(', ')}.`);
      }
      if (field instanceof ManyToManyField) {
        throw new FieldError(`${model.name}(): set the many-to-many field "${key}" with ${key}.set([...]) after saving.`);
      }
      if (field instanceof ForeignKeyField && key === field.name) {
        self[field.name] = value;
      } else {
        self[field.attname] = value;
      }
    }
  }

  /** The primary key's value. */
  get pk(): unknown {
    const meta = (this.constructor as unknown as ModelClass)._meta;
    return (this as unknown as Record<string, unknown>)[meta.pk.attname];
  }
  set pk(value: unknown) {
    const meta = (this.constructor as unknown as ModelClass)._meta;
    (this as unknown as Record<string, unknown>)[meta.pk.attname] = value;
  }

  /**
   * Inserts or updates the row (`updateFields` limits the UPDATE to those fields).
   *
   * @example
   * post.title = 'New title';
   * await post.save({ updateFields: ['title'] });
   */
  async save(options: SaveOptions = {}): Promise<void> {
    await saveInstance(this, options);
  }

  /** Deletes the row, applying each relation's onDelete to rows that point at it. Returns the counts per model. */
  async delete(options: { using?: string } = {}): Promise<[number, Record<string, number>]> {
    return deleteInstance(this, options);
  }

  /** Reloads field values from the database (only `fields` when given). */
  async refreshFromDb(options: { fields?: string[]; using?: string } = {}): Promise<void> {
    await refreshInstance(this, options);
  }

  /**
   * Validates every field (maxLength, choices, blank/null, validators), then `clean()`, then
   * uniqueness; throws a ValidationError with messages per field.
   */
  async fullClean(options: { exclude?: string[]; validateUnique?: boolean } = {}): Promise<void> {
    await fullCleanInstance(this, options);
  }

  /** Hook for model-wide validation; throw a ValidationError to reject. */
  clean(): void | Promise<void> {}

  /**
   * Loads (and caches) a forward relation or reverse one-to-one: `await post.load('author')`.
   */
  async load<K extends string>(name: K): Promise<unknown> {
    const model = this.constructor as unknown as ModelClass;
    const meta = model._meta;
    const field = meta.getField(name);
    const self = this as unknown as Record<string, unknown>;
    if (field instanceof ForeignKeyField) {
      const id = self[field.attname];
      if (id === null || id === undefined) {
        this._state.relations.set(field.name, null);
        return null;
      }
      const target = meta.remoteModel(field);
      const key = (field.options.toField as string | undefined) ?? 'pk';
      const related = await target.objects.using(this._state.db).get({ [key]: id } as never);
      this._state.relations.set(field.name, related);
      return related;
    }
    const reverse = meta.reverseRelation(name);
    if (reverse?.kind === 'oneToOne') {
      const related = await reverse.model.objects
        .using(this._state.db)
        .filter({ [reverse.field.name]: this.pk } as never)
        .first();
      this._state.relations.set(reverse.accessorName, related ?? null);
      return related ?? null;
    }
    throw new FieldError(
      `${model.name}.load("${name}"): not a foreign key or reverse one-to-one. Relations: ${
        meta.fields
          .filter((f) => f instanceof ForeignKeyField)
          .map((f) => f.name)
          .join(', ') || '(none)'
      }.`,
    );
  }

  /** The field values keyed by attribute name (what JSON.stringify shows). */
  toJSON(): Record<string, unknown> {
    const meta = (this.constructor as unknown as ModelClass)._meta;
    const self = this as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of meta.concreteFields) {
      if (Object.hasOwn(self, field.attname)) out[field.attname] = self[field.attname];
    }
    return out;
  }
}
Object.defineProperty(Model, 'isModelRoot', { value: true });
// Defined outside the class body so models can declare toString() without `override`.
Object.defineProperty(Model.prototype, 'toString', {
  /** `Post object (1)`; models define toString() with a human-readable name (Django's `__str__`). */
  value: function toString(this: Model): string {
    return `${this.constructor.name} object (${String(this.pk ?? 'None')})`;
  },
  writable: true,
  configurable: true,
});

/** The value of an unset non-null field without a default: '' for text fields, else null. */
function defaultEmpty(field: Field): unknown {
  if (['char', 'slug', 'text', 'email', 'url'].includes(field.type) && !field.nullable) return '';
  return null;
}

/** Turns a database row into an instance without running constructors (fast path for querysets). */
export function instanceFromValues(model: ModelClass, values: Record<string, unknown>, alias: string): Model {
  const instance = Object.create(model.prototype) as Model;
  Object.assign(instance, values);
  instance._state = loadedState(alias);
  return instance;
}

/** The `_state` of an instance just read from the database on `alias`. */
export function loadedState(alias: string): InstanceState {
  return new InstanceState(false, alias);
}
