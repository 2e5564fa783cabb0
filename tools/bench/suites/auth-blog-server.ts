/**
 * The server process of the auth benchmark: the apps/blog project on a SQLite file, with or without
 * SessionMiddleware + CsrfViewMiddleware + AuthenticationMiddleware + MessageMiddleware (argv[2]: "with" | "without";
 * argv[3]: the SQLite file, migrated and seeded by the suite first with argv[2] = "migrate").
 * Started by auth.bench.ts with `node --import packages/cli/dist/register.js`: TypeScript through the
 * CLI's loader, the packages built. Prints `READY <port> <pid>` once it listens.
 */
import { managementCommands, setup } from 'manouche';
import { resolveProjectModule, runCli } from 'manouche/cli';
import type { CommandIO, Project } from 'manouche/contracts';
import { serve } from 'manouche/server';
import { loadSettings } from 'manouche/settings';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [mode, databaseFile] = process.argv.slice(2);
const blogDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../apps/blog');
const importModule = async (specifier: string) => (await import(pathToFileURL(resolveProjectModule(blogDir, specifier)).href)) as Record<string, unknown>;
const blogSettings = ((await import(pathToFileURL(path.join(blogDir, 'mysite/settings.ts')).href)) as { default: Record<string, unknown> }).default;

/** The middleware under measurement; everything else of the blog's MIDDLEWARE stays in both configurations. */
const MEASURED = new Set([
  'manouche.contrib.sessions.middleware.SessionMiddleware',
  'manouche.middleware.csrf.CsrfViewMiddleware',
  'manouche.contrib.auth.middleware.AuthenticationMiddleware',
  'manouche.contrib.messages.middleware.MessageMiddleware',
]);
const middleware = (blogSettings.MIDDLEWARE as string[]).filter((name) => mode !== 'without' || !MEASURED.has(name));
const [templates] = blogSettings.TEMPLATES as Array<{ OPTIONS: { contextProcessors: string[] } }>;
// Their context processors go with them (the messages processor needs the messages middleware).
const contextProcessors = templates!.OPTIONS.contextProcessors.filter(
  (name) => mode !== 'without' || !(name.includes('contrib.auth') || name.includes('contrib.messages')),
);

const settings = loadSettings({
  values: {
    ...blogSettings,
    DEBUG: false,
    MIDDLEWARE: middleware,
    TEMPLATES: [{ ...templates, OPTIONS: { ...templates!.OPTIONS, contextProcessors } }],
    DATABASES: { default: { ENGINE: 'sqlite', NAME: databaseFile } },
  },
  source: 'mysite/settings.ts',
  baseDir: blogDir,
  env: {},
});
const project: Project = await setup({ settings, baseDir: blogDir, settingsModule: 'mysite.settings', importModule });

if (mode === 'migrate') {
  const io: Partial<CommandIO> = { stdout: { write: () => true }, stderr: { write: (t: string) => process.stderr.write(t) }, interactive: false };
  const commands = [...managementCommands(), ...project.apps.getAppConfigs().flatMap((app) => app.commands ?? [])];
  for (const argv of [
    ['migrate', '--no-input'],
    ['seedposts', '--count', '50'],
  ]) {
    const code = await runCli(argv, { commands, loadProject: async () => project, io, cwd: blogDir, env: {} });
    if (code !== 0) throw new Error(`${argv.join(' ')} exited with ${code}`);
  }
  process.exit(0);
}

const server = await serve(await project.application(), { host: '127.0.0.1', port: 0, announce: false, accessLog: false, lifespan: 'off' });
process.stdout.write(`READY ${server.address.port} ${process.pid} ${middleware.length}\n`);
