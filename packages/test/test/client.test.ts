import type { AsgiApplication } from '@manouche/asgi';
import { describe, expect, it } from 'vitest';
import {
  Client,
  RedirectLoopError,
  assertContains,
  assertNotContains,
  assertRedirects,
  assertTemplateUsed,
  assertTemplateNotUsed,
  assertFormError,
  assertQuerysetEqual,
  overridableSettings,
  overrideSettings,
} from '../src/index.js';
import { TestResponse } from '../src/test-response.js';
import type { ResolverMatch, Settings, UrlResolver } from '@manouche/contracts';
import { createApplication, HttpResponse } from '@manouche/core';

const enc = (text: string) => new TextEncoder().encode(text);
const dec = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A small application: echoes requests, sets and reads cookies, redirects. */
const app: AsgiApplication = async (scope, receive, send) => {
  if (scope.type !== 'http') return;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') break;
    chunks.push(event.body);
    if (!event.more_body) break;
  }
  const headers = Object.fromEntries(scope.headers.map(([name, value]) => [dec(name), dec(value)]));
  const reply = async (status: number, body: string, extra: Array<[string, string]> = []) => {
    await send({ type: 'http.response.start', status, headers: [['content-type', 'text/html; charset=utf-8'], ...extra].map(([n, v]) => [enc(n), enc(v)]) });
    await send({ type: 'http.response.body', body: enc(body) });
  };
  if (scope.path === '/login/')
    return reply(200, 'ok', [
      ['set-cookie', 'sessionid=abc123; Path=/; HttpOnly'],
      ['set-cookie', 'theme=dark; Path=/'],
    ]);
  if (scope.path === '/logout/') return reply(200, 'bye', [['set-cookie', 'sessionid=""; Max-Age=0; Path=/']]);
  if (scope.path === '/start/') return reply(302, '', [['location', '/middle/']]);
  if (scope.path === '/middle/') return reply(301, '', [['location', 'http://testserver/end/?x=1']]);
  if (scope.path === '/loop/') return reply(302, '', [['location', '/loop/']]);
  if (scope.path === '/keep/') return reply(307, '', [['location', '/echo/']]);
  return reply(
    200,
    JSON.stringify({
      method: scope.method,
      path: scope.path,
      query: dec(scope.query_string),
      cookie: headers.cookie ?? null,
      type: headers['content-type'] ?? null,
      body: Buffer.concat(chunks).toString('latin1'),
    }),
  );
};

