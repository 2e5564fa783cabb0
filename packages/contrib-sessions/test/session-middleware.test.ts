import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpResponse, JsonResponse } from '@manouche/core';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, SessionMiddleware } from '../src/index.js';
import { Client, migratedDatabase, serveViews, testSettings, type View } from './support.js';

const views: Record<string, View> = {
  'count/': async (request) => {
    const visits = ((await request.session.get<number>('visits')) ?? 0) + 1;
    await request.session.set('visits', visits);
    return new JsonResponse({ visits });
  },
  'read/': async (request) => new JsonResponse({ visits: (await request.session.get<number>('visits')) ?? null, keys: await request.session.keys() }),
  'untouched/': () => new HttpResponse('no session used'),
  'cycle/': async (request) => {
    await request.session.cycleKey();
    return new JsonResponse({ visits: await request.session.get('visits') });
  },
  'flush/': async (request) => {
    await request.session.flush();
    return new HttpResponse('flushed');
  },
  'short/': async (request) => {
    await request.session.setExpiry(60);
    return new JsonResponse({ age: await request.session.getExpiryAge() });
  },
  'browser/': async (request) => {
    await request.session.setExpiry(0);
    await request.session.set('visits', 1);
    return new HttpResponse('until the browser closes');
  },
};

const engines = [
  ['database', 'manouche.contrib.sessions.backends.db'],
  ['signed cookies', 'manouche.contrib.sessions.backends.signed_cookies'],
  ['files', 'manouche.contrib.sessions.backends.file'],
] as const;

