import { CommandError, type Project } from '@manouche/contracts';
import { MigrationError } from '../errors.js';
import type { MigrationGraph } from '../graph.js';
import { loadMigrations } from '../loader.js';

/** The migration graph of a loaded project: every installed app's migration files. */
export async function projectGraph(project: Project): Promise<MigrationGraph> {
  return loadMigrations({ apps: project.apps.getAppConfigs(), importModule: (file) => project.importModule(file), settings: project.settings });
}

/** Runs a command body, turning this package's errors into clean CommandErrors (message, no stack). */
export async function asCommand<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    // By code, not class: migration files may run their own copy of this package (a bundled project).
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof MigrationError || (error instanceof Error && typeof code === 'string' && code.startsWith('MANOUCHE_MIGRATIONS_'))) {
      throw new CommandError(error.message);
    }
    throw error;
  }
}

/** An app label that must be installed; else an error naming the installed ones. */
export function requireApp(project: Project, label: string): void {
  const labels = project.apps.getAppConfigs().map((app) => app.label);
  if (!labels.includes(label)) throw new CommandError(`No installed app with label '${label}'. Installed apps: ${labels.join(', ') || '(none)'}.`);
}

/** A string option's value, or undefined. */
export function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A variadic argument as a list. */
export function listArg(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
