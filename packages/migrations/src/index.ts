import type { Command } from '@manouche/contracts';
import { dbshellCommand } from './commands/dbshell.js';
import { makemigrationsCommand } from './commands/makemigrations.js';
import { migrateCommand } from './commands/migrate.js';
import { showmigrationsCommand } from './commands/showmigrations.js';
import { sqlmigrateCommand } from './commands/sqlmigrate.js';
import { squashmigrationsCommand } from './commands/squashmigrations.js';

/** Declares a migration (a migration file's default export). */
export { defineMigration } from './migration.js';
/** Migration shapes: what a file defines and what the loader adds. */
export type { Migration, MigrationDefinition, MigrationModule } from './migration.js';
/** The operation factories migration files use (`ops.createModel(…)`, `ops.runSql(…)`, …). */
export { ops } from './operations/ops.js';
/** The base class of every operation. */
export { Operation } from './operations/operation.js';
/** Argument and context types of the operations. */
export type { RunCodeContext, MigrationCode, RunSqlArgs, SqlSource, RunCodeArgs, SeparateDatabaseAndStateArgs } from './operations/special-operations.js';
/** The models of every app at one point of the migration history. */
export { ProjectState } from './project-state.js';
/** Loads every installed app's migration files into a graph. */
export { loadMigrations, type LoadMigrationsOptions, type ImportModule } from './loader.js';
/** The dependency graph of migrations across apps. */
export { MigrationGraph } from './graph.js';
/** Diffs migration state against current models into operations. */
export { detectChanges, type AppChanges } from './autodetector.js';
/** Rename and one-off default questions, interactive or answered up front. */
export { createQuestioner, parseRenames, type Questioner, type QuestionerOptions } from './questioner.js';
/** makemigrations as a function (and --merge). */
export { makeMigrations, makeMergeMigrations, type MakeMigrationsOptions, type MergeOptions, type PlannedMigration } from './make-migrations.js';
/** squashmigrations as a function. */
export { squashMigrations, type SquashMigrationsOptions, type SquashedMigration } from './squash-migrations.js';
/** Django's migration optimizer: folds and cancels operations of one app. */
export { optimizeOperations } from './optimizer.js';
/** The TypeScript source of a migration file. */
export { writeMigrationSource, type MigrationSource, type WriteOptions } from './writer.js';
/** migrate as a function. */
export { migrate, type MigrateOptions, type MigrateResult, type OutputStream } from './migrate.js';
/** Plan steps and migrate targets. */
export type { PlanStep, MigrateTarget } from './plan.js';
/** showmigrations as a function. */
export { showMigrations, type ShowMigrationsOptions } from './show-migrations.js';
/** sqlmigrate as a function. */
export { sqlMigrate, type SqlMigrateOptions } from './sql-migrate.js';
/** The `manouche_migrations` table and its reader/writer. */
export { MigrationRecorder, MIGRATIONS_TABLE, PARTIAL_TABLE, type PartialRun } from './recorder.js';
/** Tables straight from ModelStates, without a migration (`migrate --run-syncdb`, test databases). */
export { createModelTables, type CreateModelTablesOptions } from './create-model-tables.js';
/** The schema editor and introspection for a connection's dialect. */
export { schemaEditorFor, introspectionFor } from './schema/editor-for.js';
/** The schema editor base class and statement shape. */
export { SchemaEditor, type Statement, type SchemaEditorOptions } from './schema/schema-editor.js';
/** Introspection result shapes. */
export type { Introspection, TableDescription, ColumnDescription, IndexDescription, ForeignKeyDescription } from './schema/introspection.js';
/** Error classes, each with a stable `code`. */
export {
  MigrationError,
  NodeNotFoundError,
  CircularDependencyError,
  InconsistentHistoryError,
  BadMigrationError,
  ConflictingMigrationsError,
  IrreversibleError,
  StateError,
  MigrationFailedError,
  QuestionError,
  SchemaError,
} from './errors.js';
/** The `makemigrations` command. */
export { makemigrationsCommand } from './commands/makemigrations.js';
/** The `migrate` command. */
export { migrateCommand } from './commands/migrate.js';
/** The `showmigrations` command. */
export { showmigrationsCommand } from './commands/showmigrations.js';
/** The `sqlmigrate` command. */
export { sqlmigrateCommand } from './commands/sqlmigrate.js';
/** The `squashmigrations` command. */
export { squashmigrationsCommand } from './commands/squashmigrations.js';
/** The `dbshell` command. */
export { dbshellCommand } from './commands/dbshell.js';
/** The database's own command-line client for a DATABASES entry (what dbshell runs), and running it. */
export { databaseClientInvocation, runDatabaseClient } from './database-client.js';
/** Programs, arguments and environment of a database client. */
export type { DatabaseClientInvocation } from './client-invocation.js';

/**
 * Every command this package contributes, for the CLI to register.
 *
 * @example
 * const commands: Command[] = [...migrationCommands, ...myCommands]; // what the CLI registers
 */
export const migrationCommands: Command[] = [
  makemigrationsCommand,
  migrateCommand,
  showmigrationsCommand,
  sqlmigrateCommand,
  squashmigrationsCommand,
  dbshellCommand,
];
