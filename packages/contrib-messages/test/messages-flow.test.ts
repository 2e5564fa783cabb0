import type { HttpRequest, ViewFunction } from '@manouche/core';
import { HttpResponse, HttpResponseRedirect } from '@manouche/core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { ERROR, MessageFailure, addMessage, getLevel, getMessages, messages, setLevel } from '../src/index.js';
import { CSRF, MESSAGES, SESSIONS, startStack, type Stack } from './support/stack.js';

/** Enough messages (random text does not compress) to overflow a 2048-byte cookie. */
const MANY = 60;
const LIST = '<ul><% for (const m of it.messages) { %><li class="<%= m.tags %>"><%= m %></li><% } %></ul>';

function render(source: string, context: Record<string, unknown> = {}): ViewFunction {
  return async (request: HttpRequest) => new HttpResponse(await request.context.templates!.renderString(source, context, request));
}

const routes: Record<string, ViewFunction> = {
  'save/': (request) => {
    messages.success(request, 'Profile saved.');
    messages.warning(request, 'Check your <email>.', { extraTags: 'sticky' });
    messages.debug(request, 'not recorded at INFO');
    return new HttpResponseRedirect('/list/');
  },
  'many/': (request) => {
    for (let i = 0; i < MANY; i++) messages.info(request, `Message number ${i} ${randomBytes(24).toString('base64url')}`);
    return new HttpResponseRedirect('/list/');
  },
  'list/': render(LIST),
  'add-and-list/': async (request) => {
    messages.info(request, 'Shown at once.');
    return render(LIST)(request, {});
  },
  'count/': render('<%= it.messages.length %> waiting'),
  'plain/': () => new HttpResponse('no messages read'),
  'read-in-view/': async (request) => {
    const texts: string[] = [];
    for await (const message of getMessages(request)) texts.push(`${message.levelTag}:${String(message)}`);
    return new HttpResponse(texts.join('|'));
  },
  'levels/': (request) => {
    setLevel(request, ERROR - 1);
    messages.warning(request, 'below the level');
    messages.error(request, 'kept');
    addMessage(request, 45, 'custom level');
    return new HttpResponse(String(getLevel(request)));
  },
};

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const storages = [
  ['cookie', 'manouche.contrib.messages.storage.cookie.CookieStorage', [MESSAGES]],
  ['session', 'manouche.contrib.messages.storage.session.SessionStorage', [SESSIONS, MESSAGES]],
  ['fallback (default)', undefined, [SESSIONS, MESSAGES]],
] as const;

describe.each(storages)('messages across a redirect with %s storage', (_name, storage, middleware) => {
  const settings = { MIDDLEWARE: [...middleware], ...(storage ? { MESSAGE_STORAGE: storage } : {}) };

  it('shows the messages once on the page after the redirect, with their tags, escaped', async () => {
    stack = await startStack(routes, settings);
    const client = stack.client();
    const saved = await client.get('/save/');
    expect([saved.status, saved.location]).toEqual([302, '/list/']);
    const shown = await client.get('/list/');
    expect(shown.text).toBe('<ul><li class="success">Profile saved.</li><li class="sticky warning">Check your &lt;email&gt;.</li></ul>');
    expect((await client.get('/list/')).text).toBe('<ul></ul>');
    expect(stack.errors).toEqual([]);
  });

  it('shows a message added on the page that lists them, to a visitor with nothing stored, and keeps nothing for the next page', async () => {
    stack = await startStack(routes, settings);
    const client = stack.client();
    expect((await client.get('/list/')).text).toBe('<ul></ul>');
    expect((await client.get('/add-and-list/')).text).toBe('<ul><li class="info">Shown at once.</li></ul>');
    expect((await client.get('/list/')).text).toBe('<ul></ul>');
    expect(stack.errors).toEqual([]);
  });

  it('keeps messages until a page iterates them (counting does not use them up)', async () => {
    stack = await startStack(routes, settings);
    const client = stack.client();
    await client.get('/save/');
    expect((await client.get('/plain/')).text).toBe('no messages read');
    expect((await client.get('/count/')).text).toBe('2 waiting');
    expect((await client.get('/read-in-view/')).text).toBe('success:Profile saved.|warning:Check your <email>.');
    expect((await client.get('/count/')).text).toBe('0 waiting');
  });

  it('records DEBUG messages when MESSAGE_LEVEL allows them', async () => {
    stack = await startStack(routes, { ...settings, MESSAGE_LEVEL: 10 });
    const client = stack.client();
    await client.get('/save/');
    expect((await client.get('/list/')).text).toContain('<li class="debug">not recorded at INFO</li>');
  });

  it('follows setLevel for the request and MESSAGE_TAGS for the CSS tags', async () => {
    stack = await startStack(routes, { ...settings, MESSAGE_TAGS: { 40: 'danger', 45: 'notice' } });
    const client = stack.client();
    expect((await client.get('/levels/')).text).toBe('39');
    expect((await client.get('/list/')).text).toBe('<ul><li class="danger">kept</li><li class="notice">custom level</li></ul>');
  });
});

