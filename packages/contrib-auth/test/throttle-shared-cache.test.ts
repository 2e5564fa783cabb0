/**
 * The failed-login counts live in the project's default cache, so every server using that cache
 * shares them: with the default local-memory cache two servers of one process, and with Redis
 * separate processes (here: a second Redis connection, as another process would have). Over real
 * HTTP on SQLite; the database plays no part in the counting.
 */
import { caches, RedisCache } from '@manouche/cache';
import type { TestDatabase } from '@manouche/orm/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testRedis, uniquePrefix } from '../../cache/test/support/redis.js';
import { authSettings } from '../src/auth-settings.js';
import { LoginThrottle } from '../src/login-throttle.js';
import { User } from '../src/models.js';
import { Client, migratedDatabase, serveAuth, testSettings } from './support.js';

const redis = testRedis();
const LIMITS = { LOGIN_THROTTLE_FAILURES_PER_USERNAME: 3, LOGIN_THROTTLE_WINDOW: 600 };

describe('failed-login counts shared through the default cache', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await migratedDatabase('sqlite');
    authSettings(testSettings());
    await User.objects.createUser('ann', 'ann@example.com', 'la pompe 1958');
  });
  afterAll(async () => {
    await caches.configure({ default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } });
    await testDb?.drop();
  });
  afterEach(() => caches.get().clear());

  /** Fails `failures` logins for ann on one server, then tries the right password on another. */
  async function failOnOneServerThenLogInOnAnother(failures: number): Promise<number> {
    const first = await serveAuth(testSettings(LIMITS));
    const second = await serveAuth(testSettings(LIMITS));
    try {
      for (let i = 0; i < failures; i++) expect((await new Client(first.url).login('ann', `wrong ${i}`)).status).toBe(200);
      return (await new Client(second.url).login('ann', 'la pompe 1958')).status;
    } finally {
      await first.close();
      await second.close();
    }
  }

  it('counts failures on one server against another with the default local-memory cache', async () => {
    await caches.configure({ default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'throttle-shared' } });
    expect(await failOnOneServerThenLogInOnAnother(3)).toBe(429);
    await caches.get().clear();
    expect(await failOnOneServerThenLogInOnAnother(2)).toBe(302);
  });

  it.skipIf(Boolean(redis.skip))(`counts failures across processes with a Redis default cache${redis.skip ? ` (${redis.skip})` : ''}`, async () => {
    const prefix = uniquePrefix('contrib-auth-throttle');
    await caches.configure({ default: { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: redis.url, KEY_PREFIX: prefix } });
    expect(await failOnOneServerThenLogInOnAnother(3)).toBe(429);
    // Another process has its own connection to the same Redis: it sees the same counts.
    const elsewhere = new RedisCache({ LOCATION: redis.url, KEY_PREFIX: prefix }, 'default');
    try {
      const settings = authSettings(testSettings(LIMITS));
      const throttle = new LoginThrottle({ perUsername: 3, perAddress: 0, windowSeconds: 600, secret: settings.SECRET_KEY, cache: elsewhere });
      expect((await throttle.check('ann', null)).allowed).toBe(false);
      expect((await throttle.check('bob', null)).allowed).toBe(true);
    } finally {
      await elsewhere.clear();
      await elsewhere.close();
    }
  });
});
