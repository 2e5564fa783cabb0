/**
 * request.user is lazy, as in Django: a view that never looks at the user costs no session or
 * user query, `await request.auser()` loads it once, and reading `request.user` before that is a
 * clear error — over real HTTP on each database.
 */
import { HttpResponse, type HttpRequest } from '@manouche/core';
import { connection } from '@manouche/orm';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from '../src/auth-settings.js';
import { UserNotLoadedError } from '../src/errors.js';
import { User } from '../src/models.js';
import { Client, migratedDatabase, serveAuth, testSettings } from './support.js';

const views = {
  'plain/': async () => new HttpResponse('no user here'),
  'who/': async (request: HttpRequest) => {
    const user = await request.auser();
    const again = await request.auser();
    return new HttpResponse(`${user.isAuthenticated ? user.getUsername() : 'anonymous'}|same:${String(again === user && request.user === user)}`);
  },
  'sync/': async (request: HttpRequest) => new HttpResponse(String(request.user.isAuthenticated)),
};

describe.each(testDatabaseTargets())('the lazy request.user on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAuth>>;
  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
    const settings = testSettings();
    authSettings(settings);
    await User.objects.createUser('lazy', 'lazy@example.com', 'bossa nova 1959');
    server = await serveAuth(settings, views);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  /** The SQL statements the server runs while `fn` makes its requests. */
  async function queriesDuring(fn: () => Promise<unknown>): Promise<string[]> {
    const queries: string[] = [];
    const stop = connection().addQueryListener((event) => queries.push(event.sql));
    try {
      await fn();
    } finally {
      stop();
    }
    return queries;
  }

  async function loggedInClient(): Promise<Client> {
    const client = new Client(server.url);
    expect((await client.login('lazy', 'bossa nova 1959')).status).toBe(302);
    expect(client.cookies.has('sessionid')).toBe(true);
    return client;
  }

  it('runs no session or user query for a logged-in visitor of a view that never touches the user', async () => {
    const client = await loggedInClient();
    let response: Awaited<ReturnType<Client['request']>> | undefined;
    const queries = await queriesDuring(async () => (response = await client.request('/plain/')));
    expect(response!.text).toBe('no user here');
    expect(queries).toEqual([]);
  });

  it('loads the session and the user once when the view awaits request.auser(), and request.user is then the same user', async () => {
    const client = await loggedInClient();
    let response: Awaited<ReturnType<Client['request']>> | undefined;
    const queries = await queriesDuring(async () => (response = await client.request('/who/')));
    expect(response!.text).toBe('lazy|same:true');
    expect(queries).toHaveLength(2);
    expect(queries.some((sql) => /django_session/.test(sql))).toBe(true);
    expect(queries.some((sql) => /auth_user/.test(sql))).toBe(true);
  });

  it('knows an anonymous visitor without a session cookie without any query, even through request.user', async () => {
    const client = new Client(server.url);
    let who: Awaited<ReturnType<Client['request']>> | undefined;
    let sync: Awaited<ReturnType<Client['request']>> | undefined;
    const queries = await queriesDuring(async () => {
      who = await client.request('/who/');
      sync = await client.request('/sync/');
    });
    expect([who!.text, sync!.text]).toEqual(['anonymous|same:true', 'false']);
    expect(queries).toEqual([]);
    // The answer depends on the (absent) session cookie either way: caches must vary on it, as in Django.
    expect([who!.headers.get('vary'), sync!.headers.get('vary')]).toEqual(['Cookie', 'Cookie']);
  });

  it('answers a read of request.user before the user was loaded with an error that names request.auser()', async () => {
    const client = await loggedInClient();
    const before = server.errors.length;
    const response = await client.request('/sync/');
    expect(response.status).toBe(500);
    const error = server.errors.slice(before).find((e) => e instanceof UserNotLoadedError) as UserNotLoadedError | undefined;
    expect(error?.code).toBe('MANOUCHE_AUTH_USER_NOT_LOADED');
    expect(error?.message).toContain('request.user was read while handling "/sync/" before the session\'s user was loaded');
    expect(error?.message).toContain('await request.auser()');
  });
});
