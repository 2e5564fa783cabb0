import type { FieldType } from '@manouche/contracts';
import { Field, type FieldOptions, type ModelReference, type RelationOptions } from './field.js';
import { ForeignKeyField, ManyToManyField, type ManyToManyOptions } from './relation-fields.js';

/**
 * A field with its primary-key flag in its type (so the model's `pk` type is known).
 *
 * @example
 * code: fields.char({ maxLength: 10, primaryKey: true }), // PkField<string, 'char'>: post.pk is a string
 */
export type PkField<T, K extends FieldType> = Field<T, K> & { readonly $pk: true };

type Value<O, T> = O extends { null: true } ? T | null : T;
type Made<O, T, K extends FieldType> = O extends { primaryKey: true } ? PkField<T, K> : Field<Value<O, T>, K>;

/** Options of text fields. */
export interface TextOptions extends FieldOptions<string> {
  /** The column's collation (Django's db_collation): `'C'` on PostgreSQL, `'utf8mb4_bin'` on MySQL, `'NOCASE'` on SQLite. */
  dbCollation?: string;
}
/**
 * Options of char-like fields: maxLength is required.
 *
 * @example
 * slug: fields.char({ maxLength: 250, unique: true, dbCollation: 'C' }),
 */
export interface CharOptions extends TextOptions {
  maxLength: number;
}
/**
 * Options of decimal fields.
 *
 * @example
 * price: fields.decimal({ maxDigits: 8, decimalPlaces: 2, default: '0.00' }),
 */
export interface DecimalOptions extends FieldOptions<string> {
  maxDigits: number;
  decimalPlaces: number;
}
/**
 * Options of date and time fields.
 *
 * @example
 * created: fields.dateTime({ autoNowAdd: true }),
 * updated: fields.dateTime({ autoNow: true }),
 */
export interface DateTimeOptions<T> extends FieldOptions<T> {
  /** Set to now on every save. */
  autoNow?: boolean;
  /** Set to now when the row is created. */
  autoNowAdd?: boolean;
}

type AnyClass = abstract new (...args: never[]) => unknown;
type TargetOf<R> = R extends () => infer C ? (C extends AnyClass ? InstanceType<C> : never) : R extends AnyClass ? InstanceType<R> : never;
type PkOf<M> = M extends { pk: infer P } ? P : number;

function make(type: FieldType, options: object = {}): Field<never, FieldType> {
  return new Field(type, options as FieldOptions & Record<string, unknown>);
}

function requireNumber(type: string, options: Record<string, unknown> | undefined, name: string): void {
  if (typeof options?.[name] !== 'number' || !Number.isInteger(options[name]) || (options[name] as number) < 0) {
    throw new TypeError(`fields.${type}() needs ${name} (a whole number), got ${JSON.stringify(options?.[name])}.`);
  }
}

/**
 * The field constructors, by Django's names in camelCase.
 *
 * @example
 * const postFields = { title: fields.char({ maxLength: 250 }), body: fields.text(), views: fields.integer({ default: 0 }) };
 */
