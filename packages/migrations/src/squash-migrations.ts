import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@manouche/contracts';
import { MigrationError } from './errors.js';
import type { MigrationGraph } from './graph.js';
import { loadMigrations, type ImportModule } from './loader.js';
import type { Migration } from './migration.js';
import type { Operation } from './operations/operation.js';
import { optimizeOperations } from './optimizer.js';
import { resolveTarget } from './plan.js';
import { writeMigrationSource } from './writer.js';

/**
 * Options of squashMigrations() (`squashmigrations app [start] end`).
 *
 * @example
 * await squashMigrations({ apps, importModule, app: 'blog', start: '0001', end: '0004', squashedName: 'initial' });
 */
export interface SquashMigrationsOptions {
  apps: ReadonlyArray<Pick<AppConfig, 'label' | 'migrationsDir'>>;
  graph?: MigrationGraph;
  importModule?: ImportModule;
  app: string;
  /** The first migration to squash (a unique prefix works); the app's first when omitted. */
  start?: string;
  /** The last migration to squash (a unique prefix works). */
  end: string;
  /** Run the optimizer (default true; `--no-optimize` turns it off). */
  optimize?: boolean;
  /** Name the squashed migration `<start number>_<squashedName>` instead of `…_squashed_…`. */
  squashedName?: string;
  /** Compute, but write nothing. */
  dryRun?: boolean;
  importSource?: string;
}

/** What squashmigrations made. */
export interface SquashedMigration {
  app: string;
  name: string;
  file: string;
  /** The squashed migrations' names, in order. */
  squashed: string[];
  replaces: Array<[string, string]>;
  dependencies: Array<[string, string]>;
  operations: Operation[];
  /** How many operations the squashed migrations had, before optimizing. */
  operationsBefore: number;
  initial: boolean;
  source: string;
}

function containsCode(operation: Operation): boolean {
  if (operation.kind === 'runCode') return true;
  const args = operation.args as { databaseOperations?: Operation[]; stateOperations?: Operation[] };
  return [...(args.databaseOperations ?? []), ...(args.stateOperations ?? [])].some(containsCode);
}

/**
 * Squashes an app's migrations from `start` (default: its first) to `end` into one migration that
 * `replaces` them (Django's squashmigrations): their operations, optimized, with the dependencies
 * that point outside the squashed set. New databases run the squashed migration; databases that
 * applied the old ones keep them and the squashed one counts as applied. Writes the file unless `dryRun`.
 *
 * @example
 * const made = await squashMigrations({ apps, graph, app: 'blog', end: '0004' });
 * made.file; // …/blog/migrations/0001_squashed_0004_post_status.ts
 */
export async function squashMigrations(options: SquashMigrationsOptions): Promise<SquashedMigration> {
  const { app } = options;
  const appConfig = options.apps.find((a) => a.label === app);
  if (!appConfig) throw new MigrationError('MANOUCHE_MIGRATIONS_UNKNOWN_APP', `App '${app}' could not be found. Is it in INSTALLED_APPS?`);
  const graph = options.graph ?? (options.importModule ? await loadMigrations({ apps: options.apps, importModule: options.importModule }) : undefined);
  if (!graph)
    throw new MigrationError(
      'MANOUCHE_MIGRATIONS_NO_GRAPH',
      'squashMigrations needs either `graph` (from loadMigrations) or `importModule` to load the migration files.',
    );
  if (![...graph.nodes.values()].some((m) => m.app === app))
    throw new MigrationError('MANOUCHE_MIGRATIONS_NO_MIGRATIONS', `App '${app}' does not have migrations (so squashmigrations on it makes no sense).`);
  const find = (name: string): Migration => {
    const { key } = resolveTarget(graph, { app, name });
    if (!key) throw new MigrationError('MANOUCHE_MIGRATIONS_BAD_TARGET', `Cannot squash to 'zero'; name the last migration to squash.`);
    return graph.migration(key);
  };
  const end = find(options.end);
  let migrations = graph
    .forwardsPlan(end.key)
    .map((key) => graph.migration(key))
    .filter((m) => m.app === app);
  const start = options.start ? find(options.start) : migrations[0];
  const startIndex = migrations.indexOf(start);
  if (startIndex === -1) {
    throw new MigrationError(
      'MANOUCHE_MIGRATIONS_BAD_TARGET',
      `The migration '${start.key}' cannot be found. Maybe it comes after the migration '${end.key}'?\nHave a look at:\n  manouche showmigrations ${app}\nto debug this issue.`,
    );
  }
  migrations = migrations.slice(startIndex);
  for (const migration of migrations) {
    if (migration.replaces.length) {
      throw new MigrationError(
        'MANOUCHE_MIGRATIONS_SQUASH_SQUASHED',
        `You cannot squash squashed migrations! Please transition ${migration.key} to a normal migration first (delete the migrations it replaces and its \`replaces\`).`,
      );
    }
    const withCode = migration.operations.find(containsCode);
    if (withCode) {
      throw new MigrationError(
        'MANOUCHE_MIGRATIONS_SQUASH_CODE',
        `Cannot squash ${migration.key}: its operation "${withCode.describe()}" runs code, and functions cannot be copied into a migration file. ` +
          `Squash a range that leaves it out (squashmigrations ${app} START END), or move the code into a runSql operation first.`,
      );
    }
  }

  // As the files wrote them: a relation to settings.AUTH_USER_MODEL stays one in the squashed file.
  const written = migrations.map((m) => m.asWritten ?? m);
  const operations = written.flatMap((m) => [...m.operations]);
  const dependencies: Array<[string, string]> = [];
  const squashedKeys = new Set(migrations.map((m) => m.key));
  for (const [i, migration] of written.entries()) {
    for (const [depApp, depName] of migration.dependencies) {
      const key = `${depApp}.${depName}`;
      // The first migration keeps all its dependencies (its predecessor when a start is given); the others only those outside the app.
      if (squashedKeys.has(key) || (i > 0 && depApp === app)) continue;
      if (!dependencies.some(([a, n]) => a === depApp && n === depName)) dependencies.push([depApp, depName]);
    }
  }
  const optimized = options.optimize === false ? operations : optimizeOperations(operations, app);
  const name = options.squashedName
    ? `${start.name.split('_')[0]}_${options.squashedName}`
    : options.start
      ? `${start.name}_squashed_${end.name}`
      : `0001_squashed_${end.name}`;
  const file = path.join(appConfig.migrationsDir, `${name}.ts`);
  if (existsSync(file) || graph.nodes.has(`${app}.${name}`))
    throw new MigrationError('MANOUCHE_MIGRATIONS_EXISTS', `Migration ${name} already exists. Use a different name.`);
  const replaces = migrations.map((m): [string, string] => [m.app, m.name]);
  const initial = !options.start;
  const atomic = migrations.every((m) => m.atomic);
  const source = writeMigrationSource({ dependencies, operations: optimized, initial, replaces, atomic }, { importSource: options.importSource });
  if (!options.dryRun) writeFileSync(file, source);
  return {
    app,
    name,
    file,
    squashed: migrations.map((m) => m.name),
    replaces,
    dependencies,
    operations: optimized,
    operationsBefore: operations.length,
    initial,
    source,
  };
}
