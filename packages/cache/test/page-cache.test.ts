import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpResponse, type HttpRequest } from '@manouche/core';
import { cacheControl, cachePage, caches, configureCaches, condition, etag, lastModified, neverCache, varyOnCookie, varyOnHeaders } from '../src/index.js';
import { serveViews, testSettings, type View } from './support/http.js';

let calls: Record<string, number> = {};
const counted =
  (name: string, build: (request: HttpRequest, n: number) => HttpResponse = (_r, n) => new HttpResponse(`${name} #${n}`)): View =>
  (request) => {
    calls[name] = (calls[name] ?? 0) + 1;
    return build(request, calls[name]!);
  };

let site: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  await configureCaches({ default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'page-cache-test' } });
  site = await serveViews({
    'page/': cachePage(60)(counted('page')),
    'languages/': cachePage(60)(varyOnHeaders('Accept-Language')(counted('languages'))),
    'greets/': cachePage(60)(
      varyOnCookie(
        counted('greets', (request, n) => {
          const response = new HttpResponse(`hello #${n}`);
          if (!request.cookies.visitor) response.setCookie('visitor', `v${n}`);
          return response;
        }),
      ),
    ),
    'private/': cachePage(60)(cacheControl({ private: true })(counted('private'))),
    'never/': cachePage(60)(neverCache(counted('never'))),
    'missing/': cachePage(60)(counted('missing', (_r, n) => new HttpResponse(`not found #${n}`, { status: 404 }))),
    'other-cache/': cachePage(60, { cache: 'second', keyPrefix: 'site2' })(counted('other')),
  });
});

afterAll(async () => {
  await site.close();
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${site.url}${path}`, { method, headers });

describe('cachePage', () => {
  it('serves the second GET from the cache without running the view, with Expires and max-age', async () => {
    calls = {};
    const first = await get('/page/');
    expect(await first.text()).toBe('page #1');
    expect(first.headers.get('cache-control')).toBe('max-age=60');
    expect(first.headers.get('expires')).toMatch(/ GMT$/);
    const second = await get('/page/');
    expect(await second.text()).toBe('page #1');
    expect(calls.page).toBe(1);
  });

  it('keeps one copy per query string, since the key is the absolute URL', async () => {
    calls = {};
    await get('/page/?a=1');
    expect(await (await get('/page/?a=1')).text()).toBe('page #1');
    expect(await (await get('/page/?a=2')).text()).toBe('page #2');
  });

  it('answers HEAD from the cached GET page', async () => {
    calls = {};
    await get('/page/?head');
    const head = await get('/page/?head', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(calls.page).toBe(1);
  });

  it('never answers POST from the cache', async () => {
    calls = {};
    await get('/page/?post');
    const posted = await get('/page/?post', {}, 'POST');
    expect(await posted.text()).toBe('page #2');
  });

  it('keeps one copy per value of the headers the response varies on', async () => {
    calls = {};
    expect(await (await get('/languages/', { 'accept-language': 'fr' })).text()).toBe('languages #1');
    expect(await (await get('/languages/', { 'accept-language': 'de' })).text()).toBe('languages #2');
    expect(await (await get('/languages/', { 'accept-language': 'fr' })).text()).toBe('languages #1');
    const vary = (await get('/languages/', { 'accept-language': 'de' })).headers.get('vary');
    expect(vary).toBe('Accept-Language');
    expect(calls.languages).toBe(2);
  });

  it('does not cache a response that sets a cookie for a cookie-less request when it varies on Cookie', async () => {
    calls = {};
    expect(await (await get('/greets/')).text()).toBe('hello #1');
    expect(await (await get('/greets/')).text()).toBe('hello #2');
    // With a cookie the page sets none, so it is cached, per cookie value.
    expect(await (await get('/greets/', { cookie: 'visitor=a' })).text()).toBe('hello #3');
    expect(await (await get('/greets/', { cookie: 'visitor=a' })).text()).toBe('hello #3');
    expect(await (await get('/greets/', { cookie: 'visitor=b' })).text()).toBe('hello #4');
  });

  it('does not cache private responses, never-cache responses or errors', async () => {
    calls = {};
    await get('/private/');
    expect(await (await get('/private/')).text()).toBe('private #2');
    await get('/never/');
    const never = await get('/never/');
    expect(await never.text()).toBe('never #2');
    expect(never.headers.get('cache-control')).toBe('max-age=0, no-cache, no-store, must-revalidate, private');
    await get('/missing/');
    expect(await (await get('/missing/')).text()).toBe('not found #2');
  });

  it('uses the cache alias and key prefix it is given', async () => {
    await configureCaches({
      default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'page-cache-test' },
      second: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', LOCATION: 'page-cache-test-second' },
    });
    calls = {};
    await get('/other-cache/');
    expect(await (await get('/other-cache/')).text()).toBe('other #1');
    await caches.get('default').clear();
    expect(await (await get('/other-cache/')).text()).toBe('other #1');
    await caches.get('second').clear();
    expect(await (await get('/other-cache/')).text()).toBe('other #2');
  });
});

describe('the per-site cache middleware', () => {
  const middleware = ['manouche.cache.middleware.UpdateCacheMiddleware', 'manouche.cache.middleware.FetchFromCacheMiddleware'];
  let perSite: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    perSite = await serveViews(
      {
        'home/': counted('home'),
        'short/': counted('short', (_r, n) => new HttpResponse(`short #${n}`, { headers: { 'cache-control': 'max-age=5' } })),
        'uncached/': counted('uncached', (_r, n) => new HttpResponse(`uncached #${n}`, { headers: { 'cache-control': 'max-age=0' } })),
      },
      { settings: testSettings({ CACHE_MIDDLEWARE_SECONDS: 120, CACHE_MIDDLEWARE_KEY_PREFIX: 'persite' }), middleware },
    );
  });
  afterAll(() => perSite.close());
  const at = (path: string) => fetch(`${perSite.url}${path}`);

  it('caches every page for CACHE_MIDDLEWARE_SECONDS, loaded by its dotted MIDDLEWARE names', async () => {
    calls = {};
    const first = await at('/home/');
    expect(first.headers.get('cache-control')).toBe('max-age=120');
    expect(await (await at('/home/')).text()).toBe('home #1');
    expect(calls.home).toBe(1);
  });

  it('CacheMiddleware does both halves alone', async () => {
    const single = await serveViews(
      { 'one/': counted('one') },
      {
        settings: testSettings({ CACHE_MIDDLEWARE_SECONDS: 30, CACHE_MIDDLEWARE_KEY_PREFIX: 'single' }),
        middleware: ['manouche.cache.middleware.CacheMiddleware'],
      },
    );
    try {
      calls = {};
      expect((await fetch(`${single.url}/one/`)).headers.get('cache-control')).toBe('max-age=30');
      expect(await (await fetch(`${single.url}/one/`)).text()).toBe('one #1');
    } finally {
      await single.close();
    }
  });

  it("follows the response's own max-age, and does not cache max-age=0", async () => {
    calls = {};
    expect((await at('/short/')).headers.get('cache-control')).toBe('max-age=5');
    expect(await (await at('/short/')).text()).toBe('short #1');
    await at('/uncached/');
    expect(await (await at('/uncached/')).text()).toBe('uncached #2');
  });
});

