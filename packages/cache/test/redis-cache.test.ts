import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheConnectionError, createCache, InvalidCacheBackendError, type BaseCache } from '../src/index.js';
import { testRedis, uniquePrefix } from './support/redis.js';

const redis = testRedis();

describe('the Redis cache', () => {
  if (redis.skip) {
    it.skip(redis.skip, () => {});
    return;
  }
  let admin: Redis;
  let cache: BaseCache;
  const prefix = uniquePrefix('redis-cache');
  const connectionName = prefix.replace(/[^A-Za-z0-9-]/g, '-');

  beforeAll(async () => {
    admin = new Redis(redis.url);
    cache = await createCache('default', {
      BACKEND: 'manouche.cache.backends.redis.RedisCache',
      LOCATION: redis.url,
      KEY_PREFIX: prefix,
      OPTIONS: { connectionName },
    });
  });
  afterAll(async () => {
    await cache.clear();
    await cache.close();
    const leftovers = await admin.keys(`${prefix}*`);
    if (leftovers.length > 0) await admin.del(...leftovers);
    admin.disconnect();
  });

  it('stores keys as prefix:version:key, whole numbers as plain text and with a TTL in milliseconds', async () => {
    await cache.set('visits', 7, 30);
    expect(await admin.get(`${prefix}:1:visits`)).toBe('7');
    const ttl = await admin.pttl(`${prefix}:1:visits`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    await cache.set('forever', 'x', null);
    expect(await admin.pttl(`${prefix}:1:forever`)).toBe(-1);
  });

  it('increments atomically in Redis and keeps the timeout', async () => {
    await cache.set('hits', 1, 100);
    await Promise.all(Array.from({ length: 20 }, () => cache.incr('hits')));
    expect(await cache.get('hits')).toBe(21);
    expect(await admin.pttl(`${prefix}:1:hits`)).toBeGreaterThan(0);
  });

  it("clear() deletes only this cache's keys, never the rest of the shared database", async () => {
    const neighbour = await createCache('other', {
      BACKEND: 'manouche.cache.backends.redis.RedisCache',
      LOCATION: redis.url,
      KEY_PREFIX: `${prefix}-neighbour`,
    });
    try {
      await admin.set(`${prefix}-unrelated`, 'kept');
      await neighbour.set('n', 'kept');
      await cache.setMany({ a: 1, b: 2 });
      await cache.set('c', 3, undefined, 2);
      await cache.clear();
      expect(await cache.getMany(['a', 'b'])).toEqual({});
      expect(await cache.get('c', undefined, 2)).toBeUndefined();
      expect(await neighbour.get('n')).toBe('kept');
      expect(await admin.get(`${prefix}-unrelated`)).toBe('kept');
    } finally {
      await neighbour.clear();
      await neighbour.close();
      await admin.del(`${prefix}-unrelated`);
    }
  });

  it('writes to the first LOCATION and reads from the others', async () => {
    const replicated = await createCache('replicated', {
      BACKEND: 'manouche.cache.backends.redis.RedisCache',
      LOCATION: [redis.url, redis.url],
      KEY_PREFIX: `${prefix}-replicated`,
    });
    try {
      await replicated.set('k', 'v');
      expect(await replicated.get('k')).toBe('v');
      expect(await replicated.getMany(['k'])).toEqual({ k: 'v' });
      await replicated.clear();
    } finally {
      await replicated.close();
    }
  });

  it('reconnects by itself after its connection is dropped', async () => {
    await cache.set('survives', 'yes', null);
    const clients = (await admin.client('LIST')) as string;
    const ids = clients
      .split('\n')
      .filter((line) => line.includes(`name=${connectionName}`))
      .map((line) => /id=(\d+)/.exec(line)![1]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) await admin.client('KILL', 'ID', id);
    expect(await cache.get('survives')).toBe('yes');
  });
});

describe('the Redis cache when Redis is unreachable', () => {
  it('fails with an error naming the cache and the URL (password masked) instead of waiting', async () => {
    const down = await createCache('sessions', { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: 'redis://user:secret@127.0.0.1:1/0' });
    try {
      const failure = down.get('anything').then(
        () => undefined,
        (error: unknown) => error,
      );
      const error = (await failure) as CacheConnectionError;
      expect(error).toBeInstanceOf(CacheConnectionError);
      expect(error.code).toBe('MANOUCHE_CACHE_CONNECTION');
      expect(error.message).toContain('Redis cache "sessions" cannot reach redis://user:***@127.0.0.1:1/0');
      expect(error.message).toContain('ECONNREFUSED');
      expect(error.message).not.toContain('secret');
      await expect(down.set('k', 1)).rejects.toBeInstanceOf(CacheConnectionError);
    } finally {
      await down.close();
    }
  });

  it('refuses a LOCATION that is not a Redis URL', async () => {
    await expect(createCache('default', { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: '127.0.0.1:6379' })).rejects.toThrow(
      /CACHES\["default"\].LOCATION entry "127.0.0.1:6379" is not a Redis URL/,
    );
    await expect(createCache('default', { BACKEND: 'manouche.cache.backends.redis.RedisCache' })).rejects.toBeInstanceOf(InvalidCacheBackendError);
  });
});
