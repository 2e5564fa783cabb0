import type { OnDelete } from '@manouche/contracts';
import { Field, type FieldOptions, type LimitChoicesTo, type ModelReference, type RelationOptions } from './field.js';

function evaluateLimitChoicesTo(limit: LimitChoicesTo | undefined): Record<string, unknown> | null {
  if (limit === undefined) return null;
  return typeof limit === 'function' ? limit() : limit;
}

/**
 * A foreignKey or oneToOne field: a column holding the target's key. `M` is the target instance type.
 *
 * @example
 * const post = await Post.objects.selectRelated('author').get({ pk: 1 });
 * post.author.username; // loaded; post.authorId holds the key
 */
export class ForeignKeyField<M = unknown, T = M, Id = unknown> extends Field<T, 'foreignKey' | 'oneToOne'> {
  /** Type-only markers (never set at run time; the published types need them). */
  declare readonly $target: M;
  declare readonly $id: Id;
  readonly to: ModelReference;
  /** Resolved target model class (set when the registry resolves relations). */
  remoteModel: unknown = undefined;

  constructor(type: 'foreignKey' | 'oneToOne', to: ModelReference, options: RelationOptions & Record<string, unknown>) {
    super(type, options);
    this.to = to;
  }

  get onDelete(): OnDelete {
    return (this.options.onDelete as OnDelete | undefined) ?? 'CASCADE';
  }
  get relatedName(): string | undefined {
    return this.options.relatedName as string | undefined;
  }
  /** The filter arguments limitChoicesTo gives now (a function is called each time), or null (Django's get_limit_choices_to). */
  getLimitChoicesTo(): Record<string, unknown> | null {
    return evaluateLimitChoicesTo(this.options.limitChoicesTo as LimitChoicesTo | undefined);
  }
}

/**
 * Options of a manyToMany field.
 *
 * @example
 * tags: fields.manyToMany(() => Tag, { relatedName: 'posts', blank: true }),
 * members: fields.manyToMany(() => Person, { through: () => Membership }),
 */
export interface ManyToManyOptions extends Omit<FieldOptions<never>, 'default' | 'null' | 'primaryKey' | 'unique' | 'choices' | 'validators' | 'dbColumn'> {
  relatedName?: string;
  /** An explicit intermediate model with foreign keys to both sides. */
  through?: ModelReference;
  /** The automatic join table's name (`<table>_<field>` by default). */
  dbTable?: string;
  /** Narrows the objects forms and the admin offer (Django's limit_choices_to). */
  limitChoicesTo?: LimitChoicesTo;
}

/**
 * A manyToMany field: no column, rows in a join table (automatic or `through`).
 *
 * @example
 * await post.tags.add(django, orm);
 * await post.tags.all(); // [django, orm]
 */
export class ManyToManyField<M = unknown> extends Field<M, 'manyToMany'> {
  declare readonly $target: M;
  readonly to: ModelReference;
  remoteModel: unknown = undefined;
  throughModel: unknown = undefined;

  constructor(to: ModelReference, options: ManyToManyOptions & Record<string, unknown>) {
    super('manyToMany', options);
    this.to = to;
  }

  get relatedName(): string | undefined {
    return this.options.relatedName as string | undefined;
  }
  /** The filter arguments limitChoicesTo gives now (a function is called each time), or null (Django's get_limit_choices_to). */
  getLimitChoicesTo(): Record<string, unknown> | null {
    return evaluateLimitChoicesTo(this.options.limitChoicesTo as LimitChoicesTo | undefined);
  }
}
