import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { caches, LocMemCache, type Timeout } from '@manouche/cache';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authSettings } from '../src/auth-settings.js';
import { LoginThrottle } from '../src/login-throttle.js';
import { User } from '../src/models.js';
import { Client, migratedDatabase, serveAuth, testSettings } from './support.js';

/** A local-memory cache that remembers every key written to it. */
class RecordingCache extends LocMemCache {
  readonly written: string[] = [];
  override async add(key: string, value: unknown, timeout?: Timeout, version?: number): Promise<boolean> {
    this.written.push(key);
    return super.add(key, value, timeout, version);
  }
}

describe('LoginThrottle', () => {
  it('refuses after the limit within the window, tells how long to wait, and forgets old failures', async () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle({
      perUsername: 3,
      perAddress: 10,
      windowSeconds: 60,
      secret: 's',
      cache: new LocMemCache({ LOCATION: 'throttle-window' }, 'default'),
      now: () => now,
    });
    for (let i = 0; i < 3; i++) {
      expect((await throttle.check('ann', '10.0.0.1')).allowed).toBe(true);
      await throttle.recordFailure('ann', '10.0.0.1');
      now += 1000;
    }
    const refused = await throttle.check('ann', '10.0.0.2');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBeGreaterThan(50);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
    expect((await throttle.check('ANN', null)).allowed).toBe(false);
    expect((await throttle.check('bob', '10.0.0.1')).allowed).toBe(true);
    now += refused.retryAfter * 1000;
    expect((await throttle.check('ann', '10.0.0.1')).allowed).toBe(true);
  });

  it('counts every one of many concurrent failures', async () => {
    const throttle = new LoginThrottle({
      perUsername: 20,
      perAddress: 0,
      windowSeconds: 60,
      secret: 's',
      cache: new LocMemCache({ LOCATION: 'throttle-concurrent' }, 'default'),
    });
    await Promise.all(Array.from({ length: 19 }, () => throttle.recordFailure('ann', null)));
    expect((await throttle.check('ann', null)).allowed).toBe(true);
    await throttle.recordFailure('ann', null);
    expect((await throttle.check('ann', null)).allowed).toBe(false);
    await throttle.recordSuccess('ann');
    expect((await throttle.check('ann', null)).allowed).toBe(true);
  });

  it('keeps only HMACs of usernames and addresses', async () => {
    const cache = new RecordingCache({ LOCATION: 'throttle-hmac' }, 'default');
    const throttle = new LoginThrottle({ perUsername: 3, perAddress: 3, windowSeconds: 60, secret: 's', cache });
    await throttle.recordFailure('someone@example.com', '192.0.2.7');
    expect(cache.written).toHaveLength(2);
    expect(cache.written.join(' ')).not.toContain('someone');
    expect(cache.written.join(' ')).not.toContain('192.0.2.7');
  });
});

describe.each(testDatabaseTargets())('failed-login throttling over HTTP on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
    authSettings(testSettings());
    await User.objects.createUser('ann', 'ann@example.com', 'la pompe 1958');
  });
  afterAll(() => testDb?.drop());
  // The counts live in the default cache (local memory here), shared by every server of this process.
  beforeEach(() => caches.get().clear());

  it('answers 429 with Retry-After once a username failed too often, even with the right password', async () => {
    const server = await serveAuth(testSettings({ LOGIN_THROTTLE_FAILURES_PER_USERNAME: 3, LOGIN_THROTTLE_WINDOW: 600 }));
    try {
      const client = new Client(server.url);
      for (let i = 0; i < 3; i++) expect((await client.login('ann', `wrong ${i}`)).status).toBe(200);
      const refused = await client.login('ann', 'la pompe 1958');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(600);
      expect(refused.text).toContain('Too many failed login attempts.');
      expect(client.cookies.has('sessionid')).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('throttles a username that does not exist exactly like one that does', async () => {
    const server = await serveAuth(testSettings({ LOGIN_THROTTLE_FAILURES_PER_USERNAME: 2 }));
    try {
      const client = new Client(server.url);
      const answers = [];
      for (const username of ['ann', 'ann', 'nobody', 'nobody']) answers.push((await client.login(username, 'wrong')).status);
      answers.push((await client.login('ann', 'wrong')).status, (await client.login('nobody', 'wrong')).status);
      expect(answers).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await server.close();
    }
  });

  it('throttles one client address trying many usernames', async () => {
    const server = await serveAuth(testSettings({ LOGIN_THROTTLE_FAILURES_PER_ADDRESS: 4 }));
    try {
      const client = new Client(server.url);
      for (const username of ['a1', 'a2', 'a3', 'a4']) expect((await client.login(username, 'x')).status).toBe(200);
      expect((await client.login('ann', 'la pompe 1958')).status).toBe(429);
    } finally {
      await server.close();
    }
  });
});
