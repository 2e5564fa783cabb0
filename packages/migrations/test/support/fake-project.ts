import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AppConfig, Command, CommandContext, Database, ModelState, Project } from '@manouche/contracts';

/** The package's own entry, imported by migration files written in temporary folders. */
export const IMPORT_SOURCE = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** Imports a migration file, again whenever its content changed (files are rewritten between steps of a test). */
export async function importFresh(file: string): Promise<Record<string, unknown>> {
  const version = createHash('sha1').update(file).update(readFileSync(file)).digest('hex').slice(0, 12);
  return (await import(/* @vite-ignore */ `${pathToFileURL(file).href}?v=${version}`)) as Record<string, unknown>;
}

/** A temporary project folder with one migrations folder per app label. */
export function tempApps(labels: string[]): { baseDir: string; apps: AppConfig[]; cleanup(): void } {
  const baseDir = mkdtempSync(path.join(tmpdir(), 'manouche-migrations-'));
  const apps = labels.map(
    (label): AppConfig => ({ name: label, label, path: path.join(baseDir, label), verboseName: label, migrationsDir: path.join(baseDir, label, 'migrations') }),
  );
  return { baseDir, apps, cleanup: () => rmSync(baseDir, { recursive: true, force: true }) };
}

/** A fake of the contracts' Project: real apps folder and real database, models given as ModelState data. */
export function fakeProject(options: { baseDir: string; apps: AppConfig[]; database: Database; models: () => ModelState[] }): Project {
  return {
    baseDir: options.baseDir,
    settingsModule: 'testsite.settings',
    settings: { USE_TZ: true } as unknown as Project['settings'],
    apps: {
      getAppConfigs: () => options.apps,
      getAppConfig: (label: string) => {
        const app = options.apps.find((a) => a.label === label);
        if (!app) throw new Error(`No installed app with label '${label}'.`);
        return app;
      },
      isInstalled: (name: string) => options.apps.some((a) => a.label === name || a.name === name),
    },
    databases: {
      get: (alias = 'default') => {
        if (alias !== 'default') throw new Error(`The database alias "${alias}" is not in DATABASES; configured aliases: default.`);
        return options.database;
      },
      aliases: () => ['default'],
      closeAll: async () => undefined,
    },
    modelStates: options.models,
    importModule: importFresh,
    urls: async () => {
      throw new Error('no urls in this fake');
    },
    templates: async () => {
      throw new Error('no templates in this fake');
    },
    application: async () => {
      throw new Error('no application in this fake');
    },
    close: async () => undefined,
  };
}

/** Output and answers of one command run. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
  questions: string[];
}

/** Runs a contracts Command with a buffer IO; `answers` are given to prompts in order (interactive when present). */
export async function runCommand(
  command: Command,
  project: Project,
  argv: { args?: CommandContext['args']; options?: CommandContext['options']; answers?: string[] } = {},
): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const answers = [...(argv.answers ?? [])];
  const defaults: CommandContext['options'] = {};
  for (const option of command.options ?? []) {
    const camel = option.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (option.default !== undefined) defaults[camel] = option.default;
  }
  const context: CommandContext = {
    args: argv.args ?? {},
    options: { ...defaults, ...(argv.options ?? {}) },
    cwd: project.baseDir,
    io: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      interactive: argv.answers !== undefined,
      prompt: async (question: string) => {
        questions.push(question);
        const answer = answers.shift();
        if (answer === undefined) throw new Error(`Unexpected question: ${question}`);
        return answer;
      },
    },
    project: async () => project,
  };
  const code = (await command.run(context)) ?? 0;
  return { code, stdout, stderr, questions };
}
