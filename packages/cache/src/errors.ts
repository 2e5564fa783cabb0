/** Every error @manouche/cache raises, each with a stable code. */

/**
 * CACHES names a backend that does not exist, an alias that is not configured, or options a backend cannot use (Django's InvalidCacheBackendError / ImproperlyConfigured).
 *
 * @example
 * await configureCaches({ default: { BACKEND: 'django.core.cache.backends.redis.RedisCache' } });
 * // InvalidCacheBackendError naming CACHES["default"] and the Manouche backend to write
 */
export class InvalidCacheBackendError extends Error {
  readonly code = 'MANOUCHE_CACHE_INVALID_BACKEND';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidCacheBackendError';
  }
}

/**
 * A cache operation got a value it cannot work with: `incr` of a missing key, a value that cannot be serialized (Django's ValueError).
 *
 * @example
 * await cache.incr('never-set'); // CacheValueError: Key 'never-set' not found (cache "default").
 */
export class CacheValueError extends Error {
  readonly code = 'MANOUCHE_CACHE_VALUE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CacheValueError';
  }
}

/**
 * The cache's server (Redis) or store (database, folder) could not be reached; the message names where.
 *
 * @example
 * await caches['redis'].get('k'); // CacheConnectionError when redis://127.0.0.1:6379 is down, naming the server
 */
export class CacheConnectionError extends Error {
  readonly code = 'MANOUCHE_CACHE_CONNECTION';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CacheConnectionError';
  }
}

/**
 * The code of the CacheKeyWarning process warnings (a key memcached would refuse, as Django warns).
 *
 * @example
 * process.on('warning', (warning) => { if ((warning as { code?: string }).code === CACHE_KEY_WARNING_CODE) console.warn(warning.message); });
 */
export const CACHE_KEY_WARNING_CODE = 'MANOUCHE_CACHE_KEY_WARNING';
