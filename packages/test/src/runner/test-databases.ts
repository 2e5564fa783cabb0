/**
 * Test databases (Django's creation.create_test_db): `test_<NAME>` (or TEST.NAME) per alias —
 * one per worker with `--parallel N` — created before the run and destroyed after it unless
 * `--keepdb`. SQLite uses an in-memory database per test file unless TEST.NAME names a file.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { CommandIO, Database, DatabaseSettings } from '@manouche/contracts';

/**
 * The test database of one alias, as the workers receive it.
 *
 * @example
 * const plan: TestDatabasePlan = { alias: 'default', settings: { ENGINE: 'postgresql', NAME: 'test_mysite' }, names: ['test_mysite_1', 'test_mysite_2'] };
 */
export interface TestDatabasePlan {
  alias: string;
  settings: DatabaseSettings;
  /** Names created on the server, one per worker (empty for SQLite in memory). */
  names: string[];
}

/**
 * The test database name of an alias (Django: TEST.NAME, else `test_` + NAME; SQLite: in memory).
 *
 * @example
 * testDatabaseName({ ENGINE: 'postgresql', NAME: 'mysite' }); // 'test_mysite'
 * testDatabaseName({ ENGINE: 'sqlite', NAME: 'db.sqlite3' }); // ':memory:'
 */
export function testDatabaseName(settings: DatabaseSettings): string {
  if (settings.TEST?.NAME) return settings.TEST.NAME;
  if (settings.ENGINE === 'sqlite') return ':memory:';
  return `test_${settings.NAME}`;
}

/**
 * The names of the databases per worker: `test_x` alone, or `test_x_1` … `test_x_N` with --parallel N.
 *
 * @example
 * workerDatabaseNames('test_mysite', 2); // ['test_mysite_1', 'test_mysite_2']
 */
export function workerDatabaseNames(base: string, parallel: number): string[] {
  if (parallel <= 1) return [base];
  return Array.from({ length: parallel }, (_, i) => `${base}_${i + 1}`);
}

/**
 * The settings a worker connects with: its own database among `names` (VITEST_POOL_ID picks it).
 *
 * @example
 * workerDatabaseSettings(plan, Number(process.env.VITEST_POOL_ID)); // { ...plan.settings, NAME: 'test_mysite_2' }
 */
export function workerDatabaseSettings(plan: TestDatabasePlan, poolId: number): DatabaseSettings {
  if (plan.names.length === 0) return plan.settings;
  const name = plan.names[(poolId - 1) % plan.names.length]!;
  return { ...plan.settings, NAME: name };
}

/** Deletes a SQLite test database file (and its journal files); NAME is relative to the project folder. */
function removeSqliteFile(baseDir: string, name: string): void {
  const file = path.resolve(baseDir, name);
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

async function exists(db: Database, name: string): Promise<boolean> {
  const rows =
    db.dialect === 'postgresql'
      ? await db.query('SELECT 1 AS found FROM pg_database WHERE datname = $1', [name])
      : await db.query('SELECT 1 AS found FROM information_schema.schemata WHERE schema_name = ?', [name]);
  return rows.length > 0;
}

/**
 * Creates the test databases of every alias on their servers, through the project's own
 * connections. An existing one is dropped first (Django with --noinput) unless `keepdb`.
 *
 * @example
 * const plans = await createTestDatabases(settings.DATABASES, (alias) => project.databases.get(alias), { parallel: 2, keepdb: false, io, verbosity: 1, baseDir });
 * await destroyTestDatabases(plans, (alias) => project.databases.get(alias), io, 1, baseDir);
 */
export async function createTestDatabases(
  databases: Record<string, DatabaseSettings>,
  connect: (alias: string) => Database,
  options: { parallel: number; keepdb: boolean; io: CommandIO; verbosity: number; baseDir: string },
): Promise<TestDatabasePlan[]> {
  const plans: TestDatabasePlan[] = [];
  for (const [alias, settings] of Object.entries(databases)) {
    const base = testDatabaseName(settings);
    const say = (text: string) => options.verbosity >= 1 && options.io.stderr.write(`${text}\n`);
    if (settings.ENGINE === 'sqlite') {
      const memory = base === ':memory:';
      say(
        `${options.keepdb && !memory ? 'Using existing' : 'Creating'} test database for alias '${alias}'${memory ? ' (in memory, one per test file)' : ` ('${base}')`}...`,
      );
      const names = memory ? [] : workerDatabaseNames(base, options.parallel);
      if (!options.keepdb) for (const name of names) removeSqliteFile(options.baseDir, name);
      plans.push({ alias, settings: { ...settings, NAME: base }, names });
      continue;
    }
    const names = workerDatabaseNames(base, options.parallel);
    const db = connect(alias);
    for (const name of names) {
      const quoted = db.quoteName(name);
      if (await exists(db, name)) {
        if (options.keepdb) {
          say(`Using existing test database for alias '${alias}' ('${name}')...`);
          continue;
        }
        say(`Destroying old test database for alias '${alias}' ('${name}')...`);
        await db.execute(`DROP DATABASE ${quoted}`);
      }
      say(`Creating test database for alias '${alias}' ('${name}')...`);
      await db.execute(db.dialect === 'mysql' ? `CREATE DATABASE ${quoted} CHARACTER SET utf8mb4` : `CREATE DATABASE ${quoted}`);
    }
    plans.push({ alias, settings: { ...settings, NAME: names[0]! }, names });
  }
  return plans;
}

/**
 * Drops the test databases created by `createTestDatabases` (SQLite files are deleted).
 *
 * @example
 * await destroyTestDatabases(plans, (alias) => project.databases.get(alias), io, 1, baseDir); // unless --keepdb
 */
export async function destroyTestDatabases(
  plans: readonly TestDatabasePlan[],
  connect: (alias: string) => Database,
  io: CommandIO,
  verbosity: number,
  baseDir: string,
): Promise<void> {
  for (const plan of plans) {
    if (plan.settings.ENGINE === 'sqlite') {
      if (verbosity >= 1) io.stderr.write(`Destroying test database for alias '${plan.alias}'...\n`);
      for (const name of plan.names) removeSqliteFile(baseDir, name);
      continue;
    }
    const db = connect(plan.alias);
    for (const name of plan.names) {
      if (verbosity >= 1) io.stderr.write(`Destroying test database for alias '${plan.alias}' ('${name}')...\n`);
      await db.execute(`DROP DATABASE IF EXISTS ${db.quoteName(name)}`);
    }
  }
}
