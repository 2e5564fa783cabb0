/**
 * The test Client (Django's django.test.Client): calls the project's application in-process like
 * a browser would — cookies and the session kept between requests, redirects followed on request,
 * the templates and context of each response recorded.
 */
import type { AsgiApplication } from '@manouche/asgi';
import { createHttpScope } from '@manouche/asgi';
import { gotRequestException } from '@manouche/core';
import { CookieJar } from './cookie-jar.js';
import { RedirectLoopError } from './errors.js';
import { encodeBody, encodeQuery } from './request-body.js';
import { forceLoginUser, loginWithCredentials, logoutSession } from './session-login.js';
import { captureTemplates, instrumentTemplateEngine } from './template-capture.js';
import { testProject } from './test-environment.js';
import { TestResponse } from './test-response.js';

/**
 * Options of one request.
 *
 * @example
 * await client.post('/api/posts/', { title: 'Hi' }, { contentType: 'application/json', follow: true, headers: { 'x-requested-with': 'XMLHttpRequest' } });
 */
export interface RequestOptions {
  /** Follow redirects; the chain is in `response.redirectChain`. */
  follow?: boolean;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Content type of the body: multipart/form-data by default for objects, `application/json` to send JSON. */
  contentType?: string;
  /** Send the request as HTTPS. */
  secure?: boolean;
  /** Extra query string parameters for methods with a body. */
  query?: Record<string, unknown>;
}

/**
 * Options of a Client.
 *
 * @example
 * const client = new Client(undefined, { host: 'example.com', raiseRequestException: false });
 */
export interface ClientOptions {
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** The Host header; `testserver` by default (the test runner allows it). */
  host?: string;
  /**
   * Re-throw in the test what a view threw (true, as Django's default), rather than return the 500
   * page; with false the 500 response carries the error as `response.exception`.
   */
  raiseRequestException?: boolean;
}

type AppSource = AsgiApplication | (() => Promise<AsgiApplication>);

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/**
 * A browser for tests.
 *
 * @example
 * const client = new Client();
 * const response = await client.get('/polls/');
 * assertContains(response, 'No polls are available.');
 */
export class Client {
  /** The cookies the client holds (the session cookie among them). */
  readonly cookies = new CookieJar();
  private app: Promise<AsgiApplication> | undefined;

  constructor(
    private readonly source?: AppSource,
    private readonly clientOptions: ClientOptions = {},
  ) {}

  private application(): Promise<AsgiApplication> {
    return (this.app ??= (async () => {
      if (this.source)
        return typeof this.source === 'function' && this.source.length === 0
          ? (this.source as () => Promise<AsgiApplication>)()
          : (this.source as AsgiApplication);
      const project = testProject();
      instrumentTemplateEngine(await project.templates());
      return project.application();
    })());
  }

  get(path: string, data?: Record<string, unknown>, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request('GET', withQuery(path, data), undefined, options);
  }

  head(path: string, data?: Record<string, unknown>, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request('HEAD', withQuery(path, data), undefined, options);
  }

  options(path: string, data?: unknown, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request('OPTIONS', withQuery(path, options.query), data, { contentType: 'application/octet-stream', ...options });
  }

  post(path: string, data?: unknown, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request('POST', withQuery(path, options.query), data ?? {}, options);
  }

  put(path: string, data?: unknown, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request('PUT', withQuery(path, options.query), data, { contentType: 'application/octet-stream', ...options });
  }

  patch(path: string, data?: unknown, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request('PATCH', withQuery(path, options.query), data, { contentType: 'application/octet-stream', ...options });
  }

  delete(path: string, data?: unknown, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request('DELETE', withQuery(path, options.query), data, { contentType: 'application/octet-stream', ...options });
  }

  /** Forgets every cookie (the session with them). */
  clearCookies(): void {
    this.cookies.clear();
  }

  /**
   * Logs in with credentials through the project's authentication backends (needs
   * manouche.contrib.auth and sessions); false when they do not authenticate.
   *
   * @example
   * expect(await client.login({ username: 'ann', password: 's3cret pass' })).toBe(true);
   */
  login(credentials: Record<string, unknown>): Promise<boolean> {
    return loginWithCredentials(this.cookies, credentials);
  }

