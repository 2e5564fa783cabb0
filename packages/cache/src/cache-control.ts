/**
 * Response headers for caches: Cache-Control and Expires (Django's django.utils.cache
 * patch_cache_control, patch_response_headers, add_never_cache_headers). Vary is @manouche/core's.
 */
import type { HttpResponseBase } from '@manouche/core';
import { httpDate } from './http-date.js';

/** Splits a comma-separated header (Django's cc_delim_re). */
export function splitHeaderList(value: string | null | undefined): string[] {
  return (value ?? '').split(/\s*,\s*/).filter(Boolean);
}

/**
 * Cache-Control directives to set: `maxAge: 60` → `max-age=60`, `noCache: true` → `no-cache`, false removes one.
 *
 * @example
 * const directives: CacheControlDirectives = { public: true, maxAge: 3600, noTransform: true };
 * patchCacheControl(response, directives); // Cache-Control: public, max-age=3600, no-transform
 */
export type CacheControlDirectives = Record<string, string | number | boolean | undefined>;

function directiveName(name: string): string {
  return name
    .replace(/[A-Z]/g, (char) => `-${char.toLowerCase()}`)
    .replace(/_/g, '-')
    .toLowerCase();
}

/**
 * Adds directives to Cache-Control, keeping the others. A new max-age keeps the smaller of the
 * two; `private` and `public` replace each other.
 *
 * @example
 * patchCacheControl(response, { public: true, maxAge: 3600 });
 */
export function patchCacheControl(response: HttpResponseBase, directives: CacheControlDirectives): void {
  const current = new Map<string, string | true>();
  for (const part of splitHeaderList(response.headers.get('cache-control'))) {
    const [name, ...value] = part.split('=');
    current.set(name!.trim().toLowerCase(), value.length > 0 ? value.join('=').trim() : true);
  }
  const wanted = new Map<string, string | number | boolean | undefined>(Object.entries(directives).map(([name, value]) => [directiveName(name), value]));
  if (current.has('max-age') && wanted.has('max-age') && typeof wanted.get('max-age') === 'number') {
    wanted.set('max-age', Math.min(Number(current.get('max-age')), wanted.get('max-age') as number));
  }
  if (wanted.get('private') === true) current.delete('public');
  if (wanted.get('public') === true) current.delete('private');
  for (const [name, value] of wanted) {
    if (value === false || value === undefined) current.delete(name);
    else current.set(name, value === true ? true : String(value));
  }
  response.headers.set('cache-control', [...current].map(([name, value]) => (value === true ? name : `${name}=${value}`)).join(', '));
}

/**
 * The max-age of Cache-Control in seconds, or undefined when absent or not a whole number.
 *
 * @example
 * patchCacheControl(response, { maxAge: 600 });
 * getMaxAge(response); // 600
 */
export function getMaxAge(response: HttpResponseBase): number | undefined {
  for (const part of splitHeaderList(response.headers.get('cache-control'))) {
    const match = /^max-age=(\d+)$/i.exec(part.trim());
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * Sets Expires (unless present) and Cache-Control max-age for `seconds` (negative = 0), as
 * Django's patch_response_headers.
 *
 * @example
 * patchResponseHeaders(response, 60); // Expires: <now + 60 s>, Cache-Control: max-age=60
 */
export function patchResponseHeaders(response: HttpResponseBase, seconds: number): void {
  const timeout = Math.max(0, Math.floor(seconds));
  if (!response.headers.has('expires')) response.headers.set('expires', httpDate(Date.now() / 1000 + timeout));
  patchCacheControl(response, { maxAge: timeout });
}

/**
 * Headers that keep every cache from storing the response (Django's add_never_cache_headers).
 *
 * @example
 * addNeverCacheHeaders(response); // Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
 */
export function addNeverCacheHeaders(response: HttpResponseBase): void {
  patchResponseHeaders(response, -1);
  patchCacheControl(response, { noCache: true, noStore: true, mustRevalidate: true, private: true });
}
