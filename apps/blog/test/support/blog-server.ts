/** Test support: the blog project on an isolated test database, migrated by `manage.mjs migrate`'s command and served over real HTTP. */
import { createTestDatabase, type TestDatabase } from '@manouche/orm/testing';
import { managementCommands, setup } from 'manouche';
import { resolveProjectModule, runCli } from 'manouche/cli';
import type { CommandIO, Dialect, Project } from 'manouche/contracts';
import { serve, type Server } from 'manouche/server';
import { loadSettings } from 'manouche/settings';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import settingsModule from '../../mysite/settings.js';

export const baseDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const importModule = async (specifier: string) => (await import(resolveProjectModule(baseDir, specifier))) as Record<string, unknown>;

/** Runs a management command of the blog against `project` and returns what it printed. */
export async function manage(project: Project, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Partial<CommandIO> = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, interactive: false };
  const kept: Project = Object.assign(Object.create(project) as Project, { close: async () => {} });
  const commands = [...managementCommands(), ...project.apps.getAppConfigs().flatMap((app) => app.commands ?? [])];
  const code = await runCli(argv, { commands, loadProject: async () => kept, io, cwd: baseDir, env: {} });
  return { code, stdout, stderr };
}

/** A running blog: its project, its server and the database it uses. */
export interface BlogServer {
  project: Project;
  server: Server;
  /** The server's base URL without the trailing slash. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Sets the blog up on a fresh test database of `dialect` with `overrides` applied to mysite/settings.ts, migrates it and serves it. */
export async function startBlog(dialect: Dialect, overrides: Record<string, unknown> = {}): Promise<BlogServer> {
  const testDb: TestDatabase = await createTestDatabase(dialect);
  const settings = loadSettings({
    values: { ...settingsModule, DATABASES: { default: testDb.settings }, EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend', ...overrides },
    source: 'mysite/settings.ts',
    baseDir,
    env: {},
  });
  const project = await setup({ settings, baseDir, settingsModule: 'mysite.settings', importModule });
  const migrated = await manage(project, ['migrate', '--no-input']);
  if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  const server = await serve(await project.application(), {
    host: '127.0.0.1',
    port: 0,
    announce: false,
    accessLog: false,
    handleSignals: false,
    lifespan: 'off',
  });
  return {
    project,
    server,
    baseUrl: server.url.replace(/\/$/, ''),
    async close() {
      await server.close();
      await project.close();
      await testDb.drop();
    },
  };
}
