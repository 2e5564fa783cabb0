import { BadMigrationError } from './errors.js';
import type { Operation } from './operations/operation.js';

/**
 * What a migration file's default export describes.
 *
 * @example
 * export default defineMigration({
 *   dependencies: [['blog', '0001_initial']],
 *   operations: [ops.addField({ model: 'Post', name: 'publish', field: { type: 'dateTime', null: true } })],
 * });
 */
export interface MigrationDefinition {
  /** `[app_label, migration_name]` pairs that must be applied first. */
  dependencies?: Array<[string, string]>;
  operations?: Operation[];
  /** Marks an app's initial migration (`migrate --fake-initial` may fake it when its tables exist). */
  initial?: boolean;
  /** Run in one transaction where the database has transactional DDL (default true). */
  atomic?: boolean;
  /**
   * A squashed migration: the `[app_label, migration_name]` pairs it stands for. It is used when
   * none or all of them are applied; while only some are, the replaced migrations are used instead.
   */
  replaces?: Array<[string, string]>;
}

/** A migration as a file defines it (its app and name come from where the file is). */
export interface MigrationModule {
  readonly manoucheMigration: true;
  readonly dependencies: ReadonlyArray<readonly [string, string]>;
  readonly operations: readonly Operation[];
  readonly initial: boolean;
  readonly atomic: boolean;
  readonly replaces: ReadonlyArray<readonly [string, string]>;
}

/** A loaded migration: the file's content with its app label and name. */
export interface Migration extends MigrationModule {
  readonly app: string;
  readonly name: string;
  /** `app.name`. */
  readonly key: string;
  /** The file it came from, when loaded from disk. */
  readonly file?: string;
  /** The migration as its file wrote it, when the loader made `settings.X` references concrete (squashmigrations writes those back). */
  readonly asWritten?: Migration;
}

/**
 * Declares a migration; a migration file's default export.
 *
 * @example
 * export default defineMigration({
 *   initial: true,
 *   dependencies: [],
 *   operations: [ops.createModel({ name: 'Post', table: 'blog_post', fields: { id: { type: 'bigAuto', primaryKey: true } } })],
 * });
 */
export function defineMigration(definition: MigrationDefinition): MigrationModule {
  if (!definition || typeof definition !== 'object') throw new BadMigrationError('defineMigration() expects an object with dependencies and operations.');
  return {
    manoucheMigration: true,
    dependencies: (definition.dependencies ?? []).map(([app, name]) => [app, name] as const),
    operations: definition.operations ?? [],
    initial: definition.initial ?? false,
    atomic: definition.atomic ?? true,
    replaces: (definition.replaces ?? []).map(([app, name]) => [app, name] as const),
  };
}

/** A migration with its app and name attached. */
export function namedMigration(app: string, name: string, module: MigrationModule, file?: string): Migration {
  return { ...module, replaces: module.replaces ?? [], app, name, key: `${app}.${name}`, file };
}

/** Whether a module export is a migration made by {@link defineMigration}. */
export function isMigrationModule(value: unknown): value is MigrationModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { manoucheMigration?: unknown }).manoucheMigration === true &&
    Array.isArray((value as { operations?: unknown }).operations)
  );
}
