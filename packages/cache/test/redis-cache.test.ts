import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheConnectionError, createCache, InvalidCacheBackendError, type BaseCache } from '../src/index.js';
import { PrivateRedis, skipPrivateRedis } from '../../channels/test/support/private-redis.js';
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

describe.skipIf(skipPrivateRedis)('the Redis cache over several servers (LOCATION as a list)', () => {
  const servers: PrivateRedis[] = [];
  const clients: Redis[] = [];
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all(servers.map((server) => server.kill()));
  });

  async function start(extraArgs: string[] = []): Promise<{ server: PrivateRedis; client: Redis }> {
    const server = await PrivateRedis.start(extraArgs);
    servers.push(server);
    const client = new Redis(server.url);
    clients.push(client);
    return { server, client };
  }

  it('writes to the first server and reads from the others, as Django does', async () => {
    // Two servers that do not replicate, so each key shows which server an operation went to.
    const [first, second] = await Promise.all([start(), start()]);
    const cache = await createCache('replicated', {
      BACKEND: 'manouche.cache.backends.redis.RedisCache',
      LOCATION: [first.server.url, second.server.url],
      KEY_PREFIX: 'site',
    });
    try {
      await cache.set('greeting', 'hello');
      expect(await first.client.exists('site:1:greeting')).toBe(1);
      expect(await second.client.exists('site:1:greeting')).toBe(0);
      // The read goes to the second server, which has not got the key yet.
      expect(await cache.get('greeting')).toBeUndefined();
      expect(await cache.has('greeting')).toBe(false);
      await second.client.set('site:1:greeting', (await first.client.getBuffer('site:1:greeting'))!);
      expect(await cache.get('greeting')).toBe('hello');
      expect(await cache.getMany(['greeting'])).toEqual({ greeting: 'hello' });

      await cache.set('visits', 1);
      expect(await cache.incr('visits')).toBe(2);
      expect(await first.client.get('site:1:visits')).toBe('2');
      await cache.delete('greeting');
      expect(await first.client.exists('site:1:greeting')).toBe(0);
      expect(await second.client.exists('site:1:greeting')).toBe(1);
    } finally {
      await cache.close();
    }
  });

  it('reads what was written once a real replica (redis-server --replicaof) has it', async () => {
    // No delay before the primary's first full sync (Redis waits 5 s by default for more replicas).
    const primary = await start(['--repl-diskless-sync-delay', '0']);
    const replica = await start(['--replicaof', '127.0.0.1', String(primary.server.port)]);
    // LOCATION as one string, Django's other spelling of the list.
    const cache = await createCache('replicated', {
      BACKEND: 'manouche.cache.backends.redis.RedisCache',
      LOCATION: `${primary.server.url};${replica.server.url}`,
      KEY_PREFIX: 'site',
    });
    try {
      await cache.set('page', { title: 'home' }, 60);
      let seen: unknown;
      for (let attempt = 0; attempt < 200 && seen === undefined; attempt += 1) {
        seen = await cache.get('page');
        if (seen === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(seen).toEqual({ title: 'home' });
      expect(await replica.client.pttl('site:1:page')).toBeGreaterThan(0);
    } finally {
      await cache.close();
    }
  });
});
