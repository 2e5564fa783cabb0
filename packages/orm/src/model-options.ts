import type { ConstraintSpec, FieldSpec, IndexSpec, ModelOptions, ModelState } from '@manouche/contracts';
import { defaultAutoField } from './config.js';
import { FieldError, ModelError, type DoesNotExist, type MultipleObjectsReturned } from './errors.js';
import type { Manager } from './manager.js';
import { Field, toPlain } from './fields/field.js';
import { ForeignKeyField, ManyToManyField } from './fields/relation-fields.js';
import type { Model } from './model.js';
import { appAutoField, findModel, isModelClass, registeredModels, registerModel, registryVersion } from './registry.js';

/**
 * The `static meta` a model declares (Django's `class Meta`).
 *
 * @example
 * class Post extends Model.define({ title: fields.char({ maxLength: 250 }) }, { appLabel: 'blog', dbTable: 'blog_post', ordering: ['-publish'], verboseNamePlural: 'posts' } satisfies ModelMeta) {}
 */
export interface ModelMeta {
  appLabel?: string;
  dbTable?: string;
  ordering?: string[];
  verboseName?: string;
  verboseNamePlural?: string;
  indexes?: IndexSpec[];
  constraints?: ConstraintSpec[];
  uniqueTogether?: string[][];
  /** False when migrations must not manage the table. */
  managed?: boolean;
  /** Abstract models are not registered and have no table. */
  abstract?: boolean;
  /** The latest-by field for `latest()`/`earliest()`. */
  getLatestBy?: string;
}

/**
 * A model class as the ORM sees it at run time.
 *
 * @example
 * function tableOf(model: ModelClass): string { return model._meta.dbTable; }
 * tableOf(Post); // 'blog_post'
 */
export interface ModelClass<M extends Model = Model> {
  new (init?: Record<string, unknown>): M;
  readonly name: string;
  prototype: M;
  fields: Record<string, Field>;
  meta?: ModelMeta;
  defineMeta?: ModelMeta;
  assignedAppLabel?: string;
  readonly isManoucheModel: true;
  readonly _meta: Options;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a class with any instance type
  readonly objects: Manager<any>;
  readonly DoesNotExist: typeof DoesNotExist;
  readonly MultipleObjectsReturned: typeof MultipleObjectsReturned;
}

/**
 * A relation seen from its target: `author.posts` for `Post.author` with relatedName `posts`.
 *
 * @example
 * Author._meta.reverseRelations().map((r: ReverseRelation) => r.accessorName); // ['posts'] for Post.author with relatedName 'posts'
 */
export interface ReverseRelation {
  /** The field on the source model. */
  field: ForeignKeyField | ManyToManyField;
  /** The model declaring the field. */
  model: ModelClass;
  /** The name used in lookups (`posts__title`): relatedName, else the source model name lower-case. */
  queryName: string;
  /** The instance attribute (`posts`): relatedName, else `<model>Set` (oneToOne: `<model>`). */
  accessorName: string;
  kind: 'foreignKey' | 'oneToOne' | 'manyToMany';
}

/** Resolves a relation target reference to a model class. */
export function resolveReference(reference: unknown, from: ModelClass): ModelClass | undefined {
  if (isModelClass(reference)) return reference;
  if (typeof reference === 'function') {
    try {
      const result = (reference as () => unknown)();
      return isModelClass(result) ? result : undefined;
    } catch {
      return undefined;
    }
  }
  if (typeof reference === 'string') {
    if (reference === 'self') return from;
    const key = reference.includes('.') ? reference : `${from._meta.appLabel}.${reference}`;
    return findModel(key);
  }
  return undefined;
}

/**
 * Django's `_meta`: everything the ORM knows about one model, computed once.
 *
 * @example
 * Post._meta.dbTable; // 'blog_post'
 * Post._meta.getField('title')?.type; // 'char'
 */
export class Options {
  readonly model: ModelClass;
  readonly appLabel: string;
  readonly objectName: string;
  readonly modelName: string;
  readonly dbTable: string;
  readonly ordering: string[];
  readonly verboseName: string;
  readonly verboseNamePlural: string;
  readonly meta: ModelMeta;
  /** Every field in declaration order, the automatic primary key first. */
  readonly fields: Field[];
  /** Fields with a column on this table. */
  readonly concreteFields: Field[];
  readonly manyToMany: ManyToManyField[];
  readonly pk: Field;
  private readonly byName = new Map<string, Field>();
  private reverseCache: { version: number; relations: ReverseRelation[] } | undefined;

