import { DisallowedRedirect, InvalidResponse } from './errors.js';
import { HttpResponse, type ResponseInit } from './response.js';

const SAFE_REDIRECT_SCHEMES = new Set(['http', 'https', 'ftp']);

/** Percent-encodes characters a Location header cannot carry (Django's iri_to_uri). */
function iriToUri(url: string): string {
  return url.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
}

abstract class RedirectBase extends HttpResponse {
  constructor(url: string, status: number, init: Omit<ResponseInit, 'status'>) {
    super('', { ...init, status });
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme !== undefined && !SAFE_REDIRECT_SCHEMES.has(scheme)) {
      throw new DisallowedRedirect(`Unsafe redirect to URL with protocol '${scheme}'`);
    }
    this.headers.set('location', iriToUri(url));
  }

  /** The Location the client is sent to. */
  get url(): string {
    return this.headers.get('location')!;
  }
}

/**
 * 302 Found to `url` (http, https, ftp or relative; other schemes raise DisallowedRedirect).
 *
 * @example
 * return new HttpResponseRedirect('/blog/');
 */
export class HttpResponseRedirect extends RedirectBase {
  constructor(url: string, init: Omit<ResponseInit, 'status'> = {}) {
    super(url, 302, init);
  }
}

/**
 * 301 Moved Permanently to `url`.
 *
 * @example
 * return new HttpResponsePermanentRedirect('/blog/new-address/');
 */
export class HttpResponsePermanentRedirect extends RedirectBase {
  constructor(url: string, init: Omit<ResponseInit, 'status'> = {}) {
    super(url, 301, init);
  }
}

/**
 * 304 Not Modified (no body).
 *
 * @example
 * if (request.headers.get('if-none-match') === etag) return new HttpResponseNotModified({ headers: { etag } });
 */
export class HttpResponseNotModified extends HttpResponse {
  constructor(init: Omit<ResponseInit, 'status'> = {}) {
    super('', { ...init, status: 304 });
    this.headers.delete('content-type');
  }
}

/**
 * 400 Bad Request.
 *
 * @example
 * if (!request.query.has('q')) return new HttpResponseBadRequest('Missing q parameter');
 */
export class HttpResponseBadRequest extends HttpResponse {
  constructor(body: string | Uint8Array = '', init: Omit<ResponseInit, 'status'> = {}) {
    super(body, { ...init, status: 400 });
  }
}

/**
 * 403 Forbidden.
 *
 * @example
 * if (!request.user.isStaff) return new HttpResponseForbidden('<h1>Staff only</h1>');
 */
export class HttpResponseForbidden extends HttpResponse {
  constructor(body: string | Uint8Array = '', init: Omit<ResponseInit, 'status'> = {}) {
    super(body, { ...init, status: 403 });
  }
}

/**
 * 404 Not Found.
 *
 * @example
 * return new HttpResponseNotFound('<h1>No such page</h1>');
 */
export class HttpResponseNotFound extends HttpResponse {
  constructor(body: string | Uint8Array = '', init: Omit<ResponseInit, 'status'> = {}) {
    super(body, { ...init, status: 404 });
  }
}

/**
 * 405 Method Not Allowed with an Allow header listing `permittedMethods`.
 *
 * @example
 * if (request.method !== 'POST') return new HttpResponseNotAllowed(['POST']); // Allow: POST
 */
export class HttpResponseNotAllowed extends HttpResponse {
  constructor(permittedMethods: readonly string[], body: string | Uint8Array = '', init: Omit<ResponseInit, 'status'> = {}) {
    super(body, { ...init, status: 405 });
    this.headers.set('allow', permittedMethods.map((m) => m.toUpperCase()).join(', '));
  }
}

/**
 * 410 Gone.
 *
 * @example
 * if (post.deleted) return new HttpResponseGone('This post was removed');
 */
export class HttpResponseGone extends HttpResponse {
  constructor(body: string | Uint8Array = '', init: Omit<ResponseInit, 'status'> = {}) {
    super(body, { ...init, status: 410 });
  }
}

