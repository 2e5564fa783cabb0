import { afterEach, describe, expect, it } from 'vitest';
import {
  CSRF_FAILURE_TEMPLATE_NAME,
  HttpResponse,
  View,
  csrfContextProcessor,
  csrfExempt,
  csrfProtect,
  ensureCsrfCookie,
  getToken,
  loadMiddleware,
  requiresCsrfToken,
  rotateToken,
  type HttpRequest,
  type ViewFunction,
} from '../src/index.js';
import { makeApp } from './support/app.js';
import { fakeTemplates } from './support/fakes.js';
import { HttpClient } from './support/http-client.js';
import { serve, type Served } from './support/node-adapter.js';

const CSRF = 'manouche.middleware.csrf.CsrfViewMiddleware';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function unmask(token: string): string {
  let secret = '';
  for (let i = 0; i < 32; i++) secret += ALPHABET[(ALPHABET.indexOf(token[32 + i]!) - ALPHABET.indexOf(token[i]!) + 62) % 62];
  return secret;
}

const tokenView: ViewFunction = (request) => new HttpResponse(getToken(request));
const okView: ViewFunction = async (request) => new HttpResponse(`ok ${request.method}`);
const rotateView: ViewFunction = (request) => {
  rotateToken(request);
  return new HttpResponse('rotated');
};

let served: Served[] = [];
afterEach(async () => {
  await Promise.all(served.map((s) => s.close()));
  served = [];
});

async function start(settings: Record<string, unknown> = {}, options: Parameters<typeof makeApp>[1] = {}) {
  const routes = [
    { route: 'form/', view: tokenView },
    { route: 'vote/', view: okView },
    { route: 'rotate/', view: rotateView },
    { route: 'hook/', view: csrfExempt(async () => new HttpResponse('hook')) },
    { route: 'plain/', view: () => new HttpResponse('no token used') },
  ];
  const { app, logger } = makeApp(routes, {
    ...options,
    settings: { ALLOWED_HOSTS: ['127.0.0.1', 'example.com', '.example.com'], MIDDLEWARE: [CSRF], ...settings },
  });
  const server = await serve(app);
  served.push(server);
  return { client: new HttpClient(server.url), url: server.url, logger };
}

/** A client holding a CSRF cookie, and a token from a page. */
async function withToken(settings: Record<string, unknown> = {}, options: Parameters<typeof makeApp>[1] = {}) {
  const started = await start(settings, options);
  const page = await started.client.get('/form/');
  return { ...started, token: page.body, origin: started.url };
}