  constructor(model: ModelClass) {
    this.model = model;
    const meta = (Object.hasOwn(model, 'meta') ? model.meta : undefined) ?? model.defineMeta ?? {};
    if (meta.abstract) throw new ModelError(`${model.name} is abstract: it has no table and cannot be queried or saved.`);
    registerModel(model);
    this.meta = meta;
    this.appLabel = meta.appLabel ?? model.assignedAppLabel!;
    this.objectName = model.name;
    this.modelName = model.name.toLowerCase();
    this.dbTable = meta.dbTable ?? `${this.appLabel}_${this.modelName}`;
    this.ordering = meta.ordering ?? [];
    this.verboseName = meta.verboseName ?? model.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    this.verboseNamePlural = meta.verboseNamePlural ?? `${this.verboseName}s`;
    const declared = Object.entries(model.fields ?? {});
    if (declared.length === 0 && !model.fields) throw new ModelError(`${model.name} declares no fields: define it with Model.define({ ... }).`);
    const fields: Field[] = [];
    if (!declared.some(([, field]) => field.primaryKey)) {
      const auto = new Field(appAutoField(this.appLabel) ?? defaultAutoField(), { primaryKey: true, verboseName: 'ID' });
      fields.push(this.prepareField('id', auto));
    }
    for (const [name, field] of declared) {
      if (!(field instanceof Field)) throw new ModelError(`${model.name}.${name} is not a field: use fields.char(...), fields.integer(...), etc.`);
      if (name.includes('__')) throw new ModelError(`${model.name}.${name}: field names cannot contain "__".`);
      fields.push(this.prepareField(name, field));
    }
    this.fields = fields;
    this.concreteFields = fields.filter((field) => field.concrete);
    this.manyToMany = fields.filter((field): field is ManyToManyField => field instanceof ManyToManyField);
    this.pk = fields.find((field) => field.primaryKey)!;
  }

  private prepareField(name: string, declared: Field): Field {
    // One Field object may be shared by several models (an abstract base's fields): copy it per model.
    const field = declared.model && declared.model !== this.model ? Object.assign(Object.create(Object.getPrototypeOf(declared)), declared) : declared;
    field.name = name;
    field.model = this.model;
    field.attname = field instanceof ForeignKeyField ? `${name}Id` : name;
    field.column = field.concrete ? ((field.options.dbColumn as string | undefined) ?? (field instanceof ForeignKeyField ? `${name}_id` : name)) : '';
    this.byName.set(name, field);
    if (field.attname !== name) this.byName.set(field.attname, field);
    return field;
  }

  /** A field by name or attname (`pk` names the primary key); undefined when unknown. */
  getField(name: string): Field | undefined {
    if (name === 'pk') return this.pk;
    return this.byName.get(name);
  }

  /** A field by name, or a FieldError listing the valid names. */
  requireField(name: string, where: string): Field {
    const field = this.getField(name);
    if (!field)
      throw new FieldError(`Cannot resolve keyword "${name}" into field in ${where} on ${this.objectName}. Choices are: ${this.choiceNames().join(', ')}.`);
    return field;
  }

  /** Every name a lookup may start with, for error messages. */
  choiceNames(): string[] {
    return [...this.fields.map((field) => field.name), ...this.reverseRelations().map((relation) => relation.queryName)].sort();
  }

  /** The target model of a relation field. */
  remoteModel(field: ForeignKeyField | ManyToManyField): ModelClass {
    if (!field.remoteModel) {
      const target = resolveReference(field.to, this.model);
      if (!target) throw new ModelError(`${this.objectName}.${field.name} points at ${describeReference(field.to)}, which is not a registered model.`);
      field.remoteModel = target;
    }
    return field.remoteModel as ModelClass;
  }

  /** The intermediate model of a manyToMany field with `through`, else undefined. */
  throughModel(field: ManyToManyField): ModelClass | undefined {
    if (field.options.through === undefined) return undefined;
    if (!field.throughModel) {
      const through = resolveReference(field.options.through, this.model);
      if (!through)
        throw new ModelError(`${this.objectName}.${field.name} has through ${describeReference(field.options.through)}, which is not a registered model.`);
      field.throughModel = through;
    }
    return field.throughModel as ModelClass;
  }

