import { describe, expect, it } from 'vitest';
import { LocMemCache } from '../src/index.js';

describe('the local-memory cache', () => {
  it('drops the least recently used third when MAX_ENTRIES is reached', async () => {
    const cache = new LocMemCache({ LOCATION: 'lru', OPTIONS: { MAX_ENTRIES: 6, CULL_FREQUENCY: 3 } });
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) await cache.set(key, key);
    await cache.get('a'); // a is now the most recently used
    await cache.set('g', 'g');
    const left = await cache.getMany(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(Object.keys(left).sort()).toEqual(['a', 'd', 'e', 'f', 'g']);
  });

  it('empties itself when full and CULL_FREQUENCY is 0', async () => {
    const cache = new LocMemCache({ LOCATION: 'cull-all', OPTIONS: { MAX_ENTRIES: 3, CULL_FREQUENCY: 0 } });
    for (const key of ['a', 'b', 'c', 'd']) await cache.set(key, key);
    expect(await cache.getMany(['a', 'b', 'c', 'd'])).toEqual({ d: 'd' });
  });

  it('overwrites an existing key without culling', async () => {
    const cache = new LocMemCache({ LOCATION: 'overwrite', OPTIONS: { MAX_ENTRIES: 2 } });
    await cache.set('a', 1);
    await cache.set('b', 2);
    await cache.set('b', 3);
    expect(await cache.getMany(['a', 'b'])).toEqual({ a: 1, b: 3 });
  });

  it('shares entries between caches with the same LOCATION and keeps other LOCATIONs apart', async () => {
    const one = new LocMemCache({ LOCATION: 'shared' });
    const two = new LocMemCache({ LOCATION: 'shared' });
    const other = new LocMemCache({ LOCATION: 'elsewhere' });
    await one.set('k', 'v');
    expect(await two.get('k')).toBe('v');
    expect(await other.get('k')).toBeUndefined();
  });

  it('increments bigints exactly', async () => {
    const cache = new LocMemCache({ LOCATION: 'incr' });
    await cache.set('big', 2n ** 64n);
    expect(await cache.incr('big')).toBe(2n ** 64n + 1n);
  });
});

describe('keys, prefixes and versions', () => {
  it("makes keys as 'prefix:version:key' and reads the cache's VERSION by default", async () => {
    const v1 = new LocMemCache({ LOCATION: 'versions', KEY_PREFIX: 'site' });
    const v2 = new LocMemCache({ LOCATION: 'versions', KEY_PREFIX: 'site', VERSION: 2 });
    expect(v1.makeKey('post')).toBe('site:1:post');
    expect(v2.makeKey('post')).toBe('site:2:post');
    await v1.set('post', 'old');
    await v2.set('post', 'new');
    expect(await v1.get('post')).toBe('old');
    expect(await v2.get('post')).toBe('new');
    expect(await v2.get('post', undefined, 1)).toBe('old');
  });

  it('keeps caches with different KEY_PREFIXes apart in one store', async () => {
    const a = new LocMemCache({ LOCATION: 'prefixes', KEY_PREFIX: 'a' });
    const b = new LocMemCache({ LOCATION: 'prefixes', KEY_PREFIX: 'b' });
    await a.set('k', 'from a');
    expect(await b.get('k')).toBeUndefined();
  });

  it('uses a KEY_FUNCTION', async () => {
    const cache = new LocMemCache({ LOCATION: 'keyfn', KEY_PREFIX: 'p', KEY_FUNCTION: (key, prefix, version) => `${key}|${prefix}|${version}` });
    expect(cache.makeKey('k', 3)).toBe('k|p|3');
    await cache.set('k', 1);
    expect(await cache.get('k')).toBe(1);
  });

  it('warns (CacheKeyWarning) about keys memcached would refuse: too long or with control characters', async () => {
    const warnings: Error[] = [];
    const listen = (warning: Error) => warnings.push(warning);
    process.on('warning', listen);
    try {
      const cache = new LocMemCache({ LOCATION: 'warnings' });
      await cache.set('x'.repeat(251), 1);
      await cache.set('with space', 1);
      await cache.set('fine', 1);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    expect(warnings.map((warning) => warning.name)).toEqual(['CacheKeyWarning', 'CacheKeyWarning']);
    expect(warnings[0]!.message).toContain('(longer than 250)');
    expect(warnings[1]!.message).toBe('Cache key contains characters that will cause errors if used with memcached: ":1:with space"');
  });

  it('refuses a key that is not a string and a timeout that is not a number', async () => {
    const cache = new LocMemCache({ LOCATION: 'bad-input' });
    await expect(cache.get(42 as unknown as string)).rejects.toThrow('Cache keys are strings, got number 42 (cache "default").');
    await expect(cache.set('k', 1, '60' as unknown as number)).rejects.toThrow(
      'Cache timeout must be a number of seconds or null (never expire), got "60" (cache "default").',
    );
  });
});
