/**
 * With AUTH_USER_MODEL pointing at another model, `migrate` runs auth's real migrations without
 * creating auth_user or its join tables (Django's swappable User), on every database; with the
 * default setting they are created.
 */
import { introspectionFor, loadMigrations, migrate } from '@manouche/migrations';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { contribApps } from './support.js';

const USER_TABLES = ['auth_user', 'auth_user_groups', 'auth_user_user_permissions'];

describe.each(testDatabaseTargets())('a swapped user model on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase | undefined;
  afterEach(async () => {
    await testDb?.drop();
    testDb = undefined;
  });

  async function tablesAfterMigrate(settings: Record<string, unknown>): Promise<string[]> {
    testDb = await createTestDatabase(dialect);
    const graph = await loadMigrations({ apps: contribApps, importModule: (file) => import(file) });
    await migrate({ database: testDb.database, graph, settings, stdout: { write: () => undefined } });
    return introspectionFor(testDb.database).tableNames();
  }

  it('creates no auth_user table when AUTH_USER_MODEL names another model, and keeps groups and permissions', async () => {
    const tables = await tablesAfterMigrate({ AUTH_USER_MODEL: 'accounts.Member' });
    for (const table of USER_TABLES) expect(tables).not.toContain(table);
    expect(tables).toEqual(expect.arrayContaining(['auth_group', 'auth_permission', 'auth_group_permissions', 'django_session']));
  });

  it('creates auth_user and its join tables with the default AUTH_USER_MODEL', async () => {
    const tables = await tablesAfterMigrate({ AUTH_USER_MODEL: 'auth.User' });
    expect(tables).toEqual(expect.arrayContaining(USER_TABLES));
  });
});
