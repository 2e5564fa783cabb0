import type { HttpScope, Receive } from '@manouche/asgi';
import { concatBytes, decodeText } from '@manouche/asgi';
import type { ResolverMatch } from '@manouche/contracts';
import { parse as parseCookies } from 'cookie';
import { BadRequest, BadSignature, DisallowedHost, ImproperlyConfigured, RawPostDataException, RequestAborted } from './errors.js';
import { parseMultipart, parseUrlencoded, readUploadLimits, tooBig, type FormData } from './form-parser.js';
import type { CsrfRequestState } from './csrf/csrf-state.js';
import { allowedHostPatterns, domainOf, isAllowedHost } from './host-validation.js';
import { MultiValueDict, QueryDict } from './query-dict.js';
import type { ApplicationContext } from './request-context.js';
import { RequestHeaders } from './request-headers.js';
import { unsign } from './signing.js';
import type { UploadedFile } from './uploaded-file.js';

/**
 * Options for {@link HttpRequest.getSignedCookie}.
 *
 * @example
 * request.getSignedCookie('theme', { salt: 'prefs', maxAge: 30 * 86400, default: 'light' });
 */
export interface SignedCookieOptions {
  /** Must match the salt given to `setSignedCookie`. */
  salt?: string;
  /** Maximum age in seconds since the cookie was signed. */
  maxAge?: number;
  /** Returned instead of throwing when the cookie is missing, tampered with or expired. */
  default?: string;
}

// Shared by every request that sent no Cookie header; frozen, as `cookies` is read-only.
const NO_COOKIES: Readonly<Record<string, string>> = Object.freeze({});

