/**
 * Base class of every error the ORM raises; `code` is stable across releases.
 *
 * @example
 * try { await post.save(); } catch (error) { if (error instanceof OrmError) console.error(error.code, error.message); }
 */
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

/**
 * A database driver package is not installed.
 *
 * @example
 * await connectDatabase('default', { ENGINE: 'postgresql', NAME: 'mysite' }).connect();
 * // without pg installed: DriverMissingError: Install the "pg" package to use PostgreSQL: pnpm add pg
 */
export class DriverMissingError extends OrmError {
  readonly packageName: string;
  constructor(packageName: string, database: string, options?: { cause?: unknown }) {
    super('MANOUCHE_ORM_DRIVER_MISSING', `Install the "${packageName}" package to use ${database}: pnpm add ${packageName}`, options);
    this.packageName = packageName;
  }
}

/**
 * The database reported an error that is not an integrity violation.
 *
 * @example
 * await connection().query('SELECT REVERSE(title) FROM blog_post'); // on SQLite: DatabaseError: … no such function: REVERSE (SQL: …)
 */
export class DatabaseError extends OrmError {
  /** The SQL that failed. Parameters are not included: they may hold secrets. */
  readonly sql: string;
  constructor(message: string, sql: string, options?: { cause?: unknown }, code = 'MANOUCHE_ORM_DATABASE_ERROR') {
    super(code, message, options);
    this.sql = sql;
  }
}

/**
 * A constraint was violated (unique, foreign key, not null, check); `constraint` names it when the driver says.
 *
 * @example
 * await Author.objects.create({ username: 'ana' }); // a second 'ana': IntegrityError: … UNIQUE constraint failed: blog_author.username
 */
export class IntegrityError extends DatabaseError {
  readonly constraint: string | undefined;
  constructor(message: string, sql: string, constraint: string | undefined, options?: { cause?: unknown }) {
    super(message, sql, options, 'MANOUCHE_ORM_INTEGRITY_ERROR');
    this.constraint = constraint;
  }
}

/**
 * The server could not be reached or the database could not be opened.
 *
 * @example
 * await connectDatabase('default', { ENGINE: 'postgresql', NAME: 'mysite', HOST: 'db.invalid' }).connect();
 * // ConnectionError: Cannot reach PostgreSQL at postgres://db.invalid/mysite for DATABASES["default"]: …
 */
export class ConnectionError extends OrmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MANOUCHE_ORM_CONNECTION_ERROR', message, options);
  }
}

/**
 * The connection was used after `close()`.
 *
 * @example
 * await db.close();
 * await db.query('SELECT 1'); // ConnectionClosedError: The database connection "default" is closed; open a new one with connectDatabase().
 */
export class ConnectionClosedError extends OrmError {
  constructor(alias: string) {
    super('MANOUCHE_ORM_CONNECTION_CLOSED', `The database connection "${alias}" is closed; open a new one with connectDatabase().`);
  }
}

/**
 * `get()` found no row. Each model has its own subclass: `Post.DoesNotExist`.
 *
 * @example
 * try { await Post.objects.get({ slug: 'nope' }); }
 * catch (error) { if (error instanceof Post.DoesNotExist) throw new Http404('No such post.'); } // "Post matching query does not exist."
 */
export class DoesNotExist extends OrmError {
  constructor(message = 'The object does not exist.') {
    super('MANOUCHE_ORM_DOES_NOT_EXIST', message);
  }
}

/**
 * `get()` found more than one row. Each model has its own subclass: `Post.MultipleObjectsReturned`.
 *
 * @example
 * await Post.objects.get({ author: ana }); // MultipleObjectsReturned: get() returned more than one Post -- it returned 2!
 */
export class MultipleObjectsReturned extends OrmError {
  constructor(message = 'More than one object was returned.') {
    super('MANOUCHE_ORM_MULTIPLE_OBJECTS_RETURNED', message);
  }
}

/**
 * An unknown field, lookup or relation was named; the message lists the valid choices.
 *
 * @example
 * Post.objects.filter({ titel: 'Hello' } as never); // FieldError: Cannot resolve keyword "titel" into field in filter() on Post. Choices are: …
 */
export class FieldError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_FIELD_ERROR', message);
  }
}

/**
 * A value written to (or compared with) a field cannot be converted to the field's type
 * (Django's ValueError from `get_prep_value`): `Field "Post.views" expected an integer but got "1; DROP".`
 *
 * @example
 * await Post.objects.filter({ views: '1; DROP' }).count(); // InvalidValueError: Field "Post.views" expected an integer but got "1; DROP".
 */
export class InvalidValueError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_INVALID_VALUE', message);
  }
}

/**
 * `fullClean()` found invalid values; `messages` holds the messages per field (`__all__` for the whole object).
 *
 * @example
 * try { await post.fullClean(); }
 * catch (error) { if (error instanceof ValidationError) error.messages; } // { title: ['Ensure this value has at most 250 characters (it has 300).'] }
 */
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

/**
 * Deleting was refused because protected rows still point at the object (onDelete PROTECT).
 *
 * @example
 * await author.delete(); // with Post.author onDelete 'PROTECT': ProtectedError: Cannot delete some instances of model "Author" …
 */
export class ProtectedError extends OrmError {
  readonly protectedObjects: unknown[];
  constructor(message: string, protectedObjects: unknown[]) {
    super('MANOUCHE_ORM_PROTECTED', message);
    this.protectedObjects = protectedObjects;
  }
}

/**
 * Deleting was refused because restricted rows still point at the object (onDelete RESTRICT).
 *
 * @example
 * await author.delete(); // with Post.author onDelete 'RESTRICT' and posts left: RestrictedError, error.restrictedObjects lists them
 */
export class RestrictedError extends OrmError {
  readonly restrictedObjects: unknown[];
  constructor(message: string, restrictedObjects: unknown[]) {
    super('MANOUCHE_ORM_RESTRICTED', message);
    this.restrictedObjects = restrictedObjects;
  }
}

/**
 * A model was used wrongly: unregistered, abstract, saved without a connection, a bad definition.
 *
 * @example
 * await AbstractPage.objects.all(); // ModelError: AbstractPage is abstract: it has no table and cannot be queried or saved.
 */
export class ModelError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_MODEL_ERROR', message);
  }
}

/**
 * A queryset operation that is not allowed in the queryset's state (filter after slicing, negative index).
 *
 * @example
 * Post.objects.all().slice(0, 10).filter({ status: 'PB' }); // QuerySetError: Cannot filter once a slice has been taken on Post.
 */
export class QuerySetError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_QUERYSET_ERROR', message);
  }
}

/**
 * An operation that needs a transaction ran outside one, or a transaction was misused.
 *
 * @example
 * let tx!: Database;
 * await connection().transaction(async (db) => { tx = db; });
 * await tx.query('SELECT 1'); // TransactionError: The transaction on "default" has already finished; use the connection passed to the current transaction.
 */
export class TransactionError extends OrmError {
  constructor(message: string) {
    super('MANOUCHE_ORM_TRANSACTION_ERROR', message);
  }
}