export const fields = {
  auto: <const O extends FieldOptions<number> = object>(options?: O) => make('auto', { primaryKey: true, ...options }) as unknown as PkField<number, 'auto'>,
  bigAuto: <const O extends FieldOptions<number> = object>(options?: O) =>
    make('bigAuto', { primaryKey: true, ...options }) as unknown as PkField<number, 'bigAuto'>,
  smallAuto: <const O extends FieldOptions<number> = object>(options?: O) =>
    make('smallAuto', { primaryKey: true, ...options }) as unknown as PkField<number, 'smallAuto'>,
  char: <const O extends CharOptions>(options: O) => {
    requireNumber('char', options as unknown as Record<string, unknown>, 'maxLength');
    return make('char', options) as unknown as Made<O, string, 'char'>;
  },
  slug: <const O extends Partial<CharOptions> = object>(options?: O) =>
    make('slug', { maxLength: 50, dbIndex: true, ...options }) as unknown as Made<O, string, 'slug'>,
  text: <const O extends TextOptions = object>(options?: O) => make('text', options) as unknown as Made<O, string, 'text'>,
  email: <const O extends Partial<CharOptions> = object>(options?: O) => make('email', { maxLength: 254, ...options }) as unknown as Made<O, string, 'email'>,
  url: <const O extends Partial<CharOptions> = object>(options?: O) => make('url', { maxLength: 200, ...options }) as unknown as Made<O, string, 'url'>,
  integer: <const O extends FieldOptions<number> = object>(options?: O) => make('integer', options) as unknown as Made<O, number, 'integer'>,
  bigInteger: <const O extends FieldOptions<bigint> = object>(options?: O) => make('bigInteger', options) as unknown as Made<O, bigint, 'bigInteger'>,
  smallInteger: <const O extends FieldOptions<number> = object>(options?: O) => make('smallInteger', options) as unknown as Made<O, number, 'smallInteger'>,
  positiveInteger: <const O extends FieldOptions<number> = object>(options?: O) =>
    make('positiveInteger', options) as unknown as Made<O, number, 'positiveInteger'>,
  positiveBigInteger: <const O extends FieldOptions<bigint> = object>(options?: O) =>
    make('positiveBigInteger', options) as unknown as Made<O, bigint, 'positiveBigInteger'>,
  positiveSmallInteger: <const O extends FieldOptions<number> = object>(options?: O) =>
    make('positiveSmallInteger', options) as unknown as Made<O, number, 'positiveSmallInteger'>,
  float: <const O extends FieldOptions<number> = object>(options?: O) => make('float', options) as unknown as Made<O, number, 'float'>,
  /** Exact decimals as strings (`'12.50'`), never floats. */
  decimal: <const O extends DecimalOptions>(options: O) => {
    requireNumber('decimal', options as unknown as Record<string, unknown>, 'maxDigits');
    requireNumber('decimal', options as unknown as Record<string, unknown>, 'decimalPlaces');
    return make('decimal', options) as unknown as Made<O, string, 'decimal'>;
  },
  boolean: <const O extends FieldOptions<boolean> = object>(options?: O) => make('boolean', options) as unknown as Made<O, boolean, 'boolean'>,
  /** Dates as `YYYY-MM-DD` strings. */
  date: <const O extends DateTimeOptions<string> = object>(options?: O) => make('date', options) as unknown as Made<O, string, 'date'>,
  /** Times of day as `HH:MM:SS[.ffffff]` strings. */
  time: <const O extends FieldOptions<string> = object>(options?: O) => make('time', options) as unknown as Made<O, string, 'time'>,
  /** Instants as `Date` objects (aware: stored in UTC when USE_TZ). */
  dateTime: <const O extends DateTimeOptions<Date> = object>(options?: O) => make('dateTime', options) as unknown as Made<O, Date, 'dateTime'>,
  /** Durations in milliseconds (stored as whole microseconds). */
  duration: <const O extends FieldOptions<number> = object>(options?: O) => make('duration', options) as unknown as Made<O, number, 'duration'>,
  uuid: <const O extends FieldOptions<string> = object>(options?: O) => make('uuid', options) as unknown as Made<O, string, 'uuid'>,
  json: <T = unknown, const O extends FieldOptions<T> = object>(options?: O) => make('json', options) as unknown as Made<O, T, 'json'>,
  binary: <const O extends FieldOptions<Uint8Array> = object>(options?: O) =>
    make('binary', { editable: false, ...options }) as unknown as Made<O, Uint8Array, 'binary'>,
  /**
   * A many-to-one relation. The instance gets `author` (the related object, once loaded) and `authorId`.
   * `to` is a class, a thunk `() => Author` (declared later or circular), `'app.Model'` or `'self'`.
   */
  foreignKey: <R, const O extends RelationOptions<unknown>>(to: R, options: O) =>
    new ForeignKeyField('foreignKey', to as ModelReference, options as RelationOptions & Record<string, unknown>) as unknown as ForeignKeyField<
      TargetOf<R>,
      Value<O, TargetOf<R>>,
      Value<O, PkOf<TargetOf<R>>>
    >,
  /** A one-to-one relation (a unique foreign key). */
  oneToOne: <R, const O extends RelationOptions<unknown>>(to: R, options: O) =>
    new ForeignKeyField(
      'oneToOne',
      to as ModelReference,
      { unique: true, ...options } as RelationOptions & Record<string, unknown>,
    ) as unknown as ForeignKeyField<TargetOf<R>, Value<O, TargetOf<R>>, Value<O, PkOf<TargetOf<R>>>>,
  /** A many-to-many relation; the instance attribute is a manager (`post.tags.add(tag)`). */
  manyToMany: <R, const O extends ManyToManyOptions = object>(to: R, options?: O) =>
    new ManyToManyField(to as ModelReference, (options ?? {}) as ManyToManyOptions & Record<string, unknown>) as unknown as ManyToManyField<TargetOf<R>>,
};