describe('conditional GET', () => {
  let conditional: { url: string; close: () => Promise<void> };
  const modified = new Date('2026-12-01T10:00:00Z');
  beforeAll(async () => {
    conditional = await serveViews(
      {
        'article/': () => new HttpResponse('the same article'),
        'dated/': counted('dated', (_r, n) => new HttpResponse(`dated #${n}`, { headers: { 'last-modified': modified.toUTCString() } })),
        'nostore/': counted('nostore', (_r, n) => new HttpResponse(`nostore #${n}`, { headers: { 'cache-control': 'no-store' } })),
        'tagged/': etag(() => 'v7')(counted('tagged')),
        'modified/': lastModified(async () => modified.getTime())(counted('modified')),
        'decorated/<slug>/': condition({ etag: (_request, kwargs) => `rev-${String(kwargs.slug)}`, lastModified: () => modified })(counted('decorated')),
      },
      { middleware: ['manouche.cache.middleware.ConditionalGetMiddleware'] },
    );
  });
  afterAll(() => conditional.close());
  const at = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${conditional.url}${path}`, { headers, method });

  it('adds an ETag and answers a matching If-None-Match with an empty 304 that keeps the ETag', async () => {
    const first = await at('/article/');
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await at('/article/', { 'if-none-match': tag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    expect((await at('/article/', { 'if-none-match': '"other"' })).status).toBe(200);
    expect((await at('/article/', { 'if-none-match': `W/${tag}` })).status).toBe(304);
  });

  it('answers If-Modified-Since with 304 when the page is not newer', async () => {
    expect((await at('/dated/', { 'if-modified-since': new Date('2026-12-02T00:00:00Z').toUTCString() })).status).toBe(304);
    expect((await at('/dated/', { 'if-modified-since': new Date('2026-11-30T00:00:00Z').toUTCString() })).status).toBe(200);
    expect((await at('/dated/', { 'if-modified-since': 'not a date' })).status).toBe(200);
  });

  it('adds no ETag to a no-store response', async () => {
    expect((await at('/nostore/')).headers.get('etag')).toBeNull();
  });

  it('condition() answers 304 before running the view and 412 for a failed If-Match', async () => {
    calls = {};
    const first = await at('/decorated/a/');
    expect(first.headers.get('etag')).toBe('"rev-a"');
    expect(first.headers.get('last-modified')).toBe(modified.toUTCString());
    expect((await at('/decorated/a/', { 'if-none-match': '"rev-a"' })).status).toBe(304);
    expect((await at('/decorated/b/', { 'if-none-match': '"rev-a"' })).status).toBe(200);
    expect((await at('/decorated/a/', { 'if-modified-since': modified.toUTCString() })).status).toBe(304);
    expect((await at('/decorated/a/', { 'if-match': '"rev-old"' }, 'PUT')).status).toBe(412);
    expect((await at('/decorated/a/', { 'if-none-match': '"rev-a"' }, 'POST')).status).toBe(412);
    expect(calls.decorated).toBe(2);
  });

  it('etag() and lastModified() are condition() with one of the two', async () => {
    calls = {};
    expect((await at('/tagged/')).headers.get('etag')).toBe('"v7"');
    expect((await at('/tagged/', { 'if-none-match': '"v7"' })).status).toBe(304);
    expect((await at('/modified/')).headers.get('last-modified')).toBe(modified.toUTCString());
    expect((await at('/modified/', { 'if-modified-since': modified.toUTCString() })).status).toBe(304);
    expect(calls).toEqual({ tagged: 1, modified: 1 });
  });
});