/**
 * 500 Internal Server Error.
 *
 * @example
 * return new HttpResponseServerError('<h1>Something went wrong</h1>');
 */
export class HttpResponseServerError extends HttpResponse {
  constructor(body: string | Uint8Array = '', init: Omit<ResponseInit, 'status'> = {}) {
    super(body, { ...init, status: 500 });
  }
}

/**
 * Options of {@link JsonResponse}.
 *
 * @example
 * return new JsonResponse([1, 2, 3], { safe: false, space: 2 });
 * return new JsonResponse({ error: 'not found' }, { status: 404 });
 */
export interface JsonResponseInit extends ResponseInit {
  /** Only plain objects are allowed unless false (Django's `safe`). Default true. */
  safe?: boolean;
  /** Passed to JSON.stringify after the built-in handling of bigint values. */
  replacer?: (key: string, value: unknown) => unknown;
  /** Passed to JSON.stringify. */
  space?: number;
}

/** bigint values as numbers when that loses nothing, as strings otherwise; then the user's replacer. */
function stringifyWithBigints(data: unknown, replacer: JsonResponseInit['replacer'], space: number | undefined): string | undefined {
  return JSON.stringify(
    data,
    (key, value: unknown) => {
      const plain = typeof value === 'bigint' ? bigintAsJson(value) : value;
      return replacer ? replacer(key, plain) : plain;
    },
    space,
  );
}

/** A bigint as JSON has it: a number when that loses nothing, else its decimal string. */
function bigintAsJson(value: bigint): number | string {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value.toString();
}

// Deeper than this the data is left as it is; JSON.stringify then reports a cycle as usual.
const MAX_CONVERTED_DEPTH = 256;

/**
 * `value` with the bigints of its plain objects and arrays converted (copying only the containers
 * that hold one), so JSON.stringify runs on its fast path: ORM ids are bigints, and a replacer
 * function or a TypeError thrown and caught per response cost more than the serialization.
 */
function withBigintsAsJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint') return bigintAsJson(value);
  if (value === null || typeof value !== 'object' || depth > MAX_CONVERTED_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const converted = withBigintsAsJson(value[i], depth + 1);
      if (converted !== value[i]) (copy ??= value.slice())[i] = converted;
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  // Class instances and objects with toJSON are serialized their own way: left to the fallback below.
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const converted = withBigintsAsJson(item, depth + 1);
    if (converted !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = converted;
  }
  return copy ?? value;
}

/**
 * JSON of `data` on JSON.stringify's fast path. Most data holds no bigint (the ORM reads safe
 * integers as numbers), so it is tried as it is first; a TypeError (a bigint) converts the plain
 * containers holding them and tries again, and bigints the conversion does not reach take the replacer.
 */
function stringifyFast(data: unknown, space: number | undefined): string | undefined {
  try {
    return JSON.stringify(data, null, space);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  try {
    return JSON.stringify(withBigintsAsJson(data), null, space);
  } catch (error) {
    if (error instanceof TypeError) return stringifyWithBigints(data, undefined, space);
    throw error;
  }
}

/**
 * A JSON response. bigint values (ORM ids) become numbers when safe, strings otherwise; Dates
 * their ISO form.
 *
 * @example
 * return new JsonResponse({ posts: [{ id: 1n, title: 'Hello' }] });
 */
export class JsonResponse extends HttpResponse {
  constructor(data: unknown, init: JsonResponseInit = {}) {
    const { safe = true, replacer, space, ...rest } = init;
    if (safe && (data === null || typeof data !== 'object' || Array.isArray(data))) {
      throw new InvalidResponse('In order to allow non-object values to be serialized set the safe option to false.');
    }
    const body = replacer === undefined ? stringifyFast(data, space) : stringifyWithBigints(data, replacer, space);
    super(body ?? 'null', { contentType: 'application/json', ...rest });
  }
}
