/**
 * Turns a user's key into the key a backend stores (Django's KEY_FUNCTION).
 *
 * @example
 * // mysite/cache.ts, named by CACHES.default.KEY_FUNCTION: 'mysite.cache.makeKey'
 * export const makeKey: KeyFunction = (key, keyPrefix, version) => `${keyPrefix}|${version}|${key}`;
 */
export type KeyFunction = (key: string, keyPrefix: string, version: number) => string;

/**
 * Django's default key function: `<KEY_PREFIX>:<VERSION>:<key>`.
 *
 * @example
 * defaultKeyFunction('post:1', 'mysite', 2); // 'mysite:2:post:1'
 */
export function defaultKeyFunction(key: string, keyPrefix: string, version: number): string {
  return `${keyPrefix}:${version}:${key}`;
}