describe('storage specifics', () => {
  it('signs the cookie: a tampered messages cookie is dropped, not shown', async () => {
    stack = await startStack(routes, { MIDDLEWARE: [MESSAGES], MESSAGE_STORAGE: 'manouche.contrib.messages.storage.cookie.CookieStorage' });
    const client = stack.client();
    await client.get('/save/');
    const cookie = client.cookies.get('messages')!;
    client.cookies.set(
      'messages',
      cookie.replace(/.(?=%3A|:)/, (c) => (c === 'A' ? 'B' : 'A')),
    );
    const shown = await client.get('/list/');
    expect(shown.text).toBe('<ul></ul>');
    expect(shown.setCookies.messages).toBe('');
  });

  it('cookie storage alone drops the oldest messages past 2048 bytes, and says so with DEBUG on', async () => {
    stack = await startStack(routes, { MIDDLEWARE: [MESSAGES], MESSAGE_STORAGE: 'manouche.contrib.messages.storage.cookie.CookieStorage' });
    const client = stack.client();
    await client.get('/many/');
    expect(client.cookies.get('messages')!.length).toBeLessThanOrEqual(2048);
    const shown = (await client.get('/list/')).text;
    expect(shown).toContain(`Message number ${MANY - 1} `);
    expect(shown).not.toContain('Message number 0 ');
    await stack.close();
    stack = await startStack(routes, { DEBUG: true, MIDDLEWARE: [MESSAGES], MESSAGE_STORAGE: 'manouche.contrib.messages.storage.cookie.CookieStorage' });
    expect((await stack.client().get('/many/')).status).toBe(500);
    expect((stack.errors[0] as Error).message).toMatch(/^Not all temporary messages could be stored: \d+ did not fit in CookieStorage\.$/);
  });

  it('fallback storage puts what does not fit in the cookie into the session, and shows all of them in order', async () => {
    const sessionDir = mkdtempSync(path.join(tmpdir(), 'manouche-messages-sessions-'));
    onTestFinished(() => rmSync(sessionDir, { recursive: true, force: true }));
    stack = await startStack(routes, {
      MIDDLEWARE: [SESSIONS, MESSAGES],
      SESSION_ENGINE: 'manouche.contrib.sessions.backends.file',
      SESSION_FILE_PATH: sessionDir,
    });
    const client = stack.client();
    await client.get('/many/');
    expect(client.cookies.get('messages')!.length).toBeLessThanOrEqual(2048);
    expect(client.cookies.has('sessionid')).toBe(true);
    const shown = (await client.get('/list/')).text;
    const numbers = [...shown.matchAll(/Message number (\d+)/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: MANY }, (_, i) => i));
    expect((await client.get('/list/')).text).toBe('<ul></ul>');
  });
});

