/**
 * Every error this package raises carries a stable `code` and names the app, migration or field involved.
 *
 * @example
 * try { await migrate({ database: db, graph }); }
 * catch (error) { if (error instanceof MigrationError) console.error(error.code, error.message); }
 */
export class MigrationError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * A migration names a dependency that no loaded migration provides.
 *
 * @example
 * // blog/migrations/0002_post_author.ts: dependencies: [['auth', '0099_missing']]
 * await loadMigrations({ apps, importModule }); // NodeNotFoundError naming auth.0099_missing
 */
export class NodeNotFoundError extends MigrationError {
  constructor(message: string) {
    super('MANOUCHE_MIGRATIONS_NODE_NOT_FOUND', message);
  }
}

/**
 * Migrations depend on each other in a circle.
 *
 * @example
 * // blog.0002 depends on shop.0001, which depends on blog.0002:
 * await loadMigrations({ apps, importModule }); // CircularDependencyError: Migrations depend on each other in a cycle: …
 */
export class CircularDependencyError extends MigrationError {
  constructor(message: string) {
    super('MANOUCHE_MIGRATIONS_CIRCULAR_DEPENDENCY', message);
  }
}

/**
 * The database records a migration as applied while one of its dependencies is not.
 *
 * @example
 * // manouche_migrations has blog.0002_post_publish but not blog.0001_initial:
 * await migrate({ database: db, graph }); // InconsistentHistoryError
 */
export class InconsistentHistoryError extends MigrationError {
  constructor(message: string) {
    super('MANOUCHE_MIGRATIONS_INCONSISTENT_HISTORY', message);
  }
}

/**
 * A migration file cannot be imported or does not export a migration.
 *
 * @example
 * // blog/migrations/0002_post_publish.ts has no default export:
 * await loadMigrations({ apps, importModule }); // BadMigrationError naming the file
 */
export class BadMigrationError extends MigrationError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MANOUCHE_MIGRATIONS_BAD_MIGRATION', message, options);
  }
}

/**
 * An app has several leaf migrations (parallel branches) that need a merge migration.
 *
 * @example
 * // blog has 0002_a and 0002_b, both after 0001_initial:
 * await migrate({ database: db, graph }); // ConflictingMigrationsError: run makemigrations --merge
 */
export class ConflictingMigrationsError extends MigrationError {
  constructor(message: string) {
    super('MANOUCHE_MIGRATIONS_CONFLICT', message);
  }
}

/**
 * An operation cannot be reversed; the message says why.
 *
 * @example
 * ops.runSql({ sql: 'UPDATE blog_post SET draft = FALSE' }); // no reverseSql:
 * await migrate({ database: db, graph, target: { app: 'blog', name: 'zero' } }); // IrreversibleError
 */
export class IrreversibleError extends MigrationError {
  constructor(message: string) {
    super('MANOUCHE_MIGRATIONS_IRREVERSIBLE', message);
  }
}

/**
 * An operation refers to a model or field the migration state does not have.
 *
 * @example
 * ops.removeField({ model: 'Post', name: 'subtitle' }); // StateError when no earlier migration added Post.subtitle
 */
export class StateError extends MigrationError {
  constructor(message: string) {
    super('MANOUCHE_MIGRATIONS_STATE', message);
  }
}

/**
 * Applying or unapplying a migration failed; the message names the operation and what was left applied.
 *
 * @example
 * try { await migrate({ database: db, graph }); }
 * catch (error) { if (error instanceof MigrationFailedError) console.error(error.message, error.cause); }
 */
export class MigrationFailedError extends MigrationError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MANOUCHE_MIGRATIONS_FAILED', message, options);
  }
}

/**
 * makemigrations needs an answer (a rename, a one-off default) that was not given and cannot be asked.
 *
 * @example
 * parseRenames(['blog.Post.title']); // QuestionError: expected app.Model.old_field:new_field or app.OldModel:NewModel
 */
export class QuestionError extends MigrationError {
  constructor(message: string) {
    super('MANOUCHE_MIGRATIONS_QUESTION', message);
  }
}

/**
 * A field, option or target the schema editor cannot turn into SQL.
 *
 * @example
 * ops.addField({ model: 'Post', name: 'views', field: { type: 'integer', dbCollation: 'C' } }); // SchemaError when migrated: dbCollation on an integer
 */
export class SchemaError extends MigrationError {
  constructor(message: string) {
    super('MANOUCHE_MIGRATIONS_SCHEMA', message);
  }
}
