import { describe, expect, it } from 'vitest';
import { importDriver } from '../src/driver-import.js';
import { ConnectionError, DriverMissingError, ImproperlyConfigured } from '../src/index.js';
import { createTestDatabase, maskUrl, settingsFromUrl, testDatabaseTargets } from '../src/testing.js';

describe('testDatabaseTargets', () => {
  it('always includes SQLite and skips servers whose URL variable is unset, with a reason', () => {
    expect(testDatabaseTargets({})).toEqual([
      { dialect: 'sqlite' },
      { dialect: 'postgresql', skip: 'MANOUCHE_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped' },
      { dialect: 'mysql', skip: 'MANOUCHE_TEST_MYSQL_URL is not set: MySQL/MariaDB tests skipped' },
    ]);
    expect(testDatabaseTargets({ MANOUCHE_TEST_POSTGRES_URL: 'postgres://x/y' })[1]).toEqual({ dialect: 'postgresql' });
  });

  it('skips nothing in CI, so a missing server fails the suite', async () => {
    expect(testDatabaseTargets({ CI: 'true' }).every((target) => target.skip === undefined)).toBe(true);
    await expect(createTestDatabase('postgresql', { CI: 'true' })).rejects.toThrow(ImproperlyConfigured);
    await expect(createTestDatabase('mysql', { CI: 'true' })).rejects.toThrow(
      'MANOUCHE_TEST_MYSQL_URL is not set; it must name the mysql server to create test databases on.',
    );
  });
});

describe('createTestDatabase', () => {
  it('names an unreachable server by its URL with the password masked', async () => {
    const error = await createTestDatabase('postgresql', { MANOUCHE_TEST_POSTGRES_URL: 'postgres://me:hunter2@127.0.0.1:1/db' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('Cannot reach the test database server postgres://me:***@127.0.0.1:1/db (MANOUCHE_TEST_POSTGRES_URL)');
    expect((error as Error).message).not.toContain('hunter2');
    const mysqlError = await createTestDatabase('mysql', { MANOUCHE_TEST_MYSQL_URL: 'mysql://root:pw@127.0.0.1:1/db' }).catch((e: unknown) => e);
    expect((mysqlError as Error).message).toContain('mysql://root:***@127.0.0.1:1/db');
  });

  it('creates an isolated SQLite file and removes it on drop', async () => {
    const first = await createTestDatabase('sqlite');
    const second = await createTestDatabase('sqlite');
    expect(first.settings.NAME).not.toBe(second.settings.NAME);
    await first.database.execute('CREATE TABLE t (x integer)');
    await expect(second.database.query('SELECT * FROM t')).rejects.toThrow(/no such table/);
    await first.drop();
    await second.drop();
    await expect(first.database.query('SELECT 1')).rejects.toThrow('The database connection "default" is closed');
  });

  it('parses server URLs into DATABASES settings', () => {
    expect(settingsFromUrl('postgresql', 'postgres://u:p%40ss@db.local:5433/app')).toEqual({
      ENGINE: 'postgresql',
      NAME: 'app',
      USER: 'u',
      PASSWORD: 'p@ss',
      HOST: 'db.local',
      PORT: 5433,
    });
    expect(() => settingsFromUrl('mysql', 'not a url')).toThrow(ImproperlyConfigured);
    expect(maskUrl('mysql://root@h/db')).toBe('mysql://root@h/db');
  });
});

describe('driver loading', () => {
  it('names the package to install when a driver is missing', async () => {
    const error = await importDriver('manouche-no-such-driver', 'Nothing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverMissingError);
    expect((error as Error).message).toBe('Install the "manouche-no-such-driver" package to use Nothing: pnpm add manouche-no-such-driver');
    expect((error as DriverMissingError).code).toBe('MANOUCHE_ORM_DRIVER_MISSING');
  });
});