  /** Logs `user` in without a password (Django's force_login). */
  forceLogin(user: unknown, backend?: string): Promise<void> {
    return forceLoginUser(this.cookies, user, backend);
  }

  /** Logs out: flushes the session and forgets the cookies. */
  logout(): Promise<void> {
    return logoutSession(this.cookies);
  }

  /** Sends one request (and follows redirects when asked). */
  async request(method: string, path: string, data: unknown, options: RequestOptions = {}): Promise<TestResponse> {
    let response = await this.send(method, path, data, options);
    if (!options.follow) return response;
    const chain: Array<[string, number]> = [];
    let current = { method, path, data };
    while (REDIRECTS.has(response.status) && response.url) {
      const location = new URL(response.url, `http://${this.clientOptions.host ?? 'testserver'}${current.path}`);
      const target = location.pathname + location.search;
      chain.push([response.url, response.status]);
      if (chain.length > MAX_REDIRECTS || chain.filter(([url]) => url === response.url).length > 1) throw new RedirectLoopError(chain);
      // 307/308 repeat the method and body; the others turn into a GET, as browsers do.
      current = response.status === 307 || response.status === 308 ? { ...current, path: target } : { method: 'GET', path: target, data: undefined };
      response = await this.send(current.method, current.path, current.data, { ...options, secure: location.protocol === 'https:' || options.secure });
    }
    response.redirectChain = chain;
    return response;
  }

  private async send(method: string, path: string, data: unknown, options: RequestOptions): Promise<TestResponse> {
    const app = await this.application();
    const headers: Array<[string, string]> = [['host', this.clientOptions.host ?? 'testserver']];
    for (const [name, value] of Object.entries({ ...this.clientOptions.headers, ...options.headers })) headers.push([name.toLowerCase(), value]);
    const cookie = this.cookies.header();
    if (cookie && !headers.some(([name]) => name === 'cookie')) headers.push(['cookie', cookie]);
    let body: Uint8Array = new Uint8Array();
    if (data !== undefined && method !== 'GET' && method !== 'HEAD') {
      const encoded = encodeBody(data, options.contentType);
      body = encoded.body;
      headers.push(['content-type', encoded.contentType], ['content-length', String(body.length)]);
    }
    const scope = createHttpScope({
      method,
      path,
      headers,
      scheme: options.secure ? 'https' : 'http',
      client: ['127.0.0.1', 50000],
      server: ['testserver', options.secure ? 443 : 80],
    });
    let status = 0;
    const responseHeaders: Array<[string, string]> = [];
    const chunks: Uint8Array[] = [];
    let sentBody = false;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const decoder = new TextDecoder();
    let thrown: { error: unknown } | undefined;
    const stopListening = gotRequestException.connect((request, error) => {
      if (request.scope === scope) thrown = { error };
    });
    const { templates } = await captureTemplates(() =>
      app(
        scope,
        async () => {
          // After the body, the client "disconnects" once the response is complete.
          if (sentBody) return finished.then(() => ({ type: 'http.disconnect' as const }));
          sentBody = true;
          return { type: 'http.request', body, more_body: false };
        },
        async (event) => {
          if (event.type === 'http.response.start') {
            status = event.status;
            for (const [name, value] of event.headers ?? []) responseHeaders.push([decoder.decode(name).toLowerCase(), decoder.decode(value)]);
          } else if (event.type === 'http.response.body') {
            if (event.body) chunks.push(event.body);
            if (!event.more_body) finish();
          }
        },
      ),
    ).finally(stopListening);
    finish();
    for (const [name, value] of responseHeaders) if (name === 'set-cookie') this.cookies.apply(value);
    if (thrown && this.clientOptions.raiseRequestException !== false) throw thrown.error;
    const response = new TestResponse(status, responseHeaders, Buffer.concat(chunks), templates, { method, path, url: path });
    response.client = this;
    if (thrown) response.exception = thrown.error;
    return response;
  }
}

function withQuery(path: string, data: Record<string, unknown> | undefined): string {
  const query = encodeQuery(data);
  if (!query) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}
