import { STATUS_CODES } from 'node:http';
import { encodeText, decodeText } from '@manouche/asgi';
import type { SerializeOptions } from 'cookie';
import { asciiBytes } from './ascii-bytes.js';
import { InvalidResponse } from './errors.js';
import { currentContext } from './request-context.js';
import { ResponseHeaders, type HeadersInit } from './response-headers.js';
import type { HttpRequest } from './request.js';
import { signedCookieSalt } from './request.js';
import { sign } from './signing.js';
import { setCookieHeader } from './set-cookie-header.js';

export type { HeadersInit } from './response-headers.js';

/**
 * What every response constructor accepts.
 *
 * @example
 * return new HttpResponse('name,price\n', { status: 200, contentType: 'text/csv', headers: { 'content-disposition': 'attachment' } });
 */
export interface ResponseInit {
  /** Default 200. */
  status?: number;
  /** Default `text/html; charset=utf-8` (ignored when `headers` has a Content-Type). */
  contentType?: string;
  headers?: HeadersInit;
}

/**
 * Options of {@link HttpResponseBase.setCookie}, as Django's set_cookie.
 *
 * @example
 * response.setCookie('theme', 'dark', { maxAge: 365 * 86400, httpOnly: true, sameSite: 'Lax' });
 */
export interface CookieOptions {
  /** Seconds until the cookie expires (also sets Expires, as Django does). */
  maxAge?: number;
  expires?: Date;
  /** Default `/`. */
  path?: string;
  domain?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: 'Lax' | 'Strict' | 'None' | 'lax' | 'strict' | 'none';
}

/**
 * Options of {@link HttpResponseBase.setSignedCookie}.
 *
 * @example
 * response.setSignedCookie('visits', String(visits + 1), { salt: 'counter', maxAge: 86400 });
 */
export interface SignedCookieSetOptions extends CookieOptions {
  /** Must be given again to `request.getSignedCookie`. */
  salt?: string;
  /** The signing key; defaults to SECRET_KEY of the application handling the current request. */
  key?: string;
}

const DEFAULT_CONTENT_TYPE = 'text/html; charset=utf-8';
const SAME_SITE_VALUES = new Set(['lax', 'strict', 'none']);

/**
 * What every response shares: status, headers (case-insensitive, with the standard `Headers` methods) and cookies.
 * Subclasses decide where the body comes from.
 *
 * @example
 * function addSecurity(response: HttpResponseBase) {
 *   response.headers.set('x-content-type-options', 'nosniff');
 *   return response.setCookie('seen', '1', { maxAge: 3600 });
 * }
 */
export abstract class HttpResponseBase {
  status: number;
  readonly headers: ResponseHeaders;
  // Made on first use: most responses set no cookie.
  private cookieMap: Map<string, string> | undefined;
  /** Cookies to set, by name, as `Set-Cookie` header values. */
  get cookies(): Map<string, string> {
    this.cookieMap ??= new Map();
    return this.cookieMap;
  }
  /** Whether a cookie was set, without making the map. @internal */
  get hasCookies(): boolean {
    return this.cookieMap !== undefined && this.cookieMap.size > 0;
  }
  /** True when the body is produced while sending (no Content-Length known in advance). */
  abstract readonly streaming: boolean;
  /** Set by xframeOptionsExempt (a field, not a WeakSet: XFrameOptionsMiddleware reads it on every response). @internal */
  xframeOptionsExempt = false;

  constructor(init: ResponseInit = {}) {
    this.status = init.status ?? 200;
    if (!Number.isInteger(this.status) || this.status < 100 || this.status > 599) {
      throw new InvalidResponse(`HTTP status code must be an integer from 100 to 599, got ${JSON.stringify(init.status)}`);
    }
    this.headers = new ResponseHeaders(init.headers);
    const contentType = init.contentType;
    // The default needs no check: most responses take it.
    if (contentType == null) this.headers.setDefaultValid('content-type', DEFAULT_CONTENT_TYPE);
    else this.headers.setDefaultNamed('content-type', contentType);
  }

  /** The status's reason phrase (`Not Found`). */
  get reasonPhrase(): string {
    return STATUS_CODES[this.status] ?? 'Unknown Status Code';
  }

