/**
 * The vitest setup file of `manouche test` (`manouche/test/setup`), run in each worker before
 * each test file: loads the project with its test databases, migrates them with the project's
 * migrations, and wraps every test in a rolled-back transaction. Project modules are imported
 * through vitest, so a test file and the project share one copy of each model.
 */
import type { DatabaseSettings } from '@manouche/contracts';
import { resolveProjectModule } from '@manouche/cli';
import { migrateCommand } from '@manouche/migrations';
import { loadSettings } from '@manouche/settings';
import { installTestIsolation, overridableSettings, setTestProject } from '@manouche/test';
import { TEST_RUN_ENV, workerDatabaseSettings, type TestRunPlan } from '@manouche/test/runner';
import path from 'node:path';
import { afterAll } from 'vitest';
import { setup } from './setup.js';

const raw = process.env[TEST_RUN_ENV];
if (!raw) throw new Error(`manouche/test/setup runs inside 'manouche test' only (${TEST_RUN_ENV} is not set).`);
const plan = JSON.parse(raw) as TestRunPlan;
const poolId = Number(process.env.VITEST_POOL_ID ?? 1) || 1;
const importModule = async (specifier: string): Promise<Record<string, unknown>> =>
  (await import(/* @vite-ignore */ resolveProjectModule(plan.baseDir, specifier))) as Record<string, unknown>;

const settingsFile = resolveProjectModule(plan.baseDir, plan.settingsModule, 'settings module');
const loaded = loadSettings({ values: (await importModule(settingsFile)).default, source: path.relative(plan.baseDir, settingsFile), baseDir: plan.baseDir });
const databases: Record<string, DatabaseSettings> = Object.fromEntries(plan.databases.map((db) => [db.alias, workerDatabaseSettings(db, poolId)]));
const settings = overridableSettings({
  ...loaded,
  DATABASES: databases,
  // Django's test environment: DEBUG off whatever the settings say (so tests see what production
  // serves) unless --debug-mode, the test Client's host allowed, and mail never sent for real.
  DEBUG: plan.debugMode ? loaded.DEBUG : false,
  ALLOWED_HOSTS: [...loaded.ALLOWED_HOSTS, 'testserver'],
});
const project = await setup({ settings, baseDir: plan.baseDir, settingsModule: plan.settingsModule, importModule, staticWithoutManifest: true });
const silent = { write: () => true };
for (const alias of Object.keys(databases)) {
  const code = await migrateCommand.run({
    args: {},
    options: { database: alias, noInput: true },
    io: { stdout: silent, stderr: silent, interactive: false, prompt: async () => '' },
    cwd: plan.baseDir,
    project: async () => project,
  });
  if (code) throw new Error(`Migrating the test database of '${alias}' failed (exit ${code}).`);
}
setTestProject(project);
// Building the application makes the project's URLconf the one reverse() uses outside a request,
// as Django falls back to ROOT_URLCONF, so tests can write reverse('polls:index'). A broken
// URLconf fails only the tests that need it, with its own error.
await project.application().catch(() => undefined);
installTestIsolation();
afterAll(async () => {
  setTestProject(undefined);
  await project.close();
});
