import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@manouche/contracts';
import { BadMigrationError } from './errors.js';
import { MigrationGraph } from './graph.js';
import { isMigrationModule, namedMigration, type Migration } from './migration.js';
import { resolveSwappableModels } from './swappable.js';

/** Imports a migration file (a `.ts` or `.js` path) and returns its exports. */
export type ImportModule = (file: string) => Promise<Record<string, unknown>>;

/**
 * Options of loadMigrations(): the installed apps and how their migration files are imported.
 *
 * @example
 * await loadMigrations({ apps: project.apps.getAppConfigs(), importModule: (file) => project.importModule(file), settings: project.settings });
 */
export interface LoadMigrationsOptions {
  /** Installed apps (label and migrationsDir), in INSTALLED_APPS order. */
  apps: ReadonlyArray<Pick<AppConfig, 'label' | 'migrationsDir'>>;
  importModule: ImportModule;
  /**
   * The project settings: a migration's `settings.AUTH_USER_MODEL` (Django's swappable models) is
   * the model they name. Without them it is the model that declares itself swappable (`auth.User`).
   */
  settings?: Readonly<Record<string, unknown>>;
}

const MIGRATION_FILE = /^(\d{4}_[A-Za-z0-9_]+)\.(ts|mts|js|mjs)$/;

/** The migration files of one folder by name (`0001_initial`), a `.ts` file winning over a built `.js`. */
function migrationFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir).sort()) {
    const match = MIGRATION_FILE.exec(entry);
    if (!match || entry.endsWith('.d.ts')) continue;
    const existing = files.get(match[1]);
    if (!existing || /\.m?ts$/.test(entry)) files.set(match[1], path.join(dir, entry));
  }
  return files;
}

/**
 * Loads every installed app's migration files into a graph, checking dependencies and cycles.
 * A file that fails to import, or does not default-export `defineMigration(…)`, is an error naming
 * the app, the migration and the file.
 *
 * @example
 * const graph = await loadMigrations({ apps: project.apps.getAppConfigs(), importModule: (f) => project.importModule(f) });
 */
export async function loadMigrations(options: LoadMigrationsOptions): Promise<MigrationGraph> {
  const migrations: Migration[] = [];
  for (const app of options.apps) {
    for (const [name, file] of migrationFiles(app.migrationsDir)) {
      let exports: Record<string, unknown>;
      try {
        exports = await options.importModule(file);
      } catch (error) {
        throw new BadMigrationError(`Cannot load migration ${app.label}.${name} from ${file}: ${(error as Error).message}`, { cause: error });
      }
      const definition = exports.default;
      if (!isMigrationModule(definition)) {
        throw new BadMigrationError(
          `Migration ${app.label}.${name} (${file}) has no default export made by defineMigration(); expected \`export default defineMigration({ dependencies, operations })\`.`,
        );
      }
      migrations.push(namedMigration(app.label, name, definition, file));
    }
  }
  return new MigrationGraph(resolveSwappableModels(migrations, options.settings));
}
