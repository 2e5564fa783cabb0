/**
 * Test support for suites that need a real database: which dialects to run on, and an isolated,
 * freshly created database per suite. Import from `@manouche/orm/testing`; never from production code.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseSettings, Dialect } from '@manouche/contracts';
import { connectDatabase } from './connect.js';
import type { Connection } from './connection.js';
import { ConnectionError, ImproperlyConfigured } from './errors.js';

/**
 * A dialect a database suite runs on; `skip` holds the one-line reason when it cannot run here.
 *
 * @example
 * describe.each(testDatabaseTargets())('on $dialect', ({ dialect, skip }: TestDatabaseTarget) => { it.skipIf(skip)('saves a post', async () => {}); });
 */
export interface TestDatabaseTarget {
  dialect: Dialect;
  skip?: string;
}

const ENV_VARS: Record<Exclude<Dialect, 'sqlite'>, string> = {
  postgresql: 'MANOUCHE_TEST_POSTGRES_URL',
  mysql: 'MANOUCHE_TEST_MYSQL_URL',
};

/**
 * The dialects to run database suites on: SQLite always; PostgreSQL and MySQL/MariaDB when
 * MANOUCHE_TEST_POSTGRES_URL / MANOUCHE_TEST_MYSQL_URL are set. With CI=true nothing is skipped
 * (an unset variable or unreachable server then fails the suite).
 *
 * @example
 * describe.each(testDatabaseTargets())('on $dialect', ({ dialect, skip }) => {
 *   if (skip) { it.skip(skip, () => {}); return; }
 *   // ...
 * });
 */
export function testDatabaseTargets(env: NodeJS.ProcessEnv = process.env): TestDatabaseTarget[] {
  const ci = env.CI === 'true' || env.CI === '1';
  return [
    { dialect: 'sqlite' },
    ...(['postgresql', 'mysql'] as const).map((dialect): TestDatabaseTarget => {
      const variable = ENV_VARS[dialect];
      if (env[variable] || ci) return { dialect };
      return { dialect, skip: `${variable} is not set: ${dialect === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL'} tests skipped` };
    }),
  ];
}

/**
 * A URL with its password replaced by `***`, for messages.
 *
 * @example
 * maskUrl('postgres://app:s3cret@db.example.com:5432/mysite'); // 'postgres://app:***@db.example.com:5432/mysite'
 */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/**
 * DATABASES settings for a `postgres://` or `mysql://` URL.
 *
 * @example
 * settingsFromUrl('postgresql', 'postgres://app:s3cret@db.example.com:5432/mysite');
 * // { ENGINE: 'postgresql', NAME: 'mysite', USER: 'app', PASSWORD: 's3cret', HOST: 'db.example.com', PORT: 5432 }
 */
export function settingsFromUrl(dialect: 'postgresql' | 'mysql', url: string): DatabaseSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImproperlyConfigured(
      `${ENV_VARS[dialect]} is not a URL: "${maskUrl(url)}"; expected ${dialect === 'mysql' ? 'mysql' : 'postgres'}://user@host:port/name.`,
    );
  }
  return {
    ENGINE: dialect,
    NAME: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || (dialect === 'mysql' ? 'mysql' : 'postgres'),
    USER: decodeURIComponent(parsed.username) || undefined,
    PASSWORD: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    HOST: parsed.hostname || '127.0.0.1',
    PORT: parsed.port ? Number(parsed.port) : undefined,
  };
}

/**
 * An isolated database made for one test suite.
 *
 * @example
 * const test: TestDatabase = await createTestDatabase('postgresql');
 * configureOrm({ databases: { default: test.settings } });
 * afterAll(() => test.drop());
 */
export interface TestDatabase {
  /** DATABASES settings that point at the new database (for `configureOrm`, child processes, the CLI). */
  settings: DatabaseSettings;
  /** An open connection to it, aliased `default`. */
  database: Connection;
  /** Closes the connection and drops the database. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh database: an SQLite file in the temporary folder, or `manouche_t_<random>` on the
 * server named by MANOUCHE_TEST_POSTGRES_URL / MANOUCHE_TEST_MYSQL_URL. An unreachable server is an
 * error naming the URL (password masked).
 *
 * @example
 * const testDb = await createTestDatabase('postgresql');
 * try { await testDb.database.query('SELECT 1'); } finally { await testDb.drop(); }
 */
export async function createTestDatabase(dialect: Dialect, env: NodeJS.ProcessEnv = process.env): Promise<TestDatabase> {
  const name = `manouche_t_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const file = path.join(tmpdir(), `${name}.sqlite3`);
    const settings: DatabaseSettings = { ENGINE: 'sqlite', NAME: file };
    const database = await connectDatabase('default', settings).connect();
    return {
      settings,
      database,
      async drop() {
        await database.close();
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
      },
    };
  }
  const variable = ENV_VARS[dialect];
  const url = env[variable];
  if (!url) throw new ImproperlyConfigured(`${variable} is not set; it must name the ${dialect} server to create test databases on.`);
  const serverSettings = settingsFromUrl(dialect, url);
  const admin = connectDatabase('manouche_test_admin', serverSettings);
  try {
    await admin.connect();
  } catch (error) {
    throw new ConnectionError(`Cannot reach the test database server ${maskUrl(url)} (${variable}): ${(error as Error).message}`, { cause: error });
  }
  const quoted = admin.quoteName(name);
  try {
    await admin.execute(
      dialect === 'mysql' ? `CREATE DATABASE ${quoted} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci` : `CREATE DATABASE ${quoted} ENCODING 'UTF8'`,
    );
  } catch (error) {
    await admin.close();
    throw error;
  }
  const settings: DatabaseSettings = { ...serverSettings, NAME: name };
  const database = connectDatabase('default', settings);
  try {
    await database.connect();
  } catch (error) {
    await admin.execute(`DROP DATABASE IF EXISTS ${quoted}`).finally(() => admin.close());
    throw error;
  }
  return {
    settings,
    database,
    async drop() {
      await database.close();
      try {
        await admin.execute(dialect === 'mysql' ? `DROP DATABASE IF EXISTS ${quoted}` : `DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      } finally {
        await admin.close();
      }
    },
  };
}
