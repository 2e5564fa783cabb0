/**
 * The keys pages are cached under (Django's learn_cache_key / get_cache_key): one key holds the
 * header names the response varies on (Vary), learnt from the first response for a URL; the
 * page itself is stored under a key made of the method, the absolute URL and the request's
 * values of those headers. So `Vary: Cookie` keeps one copy per cookie value.
 */
import { createHash } from 'node:crypto';
import type { HttpRequest, HttpResponseBase } from '@manouche/core';
import type { BaseCache, Timeout } from './base-cache.js';
import { splitHeaderList } from './cache-control.js';

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function headerKey(keyPrefix: string, request: HttpRequest): string {
  return `views.decorators.cache.cache_header.${keyPrefix}.${md5(request.buildAbsoluteUri())}`;
}

function pageKey(request: HttpRequest, method: string, headers: readonly string[], keyPrefix: string): string {
  const values = createHash('md5');
  for (const header of headers) {
    const value = request.headers.get(header);
    if (value !== null && value !== undefined) values.update(value);
  }
  return `views.decorators.cache.cache_page.${keyPrefix}.${method}.${md5(request.buildAbsoluteUri())}.${values.digest('hex')}`;
}

/**
 * Records which headers `response` varies on for the request's URL, and returns the key to cache
 * the page under. (Manouche has no translation layer, so Accept-Language is never dropped from
 * Vary as Django drops it under USE_I18N.)
 *
 * @example
 * const key = await learnCacheKey(request, response, 600, '', cache);
 * await cache.set(key, response, 600);
 */
export async function learnCacheKey(request: HttpRequest, response: HttpResponseBase, timeout: Timeout, keyPrefix: string, cache: BaseCache): Promise<string> {
  const headers = response.headers.has('vary') ? [...new Set(splitHeaderList(response.headers.get('vary')).map((name) => name.toLowerCase()))].sort() : [];
  await cache.set(headerKey(keyPrefix, request), headers, timeout);
  return pageKey(request, request.method, headers, keyPrefix);
}

/**
 * The key a page for this request was cached under, or undefined when no response for its URL was learnt yet.
 *
 * @example
 * const key = await getCacheKey(request, '', 'GET', cache);
 * const cached = key === undefined ? undefined : await cache.get(key);
 */
export async function getCacheKey(request: HttpRequest, keyPrefix: string, method: string, cache: BaseCache): Promise<string | undefined> {
  const headers = await cache.get<string[]>(headerKey(keyPrefix, request));
  return headers === undefined ? undefined : pageKey(request, method, headers, keyPrefix);
}
