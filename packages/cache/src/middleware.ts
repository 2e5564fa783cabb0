/**
 * The cache middleware a project names in MIDDLEWARE (`manouche.cache.middleware.<Name>`):
 * Django's per-site cache pair and ConditionalGetMiddleware.
 *
 * @example
 * MIDDLEWARE: [
 *   'manouche.cache.middleware.UpdateCacheMiddleware',   // first
 *   'manouche.middleware.common.CommonMiddleware',
 *   'manouche.cache.middleware.FetchFromCacheMiddleware', // last
 * ]
 */
import type { Middleware } from '@manouche/core';
import { getConditionalResponse, setResponseEtag } from './conditional-response.js';
import { splitHeaderList } from './cache-control.js';
import { parseHttpDate } from './http-date.js';
import { fetchCachedPage, resolvePageCache, updateCachedPage } from './page-cache.js';

/**
 * Stores responses in the cache (put it first in MIDDLEWARE, so it runs last on the response).
 * Pages are kept CACHE_MIDDLEWARE_SECONDS unless the response's max-age says less.
 *
 * @example
 * MIDDLEWARE: ['manouche.cache.middleware.UpdateCacheMiddleware', 'manouche.middleware.common.CommonMiddleware', 'manouche.cache.middleware.FetchFromCacheMiddleware']
 */
export const UpdateCacheMiddleware: Middleware = (getResponse, { settings }) => {
  const options = resolvePageCache(settings);
  return async (request) => updateCachedPage(request, await getResponse(request), options);
};

/**
 * Answers GET and HEAD requests from the cache (put it last in MIDDLEWARE).
 *
 * @example
 * MIDDLEWARE: ['manouche.cache.middleware.UpdateCacheMiddleware', 'manouche.middleware.common.CommonMiddleware', 'manouche.cache.middleware.FetchFromCacheMiddleware']
 */
export const FetchFromCacheMiddleware: Middleware = (getResponse, { settings }) => {
  const options = resolvePageCache(settings);
  return async (request) => (await fetchCachedPage(request, options)) ?? getResponse(request);
};

/**
 * Both halves in one (Django's CacheMiddleware), for a project whose other middleware need not run on cached pages.
 *
 * @example
 * MIDDLEWARE: ['manouche.cache.middleware.CacheMiddleware'], CACHE_MIDDLEWARE_SECONDS: 600
 */
export const CacheMiddleware: Middleware = (getResponse, { settings }) => {
  const options = resolvePageCache(settings);
  return async (request) => (await fetchCachedPage(request, options)) ?? updateCachedPage(request, await getResponse(request), options);
};

/**
 * Adds an ETag (MD5 of the body) to GET responses without one unless Cache-Control has
 * no-store, and answers 304 Not Modified when the request's If-None-Match / If-Modified-Since
 * match (Django's ConditionalGetMiddleware).
 *
 * @example
 * MIDDLEWARE: ['manouche.cache.middleware.ConditionalGetMiddleware', 'manouche.middleware.common.CommonMiddleware'] // 304 when If-None-Match matches
 */
export const ConditionalGetMiddleware: Middleware = (getResponse) => async (request) => {
  const response = await getResponse(request);
  if (request.method !== 'GET') return response;
  const noStore = splitHeaderList(response.headers.get('cache-control')).some((directive) => directive.toLowerCase() === 'no-store');
  if (!noStore && !response.headers.has('etag')) setResponseEtag(response);
  const etag = response.headers.get('etag') ?? undefined;
  const lastModified = parseHttpDate(response.headers.get('last-modified'));
  if (etag === undefined && lastModified === undefined) return response;
  const decided = getConditionalResponse(request, { etag, lastModified }, response) ?? response;
  if (decided !== response) await response.close();
  return decided;
};
