/**
 * The page cache (Django's UpdateCacheMiddleware / FetchFromCacheMiddleware logic): fetch a
 * GET/HEAD request's page from the cache, or store a cacheable response after the view ran.
 */
import { HttpResponse, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { Settings } from '@manouche/contracts';
import type { BaseCache } from './base-cache.js';
import { caches } from './cache-handler.js';
import { hasVaryHeader } from '@manouche/core';
import { getMaxAge, patchResponseHeaders, splitHeaderList } from './cache-control.js';
import { isStoredResponse, restoreResponse, storeResponse } from './cached-response.js';
import { getCacheKey, learnCacheKey } from './page-cache-key.js';

/** How a page cache is set up; what is omitted comes from the CACHE_MIDDLEWARE_* settings. */
export interface PageCacheOptions {
  /** Seconds a page is kept, overriding the response's max-age (cachePage's argument). */
  pageTimeout?: number;
  /** Seconds when the response has no max-age (CACHE_MIDDLEWARE_SECONDS). */
  cacheTimeout?: number;
  /** CACHE_MIDDLEWARE_KEY_PREFIX. */
  keyPrefix?: string;
  /** The CACHES alias (CACHE_MIDDLEWARE_ALIAS). */
  cache?: string;
}

/** The options with the settings' defaults applied. */
export interface ResolvedPageCache {
  pageTimeout: number | undefined;
  cacheTimeout: number;
  keyPrefix: string;
  cache: () => BaseCache;
}

/** Applies the CACHE_MIDDLEWARE_* settings to what the options leave out. */
export function resolvePageCache(settings: Settings, options: PageCacheOptions = {}): ResolvedPageCache {
  const alias = options.cache ?? (settings.CACHE_MIDDLEWARE_ALIAS as string | undefined) ?? 'default';
  return {
    pageTimeout: options.pageTimeout,
    cacheTimeout: options.cacheTimeout ?? (settings.CACHE_MIDDLEWARE_SECONDS as number | undefined) ?? 600,
    keyPrefix: options.keyPrefix ?? (settings.CACHE_MIDDLEWARE_KEY_PREFIX as string | undefined) ?? '',
    cache: () => caches.get(alias),
  };
}

/** Requests whose response should be stored (set by the fetch step, read by the update step). */
const shouldUpdate = new WeakMap<HttpRequest, boolean>();

/** The cached page for a GET or HEAD request, or undefined (a miss marks the request for storing). */
export async function fetchCachedPage(request: HttpRequest, options: ResolvedPageCache): Promise<HttpResponseBase | undefined> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    shouldUpdate.set(request, false);
    return undefined;
  }
  const cache = options.cache();
  let key = await getCacheKey(request, options.keyPrefix, 'GET', cache);
  if (key === undefined) {
    shouldUpdate.set(request, true);
    return undefined;
  }
  let stored = await cache.get(key);
  if (stored === undefined && request.method === 'HEAD') {
    key = await getCacheKey(request, options.keyPrefix, 'HEAD', cache);
    stored = key === undefined ? undefined : await cache.get(key);
  }
  if (!isStoredResponse(stored)) {
    shouldUpdate.set(request, true);
    return undefined;
  }
  shouldUpdate.set(request, false);
  return restoreResponse(stored);
}

/**
 * Stores `response` when Django would: the request was marked by the fetch step; a 200 that is
 * not streamed; not `Cache-Control: private`; not a response setting cookies to a cookie-less
 * request while varying on Cookie; a timeout above 0. Adds Expires and max-age either way.
 */
export async function updateCachedPage(request: HttpRequest, response: HttpResponseBase, options: ResolvedPageCache): Promise<HttpResponseBase> {
  if (!shouldUpdate.get(request)) return response;
  if (response.streaming || (response.status !== 200 && response.status !== 304)) return response;
  if (Object.keys(request.cookies).length === 0 && response.cookies.size > 0 && hasVaryHeader(response, 'Cookie')) return response;
  if (splitHeaderList(response.headers.get('cache-control')).some((directive) => directive.toLowerCase() === 'private')) return response;
  let timeout = options.pageTimeout;
  if (timeout === undefined) {
    const maxAge = getMaxAge(response);
    if (maxAge === 0) return response;
    timeout = maxAge ?? options.cacheTimeout;
  }
  patchResponseHeaders(response, timeout);
  if (timeout > 0 && response.status === 200 && response instanceof HttpResponse) {
    const cache = options.cache();
    const key = await learnCacheKey(request, response, timeout, options.keyPrefix, cache);
    await cache.set(key, storeResponse(response), timeout);
  }
  return response;
}
