import { callHttp, type CollectedResponse } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { HttpResponse, SecurityMiddleware, XFrameOptionsMiddleware, xframeOptionsExempt, type Middleware } from '../src/index.js';
import { makeApp } from './support/app.js';

const SECURITY = 'manouche.middleware.security.SecurityMiddleware';
const XFRAME = 'manouche.middleware.clickjacking.XFrameOptionsMiddleware';

function app(settings: Record<string, unknown>, view: () => HttpResponse | Promise<HttpResponse> = () => new HttpResponse('ok')) {
  return makeApp(
    [
      { route: 'x/', view },
      { route: 'health/', view },
    ],
    { settings: { ALLOWED_HOSTS: ['testserver', 'example.com'], ...settings } },
  ).app;
}

describe('SecurityMiddleware', () => {
  it("sets nosniff, Referrer-Policy and Cross-Origin-Opener-Policy with Django's defaults", async () => {
    const res = await callHttp(app({ MIDDLEWARE: [SECURITY] }), { path: '/x/' });
    expect(res.header('x-content-type-options')).toBe('nosniff');
    expect(res.header('referrer-policy')).toBe('same-origin');
    expect(res.header('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.header('strict-transport-security')).toBeUndefined();
  });

  it('follows the settings and keeps headers the view set', async () => {
    const view = () => new HttpResponse('ok', { headers: { 'referrer-policy': 'no-referrer' } });
    const res = await callHttp(app({ MIDDLEWARE: [SECURITY], SECURE_CONTENT_TYPE_NOSNIFF: false, SECURE_CROSS_ORIGIN_OPENER_POLICY: null }, view), {
      path: '/x/',
    });
    expect(res.header('x-content-type-options')).toBeUndefined();
    expect(res.header('referrer-policy')).toBe('no-referrer');
    expect(res.header('cross-origin-opener-policy')).toBeUndefined();
    const list = await callHttp(app({ MIDDLEWARE: [SECURITY], SECURE_REFERRER_POLICY: 'origin,strict-origin' }), { path: '/x/' });
    expect(list.header('referrer-policy')).toBe('origin,strict-origin');
  });

  it('adds its headers to the response of an async view as to a synchronous one', async () => {
    const view = async () => new HttpResponse('later');
    const res = await callHttp(app({ MIDDLEWARE: [SECURITY, XFRAME] }, view), { path: '/x/' });
    expect(res.text()).toBe('later');
    expect(res.header('x-content-type-options')).toBe('nosniff');
    expect(res.header('referrer-policy')).toBe('same-origin');
    expect(res.header('x-frame-options')).toBe('DENY');
  });

  it('sends HSTS only over HTTPS, with includeSubDomains and preload when set', async () => {
    const settings = { MIDDLEWARE: [SECURITY], SECURE_HSTS_SECONDS: 31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS: true, SECURE_HSTS_PRELOAD: true };
    expect((await callHttp(app(settings), { path: '/x/' })).header('strict-transport-security')).toBeUndefined();
    expect((await callHttp(app(settings), { path: '/x/', scheme: 'https' })).header('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains; preload',
    );
    const behindProxy = { ...settings, SECURE_HSTS_PRELOAD: false, SECURE_PROXY_SSL_HEADER: ['X-Forwarded-Proto', 'https'] };
    expect((await callHttp(app(behindProxy), { path: '/x/', headers: { 'x-forwarded-proto': 'https' } })).header('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });

  it('redirects plain HTTP to HTTPS with SECURE_SSL_REDIRECT, except exempt paths', async () => {
    const settings = { MIDDLEWARE: [SECURITY], SECURE_SSL_REDIRECT: true, SECURE_REDIRECT_EXEMPT: ['^health/$'] };
    const res = await callHttp(app(settings), { path: '/x/?a=1', headers: { host: 'example.com' } });
    expect([res.status, res.header('location')]).toEqual([301, 'https://example.com/x/?a=1']);
    expect((await callHttp(app(settings), { path: '/x/', scheme: 'https' })).status).toBe(200);
    expect((await callHttp(app(settings), { path: '/health/' })).status).toBe(200);
    const elsewhere = await callHttp(app({ ...settings, SECURE_SSL_HOST: 'secure.example.com' }), { path: '/x/' });
    expect(elsewhere.header('location')).toBe('https://secure.example.com/x/');
  });

  it('answers 400 instead of redirecting to a host outside ALLOWED_HOSTS', async () => {
    const res = await callHttp(app({ MIDDLEWARE: [SECURITY], SECURE_SSL_REDIRECT: true }), { path: '/x/', headers: { host: 'evil.com' } });
    expect(res.status).toBe(400);
  });
});

describe('XFrameOptionsMiddleware', () => {
  it('denies framing by default, follows X_FRAME_OPTIONS, and skips exempted responses', async () => {
    expect((await callHttp(app({ MIDDLEWARE: [XFRAME] }), { path: '/x/' })).header('x-frame-options')).toBe('DENY');
    expect((await callHttp(app({ MIDDLEWARE: [XFRAME], X_FRAME_OPTIONS: 'SAMEORIGIN' }), { path: '/x/' })).header('x-frame-options')).toBe('SAMEORIGIN');
    const exempt = app({ MIDDLEWARE: [XFRAME] }, () => xframeOptionsExempt(new HttpResponse('embed me')));
    expect((await callHttp(exempt, { path: '/x/' })).header('x-frame-options')).toBeUndefined();
  });
});

describe('errors inside the built-in middleware', () => {
  const COMMON = 'manouche.middleware.common.CommonMiddleware';

  it.each([
    ['synchronous', () => new HttpResponse('ok')],
    ['asynchronous', async () => new HttpResponse('ok')],
  ])('become the response the layers outside them finish (%s view)', async (_kind, view) => {
    // A response whose exemption cannot be read fails XFrameOptionsMiddleware on the way out: the 500 that
    // answers instead still gets SecurityMiddleware's headers.
    const unreadableExemption = (response: HttpResponse) =>
      Object.defineProperty(response, 'xframeOptionsExempt', {
        get() {
          throw new Error('exemption unreadable');
        },
      });
    const unreadable = () => {
      const response = view();
      return response instanceof Promise ? response.then(unreadableExemption) : unreadableExemption(response);
    };
    const { app: broken, logger } = makeApp([{ route: 'x/', view: unreadable }], {
      settings: { ALLOWED_HOSTS: ['testserver'], MIDDLEWARE: [SECURITY, XFRAME] },
    });
    const failed = await callHttp(broken, { path: '/x/' });
    expect(failed.status).toBe(500);
    expect(failed.header('x-content-type-options')).toBe('nosniff');
    expect(failed.header('x-frame-options')).toBeUndefined();
    expect((logger.errors[0]!.error as Error).message).toBe('exemption unreadable');
    // A refused user agent fails CommonMiddleware on the way in: its 403 too.
    const refused = await callHttp(app({ MIDDLEWARE: [SECURITY, COMMON], DISALLOWED_USER_AGENTS: ['^curl/'] }, view), {
      path: '/x/',
      headers: { 'user-agent': 'curl/8.5' },
    });
    expect(refused.status).toBe(403);
    expect(refused.header('x-content-type-options')).toBe('nosniff');
  });
});

describe("the built-in middleware in Django's default order", () => {
  const COMMON = 'manouche.middleware.common.CommonMiddleware';
  const settings = { ALLOWED_HOSTS: ['example.com', 'www.example.com'], MIDDLEWARE: [SECURITY, COMMON, XFRAME] };
  // A redirect's status and target, and which of the layers finished it (Security's header, XFrameOptions').
  const redirectSeen = (response: CollectedResponse) => [
    response.status,
    response.header('location'),
    response.header('x-content-type-options'),
    response.header('x-frame-options'),
  ];

  it.each([
    ['synchronous', () => new HttpResponse('ok')],
    ['asynchronous', async () => new HttpResponse('ok')],
  ])('finish every response on the way out, and an early one only in the layers outside it (%s view)', async (_kind, view) => {
    const { app: site } = makeApp([{ route: 'x/', view }], { settings });
    const page = await callHttp(site, { path: '/x/', headers: { host: 'www.example.com' } });
    expect([page.status, page.header('x-content-type-options'), page.header('x-frame-options')]).toEqual([200, 'nosniff', 'DENY']);
    // CommonMiddleware replaces a slashless 404 on the way out: SecurityMiddleware, outside it, finishes the redirect;
    // XFrameOptionsMiddleware, inside it, finished the 404 it replaced.
    const slashless = await callHttp(site, { path: '/x', headers: { host: 'www.example.com' } });
    expect(redirectSeen(slashless)).toEqual([301, '/x/', 'nosniff', undefined]);
    // With PREPEND_WWW it answers on the way in: XFrameOptionsMiddleware, inside it, never sees that response.
    const { app: www } = makeApp([{ route: 'x/', view }], { settings: { ...settings, PREPEND_WWW: true } });
    const early = await callHttp(www, { path: '/x/', headers: { host: 'example.com' } });
    expect(redirectSeen(early)).toEqual([301, 'http://www.example.com/x/', 'nosniff', undefined]);
  });
});

describe('the built-in middleware as plain handlers', () => {
  it('answers as the chain does when another middleware calls them', async () => {
    // Wrapped, the chain sees an ordinary handler and runs it (and checks what it returns) as any other.
    const wrap =
      (inner: Middleware): Middleware =>
      (getResponse, context) => {
        const handler = inner(getResponse, context);
        return (request) => handler(request);
      };
    for (const view of [() => new HttpResponse('ok'), async () => new HttpResponse('ok')]) {
      const { app: wrapped } = makeApp([{ route: 'x/', view }], {
        settings: { ALLOWED_HOSTS: ['example.com'], SECURE_SSL_REDIRECT: true },
        middleware: [wrap(SecurityMiddleware), wrap(XFrameOptionsMiddleware)],
      });
      const secure = await callHttp(wrapped, { path: '/x/', scheme: 'https', headers: { host: 'example.com' } });
      expect([secure.status, secure.header('x-content-type-options'), secure.header('x-frame-options')]).toEqual([200, 'nosniff', 'DENY']);
      const plain = await callHttp(wrapped, { path: '/x/', headers: { host: 'example.com' } });
      expect([plain.status, plain.header('location'), plain.header('x-content-type-options')]).toEqual([301, 'https://example.com/x/', undefined]);
    }
  });
});
