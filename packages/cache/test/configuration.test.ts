import { describe, expect, it } from 'vitest';
import { cache, caches, configureCaches, createCache, DummyCache, InvalidCacheBackendError, LocMemCache, RedisCache } from '../src/index.js';

describe('CACHES', () => {
  it("builds every alias, reachable as caches['alias'], caches.get() and cache for the default", async () => {
    await configureCaches({
      default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'configured' },
      dummy: { BACKEND: 'manouche.cache.backends.dummy.DummyCache' },
      redis: { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: 'redis://127.0.0.1:6379/0' },
    });
    expect(caches['default']).toBeInstanceOf(LocMemCache);
    expect(caches.get('dummy')).toBeInstanceOf(DummyCache);
    expect(caches.redis).toBeInstanceOf(RedisCache);
    await cache.set('through-proxy', 1);
    expect(await caches['default']!.get('through-proxy')).toBe(1);
    await caches.get('dummy').set('k', 1);
    expect(await caches.get('dummy').get('k')).toBeUndefined();
    await caches.closeAll();
  });

  it('names the configured aliases when an unknown one is asked for', async () => {
    await configureCaches({ default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } });
    expect(() => caches['sessions']).toThrow('The cache alias "sessions" is not in CACHES (configured: default).');
  });

  it('requires a default cache', async () => {
    await expect(configureCaches({ pages: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } })).rejects.toThrow(
      "You must define a 'default' cache in your CACHES setting (it has: pages).",
    );
  });

  it("points Django's backend names to Manouche's, and refuses memcached and unknown names", async () => {
    await expect(createCache('default', { BACKEND: 'django.core.cache.backends.redis.RedisCache' })).rejects.toThrow(
      "CACHES[\"default\"].BACKEND 'django.core.cache.backends.redis.RedisCache' is Django's name: write 'manouche.cache.backends.redis.RedisCache' instead.",
    );
    await expect(createCache('default', { BACKEND: 'django.core.cache.backends.memcached.PyMemcacheCache' })).rejects.toThrow(/memcached is not supported/);
    await expect(createCache('default', { BACKEND: 'manouche.cache.backends.locmem.Nope' })).rejects.toThrow(/is not a Manouche cache backend/);
  });

  it('refuses unknown keys and bad values, naming the alias and the key', async () => {
    await expect(createCache('pages', { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', TIMOUT: 5 } as never)).rejects.toThrow(
      'CACHES["pages"] has an unknown key "TIMOUT": expected BACKEND, LOCATION, TIMEOUT, KEY_PREFIX, VERSION, KEY_FUNCTION, OPTIONS.',
    );
    await expect(createCache('pages', { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', TIMEOUT: '60' } as never)).rejects.toThrow(
      /CACHES\["pages"\].TIMEOUT must be a number/,
    );
    await expect(createCache('pages', { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', OPTIONS: { MAX_ENTRIES: 0 } })).rejects.toThrow(
      'CACHES["pages"].OPTIONS.MAX_ENTRIES must be a whole number of at least 1, got 0.',
    );
    await expect(createCache('pages', { BACKEND: 'manouche.cache.backends.db.DatabaseCache', LOCATION: 'my table' })).rejects.toBeInstanceOf(
      InvalidCacheBackendError,
    );
    await expect(createCache('pages', { BACKEND: 'manouche.cache.backends.db.DatabaseCache', LOCATION: 'cache_table' })).rejects.toThrow(
      /was given no databases/,
    );
    await expect(createCache('pages', { BACKEND: 'manouche.cache.backends.filebased.FileBasedCache' })).rejects.toThrow(
      /LOCATION must be the folder of the file cache/,
    );
  });

  it('loads a custom backend class and a KEY_FUNCTION by dotted name', async () => {
    class CountingCache extends LocMemCache {}
    const modules: Record<string, Record<string, unknown>> = {
      'mysite.cache': { CountingCache, makeKey: (key: string, prefix: string, version: number) => `${prefix}/${version}/${key}` },
    };
    const importModule = async (name: string) => {
      const module = modules[name];
      if (!module) throw new Error(`Cannot find module '${name}'`);
      return module;
    };
    const custom = await createCache(
      'default',
      { BACKEND: 'mysite.cache.CountingCache', KEY_PREFIX: 'p', KEY_FUNCTION: 'mysite.cache.makeKey' },
      { importModule },
    );
    expect(custom).toBeInstanceOf(CountingCache);
    expect(custom.makeKey('k')).toBe('p/1/k');
    await expect(createCache('default', { BACKEND: 'mysite.cache.Missing' }, { importModule })).rejects.toThrow(
      "CACHES[\"default\"].BACKEND 'mysite.cache.Missing': module 'mysite.cache' has no export 'Missing' (it exports: CountingCache, makeKey).",
    );
    await expect(createCache('default', { BACKEND: 'mysite.cache.makeKey' }, { importModule })).rejects.toThrow(/is not a cache backend class/);
  });
});

describe('caches as a value', () => {
  it('is not mistaken for a promise', async () => {
    await configureCaches({ default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } });
    expect(await Promise.resolve(caches)).toBe(caches);
  });
});