describe.each(testDatabaseTargets())('SessionMiddleware on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  let fileDir: string;
  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
    fileDir = mkdtempSync(path.join(tmpdir(), 'manouche-sessions-'));
  });
  afterAll(async () => {
    await testDb?.drop();
    rmSync(fileDir, { recursive: true, force: true });
  });

  describe.each(engines)('with the %s backend', (_, engine) => {
    let server: Awaited<ReturnType<typeof serveViews>>;
    beforeAll(async () => {
      server = await serveViews(testSettings({ SESSION_ENGINE: engine, SESSION_FILE_PATH: fileDir }), [SessionMiddleware], views);
    });
    afterAll(() => server?.close());

    it('keeps values between requests through the session cookie', async () => {
      const client = new Client(server.url);
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 1 });
      const second = await client.request('/count/');
      expect(JSON.parse(second.text)).toEqual({ visits: 2 });
      expect(second.setCookies[0]).toMatch(/^sessionid=[^;]+; Max-Age=1209600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
      expect(second.headers.get('vary')).toBe('Cookie');
      expect(JSON.parse((await client.request('/read/')).text)).toEqual({ visits: 2, keys: ['visits'] });
    });

    it('sets no cookie and no Vary when the view does not use the session', async () => {
      const response = await new Client(server.url).request('/untouched/');
      expect(response.setCookies).toEqual([]);
      expect(response.headers.get('vary')).toBeNull();
    });

    it('starts an empty session, never an error page, for a forged or tampered cookie', async () => {
      for (const forged of ['abcdefghijklmnopqrstuvwxyz012345', 'not a key!', 'x'.repeat(5000), 'eyJ2aXNpdHMiOjk5fQ:1aBcDe:forgedsignature']) {
        const client = new Client(server.url);
        client.cookies.set('sessionid', encodeURIComponent(forged));
        const response = await client.request('/read/');
        expect(response.status).toBe(200);
        expect(JSON.parse(response.text)).toEqual({ visits: null, keys: [] });
        expect(response.setCookies[0]).toMatch(/^sessionid=; Max-Age=0;/);
      }
      const client = new Client(server.url);
      await client.request('/count/');
      const cookie = client.cookies.get('sessionid')!;
      client.cookies.set('sessionid', cookie.slice(0, -2) + (cookie.endsWith('aa') ? 'bb' : 'aa'));
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 1 });
    });

    it('keeps the data under a new key on cycleKey, and the old key stops working', async () => {
      const client = new Client(server.url);
      await client.request('/count/');
      const before = client.cookies.get('sessionid')!;
      expect(JSON.parse((await client.request('/cycle/')).text)).toEqual({ visits: 1 });
      const after = client.cookies.get('sessionid')!;
      expect(JSON.parse((await client.request('/read/')).text).visits).toBe(1);
      // A signed-cookie session has no key apart from its data: only the stored backends get a new one.
      if (engine !== 'manouche.contrib.sessions.backends.signed_cookies') {
        expect(after).not.toBe(before);
        const stale = new Client(server.url);
        stale.cookies.set('sessionid', before);
        expect(JSON.parse((await stale.request('/read/')).text).visits).toBeNull();
      }
    });

    it('deletes the session and the cookie on flush', async () => {
      const client = new Client(server.url);
      await client.request('/count/');
      const flushed = await client.request('/flush/');
      expect(flushed.setCookies[0]).toMatch(/^sessionid=; Max-Age=0;/);
      expect(client.cookies.has('sessionid')).toBe(false);
      expect(JSON.parse((await client.request('/count/')).text)).toEqual({ visits: 1 });
    });

    it('uses a per-session expiry, and a browser-session cookie for setExpiry(0)', async () => {
      const client = new Client(server.url);
      const short = await client.request('/short/');
      expect(JSON.parse(short.text)).toEqual({ age: 60 });
      expect(short.setCookies[0]).toContain('Max-Age=60;');
      const browser = await new Client(server.url).request('/browser/');
      expect(browser.setCookies[0]).not.toMatch(/Max-Age|Expires/);
    });
  });

  it('saves on every request with SESSION_SAVE_EVERY_REQUEST, and writes the row only when modified otherwise', async () => {
    const every = await serveViews(testSettings({ SESSION_SAVE_EVERY_REQUEST: true }), [SessionMiddleware], views);
    try {
      const client = new Client(every.url);
      await client.request('/count/');
      expect((await client.request('/read/')).setCookies).toHaveLength(1);
    } finally {
      await every.close();
    }
    const lazy = await serveViews(testSettings(), [SessionMiddleware], views);
    try {
      const client = new Client(lazy.url);
      await client.request('/count/');
      expect((await client.request('/read/')).setCookies).toHaveLength(0);
      const key = decodeURIComponent(client.cookies.get('sessionid')!);
      expect(await Session.objects.filter({ sessionKey: key }).count()).toBe(1);
    } finally {
      await lazy.close();
    }
  });

  it('answers 400, not a silent resurrection, when another request deleted the session meanwhile', async () => {
    const server = await serveViews(testSettings(), [SessionMiddleware], views);
    try {
      const client = new Client(server.url);
      await client.request('/count/');
      const key = decodeURIComponent(client.cookies.get('sessionid')!);
      // The row goes away between load and save: read it first, then delete it in the view.
      const racing = await serveViews(testSettings(), [SessionMiddleware], {
        'race/': async (request) => {
          await request.session.get('visits');
          await Session.objects.filter({ sessionKey: key }).delete();
          await request.session.set('visits', 5);
          return new HttpResponse('changed');
        },
      });
      try {
        const other = new Client(racing.url);
        other.cookies.set('sessionid', key);
        expect((await other.request('/race/')).status).toBe(400);
      } finally {
        await racing.close();
      }
    } finally {
      await server.close();
    }
  });

  it('leaves no file behind for a forged key with the file backend', async () => {
    const server = await serveViews(
      testSettings({ SESSION_ENGINE: 'manouche.contrib.sessions.backends.file', SESSION_FILE_PATH: fileDir }),
      [SessionMiddleware],
      views,
    );
    try {
      const before = readdirSync(fileDir).length;
      const client = new Client(server.url);
      client.cookies.set('sessionid', '..%2F..%2Fetc%2Fpasswd');
      expect((await client.request('/read/')).status).toBe(200);
      expect(readdirSync(fileDir)).toHaveLength(before);
    } finally {
      await server.close();
    }
  });
});

describe('SESSION_ENGINE', () => {
  it("names the Manouche engine when given Django's name, and lists the known ones for anything else", async () => {
    await expect(
      serveViews(testSettings({ SESSION_ENGINE: 'django.contrib.sessions.backends.db' }), [SessionMiddleware], views).then((s) => s.close()),
    ).resolves.toBeUndefined();
    const { sessionEngine } = await import('../src/engines.js');
    expect(() => sessionEngine(testSettings({ SESSION_ENGINE: 'django.contrib.sessions.backends.db' }))).toThrow(
      "SESSION_ENGINE 'django.contrib.sessions.backends.db' is not a known session engine. Write 'manouche.contrib.sessions.backends.db'",
    );
    expect(() => sessionEngine(testSettings({ SESSION_ENGINE: 'redis' }))).toThrow(
      'Known engines: manouche.contrib.sessions.backends.db, manouche.contrib.sessions.backends.signed_cookies, manouche.contrib.sessions.backends.file',
    );
  });
});
