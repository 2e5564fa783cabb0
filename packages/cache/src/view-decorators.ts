/**
 * View decorators for HTTP caching: cachePage, varyOnHeaders / varyOnCookie, neverCache,
 * cacheControl (Django's django.views.decorators.cache and .vary). Each takes a view function
 * (or `View.asView()`) and returns one.
 */
import type { HttpRequest, HttpResponseBase } from '@manouche/core';
import { patchVaryHeaders } from '@manouche/core';
import { addNeverCacheHeaders, patchCacheControl, type CacheControlDirectives } from './cache-control.js';
import { fetchCachedPage, resolvePageCache, updateCachedPage } from './page-cache.js';

/**
 * A view function of any argument shape (a ViewFunction, or `View.asView()`).
 *
 * @example
 * function logged<V extends AnyView>(view: V): V { return wrapView(view, 'logged', (request, call) => call()); }
 */
export type AnyView = (request: HttpRequest, ...rest: any[]) => HttpResponseBase | Promise<HttpResponseBase>;

/** Wraps `view`, keeping its name for debug pages and reverse lookups by view. */
export function wrapView<V extends AnyView>(
  view: V,
  decorator: string,
  around: (request: HttpRequest, call: () => Promise<HttpResponseBase>, rest: unknown[]) => Promise<HttpResponseBase>,
): V {
  if (typeof view !== 'function') throw new TypeError(`${decorator}() decorates a view function (or View.asView()), got ${typeof view}.`);
  const wrapped = (request: HttpRequest, ...rest: unknown[]) => around(request, async () => view(request, ...rest), rest);
  Object.defineProperty(wrapped, 'name', { value: view.name });
  return Object.assign(wrapped, view) as unknown as V;
}

/**
 * Options of {@link cachePage}.
 *
 * @example
 * path('feed/', cachePage(300, { cache: 'pages', keyPrefix: 'site1' } satisfies CachePageOptions)(feed));
 */
export interface CachePageOptions {
  /** The CACHES alias (CACHE_MIDDLEWARE_ALIAS by default). */
  cache?: string;
  /** Prefix of the page's keys (CACHE_MIDDLEWARE_KEY_PREFIX by default). */
  keyPrefix?: string;
}

/**
 * Caches the view's GET/HEAD responses for `seconds` (Django's @cache_page), keyed by URL and the
 * headers the response varies on.
 *
 * @example
 * path('', cachePage(60 * 15)(postList), { name: 'post_list' });
 * path('feed/', cachePage(300, { cache: 'pages', keyPrefix: 'site1' })(feed));
 */
export function cachePage(seconds: number, options: CachePageOptions = {}): <V extends AnyView>(view: V) => V {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw new TypeError(`cachePage() needs a number of seconds, got ${JSON.stringify(seconds)}.`);
  return (view) =>
    wrapView(view, 'cachePage', async (request, call) => {
      const resolved = resolvePageCache(request.settings, { pageTimeout: seconds, cache: options.cache, keyPrefix: options.keyPrefix });
      return (await fetchCachedPage(request, resolved)) ?? updateCachedPage(request, await call(), resolved);
    });
}

/**
 * Adds header names to the response's Vary (Django's @vary_on_headers), so caches keep one copy per value.
 *
 * @example
 * path('api/', varyOnHeaders('User-Agent', 'Accept')(api));
 */
export function varyOnHeaders(...headers: string[]): <V extends AnyView>(view: V) => V {
  return (view) =>
    wrapView(view, 'varyOnHeaders', async (_request, call) => {
      const response = await call();
      patchVaryHeaders(response, headers);
      return response;
    });
}

/**
 * Adds `Vary: Cookie` (Django's @vary_on_cookie): pages differ per visitor.
 *
 * @example
 * path('dashboard/', cachePage(60)(varyOnCookie(dashboard)));
 */
export function varyOnCookie<V extends AnyView>(view: V): V {
  return varyOnHeaders('Cookie')(view);
}

/**
 * Marks the response as never to be cached (Django's @never_cache).
 *
 * @example
 * path('account/', neverCache(account));
 */
export function neverCache<V extends AnyView>(view: V): V {
  return wrapView(view, 'neverCache', async (_request, call) => {
    const response = await call();
    addNeverCacheHeaders(response);
    return response;
  });
}

/**
 * Adds Cache-Control directives (Django's @cache_control): `maxAge`, `public`, `private`, `noCache`, …
 *
 * @example
 * path('logo/', cacheControl({ public: true, maxAge: 86400 })(logo));
 */
export function cacheControl(directives: CacheControlDirectives): <V extends AnyView>(view: V) => V {
  return (view) =>
    wrapView(view, 'cacheControl', async (_request, call) => {
      const response = await call();
      patchCacheControl(response, directives);
      return response;
    });
}
