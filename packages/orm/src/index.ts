/** Opens one connection for a DATABASES entry. */
export { connectDatabase, connectDatabases, ConnectionRegistry, engineDialect } from './connect.js';
/** Options for opening connections (`baseDir` for relative SQLite paths). */
export type { ConnectOptions } from './connect.js';
/** A connection implementing the contracts' `Database`, with `connect`, `onCommit` and query listeners. */
export { Connection } from './connection.js';
/** Listener type for `Connection.addQueryListener`. */
export type { QueryListener } from './connection.js';
/** Every error class the ORM raises. */
export {
  OrmError,
  ImproperlyConfigured,
  DriverMissingError,
  DatabaseError,
  IntegrityError,
  ConnectionError,
  ConnectionClosedError,
  DoesNotExist,
  MultipleObjectsReturned,
  FieldError,
  ValidationError,
  InvalidValueError,
  ProtectedError,
  RestrictedError,
  ModelError,
  QuerySetError,
  TransactionError,
} from './errors.js';
/** The base class of models; declare one with `class Post extends Model.define({...}) {}`. */
export { Model } from './model.js';
/** Types of model classes, instances and their per-instance state. */
export type { DefinedModel, InstanceState } from './model.js';
/** Field constructors: `fields.char({ maxLength: 250 })`, `fields.foreignKey(() => Author, { onDelete: 'CASCADE' })`, … */
export { fields } from './fields/fields.js';
/** Field classes and option types. */
export { Field } from './fields/field.js';
export type { FieldOptions, RelationOptions, Validator, ModelReference, LimitChoicesTo } from './fields/field.js';
/** Relation field classes. */
export { ForeignKeyField, ManyToManyField } from './fields/relation-fields.js';
export type { ManyToManyOptions } from './fields/relation-fields.js';
/** Option types of the field constructors. */
export type { CharOptions, DecimalOptions, DateTimeOptions, PkField } from './fields/fields.js';
/** Model options (`static meta`), `_meta`, and the model class shape. */
export { Options } from './model-options.js';
export type { ModelMeta, ModelClass, ReverseRelation } from './model-options.js';
/** Typed lookup keys, field paths and instance attribute types. */
export type { FieldAttributes, ModelInit, FilterKey, Lookups, FieldPath, OrderName, UpdateValues } from './model-types.js';
/** Managers: the default one, custom ones, and `Manager.fromQueryset`. */
export { Manager } from './manager.js';
/** Lazy, chainable, awaitable querysets. */
export { QuerySet } from './queryset.js';
export type { FilterArg } from './queryset.js';
/** Managers behind reverse foreign keys and many-to-many fields. */
export { RelatedManager, ManyRelatedManager } from './related-managers.js';
/** Q objects, F expressions and aggregates. */
export { Q, QNode, F, FieldRef, Combined, Expression, Aggregate, Count, Sum, Avg, Min, Max, StdDev, Variance } from './expressions.js';
export type { AggregateOptions, AggregateFunction } from './expressions.js';
/** Expressions: values, functions, Case/When, subqueries, date functions. */
export {
  Value,
  ValueExpression,
  ExpressionWrapper,
  WrappedExpression,
  Func,
  Coalesce,
  Lower,
  Upper,
  Length,
  Concat,
  Now,
  Cast,
  Greatest,
  Least,
} from './functions.js';
export type { CastType, FunctionArgument } from './functions.js';
export { Case, CaseExpression, When, WhenBranch } from './conditional-expressions.js';
export { OuterRef, OuterRefExpression, Subquery, SubqueryExpression, Exists, ExistsExpression } from './subqueries.js';
export {
  Extract,
  ExtractExpression,
  ExtractYear,
  ExtractIsoYear,
  ExtractQuarter,
  ExtractMonth,
  ExtractWeek,
  ExtractDay,
  ExtractWeekDay,
  ExtractIsoWeekDay,
  ExtractHour,
  ExtractMinute,
  ExtractSecond,
  Trunc,
  TruncExpression,
  TruncDate,
  TruncTime,
  TruncYear,
  TruncQuarter,
  TruncMonth,
  TruncWeek,
  TruncDay,
  TruncHour,
  TruncMinute,
  TruncSecond,
} from './datetime-functions.js';
export type { ExtractKind, TruncKind } from './datetime-functions.js';
export { OrderBy, SqlExpression } from './expressions.js';
export type { NullsOptions, SqlBuilder, FieldLike } from './expressions.js';
/** Transactions with nested savepoints, and after-commit callbacks. */
export { atomic, onCommit } from './transaction.js';
/** Sets the ORM's connections and settings (DATABASES, USE_TZ, TIME_ZONE, DEFAULT_AUTO_FIELD). */
export { configureOrm, connection, databaseRegistry, closeOrmConnections } from './config.js';
export type { OrmOptions, AutoFieldType } from './config.js';
/** The model registry: registration by app, lookup, and ModelState data for migrations. */
export { registerModels, registerModel, getModel, registeredModels, modelStates } from './registry.js';
/** Model signals. */
export { Signal, preSave, postSave, preDelete, postDelete } from './signals.js';
export type { SaveSignalArgs, DeleteSignalArgs } from './signals.js';
/** bulkCreate()'s conflict options. */
export type { ConflictOptions } from './bulk-conflicts.js';
/** Options of `save()`. */
export type { SaveOptions } from './persistence.js';
/** Lookup and transform names. */
export { LOOKUPS, TRANSFORMS } from './query/lookups.js';
export type { LookupName, TransformName } from './query/lookups.js';