describe('CsrfViewMiddleware: the cookie and tokens', () => {
  it('sets a 32-character secret cookie with Vary: Cookie when a page uses a token, and masks it differently every time', async () => {
    const { client } = await start();
    const first = await client.get('/form/');
    const secret = first.setCookies.csrftoken!;
    expect(secret).toMatch(/^[a-zA-Z0-9]{32}$/);
    expect(first.headers.vary).toBe('Cookie');
    expect(first.rawSetCookies[0]).toMatch(/Max-Age=31449600; Path=\/; Expires=.*; SameSite=Lax/);
    expect(first.body).toMatch(/^[a-zA-Z0-9]{64}$/);
    const second = await client.get('/form/');
    expect(second.body).not.toBe(first.body);
    expect([unmask(first.body), unmask(second.body)]).toEqual([secret, secret]);
    expect(second.setCookies.csrftoken).toBe(secret);
  });

  it('sends no cookie for a page that used no token', async () => {
    const { client } = await start();
    const res = await client.get('/plain/');
    expect(res.rawSetCookies).toEqual([]);
    expect(res.headers.vary).toBeUndefined();
  });

  it('follows CSRF_COOKIE_NAME, _AGE, _DOMAIN, _PATH, _SECURE, _HTTPONLY and _SAMESITE', async () => {
    const { client } = await start({
      CSRF_COOKIE_NAME: 'xsrf',
      CSRF_COOKIE_AGE: null,
      CSRF_COOKIE_DOMAIN: '.example.com',
      CSRF_COOKIE_PATH: '/app/',
      CSRF_COOKIE_SECURE: true,
      CSRF_COOKIE_HTTPONLY: true,
      CSRF_COOKIE_SAMESITE: 'Strict',
    });
    const res = await client.get('/form/');
    expect(res.rawSetCookies).toHaveLength(1);
    expect(res.rawSetCookies[0]).toMatch(/^xsrf=[a-zA-Z0-9]{32}; Domain=\.example\.com; Path=\/app\/; HttpOnly; Secure; SameSite=Strict$/);
  });

  it('replaces a malformed cookie on a safe request instead of failing', async () => {
    const { client } = await start();
    const res = await client.get('/form/', { cookie: 'csrftoken=not-a-valid-secret!' });
    expect(res.status).toBe(200);
    expect(res.setCookies.csrftoken).toMatch(/^[a-zA-Z0-9]{32}$/);
  });

  it('rotateToken gives the client a new secret, and tokens of the old one stop working', async () => {
    const { client, token, origin } = await withToken();
    const old = client.cookies.get('csrftoken');
    const rotated = await client.post('/rotate/', { csrfmiddlewaretoken: token }, { origin });
    expect(rotated.status).toBe(200);
    expect(rotated.setCookies.csrftoken).toMatch(/^[a-zA-Z0-9]{32}$/);
    expect(rotated.setCookies.csrftoken).not.toBe(old);
    const stale = await client.post('/vote/', { csrfmiddlewaretoken: token }, { origin });
    expect(stale.status).toBe(403);
  });

  it('accepts a 64-character masked cookie as Django before 4.1 stored it', async () => {
    const { client, url: origin } = await start();
    const masked = (await client.get('/form/')).body;
    const res = await client.post('/vote/', { csrfmiddlewaretoken: masked }, { origin, cookie: `csrftoken=${masked}` });
    expect(res.status).toBe(200);
  });
});