  /** Table and columns of a manyToMany field's rows (the automatic table, or the through model's). */
  m2mTable(field: ManyToManyField): {
    table: string;
    sourceColumn: string;
    targetColumn: string;
    through?: ModelClass;
    sourceField?: ForeignKeyField;
    targetField?: ForeignKeyField;
  } {
    const target = this.remoteModel(field);
    const through = this.throughModel(field);
    if (through) {
      const fks = through._meta.fields.filter((f): f is ForeignKeyField => f instanceof ForeignKeyField);
      const sourceField = fks.find((f) => through._meta.remoteModel(f) === this.model);
      const targetField = fks.find((f) => f !== sourceField && through._meta.remoteModel(f) === target);
      if (!sourceField || !targetField) {
        throw new ModelError(
          `${this.objectName}.${field.name}: the through model ${through.name} needs foreign keys to ${this.objectName} and ${target.name}.`,
        );
      }
      return { table: through._meta.dbTable, sourceColumn: sourceField.column, targetColumn: targetField.column, through, sourceField, targetField };
    }
    const self = target === this.model;
    const targetName = target._meta.modelName;
    return {
      table: (field.options.dbTable as string | undefined) ?? `${this.dbTable}_${field.name}`,
      sourceColumn: self ? `from_${this.modelName}_id` : `${this.modelName}_id`,
      targetColumn: self ? `to_${targetName}_id` : `${targetName}_id`,
    };
  }

  /** Relations from registered models that point at this model. */
  reverseRelations(): ReverseRelation[] {
    const version = registryVersion();
    if (this.reverseCache?.version === version) return this.reverseCache.relations;
    const relations: ReverseRelation[] = [];
    for (const model of registeredModels()) {
      let meta: Options;
      try {
        meta = model._meta;
      } catch {
        continue;
      }
      for (const field of meta.fields) {
        if (!(field instanceof ForeignKeyField) && !(field instanceof ManyToManyField)) continue;
        const target = resolveReference(field.to, model);
        if (target !== this.model) continue;
        const relatedName = field.relatedName;
        if (relatedName?.endsWith('+')) continue;
        const kind = field.type as ReverseRelation['kind'];
        const queryName = relatedName ?? meta.modelName;
        const accessorName = relatedName ?? (kind === 'oneToOne' ? meta.modelName : `${meta.modelName}Set`);
        relations.push({ field, model, queryName, accessorName, kind });
      }
    }
    this.reverseCache = { version, relations };
    return relations;
  }

  /** The reverse relation with this query name or accessor, if any. */
  reverseRelation(name: string): ReverseRelation | undefined {
    return this.reverseRelations().find((relation) => relation.queryName === name || relation.accessorName === name);
  }

  /** The model as ModelState data for migrations. */
  modelState(): ModelState {
    const fields: Record<string, FieldSpec> = {};
    for (const field of this.fields) {
      const spec = field.spec();
      if (field.column && field.column !== defaultColumn(field)) spec.column = field.column;
      if (field instanceof ForeignKeyField) {
        const target = this.remoteModel(field);
        spec.to = `${target._meta.appLabel}.${target.name}`;
        spec.onDelete = field.onDelete;
        if (field.relatedName) spec.relatedName = field.relatedName;
        if (field.options.toField) spec.toField = String(field.options.toField);
        if (field.options.dbConstraint === false) spec.dbConstraint = false;
        if (field.type === 'oneToOne') delete spec.unique;
      }
      if (field instanceof ManyToManyField) {
        const target = this.remoteModel(field);
        spec.to = `${target._meta.appLabel}.${target.name}`;
        if (field.relatedName) spec.relatedName = field.relatedName;
        const through = this.throughModel(field);
        if (through) spec.through = `${through._meta.appLabel}.${through.name}`;
        else {
          const { table, sourceColumn, targetColumn } = this.m2mTable(field);
          spec.joinTable = { table, sourceColumn, targetColumn };
        }
      }
      fields[field.name] = spec;
    }
    const options: ModelOptions = {};
    const m = this.meta;
    if (m.ordering) options.ordering = [...m.ordering];
    if (m.verboseName) options.verboseName = m.verboseName;
    if (m.verboseNamePlural) options.verboseNamePlural = m.verboseNamePlural;
    if (m.uniqueTogether) options.uniqueTogether = m.uniqueTogether.map((group) => [...group]);
    if (m.indexes) options.indexes = m.indexes.map((index) => ({ ...index, fields: [...index.fields] }));
    if (m.constraints) options.constraints = m.constraints.map((constraint) => ({ ...constraint }));
    if (m.managed === false) options.managed = false;
    if (m.getLatestBy) options.getLatestBy = toPlain(m.getLatestBy);
    return { app: this.appLabel, name: this.objectName, table: this.dbTable, fields, options };
  }
}

function defaultColumn(field: Field): string {
  return field instanceof ForeignKeyField ? `${field.name}_id` : field.name;
}

function describeReference(reference: unknown): string {
  if (typeof reference === 'string') return `"${reference}"`;
  if (typeof reference === 'function' && reference.name) return reference.name;
  return 'a model';
}
