import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { type BaseCache, CacheValueError, createCache, createCacheTable } from '../src/index.js';
import { testRedis, uniquePrefix } from './support/redis.js';

interface Target {
  name: string;
  skip?: string;
  make: (params: Record<string, unknown>) => Promise<BaseCache>;
  cleanup?: () => Promise<void>;
}

const folder = mkdtempSync(path.join(tmpdir(), 'manouche-cache-'));
const redis = testRedis();
const databases = new Map<string, TestDatabase>();
let counter = 0;

const targets: Target[] = [
  {
    name: 'local memory',
    make: async (params) => createCache('default', { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: `backends-${++counter}`, ...params }),
  },
  {
    name: 'file',
    make: async (params) =>
      createCache('default', { BACKEND: 'manouche.cache.backends.filebased.FileBasedCache', LOCATION: path.join(folder, String(++counter)), ...params }),
  },
  {
    name: 'Redis',
    skip: redis.skip,
    make: async (params) =>
      createCache('default', {
        BACKEND: 'manouche.cache.backends.redis.RedisCache',
        LOCATION: redis.url,
        KEY_PREFIX: uniquePrefix(`backends-${++counter}`),
        ...params,
      }),
  },
  ...testDatabaseTargets().map(
    ({ dialect, skip }): Target => ({
      name: `database on ${dialect}`,
      skip,
      make: async (params) => {
        let testDb = databases.get(dialect);
        if (!testDb) databases.set(dialect, (testDb = await createTestDatabase(dialect)));
        const table = `cache_${++counter}`;
        await createCacheTable(testDb.database, table);
        const db = testDb.database;
        return createCache('default', { BACKEND: 'manouche.cache.backends.db.DatabaseCache', LOCATION: table, ...params }, { databases: { get: () => db } });
      },
    }),
  ),
];

const opened: BaseCache[] = [];

afterAll(async () => {
  for (const cache of opened) {
    await cache.clear().catch(() => undefined);
    await cache.close();
  }
  for (const testDb of databases.values()) await testDb.drop();
  rmSync(folder, { recursive: true, force: true });
});

