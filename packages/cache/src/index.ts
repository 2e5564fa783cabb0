/** The cache API every backend offers, timeouts, and the params a backend receives. */
export { BaseCache, MISSING, type CacheParams, type Timeout, type ExpiresAt } from './base-cache.js';
/** `caches['alias']`, `cache` (the default one), and configuring them from CACHES. */
export {
  caches,
  cache,
  configureCaches,
  closeCaches,
  createCache,
  CacheHandler,
  BUILTIN_BACKENDS,
  DEFAULT_CACHES,
  DEFAULT_CACHE_ALIAS,
  type CacheContext,
} from './cache-handler.js';
/** The built-in backends. */
export { LocMemCache } from './backends/locmem.js';
export { RedisCache } from './backends/redis.js';
export { DatabaseCache } from './backends/database.js';
export { FileBasedCache } from './backends/file-based.js';
export { DummyCache } from './backends/dummy.js';
/** Key functions and key validation (CacheKeyWarning). */
export { defaultKeyFunction, type KeyFunction } from './key-function.js';
export { memcacheKeyWarnings, MEMCACHE_MAX_KEY_LENGTH } from './key-validation.js';
/** Per-view caching and HTTP cache headers as view decorators. */
export { cachePage, varyOnHeaders, varyOnCookie, neverCache, cacheControl, type CachePageOptions, type AnyView } from './view-decorators.js';
/** Conditional view processing: 304 / 412 from an ETag or last modification. */
export { condition, etag, lastModified, type ConditionOptions } from './conditional-decorators.js';
/** Django's django.utils.cache: Cache-Control, Expires, Vary. */
export {
  patchCacheControl,
  patchResponseHeaders,
  getMaxAge,
  addNeverCacheHeaders,
  type CacheControlDirectives,
} from './cache-control.js';
/** Django's patch_vary_headers and has_vary_header, from @manouche/core (the session and CSRF middleware use them too). */
export { patchVaryHeaders, hasVaryHeader } from '@manouche/core';
/** The page cache's keys. */
export { learnCacheKey, getCacheKey } from './page-cache-key.js';
/** Conditional responses and entity tags. */
export { getConditionalResponse, parseEtags, quoteEtag, setResponseEtag, type ResourceState } from './conditional-response.js';
/** HTTP dates. */
export { httpDate, parseHttpDate } from './http-date.js';
/** The cache middleware (also reachable as `manouche.cache.middleware.<Name>` in MIDDLEWARE). */
export { UpdateCacheMiddleware, FetchFromCacheMiddleware, CacheMiddleware, ConditionalGetMiddleware } from './middleware.js';
/** Template fragment caching. */
export { cacheFragment, makeTemplateFragmentKey, TEMPLATE_FRAGMENTS_ALIAS, type CacheFragmentOptions } from './fragment-cache.js';
/** The database cache's table and the `createcachetable` command. */
export { createCacheTable, cacheTableExists, cacheTableStatements } from './cache-table.js';
export { createcachetableCommand } from './commands/createcachetable.js';
/** The management commands this package contributes. */
export { cacheCommands } from './commands/index.js';
/** Every error this package raises. */
export { InvalidCacheBackendError, CacheValueError, CacheConnectionError, CACHE_KEY_WARNING_CODE } from './errors.js';
/** The system checks of CACHES (caches.E001, W002, W003). */
export { cacheCheck, checkCaches } from './cache-checks.js';
