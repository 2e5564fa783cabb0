import { CACHE_KEY_WARNING_CODE } from './errors.js';

/**
 * Django's limit: memcached refuses keys longer than 250 characters.
 *
 * @example
 * memcacheKeyWarnings('k'.repeat(MEMCACHE_MAX_KEY_LENGTH + 1)); // one warning: longer than 250
 */
export const MEMCACHE_MAX_KEY_LENGTH = 250;

/**
 * What is wrong with `key` for memcached (too long, or control characters and spaces), as Django's
 * memcache_key_warnings: the problems a cache that works today would hit after a switch to memcached.
 *
 * @example
 * memcacheKeyWarnings('user profile'); // ['Cache key contains characters that will cause errors if used with memcached: …']
 */
export function memcacheKeyWarnings(key: string): string[] {
  const warnings: string[] = [];
  if (key.length > MEMCACHE_MAX_KEY_LENGTH) {
    warnings.push(`Cache key will cause errors if used with memcached: ${JSON.stringify(key)} (longer than ${MEMCACHE_MAX_KEY_LENGTH})`);
  }
  for (const char of key) {
    const code = char.codePointAt(0)!;
    if (code < 33 || code === 127) {
      warnings.push(`Cache key contains characters that will cause errors if used with memcached: ${JSON.stringify(key)}`);
      break;
    }
  }
  return warnings;
}

/** Emits each warning as a `CacheKeyWarning` process warning (Django's CacheKeyWarning). */
export function emitCacheKeyWarnings(warnings: readonly string[]): void {
  for (const message of warnings) process.emitWarning(message, { type: 'CacheKeyWarning', code: CACHE_KEY_WARNING_CODE });
}