const URI_PATH_SAFE = /[^A-Za-z0-9/:@&+$,\-_.!~*'()]/gu;

/**
 * Percent-encodes a decoded path for use in a URL (Django's escape_uri_path).
 *
 * @example
 * escapeUriPath('/blog/déjà vu/'); // '/blog/d%C3%A9j%C3%A0%20vu/'
 */
export function escapeUriPath(path: string): string {
  return path.replace(URI_PATH_SAFE, (char) => encodeURIComponent(char));
}

/**
 * One HTTP request, built from a gateway http scope. The body is read lazily from the gateway,
 * once, with the size limits from settings.
 *
 * Middleware can attach properties (sessions, users) by augmenting the class's interface:
 * `declare module '@manouche/core' { interface HttpRequest { session: Session } }`.
 *
 * @example
 * async function search(request: HttpRequest) {
 *   const q = request.query.get('q') ?? '';
 *   return new JsonResponse({ q, host: request.getHost() });
 * }
 */
export class HttpRequest {
  /** Upper-case method (`GET`). */
  readonly method: string;
  /** The full decoded path, root path included (`/blog/2024/`). */
  readonly path: string;
  /** The path below the application's root path: what the URLconf resolves. */
  readonly pathInfo: string;
  /** What the URLconf matched, set before the view is called. */
  resolverMatch: ResolverMatch | null = null;
  /** Temporary upload files to delete once the response is sent; made by the first multipart parse (most requests have none). @internal */
  temporaryFiles: string[] | undefined = undefined;
  /** CSRF protection's state for this request (see csrfStateOf). @internal */
  csrfState: CsrfRequestState | undefined = undefined;

  // Parsed on first use: most requests never read their query string or cookies.
  private queryCache: QueryDict | undefined;
  private headersCache: RequestHeaders | undefined;
  private cookiesCache: Readonly<Record<string, string>> | undefined;
  private bodyConsumed = false;
  private bodyCache: Promise<Uint8Array> | undefined;
  private formCache: Promise<FormData> | undefined;

  constructor(
    /** The gateway scope this request came from. */
    readonly scope: HttpScope,
    private readonly receive: Receive,
    /** Settings, URL resolver, template engine and app registry of the application. */
    readonly context: ApplicationContext,
  ) {
    // GET, most requests, is already upper-case: kept as it is, without a toUpperCase call.
    this.method = scope.method === 'GET' ? 'GET' : scope.method.toUpperCase();
    this.path = scope.path;
    const root = scope.root_path ?? '';
    this.pathInfo = root && scope.path.startsWith(root) ? scope.path.slice(root.length) || '/' : scope.path;
  }

  /** The query string's values (Django's request.GET). */
  get query(): QueryDict {
    this.queryCache ??= this.scope.query_string.length === 0 ? new QueryDict() : QueryDict.parse(decodeText(this.scope.query_string));
    return this.queryCache;
  }

  get headers(): RequestHeaders {
    this.headersCache ??= new RequestHeaders(this.scope.headers);
    return this.headersCache;
  }

  /** Cookies the client sent, by name. */
  get cookies(): Readonly<Record<string, string>> {
    if (this.cookiesCache === undefined) {
      const header = this.headers.get('cookie');
      this.cookiesCache = header
        ? Object.fromEntries(Object.entries(parseCookies(header)).filter((entry): entry is [string, string] => entry[1] !== undefined))
        : NO_COOKIES;
    }
    return this.cookiesCache;
  }

  /** The project settings. */
  get settings() {
    return this.context.settings;
  }

  /** The lifespan state the server copied into this request's scope. */
  get lifespanState(): Record<string, unknown> {
    return this.scope.state ?? {};
  }

  /** The media type of the body without parameters (`multipart/form-data`), lower-case, or ''. */
  get contentType(): string {
    return (this.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  }

  /** The raw body, read once and kept; larger than DATA_UPLOAD_MAX_MEMORY_SIZE is RequestDataTooBig. */
  body(): Promise<Uint8Array> {
    if (this.bodyCache) return this.bodyCache;
    if (this.bodyConsumed) return Promise.reject(new RawPostDataException());
    const limit = readUploadLimits(this.settings).dataUploadMaxMemorySize;
    const declared = Number(this.headers.get('content-length') ?? 0);
    if (limit !== null && declared > limit) return Promise.reject(tooBig());
    this.bodyCache = (async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of this.bodyChunks(limit)) chunks.push(chunk);
      return concatBytes(chunks);
    })();
    return this.bodyCache;
  }

  /** The body decoded as UTF-8. */
  async text(): Promise<string> {
    return decodeText(await this.body());
  }

  /** The body parsed as JSON; invalid JSON is a BadRequest (400). */
  async json<T = unknown>(): Promise<T> {
    const text = await this.text();
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new BadRequest(`Request body is not valid JSON: ${(error as Error).message}`);
    }
  }

  /**
   * Form fields and uploaded files of an urlencoded or multipart body (Django's POST and FILES);
   * empty for other content types. Multipart bodies are streamed through busboy, not buffered.
   */
  formData(): Promise<FormData> {
    this.formCache ??= this.parseForm();
    return this.formCache;
  }

  /** The form fields (Django's request.POST). */
  async post(): Promise<QueryDict> {
    return (await this.formData()).post;
  }

  /** The uploaded files (Django's request.FILES). */
  async files(): Promise<MultiValueDict<UploadedFile>> {
    return (await this.formData()).files;
  }

  /** The form data if it was already parsed (for error pages, which must not read the body). @internal */
  async parsedFormData(): Promise<FormData | undefined> {
    return this.formCache?.catch(() => undefined);
  }

  /**
   * A cookie set with `response.setSignedCookie`, verified. Missing → `options.default`;
   * tampered or older than `maxAge` seconds → BadSignature / SignatureExpired unless a default is given.
   *
   * @example
   * const visits = request.getSignedCookie('visits', { salt: 'counter', maxAge: 86400, default: '0' });
   */
  getSignedCookie(name: string, options: SignedCookieOptions = {}): string | undefined {
    const value = this.cookies[name];
    if (value === undefined) return options.default;
    try {
      return unsign(value, { key: this.settings.SECRET_KEY, salt: signedCookieSalt(name, options.salt), maxAge: options.maxAge });
    } catch (error) {
      if (error instanceof BadSignature && 'default' in options) return options.default;
      throw error;
    }
  }

  /** Whether the request came over HTTPS, directly or (with SECURE_PROXY_SSL_HEADER) through a proxy. */
  isSecure(): boolean {
    const proxy = this.settings.SECURE_PROXY_SSL_HEADER;
    if (proxy !== undefined && proxy !== null) {
      if (!Array.isArray(proxy) || proxy.length !== 2 || proxy.some((part) => typeof part !== 'string')) {
        throw new ImproperlyConfigured(
          `SECURE_PROXY_SSL_HEADER must be a [header, value] pair such as ['X-Forwarded-Proto', 'https'], got ${JSON.stringify(proxy)}`,
        );
      }
      const header = (proxy[0] as string).replace(/^HTTP_/i, '').replace(/_/g, '-');
      const value = this.headers.get(header);
      if (value !== undefined) return value.split(',')[0]!.trim() === proxy[1];
    }
    return this.scope.scheme === 'https';
  }

  /** `https` or `http`, as {@link isSecure} decides. */
  get scheme(): 'http' | 'https' {
    return this.isSecure() ? 'https' : 'http';
  }

  /**
   * The Host (X-Forwarded-Host with USE_X_FORWARDED_HOST), checked against ALLOWED_HOSTS;
   * throws DisallowedHost (400) otherwise.
   */
  getHost(): string {
    const host = this.rawHost();
    const domain = domainOf(host);
    if (domain && isAllowedHost(domain, allowedHostPatterns(this.settings))) return host;
    let message = `Invalid HTTP_HOST header: '${host}'.`;
    message += domain ? ` You may need to add '${domain}' to ALLOWED_HOSTS.` : ' The domain name provided is not valid according to RFC 1034/1035.';
    throw new DisallowedHost(message);
  }

  private rawHost(): string {
    const forwarded = this.settings.USE_X_FORWARDED_HOST ? this.headers.get('x-forwarded-host') : undefined;
    const host = forwarded ?? this.headers.get('host');
    if (host) return host;
    const [name, port] = this.scope.server ?? ['localhost', 80];
    const defaultPort = this.scope.scheme === 'https' ? 443 : 80;
    return port === null || port === defaultPort ? name : `${name}:${port}`;
  }

  /**
   * The port the request came to (Django's get_port): X-Forwarded-Port with USE_X_FORWARDED_PORT,
   * else the server's port; '' when the server did not say.
   */
  getPort(): string {
    const forwarded = this.settings.USE_X_FORWARDED_PORT ? this.headers.get('x-forwarded-port') : undefined;
    if (forwarded !== undefined) return forwarded;
    const port = this.scope.server?.[1];
    return port === null || port === undefined ? '' : String(port);
  }

  /** The path with the query string (`/blog/?page=2`), optionally with a slash appended to the path. */
  getFullPath(forceAppendSlash = false): string {
    const slash = forceAppendSlash && !this.path.endsWith('/') ? '/' : '';
    const query = decodeText(this.scope.query_string);
    return `${escapeUriPath(this.path)}${slash}${query ? `?${query}` : ''}`;
  }

  /**
   * An absolute URL for `location` (relative to this request), or for this request itself.
   *
   * @example
   * request.buildAbsoluteUri('/blog/'); // 'https://example.com/blog/'
   */
  buildAbsoluteUri(location?: string): string {
    const current = `${this.scheme}://${this.getHost()}${this.getFullPath()}`;
    return location === undefined ? current : new URL(location, current).toString();
  }

  private async *bodyChunks(limit: number | null): AsyncIterable<Uint8Array> {
    if (this.bodyConsumed) throw new RawPostDataException();
    this.bodyConsumed = true;
    let total = 0;
    for (;;) {
      const event = await this.receive();
      if (event.type === 'http.disconnect') throw new RequestAborted();
      if (event.type !== 'http.request') continue;
      total += event.body.byteLength;
      if (limit !== null && total > limit) throw tooBig();
      if (event.body.byteLength > 0) yield event.body;
      if (!event.more_body) return;
    }
  }

  private async parseForm(): Promise<FormData> {
    const limits = readUploadLimits(this.settings);
    const type = this.contentType;
    if (type === 'application/x-www-form-urlencoded') {
      return { post: parseUrlencoded(await this.text(), limits), files: new MultiValueDict<UploadedFile>() };
    }
    if (type !== 'multipart/form-data') return { post: new QueryDict(), files: new MultiValueDict<UploadedFile>() };
    const source = this.bodyCache ? singleChunk(await this.bodyCache) : this.bodyChunks(null);
    return parseMultipart(this.headers.toObject(), source, limits, (this.temporaryFiles ??= []));
  }
}

async function* singleChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** The signing salt of a cookie: its name and the user's salt, so one cookie's value cannot be replayed as another. */
export function signedCookieSalt(name: string, salt = ''): string {
  return `manouche.core.cookies.${name}${salt}`;
}