describe('configuration errors', () => {
  it('refuses adding a message without MessageMiddleware, unless failSilently', async () => {
    const failing: ViewFunction = (request) => {
      messages.info(request, 'lost', { failSilently: true });
      messages.info(request, 'x');
      return new HttpResponse('unreachable');
    };
    stack = await startStack({ 'x/': failing }, { MIDDLEWARE: [] });
    expect((await stack.client().get('/x/')).status).toBe(500);
    expect(stack.errors[0]).toBeInstanceOf(MessageFailure);
    expect((stack.errors[0] as Error).message).toContain("installing 'manouche.contrib.messages.middleware.MessageMiddleware' in MIDDLEWARE");
  });

  it.each([
    [{ MIDDLEWARE: [MESSAGES] }, "The session-based message storage needs request.session: add 'manouche.contrib.sessions' to INSTALLED_APPS"],
    [
      { MIDDLEWARE: [MESSAGES], MESSAGE_STORAGE: 'django.contrib.messages.storage.cookie.CookieStorage' },
      "MESSAGE_STORAGE 'django.contrib.messages.storage.cookie.CookieStorage' is Django's name: write 'manouche.contrib.messages.storage.cookie.CookieStorage' instead.",
    ],
    [{ MIDDLEWARE: [MESSAGES], MESSAGE_STORAGE: 'nope' }, "MESSAGE_STORAGE 'nope' is not a message storage: expected one of"],
  ])('names the problem: %j', async (settings, message) => {
    stack = await startStack(routes, settings);
    expect((await stack.client().get('/plain/')).status).toBe(500);
    expect((stack.errors[0] as Error).message).toContain(message);
  });
});

describe('messages with CSRF in the stack', () => {
  const vote: ViewFunction = async (request) => {
    if (request.method === 'POST') {
      messages.success(request, `You voted for ${(await request.post()).get('choice')}.`);
      return new HttpResponseRedirect('/list/');
    }
    return new HttpResponse(await request.context.templates!.renderString('<form method="post"><%= it.csrfInput() %></form>', {}, request));
  };

  it.each([
    ['cookie', {}],
    ['session (CSRF_USE_SESSIONS)', { CSRF_USE_SESSIONS: true }],
  ])('the vote form works with the CSRF secret in the %s, and a cross-site POST is refused', async (_where, csrfSettings) => {
    stack = await startStack({ ...routes, 'vote/': vote }, { MIDDLEWARE: [SESSIONS, CSRF, MESSAGES], ...csrfSettings });
    const client = stack.client();
    const form = await client.get('/vote/');
    const token = /name="csrfmiddlewaretoken" value="([a-zA-Z0-9]{64})"/.exec(form.text)?.[1];
    expect(token).toBeDefined();
    expect(client.cookies.has('csrftoken')).toBe(!('CSRF_USE_SESSIONS' in csrfSettings));
    const refused = await client.post('/vote/', { choice: '2', csrfmiddlewaretoken: token! }, { origin: 'http://evil.example' });
    expect(refused.status).toBe(403);
    const voted = await client.post('/vote/', { choice: '2', csrfmiddlewaretoken: token! }, { origin: stack.url });
    expect([voted.status, voted.location]).toEqual([302, '/list/']);
    expect((await client.get('/list/')).text).toBe('<ul><li class="success">You voted for 2.</li></ul>');
    const noToken = await client.post('/vote/', { choice: '2' }, { origin: stack.url });
    expect(noToken.status).toBe(403);
  });

  it('with CSRF_USE_SESSIONS but no SessionMiddleware, says which middleware is missing', async () => {
    stack = await startStack({ 'vote/': vote }, { MIDDLEWARE: [CSRF], CSRF_USE_SESSIONS: true });
    expect((await stack.client().get('/vote/')).status).toBe(500);
    expect((stack.errors[0] as Error).message).toContain(
      "put 'manouche.contrib.sessions.middleware.SessionMiddleware' before 'manouche.middleware.csrf.CsrfViewMiddleware'",
    );
  });
});
