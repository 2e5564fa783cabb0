import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext, Project } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { cacheTableExists, CacheConnectionError, createCache, createcachetableCommand } from '../src/index.js';

function commandContext(testDb: TestDatabase, caches: Record<string, unknown>, args: string[] = [], options: Record<string, unknown> = {}) {
  let out = '';
  const project = {
    settings: { CACHES: caches },
    databases: { get: () => testDb.database, aliases: () => ['default'], closeAll: async () => undefined },
  } as unknown as Project;
  const context: CommandContext = {
    args: { table_name: args },
    options: { database: 'default', ...options } as CommandContext['options'],
    io: { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => undefined }, interactive: false, prompt: async () => '' },
    cwd: process.cwd(),
    project: async () => project,
  };
  return { context, output: () => out };
}

describe.each(testDatabaseTargets())('the database cache on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('createcachetable creates the tables of the database caches in CACHES, once', async () => {
    const caches = {
      default: { BACKEND: 'manouche.cache.backends.db.DatabaseCache', LOCATION: 'site_cache' },
      local: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' },
    };
    const first = commandContext(testDb, caches);
    expect(await createcachetableCommand.run(first.context)).toBe(0);
    expect(first.output()).toBe("Cache table 'site_cache' created.\n");
    expect(await cacheTableExists(testDb.database, 'site_cache')).toBe(true);
    const second = commandContext(testDb, caches);
    await createcachetableCommand.run(second.context);
    expect(second.output()).toBe("Cache table 'site_cache' already exists.\n");
    const cache = await createCache('default', caches.default, { databases: { get: () => testDb.database } });
    await cache.set('k', { works: true });
    expect(await cache.get('k')).toEqual({ works: true });
  });

  it('createcachetable --dry-run prints the SQL and creates nothing', async () => {
    const run = commandContext(testDb, {}, ['dry_cache'], { dryRun: true });
    await createcachetableCommand.run(run.context);
    expect(run.output()).toContain('CREATE TABLE');
    expect(run.output()).toContain('dry_cache');
    expect(await cacheTableExists(testDb.database, 'dry_cache')).toBe(false);
  });

  it('culls expired rows, then the first 1/CULL_FREQUENCY of keys, above MAX_ENTRIES', async () => {
    await createcachetableCommand.run(commandContext(testDb, {}, ['culled_cache']).context);
    const cache = await createCache(
      'default',
      { BACKEND: 'manouche.cache.backends.db.DatabaseCache', LOCATION: 'culled_cache', OPTIONS: { MAX_ENTRIES: 4, CULL_FREQUENCY: 2 } },
      { databases: { get: () => testDb.database } },
    );
    for (const key of ['a', 'b', 'c', 'd', 'e']) await cache.set(key, key);
    await cache.set('f', 'f');
    const left = Object.keys(await cache.getMany(['a', 'b', 'c', 'd', 'e', 'f'])).sort();
    expect(left).toEqual(['c', 'd', 'e', 'f']);
  });

  it('says to run createcachetable when the table is missing', async () => {
    const cache = await createCache(
      'pages',
      { BACKEND: 'manouche.cache.backends.db.DatabaseCache', LOCATION: 'never_created' },
      { databases: { get: () => testDb.database } },
    );
    const error = await cache.get('k').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CacheConnectionError);
    expect((error as Error).message).toBe(
      `Database cache "pages": the table "never_created" does not exist in database "default" (get). Run 'manouche createcachetable'.`,
    );
  });
});

describe('createcachetable', () => {
  it('refuses a table name that is not an identifier', async () => {
    const fake = { database: {} } as TestDatabase;
    await expect(createcachetableCommand.run(commandContext(fake, {}, ['bad name;']).context)).rejects.toThrow(
      'Cache table name "bad name;" is not valid: use letters, digits and _ (at most 63 characters).',
    );
  });
});