describe.each(targets)('the $name cache', (target) => {
  if (target.skip) {
    it.skip(target.skip, () => {});
    return;
  }
  let cache: BaseCache;
  const make = async (params: Record<string, unknown> = {}) => {
    const made = await target.make(params);
    opened.push(made);
    return made;
  };
  beforeAll(async () => {
    cache = await make();
  });

  it('returns what was set, and the default or undefined for a missing key', async () => {
    await cache.set('greeting', 'hello');
    expect(await cache.get('greeting')).toBe('hello');
    expect(await cache.get('missing')).toBeUndefined();
    expect(await cache.get('missing', 'fallback')).toBe('fallback');
    expect(await cache.has('greeting')).toBe(true);
    expect(await cache.has('missing')).toBe(false);
  });

  it('keeps Dates, bigints, Maps, nested objects, null and binary data intact', async () => {
    const value = {
      when: new Date('2026-12-06T07:00:00Z'),
      big: 2n ** 70n,
      tags: new Map([['a', 1]]),
      nested: { list: [1, 'two', null] },
      bytes: new Uint8Array([0, 255]),
    };
    await cache.set('complex', value);
    expect(await cache.get('complex')).toEqual(value);
    await cache.set('nothing', null);
    expect(await cache.get('nothing', 'default')).toBeNull();
    expect(await cache.get('number')).toBeUndefined();
    await cache.set('number', 42);
    expect(await cache.get('number')).toBe(42);
  });

  it('never hands out the stored object itself', async () => {
    const list = [1, 2];
    await cache.set('list', list);
    list.push(3);
    const read = await cache.get<number[]>('list');
    read!.push(4);
    expect(await cache.get('list')).toEqual([1, 2]);
  });

  it('refuses a value that cannot be serialized, naming the key', async () => {
    await expect(cache.set('fn', () => 1)).rejects.toThrow(/Cannot cache the value of key ".*fn"/);
    await expect(cache.set('fn', () => 1)).rejects.toBeInstanceOf(CacheValueError);
  });

  it('adds only missing keys', async () => {
    expect(await cache.add('once', 'first')).toBe(true);
    expect(await cache.add('once', 'second')).toBe(false);
    expect(await cache.get('once')).toBe('first');
  });

  it('deletes a key and says whether it was there', async () => {
    await cache.set('doomed', 1);
    expect(await cache.delete('doomed')).toBe(true);
    expect(await cache.delete('doomed')).toBe(false);
    expect(await cache.get('doomed')).toBeUndefined();
  });

  it('expires at once with timeout 0 and keeps forever with null', async () => {
    await cache.set('now', 'gone', 0);
    expect(await cache.get('now')).toBeUndefined();
    await cache.set('negative', 'gone', -5);
    expect(await cache.has('negative')).toBe(false);
    expect(await cache.add('now', 'x', 0)).toBe(true);
    expect(await cache.has('now')).toBe(false);
    await cache.set('forever', 'kept', null);
    expect(await cache.get('forever')).toBe('kept');
  });

  it('touches a key with a new timeout and reports missing keys', async () => {
    await cache.set('touched', 'v', 100);
    expect(await cache.touch('touched', null)).toBe(true);
    expect(await cache.get('touched')).toBe('v');
    expect(await cache.touch('touched', 0)).toBe(true);
    expect(await cache.get('touched')).toBeUndefined();
    expect(await cache.touch('never-set', 10)).toBe(false);
  });

  it('gets, sets and deletes many keys at once', async () => {
    expect(await cache.setMany({ a: 1, b: 'two', c: [3] })).toEqual([]);
    expect(await cache.getMany(['a', 'b', 'c', 'd'])).toEqual({ a: 1, b: 'two', c: [3] });
    await cache.deleteMany(['a', 'b']);
    expect(await cache.getMany(['a', 'b', 'c'])).toEqual({ c: [3] });
    expect(await cache.getMany([])).toEqual({});
  });

  it('increments and decrements numbers, and refuses a missing key or a non-number', async () => {
    await cache.set('counter', 10);
    expect(await cache.incr('counter')).toBe(11);
    expect(await cache.incr('counter', 5)).toBe(16);
    expect(await cache.decr('counter', 20)).toBe(-4);
    expect(await cache.get('counter')).toBe(-4);
    await expect(cache.incr('no-counter')).rejects.toThrow(/Key 'no-counter' not found/);
    await cache.set('text', 'abc');
    await expect(cache.incr('text')).rejects.toBeInstanceOf(CacheValueError);
  });

  it('getOrSet computes a missing value once (sync or async) and returns the cached one after', async () => {
    let calls = 0;
    const compute = async () => {
      calls += 1;
      return { computed: calls };
    };
    expect(await cache.getOrSet('lazy', compute)).toEqual({ computed: 1 });
    expect(await cache.getOrSet('lazy', compute)).toEqual({ computed: 1 });
    expect(calls).toBe(1);
    expect(await cache.getOrSet('plain', 'value')).toBe('value');
  });

  it('keeps versions apart and moves a key between versions', async () => {
    await cache.set('versioned', 'v1', undefined, 1);
    await cache.set('versioned', 'v2', undefined, 2);
    expect(await cache.get('versioned')).toBe('v1');
    expect(await cache.get('versioned', undefined, 2)).toBe('v2');
    expect(await cache.incrVersion('versioned', 1, 2)).toBe(3);
    expect(await cache.get('versioned', undefined, 2)).toBeUndefined();
    expect(await cache.get('versioned', undefined, 3)).toBe('v2');
    expect(await cache.decrVersion('versioned', 2, 3)).toBe(1);
    expect(await cache.get('versioned')).toBe('v2');
    await expect(cache.incrVersion('unknown')).rejects.toThrow(/Key 'unknown' not found/);
  });

  it('clears its own entries', async () => {
    const own = await make();
    await own.setMany({ x: 1, y: 2 });
    await own.clear();
    expect(await own.getMany(['x', 'y'])).toEqual({});
  });
});