describe('Client', () => {
  it('sends GET data as a query string and keeps cookies between requests until they expire', async () => {
    const client = new Client(app);
    await client.get('/login/');
    expect(client.cookies.toObject()).toEqual({ sessionid: 'abc123', theme: 'dark' });
    const echo = (await client.get('/echo/', { q: 'jazz', page: [1, 2] })).json<{ query: string; cookie: string }>();
    expect(echo.query).toBe('q=jazz&page=1&page=2');
    expect(echo.cookie).toBe('sessionid=abc123; theme=dark');
    await client.get('/logout/');
    expect(client.cookies.toObject()).toEqual({ theme: 'dark' });
  });

  it('posts form fields and files as multipart, and JSON when asked', async () => {
    const client = new Client(app);
    const form = (await client.post('/echo/', { name: 'Django', attachment: { name: 'notes.txt', content: 'hello', contentType: 'text/plain' } })).json<{
      type: string;
      body: string;
    }>();
    expect(form.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(form.body).toContain('Content-Disposition: form-data; name="name"\r\n\r\nDjango\r\n');
    expect(form.body).toContain('Content-Disposition: form-data; name="attachment"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n');
    const json = (await client.patch('/echo/', { done: true }, { contentType: 'application/json' })).json<{ method: string; type: string; body: string }>();
    expect(json).toMatchObject({ method: 'PATCH', type: 'application/json', body: '{"done":true}' });
    const raw = (await client.put('/echo/', 'raw text', { contentType: 'text/plain' })).json<{ body: string }>();
    expect(raw.body).toBe('raw text');
    for (const method of ['head', 'options', 'delete'] as const) expect((await client[method]('/echo/')).status).toBe(200);
  });

  it('follows redirects, records the chain, and turns a 302 POST into a GET but repeats a 307', async () => {
    const client = new Client(app);
    const response = await client.post('/start/', { a: '1' }, { follow: true });
    expect(response.redirectChain).toEqual([
      ['/middle/', 302],
      ['http://testserver/end/?x=1', 301],
    ]);
    expect(response.json()).toMatchObject({ method: 'GET', path: '/end/', query: 'x=1' });
    expect((await client.post('/keep/', { a: '1' }, { follow: true })).json()).toMatchObject({ method: 'POST' });
    await expect(client.get('/loop/', undefined, { follow: true })).rejects.toBeInstanceOf(RedirectLoopError);
  });
});

describe('assertions', () => {
  const page = (body: string, status = 200, templates: string[] = []) =>
    new TestResponse(
      status,
      [['content-type', 'text/html']],
      Buffer.from(body),
      templates.map((name) => ({ name, context: { name } })),
      { method: 'GET', path: '/', url: '/' },
    );

  it('assertContains counts text, and compares HTML ignoring whitespace and attribute order', () => {
    const response = page('<ul>\n  <li class="a"  id="x">One</li><li>One</li>\n</ul>');
    assertContains(response, 'One', { count: 2 });
    assertContains(response, '<li id="x" class="a">One</li>', { html: true, count: 1 });
    expect(() => assertContains(response, 'Two')).toThrow("Couldn't find 'Two' in the following response");
    expect(() => assertContains(response, 'One', { count: 1 })).toThrow("Found 2 instances of 'One' in response (expected 1)");
    expect(() => assertContains(page('x', 404), 'x')).toThrow("Couldn't retrieve content: response code was 404 (expected 200)");
    assertContains(page('gone', 404), 'gone', { status: 404 });
    assertNotContains(response, 'Two');
    expect(() => assertNotContains(response, 'One')).toThrow("'One' unexpectedly found");
  });

  it('assertRedirects checks the status, the target and what the target answers', async () => {
    const client = new Client(app);
    await assertRedirects(await client.get('/start/'), '/middle/', { fetchRedirectResponse: false });
    await assertRedirects(await client.get('/start/', undefined, { follow: true }), '/end/?x=1');
    await expect(assertRedirects(await client.get('/start/'), '/elsewhere/', { fetchRedirectResponse: false })).rejects.toThrow(
      "Response redirected to '/middle/', expected '/elsewhere/'",
    );
    await expect(assertRedirects(await client.get('/echo/'), '/x/')).rejects.toThrow(
      "Response didn't redirect as expected: response code was 200 (expected 302)",
    );
    await expect(assertRedirects(await client.get('/start/'), '/middle/')).rejects.toThrow(
      "Couldn't retrieve redirection page '/middle/': response code was 301 (expected 200)",
    );
  });

  it('assertTemplateUsed and the context of rendered templates', () => {
    const response = page('x', 200, ['polls/index.html', 'base.html']);
    assertTemplateUsed(response, 'polls/index.html');
    assertTemplateNotUsed(response, 'polls/detail.html');
    expect(response.context).toEqual({ name: 'polls/index.html' });
    expect(() => assertTemplateUsed(response, 'polls/detail.html')).toThrow(
      "Template 'polls/detail.html' was not a template used to render the response. Actual template(s) used: polls/index.html, base.html",
    );
    expect(() => assertTemplateUsed(page('x'), 'a.html')).toThrow("No templates used to render the response (expected 'a.html')");
  });

  it('assertFormError and assertQuerysetEqual', async () => {
    const form = { errors: { choice: ['This field is required.'], __all__: ['Pick one.'] } };
    assertFormError(form, 'choice', 'This field is required.');
    assertFormError(form, null, ['Pick one.']);
    expect(() => assertFormError(form, 'choice', [])).toThrow(`The errors of field 'choice' are ["This field is required."], expected []`);
    await assertQuerysetEqual(Promise.resolve([3, 1, 2]), [1, 2, 3], { ordered: false });
    await expect(assertQuerysetEqual([1, 2], [2, 1])).rejects.toThrow('Queryset [1, 2] != [2, 1]');
  });
});

describe('overrideSettings', () => {
  it('replaces settings for the length of a function, then restores them', async () => {
    const frozen = Object.freeze({ DEBUG: false, ALLOWED_HOSTS: ['a'] }) as unknown as Settings;
    const settings = overridableSettings(frozen);
    const seen = await overrideSettings({ DEBUG: true }, () => settings.DEBUG, settings);
    expect(seen).toBe(true);
    expect(settings.DEBUG).toBe(false);
    expect(settings.ALLOWED_HOSTS).toEqual(['a']);
    await expect(overrideSettings({ DEBUG: true }, () => undefined, frozen)).rejects.toThrow('overrideSettings needs the settings of a project');
  });

  it("re-raises what a view threw, as Django's raise_request_exception, or hands the 500 over with the error when told not to", async () => {
    const routes: Record<string, unknown> = {
      '/crash/': () => {
        throw new RangeError('the view broke');
      },
      '/fine/': () => new HttpResponse('fine'),
    };
    const urls: UrlResolver = {
      resolve: (path): ResolverMatch | null =>
        path in routes ? { view: routes[path], kwargs: {}, args: [], urlName: null, appNames: [], namespaces: [], route: path } : null,
      reverse: () => '/',
      describePatterns: () => Object.keys(routes),
    };
    const settings = { DEBUG: false, SECRET_KEY: 'client-test-secret-key-0123456789', ALLOWED_HOSTS: ['testserver'], MIDDLEWARE: [] } as unknown as Settings;
    const quiet = { info() {}, warn() {}, error() {} };
    const project = createApplication({ settings, urls, logger: quiet });
    await expect(new Client(project).get('/crash/')).rejects.toThrow(new RangeError('the view broke'));
    expect((await new Client(project).get('/fine/')).status).toBe(200);
    const response = await new Client(project, { raiseRequestException: false }).get('/crash/');
    expect(response.status).toBe(500);
    expect((response.exception as Error).message).toBe('the view broke');
  });
});
