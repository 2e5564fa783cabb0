import type { FieldSpec, FieldType, OnDelete, PlainValue } from '@manouche/contracts';

/**
 * A validator: throws or returns an error message (a string) when the value is invalid.
 *
 * @example
 * const even: Validator<number> = (value) => (value % 2 === 0 ? undefined : `${value} is not an even number.`);
 * pages: fields.integer({ validators: [even] }),
 */
export type Validator<T = unknown> = (value: T) => string | void | undefined;

/**
 * Options every field accepts (Django's Field options).
 *
 * @example
 * title: fields.char({ maxLength: 250, unique: true, dbIndex: true, verboseName: 'headline', helpText: 'Shown on the list page.' }),
 * subtitle: fields.char({ maxLength: 250, null: true, blank: true, default: null }),
 */
export interface FieldOptions<T = unknown> {
  null?: boolean;
  blank?: boolean;
  /** A value, or a function called for each new instance. */
  default?: T | (() => T);
  unique?: boolean;
  dbIndex?: boolean;
  primaryKey?: boolean;
  choices?: ReadonlyArray<readonly [T, string]>;
  /** The column name (the field name, or `<name>_id` for relations, by default). */
  dbColumn?: string;
  validators?: ReadonlyArray<Validator<T>>;
  verboseName?: string;
  helpText?: string;
  editable?: boolean;
}

/**
 * Relation options shared by foreignKey and oneToOne.
 *
 * @example
 * author: fields.foreignKey(() => User, { onDelete: 'CASCADE', relatedName: 'blogPosts', limitChoicesTo: { isStaff: true } }),
 */
export interface RelationOptions<T = unknown> extends FieldOptions<T> {
  onDelete: OnDelete;
  relatedName?: string;
  toField?: string;
  dbConstraint?: boolean;
  /** Narrows the objects forms and the admin offer for this relation (Django's limit_choices_to): filter arguments, or a function returning them. */
  limitChoicesTo?: LimitChoicesTo;
}

/**
 * Filter arguments (`{ isActive: true }`) or a function returning them, evaluated each time choices are read.
 *
 * @example
 * owner: fields.foreignKey('auth.User', { onDelete: 'SET_NULL', null: true, limitChoicesTo: () => ({ isActive: true }) }),
 */
export type LimitChoicesTo = Record<string, unknown> | (() => Record<string, unknown>);

/**
 * A lazily named model: a class, a thunk returning it (for later or circular declarations), `'app.Model'`, or `'self'`.
 *
 * @example
 * parent: fields.foreignKey('self', { onDelete: 'CASCADE', null: true }),
 * author: fields.foreignKey(() => Author, { onDelete: 'CASCADE' }), // a thunk for a class declared later
 */
export type ModelReference<C = unknown> = C | (() => C) | string;

/**
 * A model field. `T` is the attribute's type on instances (including `null` when `null: true`);
 * the other parameters carry what the types need to know (primary key, relation target).
 *
 * @example
 * Post._meta.getField('title'); // the Field of `title: fields.char({ maxLength: 250 })`: type 'char', maxLength 250
 */
export class Field<T = unknown, Kind extends FieldType = FieldType> {
  /** Type-only marker of the value type (never set at run time; the published types need it). */
  declare readonly $type: T;
  readonly type: Kind;
  readonly options: FieldOptions & Record<string, unknown>;
  /** Set when the model class is prepared. */
  name = '';
  /** The instance attribute holding the value (`authorId` for a foreignKey `author`). */
  attname = '';
  /** The column, quoted only by the compiler. */
  column = '';
  /** The model class that owns the field (set when the model is prepared). */
  model: unknown = undefined;

  constructor(type: Kind, options: FieldOptions & Record<string, unknown> = {}) {
    this.type = type;
    this.options = options;
  }

  get primaryKey(): boolean {
    return Boolean(this.options.primaryKey);
  }
  get nullable(): boolean {
    return Boolean(this.options.null);
  }
  get isRelation(): boolean {
    return this.type === 'foreignKey' || this.type === 'oneToOne' || this.type === 'manyToMany';
  }
  /** Whether the field has a column on its model's table (m2m fields do not). */
  get concrete(): boolean {
    return this.type !== 'manyToMany';
  }
  get isAuto(): boolean {
    return this.type === 'auto' || this.type === 'bigAuto' || this.type === 'smallAuto';
  }
  get editable(): boolean {
    return this.options.editable !== false && !this.isAuto;
  }

  /** Whether the field has a default (a value or a function). */
  hasDefault(): boolean {
    return this.options.default !== undefined;
  }

  /** The default for a new instance: the function's result, or the value (copied when it is an object). */
  getDefault(): unknown {
    const value = this.options.default;
    if (typeof value === 'function') return (value as () => unknown)();
    if (value !== undefined) return structuredCloneIfObject(value);
    if (this.type === 'dateTime' && (this.options.autoNow || this.options.autoNowAdd)) return null;
    return this.nullable ? null : undefined;
  }

  /** The field as plain data for migrations. */
  spec(): FieldSpec {
    const o = this.options;
    const spec: FieldSpec = { type: this.type };
    if (o.dbColumn) spec.column = String(o.dbColumn);
    if (o.primaryKey) spec.primaryKey = true;
    if (o.null) spec.null = true;
    if (o.blank) spec.blank = true;
    if (o.unique) spec.unique = true;
    if (o.dbIndex) spec.dbIndex = true;
    if (typeof o.default === 'function') spec.hasCallableDefault = true;
    else if (o.default !== undefined) spec.default = toPlain(o.default);
    for (const key of ['maxLength', 'maxDigits', 'decimalPlaces'] as const) {
      if (typeof o[key] === 'number') spec[key] = o[key] as number;
    }
    if (typeof o.dbCollation === 'string') spec.dbCollation = o.dbCollation;
    if (o.choices) spec.choices = o.choices.map(([value, label]) => [toPlain(value), label]);
    if (o.autoNow) spec.autoNow = true;
    if (o.autoNowAdd) spec.autoNowAdd = true;
    if (o.verboseName) spec.verboseName = o.verboseName;
    if (o.helpText) spec.helpText = o.helpText;
    if (o.editable === false) spec.editable = false;
    return spec;
  }
}

function structuredCloneIfObject(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return structuredClone(value);
  return value;
}

/** A default or choice value as migration data. */
export function toPlain(value: unknown): PlainValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toPlain(v)]));
  return String(value);
}
