import { HttpResponse, JsonResponse } from '@manouche/core';
import { caches, closeCaches, configureCaches } from '@manouche/cache';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionMiddleware } from '../src/index.js';
import { Client, migratedDatabase, serveViews, testSettings, type View } from './support.js';

const views: Record<string, View> = {
  'count/': async (request) => {
    const visits = ((await request.session.get<number>('visits')) ?? 0) + 1;
    await request.session.set('visits', visits);
    return new JsonResponse({ visits });
  },
  'cycle/': async (request) => {
    await request.session.cycleKey();
    return new JsonResponse({ visits: await request.session.get('visits') });
  },
  'flush/': async (request) => {
    await request.session.flush();
    return new HttpResponse('flushed');
  },
};

const redisUrl = process.env.MANOUCHE_TEST_REDIS_URL ?? (process.env.CI === 'true' ? 'redis://127.0.0.1:6379/0' : undefined);
const cacheBackends = [
  { name: 'local memory', skip: undefined, entry: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'sessions-test' } },
  {
    name: 'Redis',
    skip: redisUrl ? undefined : 'MANOUCHE_TEST_REDIS_URL is not set: Redis tests skipped',
    entry: {
      BACKEND: 'manouche.cache.backends.redis.RedisCache',
      LOCATION: redisUrl ?? '',
      KEY_PREFIX: `manouche-test:sessions:${randomBytes(4).toString('hex')}`,
    },
  },
];

describe.each(cacheBackends)('session backends on the $name cache', ({ skip, entry }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  beforeAll(async () => {
    await configureCaches({ default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' }, sessions: entry });
  });
  afterAll(async () => {
    await caches.get('sessions').clear();
    await closeCaches();
  });

  describe('cache', () => {
    let server: Awaited<ReturnType<typeof serveViews>>;
    beforeAll(async () => {
      server = await serveViews(
        testSettings({ SESSION_ENGINE: 'manouche.contrib.sessions.backends.cache', SESSION_CACHE_ALIAS: 'sessions' }),
        [SessionMiddleware],
        views,
      );
    });
    afterAll(() => server?.close());

    it('keeps the session in the SESSION_CACHE_ALIAS cache, with SESSION_COOKIE_AGE as its timeout', async () => {
      const client = new Client(server.url);
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 1 });
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 2 });
      const key = client.cookies.get('sessionid')!;
      expect(await caches.get('sessions').get(`manouche.contrib.sessions.cache${key}`)).toEqual({ visits: 2 });
    });

    it('starts over when the cache loses the session', async () => {
      const client = new Client(server.url);
      await client.request('/count/');
      await caches.get('sessions').clear();
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 1 });
    });

    it('moves the data to a new key on cycleKey and forgets it on flush', async () => {
      const client = new Client(server.url);
      await client.request('/count/');
      const before = client.cookies.get('sessionid')!;
      expect(JSON.parse((await client.request('/cycle/')).text)).toEqual({ visits: 1 });
      expect(client.cookies.get('sessionid')).not.toBe(before);
      expect(await caches.get('sessions').has(`manouche.contrib.sessions.cache${before}`)).toBe(false);
      await client.request('/flush/');
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 1 });
    });
  });

  describe.each(testDatabaseTargets())('cached_db on $dialect', ({ dialect, skip: noDatabase }) => {
    if (noDatabase) {
      it.skip(noDatabase, () => {});
      return;
    }
    let testDb: TestDatabase;
    let server: Awaited<ReturnType<typeof serveViews>>;
    beforeAll(async () => {
      testDb = await migratedDatabase(dialect);
      server = await serveViews(
        testSettings({ SESSION_ENGINE: 'manouche.contrib.sessions.backends.cached_db', SESSION_CACHE_ALIAS: 'sessions' }),
        [SessionMiddleware],
        views,
      );
    });
    afterAll(async () => {
      await server?.close();
      await testDb?.drop();
    });

    it('writes through to the database and the cache, and reads the database when the cache loses it', async () => {
      const client = new Client(server.url);
      await client.request('/count/');
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 2 });
      const key = client.cookies.get('sessionid')!;
      expect(await caches.get('sessions').get(`manouche.contrib.sessions.cached_db${key}`)).toEqual({ visits: 2 });
      await caches.get('sessions').clear();
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 3 });
      expect(await caches.get('sessions').get(`manouche.contrib.sessions.cached_db${key}`)).toEqual({ visits: 3 });
    });

    it('forgets the session in both places on flush', async () => {
      const client = new Client(server.url);
      await client.request('/count/');
      const key = client.cookies.get('sessionid')!;
      await client.request('/flush/');
      expect(await caches.get('sessions').has(`manouche.contrib.sessions.cached_db${key}`)).toBe(false);
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 1 });
    });
  });
});