  /**
   * Sets a cookie (Django's set_cookie). Names starting with `__Secure-` or `__Host-` are always Secure.
   *
   * @example
   * response.setCookie('theme', 'dark', { maxAge: 365 * 86400, sameSite: 'Lax' });
   */
  setCookie(name: string, value: string, options: CookieOptions = {}): this {
    const sameSite = options.sameSite?.toLowerCase();
    if (sameSite !== undefined && !SAME_SITE_VALUES.has(sameSite)) {
      throw new InvalidResponse(`Cookie "${name}": sameSite must be 'Lax', 'Strict' or 'None', got ${JSON.stringify(options.sameSite)}`);
    }
    const serializeOptions: SerializeOptions = {
      path: options.path ?? '/',
      domain: options.domain,
      httpOnly: options.httpOnly,
      secure: options.secure || name.startsWith('__Secure-') || name.startsWith('__Host-') || undefined,
      sameSite: sameSite as SerializeOptions['sameSite'],
      expires: options.expires,
    };
    if (options.maxAge !== undefined) {
      serializeOptions.maxAge = Math.floor(options.maxAge);
      serializeOptions.expires ??= new Date(Date.now() + options.maxAge * 1000);
    }
    try {
      this.cookies.set(name, setCookieHeader(name, value, serializeOptions));
    } catch (error) {
      throw new InvalidResponse(`Cookie "${name}" cannot be set: ${(error as Error).message}`);
    }
    return this;
  }

  /** Tells the client to drop a cookie (expired, empty); give the path and domain it was set with. */
  deleteCookie(name: string, options: Pick<CookieOptions, 'path' | 'domain' | 'sameSite'> = {}): this {
    return this.setCookie(name, '', { ...options, maxAge: 0, expires: new Date(0) });
  }

  /**
   * Sets a cookie whose value is signed (HMAC-SHA256 with SECRET_KEY and a timestamp) so
   * `request.getSignedCookie` can detect tampering and expiry.
   *
   * @example
   * response.setSignedCookie('visits', String(n), { salt: 'counter', httpOnly: true });
   */
  setSignedCookie(name: string, value: string, options: SignedCookieSetOptions = {}): this {
    const { salt, key, ...cookieOptions } = options;
    const secret = key ?? currentContext()?.settings.SECRET_KEY;
    if (!secret) {
      throw new InvalidResponse(
        `Cookie "${name}" cannot be signed: no SECRET_KEY. Call setSignedCookie while a request is handled by createApplication (which provides SECRET_KEY), or pass { key }.`,
      );
    }
    return this.setCookie(name, sign(value, { key: secret, salt: signedCookieSalt(name, salt) }), cookieOptions);
  }

  /**
   * Called once before sending, with the request (FileResponse opens its file and applies Range here).
   * Not async here: most responses have nothing to prepare, and an await per response is not free. @internal
   */
  prepare(_request: HttpRequest): Promise<void> | void {}

  /** The body's chunks. @internal */
  abstract bodyChunks(): AsyncIterable<Uint8Array>;

  /** Releases what an unsent body holds; called when the body is not sent (HEAD, 204, 304). */
  async close(): Promise<void> {}
}

// Text bodies up to this many characters are copied as ASCII when they are: about twice as fast as
// Buffer.from for a 13-character body, as fast at 32, and slower past that (measured).
const SHORT_BODY = 32;

/**
 * A response whose body is known up front.
 *
 * @example
 * return new HttpResponse('<h1>Hello</h1>');
 * return new HttpResponse('nope', { status: 400, contentType: 'text/plain' });
 */
export class HttpResponse extends HttpResponseBase {
  readonly streaming = false;
  content: Uint8Array;

  constructor(body: string | Uint8Array = '', init: ResponseInit = {}) {
    super(init);
    // A larger body goes through Buffer.from, which takes it from Node's shared pool: cheaper than TextEncoder.
    this.content = typeof body === 'string' ? (asciiBytes(body, SHORT_BODY) ?? Buffer.from(body, 'utf8')) : body;
  }

  /** The body decoded as UTF-8. */
  get text(): string {
    return decodeText(this.content);
  }

  async *bodyChunks(): AsyncIterable<Uint8Array> {
    yield this.content;
  }
}

/**
 * A response whose body is produced while it is sent, chunk by chunk, from an (async) iterable.
 *
 * @example
 * async function* rows() { for (let i = 0; i < 3; i++) yield `row ${i}\n`; }
 * return new StreamingHttpResponse(rows(), { contentType: 'text/plain' });
 */
export class StreamingHttpResponse extends HttpResponseBase {
  readonly streaming = true;

  constructor(
    /** The chunks; strings are UTF-8 encoded. */
    readonly streamingContent: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
    init: ResponseInit = {},
  ) {
    super(init);
  }

  /** Ends the iterable early (a generator's `finally` blocks run), as Django's close(). */
  override async close(): Promise<void> {
    const iterator = this.streamingContent as Partial<AsyncIterator<unknown>>;
    if (typeof iterator.return === 'function') await iterator.return();
  }

  async *bodyChunks(): AsyncIterable<Uint8Array> {
    for await (const chunk of this.streamingContent) yield typeof chunk === 'string' ? encodeText(chunk) : chunk;
  }
}