describe('CsrfViewMiddleware: which requests pass', () => {
  it('refuses a cross-site POST (Origin: http://evil.example) with 403 even with a valid cookie and token', async () => {
    const { client, token } = await withToken({ DEBUG: true });
    const res = await client.post('/vote/', { csrfmiddlewaretoken: token }, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toContain('CSRF verification failed. Request aborted.');
    expect(res.body).toContain('Origin checking failed - http://evil.example does not match any trusted origins.');
  });

  it('accepts a same-site POST with the token from the form field', async () => {
    const { client, token, origin } = await withToken();
    const res = await client.post('/vote/', { choice: '2', csrfmiddlewaretoken: token }, { origin });
    expect([res.status, res.body]).toEqual([200, 'ok POST']);
    const noOrigin = await client.post('/vote/', { choice: '2', csrfmiddlewaretoken: token });
    expect(noOrigin.status).toBe(200);
  });

  it('accepts the token in X-CSRFToken for POST, PUT, PATCH and DELETE, and the bare secret from the cookie too', async () => {
    const { client, token, origin } = await withToken();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await client.request('/vote/', { method, headers: { origin, 'x-csrftoken': token } });
      expect([method, res.status]).toEqual([method, 200]);
    }
    const secret = client.cookies.get('csrftoken')!;
    expect((await client.request('/vote/', { method: 'PUT', headers: { 'x-csrftoken': secret } })).status).toBe(200);
  });

  it('reads the header CSRF_HEADER_NAME names, in Django form or as a header name', async () => {
    for (const name of ['HTTP_X_XSRF_TOKEN', 'X-XSRF-Token']) {
      const { client, token } = await withToken({ CSRF_HEADER_NAME: name });
      expect((await client.request('/vote/', { method: 'DELETE', headers: { 'x-xsrf-token': token } })).status).toBe(200);
      expect((await client.request('/vote/', { method: 'DELETE', headers: { 'x-csrftoken': token } })).status).toBe(403);
    }
  });

  it('lets GET, HEAD, OPTIONS and TRACE through without a token, and refuses other methods without one', async () => {
    const { client } = await start();
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'TRACE']) expect((await client.request('/vote/', { method })).status).toBe(200);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect((await client.request('/vote/', { method })).status).toBe(403);
  });

  it.each([
    ['no cookie', {}, {}, 'CSRF cookie not set.'],
    ['no token', { cookie: 'csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF' }, {}, 'CSRF token missing.'],
    [
      'a token of the wrong length',
      { cookie: 'csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF' },
      { csrfmiddlewaretoken: 'short' },
      'CSRF token from POST has incorrect length.',
    ],
    [
      'a token with bad characters',
      { cookie: 'csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF' },
      { csrfmiddlewaretoken: `${'a'.repeat(63)}!` },
      'CSRF token from POST has invalid characters.',
    ],
    [
      'a token of another secret',
      { cookie: 'csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF' },
      { csrfmiddlewaretoken: 'A'.repeat(64) },
      'CSRF token from POST incorrect.',
    ],
    ['a malformed cookie', { cookie: 'csrftoken=%3Cscript%3E' }, { csrfmiddlewaretoken: 'A'.repeat(64) }, 'CSRF cookie has incorrect length.'],
    ['a cookie with bad characters', { cookie: `csrftoken=${'-'.repeat(32)}` }, { csrfmiddlewaretoken: 'A'.repeat(64) }, 'CSRF cookie has invalid characters.'],
  ])('answers %s with 403 and the reason (DEBUG), never a 500', async (_what, headers, form, reason) => {
    const { client, logger } = await start({ DEBUG: true });
    const res = await client.request('/vote/', { method: 'POST', form, headers: headers as Record<string, string> });
    expect(res.status).toBe(403);
    expect(res.body).toContain(reason.replace(/'/g, '&#x27;'));
    expect(logger.warnings).toContain(`Forbidden (${reason}): /vote/`);
    expect(logger.errors).toEqual([]);
  });

  it("names the header in the reason when the header's token is malformed", async () => {
    const { client } = await start({ DEBUG: true });
    const res = await client.request('/vote/', { method: 'PUT', headers: { cookie: 'csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF', 'x-csrftoken': 'x' } });
    expect(res.body).toContain('CSRF token from the &#x27;X-Csrftoken&#x27; HTTP header has incorrect length.');
  });

  it('says nothing internal with DEBUG off', async () => {
    const { client, token } = await withToken({ DEBUG: false });
    const res = await client.post('/vote/', { csrfmiddlewaretoken: token }, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toContain('CSRF verification failed. Request aborted.');
    expect(res.body).toContain('More information is available with DEBUG=true.');
    expect(res.body).not.toContain('evil.example');
    expect(res.body).not.toContain('Reason given');
  });

  it('explains a missing cookie to the visitor even with DEBUG off', async () => {
    const { client } = await start({ DEBUG: false });
    const res = await client.post('/vote/', { csrfmiddlewaretoken: 'A'.repeat(64) });
    expect(res.body).toContain('this site requires a CSRF cookie when submitting forms');
  });
});

describe('CsrfViewMiddleware: Origin and Referer', () => {
  const https = { SECURE_PROXY_SSL_HEADER: ['X-Forwarded-Proto', 'https'] };

  it('trusts CSRF_TRUSTED_ORIGINS, exactly or by subdomain wildcard per scheme', async () => {
    const { client, token } = await withToken({ CSRF_TRUSTED_ORIGINS: ['http://partner.test', 'https://*.example.com'] });
    const post = (origin: string) => client.post('/vote/', { csrfmiddlewaretoken: token }, { origin });
    expect((await post('http://partner.test')).status).toBe(200);
    expect((await post('https://shop.example.com')).status).toBe(200);
    expect((await post('https://example.com')).status).toBe(200);
    expect((await post('http://shop.example.com')).status).toBe(403);
    expect((await post('https://partner.test')).status).toBe(403);
    expect((await post('https://evilexample.com')).status).toBe(403);
  });

  it('over HTTPS without Origin, requires a Referer from this host over https', async () => {
    const { client, token } = await withToken({ ...https, DEBUG: true });
    const host = { 'x-forwarded-proto': 'https', host: 'example.com' };
    const post = (headers: Record<string, string>) => client.post('/vote/', { csrfmiddlewaretoken: token }, { ...host, ...headers });
    expect((await post({ referer: 'https://example.com/polls/1/' })).status).toBe(200);
    const reasons = {
      none: await post({}),
      insecure: await post({ referer: 'http://example.com/polls/1/' }),
      malformed: await post({ referer: 'example.com/polls/' }),
      elsewhere: await post({ referer: 'https://evil.example/' }),
      userinfo: await post({ referer: 'https://evil@example.com/' }),
    };
    expect(reasons.none.body).toContain('Referer checking failed - no Referer.');
    expect(reasons.none.body).toContain('this HTTPS site requires a &#x27;Referer header&#x27;');
    expect(reasons.insecure.body).toContain('Referer checking failed - Referer is insecure while host is secure.');
    expect(reasons.malformed.body).toContain('Referer checking failed - Referer is malformed.');
    expect(reasons.elsewhere.body).toContain('Referer checking failed - https://evil.example/ does not match any trusted origins.');
    expect(reasons.userinfo.status).toBe(403);
  });

  it('over HTTPS accepts a Referer from a trusted origin or from the CSRF cookie domain', async () => {
    const trusted = await withToken({ ...https, CSRF_TRUSTED_ORIGINS: ['https://*.partner.test'] });
    const headers = { 'x-forwarded-proto': 'https', host: 'example.com' };
    expect((await trusted.client.post('/vote/', { csrfmiddlewaretoken: trusted.token }, { ...headers, referer: 'https://app.partner.test/x' })).status).toBe(
      200,
    );
    const domain = await withToken({ ...https, CSRF_COOKIE_DOMAIN: '.example.com' });
    expect((await domain.client.post('/vote/', { csrfmiddlewaretoken: domain.token }, { ...headers, referer: 'https://blog.example.com/x' })).status).toBe(200);
    expect((await domain.client.post('/vote/', { csrfmiddlewaretoken: domain.token }, { ...headers, referer: 'https://example.org/x' })).status).toBe(403);
  });

  it('checks Origin, not Referer, when both are sent over HTTPS', async () => {
    const { client, token } = await withToken(https);
    const headers = { 'x-forwarded-proto': 'https', host: 'example.com', origin: 'https://example.com' };
    expect((await client.post('/vote/', { csrfmiddlewaretoken: token }, { ...headers, referer: 'https://evil.example/' })).status).toBe(200);
    const http = await client.post('/vote/', { csrfmiddlewaretoken: token }, { ...headers, origin: 'http://example.com' });
    expect(http.status).toBe(403);
  });
});

describe('CSRF view decorators', () => {
  it('csrfExempt lets a webhook through, for view functions and View classes', async () => {
    class Hook extends View {
      post() {
        return new HttpResponse('class hook');
      }
    }
    const { client } = await start();
    expect((await client.post('/hook/', { a: '1' }, { origin: 'http://evil.example' })).body).toBe('hook');
    const server = await serve(makeApp([{ route: 'h/', view: csrfExempt(Hook) }], { settings: { ALLOWED_HOSTS: ['127.0.0.1'], MIDDLEWARE: [CSRF] } }).app);
    served.push(server);
    expect((await new HttpClient(server.url).post('/h/', {})).body).toBe('class hook');
  });

  it("stays exempt through a decorator that copies the view's properties, as functools.wraps does", async () => {
    const hook: ViewFunction = csrfExempt(async () => new HttpResponse('wrapped hook'));
    const logged: ViewFunction = Object.assign((request: HttpRequest, kwargs: Record<string, unknown>) => hook(request, kwargs), hook);
    const server = await serve(makeApp([{ route: 'w/', view: logged }], { settings: { ALLOWED_HOSTS: ['127.0.0.1'], MIDDLEWARE: [CSRF] } }).app);
    served.push(server);
    expect((await new HttpClient(server.url).post('/w/', {})).body).toBe('wrapped hook');
  });

  it('csrfProtect protects a view without the middleware, and sets the cookie', async () => {
    const routes = [
      { route: 'form/', view: csrfProtect(tokenView) },
      { route: 'vote/', view: csrfProtect(okView) },
      { route: 'open/', view: okView },
    ];
    const server = await serve(makeApp(routes, { settings: { ALLOWED_HOSTS: ['127.0.0.1'], MIDDLEWARE: [] } }).app);
    served.push(server);
    const client = new HttpClient(server.url);
    expect((await client.post('/open/', {})).status).toBe(200);
    expect((await client.post('/vote/', {})).status).toBe(403);
    const token = (await client.get('/form/')).body;
    expect(client.cookies.get('csrftoken')).toMatch(/^[a-zA-Z0-9]{32}$/);
    expect((await client.post('/vote/', { csrfmiddlewaretoken: token })).status).toBe(200);
  });

  it('checks a request once when both the middleware and csrfProtect are there', async () => {
    const routes = [
      { route: 'form/', view: tokenView },
      { route: 'vote/', view: csrfProtect(okView) },
    ];
    const { app, logger } = makeApp(routes, { settings: { ALLOWED_HOSTS: ['127.0.0.1'], MIDDLEWARE: [CSRF], DEBUG: true } });
    const server = await serve(app);
    served.push(server);
    const client = new HttpClient(server.url);
    const token = (await client.get('/form/')).body;
    const ok = await client.post('/vote/', { csrfmiddlewaretoken: token });
    expect(ok.status).toBe(200);
    expect(ok.rawSetCookies).toEqual([]);
    await client.post('/vote/', {});
    expect(logger.warnings).toEqual(['Forbidden (CSRF token missing.): /vote/']);
  });

  it('ensureCsrfCookie sets the cookie for a page that renders no token; requiresCsrfToken makes getToken send it without checking', async () => {
    const routes = [
      { route: 'spa/', view: ensureCsrfCookie(() => new HttpResponse('<div id="app"></div>')) },
      { route: 'failure/', view: requiresCsrfToken(tokenView) },
    ];
    const server = await serve(makeApp(routes, { settings: { ALLOWED_HOSTS: ['127.0.0.1'] } }).app);
    served.push(server);
    const client = new HttpClient(server.url);
    expect((await client.get('/spa/')).setCookies.csrftoken).toMatch(/^[a-zA-Z0-9]{32}$/);
    const fresh = new HttpClient(server.url);
    const posted = await fresh.post('/failure/', {});
    expect(posted.status).toBe(200);
    expect(unmask(posted.body)).toBe(posted.setCookies.csrftoken);
  });
});

describe('CSRF_FAILURE_VIEW and the 403 page', () => {
  it('calls the view CSRF_FAILURE_VIEW names with the reason', async () => {
    const failure: ViewFunction = (_request, { reason }) => new HttpResponse(`custom: ${String(reason)}`, { status: 403 });
    const importModule = async (name: string) => {
      if (name === 'blog.views') return { csrfFailure: failure };
      throw new Error(`no module ${name}`);
    };
    const { client } = await start({ CSRF_FAILURE_VIEW: 'blog.views.csrfFailure' }, { importModule });
    const res = await client.post('/vote/', {});
    expect([res.status, res.body]).toEqual([403, 'custom: CSRF cookie not set.']);
  });

  it("refuses Django's failure view name with the Manouche one, and a missing view with its name", async () => {
    const django = await start({ CSRF_FAILURE_VIEW: 'django.views.csrf.csrf_failure' });
    const res = await django.client.post('/vote/', {});
    expect(res.status).toBe(500);
    expect((django.logger.errors[0]!.error as Error).message).toContain("write 'manouche.views.csrf.csrfFailure'");
    const missing = await start({ CSRF_FAILURE_VIEW: 'blog.views.nope' }, { importModule: async () => ({}) });
    await missing.client.post('/vote/', {});
    expect((missing.logger.errors[0]!.error as Error).message).toBe("CSRF_FAILURE_VIEW 'blog.views.nope': module 'blog.views' has no view function 'nope'.");
  });

  it(`renders the project's ${CSRF_FAILURE_TEMPLATE_NAME} when there is one`, async () => {
    const templates = fakeTemplates({ [CSRF_FAILURE_TEMPLATE_NAME]: (context) => `<p>Sorry (${String(context.reason)}) debug=${String(context.DEBUG)}</p>` });
    const { client } = await start({}, { templates });
    const res = await client.post('/vote/', {});
    expect([res.status, res.body]).toEqual([403, '<p>Sorry (CSRF cookie not set.) debug=false</p>']);
  });
});

describe('csrfContextProcessor', () => {
  it('gives a lazy csrf_token that sets the cookie only when output, one masked token per render, and the hidden input', async () => {
    const processor = csrfContextProcessor({ markSafe: (html) => ({ safe: html }) });
    const view =
      (output: (context: Record<string, unknown>) => string): ViewFunction =>
      async (request: HttpRequest) =>
        new HttpResponse(output((await processor(request)) as Record<string, unknown>));
    const routes = [
      { route: 'lazy/', view: view(() => 'no token here') },
      { route: 'token/', view: view((it) => `${String(it.csrf_token)}|${(it.csrfToken as () => string)()}`) },
      { route: 'input/', view: view((it) => JSON.stringify((it.csrfInput as () => unknown)())) },
    ];
    const server = await serve(makeApp(routes, { settings: { ALLOWED_HOSTS: ['127.0.0.1'], MIDDLEWARE: [CSRF] } }).app);
    served.push(server);
    const client = new HttpClient(server.url);
    expect((await client.get('/lazy/')).rawSetCookies).toEqual([]);
    const res = await client.get('/token/');
    const [lazy, called] = res.body.split('|');
    expect(lazy).toBe(called);
    expect(unmask(lazy!)).toBe(res.setCookies.csrftoken);
    const input = JSON.parse((await client.get('/input/')).body) as { safe: string };
    expect(input.safe).toMatch(/^<input type="hidden" name="csrfmiddlewaretoken" value="[a-zA-Z0-9]{64}">$/);
    expect(processor({ not: 'a request' })).toEqual({});
  });
});

describe('MIDDLEWARE names', () => {
  it.each([
    [
      'django.middleware.csrf.CsrfViewMiddleware',
      "MIDDLEWARE entry 'django.middleware.csrf.CsrfViewMiddleware' is Django's name: write 'manouche.middleware.csrf.CsrfViewMiddleware' instead.",
    ],
    ['django.middleware.security.SecurityMiddleware', "write 'manouche.middleware.security.SecurityMiddleware' instead."],
    ['django.contrib.sessions.middleware.SessionMiddleware', "write 'manouche.contrib.sessions.middleware.SessionMiddleware' instead."],
    ['django.contrib.auth.middleware.AuthenticationMiddleware', "write 'manouche.contrib.auth.middleware.AuthenticationMiddleware' instead."],
    ['django.contrib.messages.middleware.MessageMiddleware', "write 'manouche.contrib.messages.middleware.MessageMiddleware' instead."],
    ['django.middleware.cache.UpdateCacheMiddleware', "write 'manouche.cache.middleware.UpdateCacheMiddleware' instead."],
    ['django.middleware.http.ConditionalGetMiddleware', "write 'manouche.cache.middleware.ConditionalGetMiddleware' instead."],
    ['django.middleware.gzip.GZipMiddleware', 'is a Django middleware Manouche does not have: remove it'],
    ['django.middleware.nope.Nope', 'is a Django name Manouche does not know. The built-in middleware are: manouche.middleware.security.SecurityMiddleware'],
  ])('refuses %s, naming what to write instead', async (entry, message) => {
    await expect(loadMiddleware([entry])).rejects.toThrow(message);
  });

  it('names the CSRF settings a hand-wired project left out, rather than inventing defaults', async () => {
    const { client, logger } = await start({}, { handWired: { CSRF_COOKIE_NAME: undefined, CSRF_HEADER_NAME: undefined } });
    expect((await client.get('/plain/')).status).toBe(500);
    expect((logger.errors[0]!.error as Error).message).toContain('CsrfViewMiddleware reads CSRF_COOKIE_NAME, CSRF_HEADER_NAME, which the settings lack');
  });

  it('refuses bad CSRF settings at startup with the setting named', async () => {
    const { client, logger } = await start({}, { handWired: { CSRF_TRUSTED_ORIGINS: ['example.com'] } });
    expect((await client.get('/plain/')).status).toBe(500);
    expect((logger.errors[0]!.error as Error).message).toContain("CSRF_TRUSTED_ORIGINS must be a list of origins with a scheme, such as 'https://example.com'");
  });
});
