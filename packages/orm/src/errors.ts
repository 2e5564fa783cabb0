/** Base class of every error the ORM raises; `code` is stable across releases. */
export class OrmError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * A DATABASES entry or ORM setting is wrong (unknown ENGINE, missing NAME, unknown alias): the one
 * `ImproperlyConfigured` every layer raises (code `MANOUCHE_IMPROPERLY_CONFIGURED`, `isImproperlyConfigured()`).
 */
export { ImproperlyConfigured } from '@manouche/contracts';

/** A database driver package is not installed. */
export class DriverMissingError extends OrmError {
  readonly packageName: string;
  constructor(packageName: string, database: string, options?: { cause?: unknown }) {
    super('MANOUCHE_ORM_DRIVER_MISSING', `Install the "${packageName}" package to use ${database}: pnpm add ${packageName}`, options);
    this.packageName = packageName;
  }
}

/** The database reported an error that is not an integrity violation. */
export class DatabaseError extends OrmError {
  /** The SQL that failed. Parameters are not included: they may hold secrets. */
  readonly sql: string;
  constructor(message: string, sql: string, options?: { cause?: unknown }, code = 'MANOUCHE_ORM_DATABASE_ERROR') {
    super(code, message, options);
    this.sql = sql;
  }
}

/** A constraint was violated (unique, foreign key, not null, check); `constraint` names it when the driver says. */
export class IntegrityError extends DatabaseError {
  readonly constraint: string | undefined;
  constructor(message: string, sql: string, constraint: string | undefined, options?: { cause?: unknown }) {
    super(message, sql, options, 'MANOUCHE_ORM_INTEGRITY_ERROR');
    this.constraint = constraint;
  }
}

/** The server could not be reached or the database could not be opened. */
export class ConnectionError extends OrmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MANOUCHE_ORM_CONNECTION_ERROR', message, options);
  }
}

/** The connection was used after `close()`. */
export class ConnectionClosedError extends OrmError {
  constructor(alias: string) {
    super('MANOUCHE_ORM_CONNECTION_CLOSED', `The database connection "${alias}" is closed; open a new one with connectDatabase().`);
  }
}

/** `get()` found no row. Each model has its own subclass: `Post.DoesNotExist`. */
export class DoesNotExist extends OrmError {
  constructor(message = 'The object does not exist.') {
    super('MANOUCHE_ORM_DOES_NOT_EXIST', message);
  }
}

/** `get()` found more than one row. Each model has its own subclass: `Post.MultipleObjectsReturned`. */
export class MultipleObjectsReturned extends OrmError {
  constructor(message = 'More than one object was returned.') {
    super('MANOUCHE_ORM_MULTIPLE_OBJECTS_RETURNED', message);
  }
}

/** An unknown field, lookup or relation was named; the message lists the valid choices. */
export class FieldError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_FIELD_ERROR', message);
  }
}

/**
 * A value written to (or compared with) a field cannot be converted to the field's type
 * (Django's ValueError from `get_prep_value`): `Field "Post.views" expected an integer but got "1; DROP".`
 */
export class InvalidValueError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_INVALID_VALUE', message);
  }
}

/** `fullClean()` found invalid values; `messages` holds the messages per field (`__all__` for the whole object). */
export class ValidationError extends OrmError {
  readonly messages: Record<string, string[]>;
  constructor(messages: Record<string, string[]>) {
    const text = Object.entries(messages)
      .map(([field, list]) => `${field}: ${list.join(' ')}`)
      .join('; ');
    super('MANOUCHE_ORM_VALIDATION_ERROR', `Validation failed: ${text}`);
    this.messages = messages;
  }
}

/** Deleting was refused because protected rows still point at the object (onDelete PROTECT). */
export class ProtectedError extends OrmError {
  readonly protectedObjects: unknown[];
  constructor(message: string, protectedObjects: unknown[]) {
    super('MANOUCHE_ORM_PROTECTED', message);
    this.protectedObjects = protectedObjects;
  }
}

/** Deleting was refused because restricted rows still point at the object (onDelete RESTRICT). */
export class RestrictedError extends OrmError {
  readonly restrictedObjects: unknown[];
  constructor(message: string, restrictedObjects: unknown[]) {
    super('MANOUCHE_ORM_RESTRICTED', message);
    this.restrictedObjects = restrictedObjects;
  }
}

/** A model was used wrongly: unregistered, abstract, saved without a connection, a bad definition. */
export class ModelError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_MODEL_ERROR', message);
  }
}

/** A queryset operation that is not allowed in the queryset's state (filter after slicing, negative index). */
export class QuerySetError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_QUERYSET_ERROR', message);
  }
}

/** An operation that needs a transaction ran outside one, or a transaction was misused. */
export class TransactionError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_TRANSACTION_ERROR', message);
  }
}
