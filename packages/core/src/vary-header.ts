/**
 * The Vary response header (Django's django.utils.cache.patch_vary_headers and has_vary_header):
 * one implementation for everything that varies a response, the session and CSRF middleware on
 * every request among them.
 */
import type { HttpResponseBase } from './response.js';

const LIST_SEPARATOR = /\s*,\s*/;

function varyNames(response: HttpResponseBase): string[] {
  const vary = response.headers.get('vary');
  return vary ? vary.split(LIST_SEPARATOR).filter(Boolean) : [];
}

/**
 * Adds header names to Vary, each once whatever its case; `*` makes Vary just `*`.
 *
 * @example
 * patchVaryHeaders(response, ['Accept-Language', 'Cookie']);
 */
export function patchVaryHeaders(response: HttpResponseBase, headers: readonly string[]): void {
  const current = response.headers.get('vary');
  // The common cases without splitting the list: no Vary yet, or one name that appears nowhere in it.
  if (!current && headers.length === 1) {
    response.headers.set('vary', headers[0]!);
    return;
  }
  if (current && headers.length === 1 && headers[0] !== '*' && !current.includes('*') && !current.toLowerCase().includes(headers[0]!.toLowerCase())) {
    response.headers.set('vary', `${current}, ${headers[0]!}`);
    return;
  }
  const vary = varyNames(response);
  const seen = new Set(vary.map((name) => name.toLowerCase()));
  for (const header of headers) {
    if (!seen.has(header.toLowerCase())) {
      vary.push(header);
      seen.add(header.toLowerCase());
    }
  }
  response.headers.set('vary', seen.has('*') ? '*' : vary.join(', '));
}

/**
 * Whether Vary names `header` (case-insensitive).
 *
 * @example
 * patchVaryHeaders(response, ['Cookie']);
 * hasVaryHeader(response, 'cookie'); // true
 */
export function hasVaryHeader(response: HttpResponseBase, header: string): boolean {
  const wanted = header.toLowerCase();
  return varyNames(response).some((name) => name.toLowerCase() === wanted);
}
