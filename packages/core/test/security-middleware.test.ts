import { callHttp } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { HttpResponse, xframeOptionsExempt } from '../src/index.js';
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
