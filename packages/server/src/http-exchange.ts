/**
 * One HTTP request served to a gateway application, over node:http or node:http2's
 * compatibility API: the scope, `receive` fed from the request body with backpressure,
 * `send` streamed to the response with backpressure, and every failure answered safely.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import {
  createSendValidator,
  safeDecodePath,
  SPEC_VERSIONS,
  type Address,
  type AsgiApplication,
  type Headers,
  type HttpReceiveEvent,
  type HttpScope,
  type LifespanState,
  type SendEvent,
} from '@manouche/asgi';
import { formatAccessLine, type AccessLogWriter } from './access-log.js';
import { ApplicationResponseError, ClientDisconnectedError } from './errors.js';
import { declaredBodyLength, HeaderMemo, latin1, latin1Bytes, nameIs, rawHeadersToBytes, RememberedName, RememberedText } from './header-bytes.js';
import { RequestBody, type BodyRate } from './request-body.js';
import type { ServerLogger } from './logger.js';

/** @internal What every exchange on one server shares. */
export interface HttpContext {
  app: AsgiApplication;
  logger: ServerLogger;
  accessLog: AccessLogWriter | null;
  maxBodySize: number;
  /** The minimum data rate of request bodies (408 when slower). */
  bodyRate: BodyRate;
  state: LifespanState | null;
  /** The server's bound address, reported as `scope.server`. */
  server: Address | null;
  /** True while shutting down: responses close their connection. */
  draining: boolean;
  /** Called when an exchange starts and ends, for graceful shutdown. */
  onStart?(exchange: HttpExchange): void;
  onEnd?(exchange: HttpExchange): void;
}

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

const EMPTY = new Uint8Array(0);
const RESOLVED = Promise.resolve();
const DISCONNECT: HttpReceiveEvent = Object.freeze({ type: 'http.disconnect' });
const ERROR_BODY = Buffer.from('Internal Server Error');
const TOO_LARGE_BODY = Buffer.from('Request Entity Too Large');
const TOO_SLOW_BODY = Buffer.from('Request Timeout');
// HTTP/2 forbids connection-specific headers; node:http2 throws on them.
const HTTP2_FORBIDDEN = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);
// Response header text remembered per position across responses (see HeaderMemo).
const headerNames = new HeaderMemo((bytes, text) => new RememberedName(bytes, text));
const headerValues = new HeaderMemo((bytes, text) => new RememberedText(bytes, text));
// A small last body goes to node:http as latin-1 text (the same bytes): node joins it to the head, one socket
// write fewer than a head and a buffer (about 3% of /hello, 10 paired rounds). A larger body is passed as it
// is: decoding it costs more than the write it saves (measured at 1 KB).
const JOINED_BODY_LIMIT = 512;
const TRAILERS_EXTENSION = { 'http.response.trailers': {} };
// Shared by every scope: the version never changes, and one object per request would be garbage.
const ASGI_INFO = Object.freeze({ version: '3.0', spec_version: SPEC_VERSIONS.http }) as HttpScope['asgi'];
// `scope.client`, kept on the connection: node's remoteAddress and remotePort getters go through
// _getpeername on every read. Frozen, because every request of the connection shares it.
const CLIENT = Symbol('manouche.client');

interface HoldsClient {
  [CLIENT]?: Address;
}

function readClient(socket: { remoteAddress?: string; remotePort?: number } | null | undefined): Address | null {
  const address = socket?.remoteAddress;
  return address ? (Object.freeze([address, socket!.remotePort ?? null]) as Address) : null;
}

/** The client's address and port, read once per connection. */
function clientOf(req: AnyRequest, http2: boolean): Address | null {
  // HTTP/2 streams share their session's socket, and `req.socket` is a proxy made per stream: the session keeps it.
  const holder = (http2 ? (req as Http2ServerRequest).stream?.session : req.socket) as HoldsClient | null | undefined;
  if (holder == null) return readClient(req.socket);
  let client = holder[CLIENT];
  if (client === undefined) {
    const read = readClient(req.socket);
    // No address (a socket already closed): nothing to keep, the next read answers again.
    if (read === null) return null;
    client = holder[CLIENT] = read;
  }
  return client;
}

function acceptsTrailers(headers: Headers): boolean {
  // Runs on every request: an indexed loop, cheaper than a for-of destructuring each pair.
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (nameIs(pair[0], 'te') && latin1(pair[1]).toLowerCase().includes('trailers')) return true;
  }
  return false;
}

/** @internal Builds the http scope for a Node request. */
export function buildHttpScope(req: AnyRequest, http2: boolean, context: HttpContext): HttpScope {
  // Express strips its mount point from req.url and keeps it in baseUrl: the app gets the full path
  // and the mount point as root_path, as Django's ASGI handler expects.
  const mount = (req as { baseUrl?: unknown }).baseUrl;
  const rootPath = typeof mount === 'string' ? mount : '';
  let target = (rootPath !== '' ? (req as { originalUrl?: string }).originalUrl : undefined) ?? req.url ?? '/';
  if (target.charCodeAt(0) !== 47 /* '/' */ && target !== '*') {
    try {
      const url = new URL(target);
      target = url.pathname + url.search;
    } catch {
      // Not an absolute URL either: keep the target as sent, the app decides.
    }
  }
  const q = target.indexOf('?');
  const rawPath = q === -1 ? target : target.slice(0, q);
  const headers = rawHeadersToBytes(req.rawHeaders, http2);
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
  const scope: HttpScope = {
    type: 'http',
    asgi: ASGI_INFO,
    http_version: http2 ? '2' : req.httpVersion === '1.0' ? '1.0' : '1.1',
    method: req.method ?? 'GET',
    scheme: encrypted ? 'https' : 'http',
    path: rawPath.indexOf('%') === -1 ? rawPath : safeDecodePath(rawPath),
    raw_path: latin1Bytes(rawPath),
    query_string: q === -1 ? EMPTY : latin1Bytes(target.slice(q + 1)),
    root_path: rootPath,
    headers,
    client: clientOf(req, http2),
    server: context.server,
  };
  if (context.state !== null) scope.state = { ...context.state };
  if (acceptsTrailers(headers)) scope.extensions = TRAILERS_EXTENSION;
  return scope;
}

function requestHasBody(req: AnyRequest, http2: boolean, declaredLength: number): boolean {
  return http2 ? !(req as Http2ServerRequest).stream.endAfterHeaders : declaredLength !== 0;
}

/** @internal Serves one request; never throws (every failure is logged and answered). */
export class HttpExchange {
  readonly scope: HttpScope;
  private readonly check: (event: SendEvent) => void;
  private readonly startedAt: number;
  // response side
  private status = 0;
  private responseHeaders: Headers | undefined;
  private trailersPromised = false;
  private headersSent = false;
  private complete = false;
  private bytesSent = 0;
  private reportedError: unknown;
  // request side: the Content-Length (UNKNOWN_LENGTH when chunked), and `null` when the request has no body
  private readonly declaredLength: number;
  private readonly body: RequestBody | null;
  private emptyBodyDelivered = false;
  private closed = false;
  private closedPromise: Promise<void> | undefined;
  // the server's in-flight list (see InFlightList)
  inFlightPrevious: HttpExchange | null = null;
  inFlightNext: HttpExchange | null = null;
  inFlight = false;

  constructor(
    private readonly req: AnyRequest,
    private readonly res: AnyResponse,
    private readonly http2: boolean,
    private readonly context: HttpContext,
  ) {
    this.startedAt = context.accessLog === null ? 0 : performance.now();
    this.scope = buildHttpScope(req, http2, context);
    this.check = createSendValidator(this.scope);
    this.declaredLength = declaredBodyLength(req.rawHeaders);
    this.body = requestHasBody(req, http2, this.declaredLength)
      ? new RequestBody(
          req,
          context.maxBodySize,
          () => this.rejectTooLarge(),
          () => this.whenClosed(),
          context.bodyRate,
          () => this.rejectTooSlow(),
        )
      : null;
    // A body that was read to its end (or cut off) is followed by http.disconnect, never by an empty body.
    if (this.body !== null) this.emptyBodyDelivered = true;
  }

  /** Runs the application for this request. */
  run(): void {
    const context = this.context;
    if (this.declaredLength > context.maxBodySize) {
      this.rejectTooLarge();
      return;
    }
    context.onStart?.(this);
    let result: Promise<void>;
    try {
      result = context.app(this.scope, this.receive, this.send);
    } catch (error) {
      this.onAppThrew(error);
      return;
    }
    // RESOLVED is what `send` answers: an app that handed it back has nothing left to wait for.
    if (result === RESOLVED || result === undefined || typeof (result as Promise<void>).then !== 'function') {
      this.onAppReturned();
      return;
    }
    result.then(this.onAppReturned, this.onAppThrew);
  }

  /** Whether the response is complete or the client is gone. */
  get finished(): boolean {
    return this.complete || this.closed;
  }

  /** Ends the connection after what was written so far, so the client sees the response cut short. */
  private truncate(): void {
    const socket = this.http2 ? null : (this.res as ServerResponse).socket;
    if (socket) socket.destroySoon();
    else this.res.destroy();
    this.complete = true;
    this.context.onEnd?.(this);
  }

  /** Closes the connection under this exchange (graceful-shutdown deadline). */
  abort(): void {
    this.res.destroy();
  }

  private readonly receive = (): Promise<HttpReceiveEvent> => {
    const body = this.body;
    if (body !== null && !body.done) return body.next();
    if (!this.emptyBodyDelivered) {
      this.emptyBodyDelivered = true;
      return Promise.resolve({ type: 'http.request', body: EMPTY, more_body: false });
    }
    return this.whenClosed().then(() => DISCONNECT);
  };

  private whenClosed(): Promise<void> {
    if (this.closedPromise === undefined) {
      this.closedPromise = this.closed
        ? RESOLVED
        : new Promise<void>((resolve) => {
            this.res.once('close', () => {
              this.closed = true;
              resolve();
            });
          });
    }
    return this.closedPromise;
  }

  private readonly send = (event: SendEvent): Promise<void> => {
    try {
      return this.deliver(event);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  private deliver(event: SendEvent): Promise<void> {
    try {
      this.check(event);
    } catch (error) {
      this.reportedError = error;
      this.context.logger.error(`Protocol error in the application for ${this.describeRequest()}: ${(error as Error).message}`, error);
      if (!this.headersSent) this.sendError(500, ERROR_BODY);
      else if (!this.complete) this.truncate();
      return Promise.reject(error);
    }
    if (this.complete || this.res.destroyed) {
      return Promise.reject(new ClientDisconnectedError(this.scope.method, this.scope.path));
    }
    switch (event.type) {
      case 'http.response.start':
        this.status = event.status;
        this.responseHeaders = event.headers;
        this.trailersPromised = event.trailers === true;
        return RESOLVED;
      case 'http.response.body':
        return this.writeBody(event.body ?? EMPTY, event.more_body === true);
      case 'http.response.trailers':
        if (this.scope.extensions !== undefined && event.headers !== undefined) {
          const trailers: Record<string, string> = {};
          for (const [name, value] of event.headers) trailers[latin1(name)] = latin1(value);
          this.res.addTrailers(trailers);
        }
        if (!event.more_trailers) this.endResponse(undefined);
        return RESOLVED;
      default:
        return RESOLVED;
    }
  }

  private writeBody(body: Uint8Array, more: boolean): Promise<void> {
    const res = this.res;
    this.bytesSent += body.length;
    if (!this.headersSent) {
      const single = !more && !this.trailersPromised;
      this.writeHead(this.status, this.responseHeaders, single ? body.length : -1);
    }
    if (!more && !this.trailersPromised) {
      this.endResponse(body);
      return RESOLVED;
    }
    if (body.length === 0) return RESOLVED;
    if ((res as ServerResponse).write(body)) return RESOLVED;
    return this.drained();
  }

  private drained(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const res = this.res;
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        if (res.destroyed && !this.complete) reject(new ClientDisconnectedError(this.scope.method, this.scope.path));
        else resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }

  /** Writes the status line and headers; `contentLength` >= 0 adds a length the app left out. */
  private writeHead(status: number, headers: Headers | undefined, contentLength: number): void {
    const flat: string[] = [];
    let hasLength = false;
    if (headers !== undefined) {
      for (let i = 0; i < headers.length; i++) {
        const pair = headers[i]!;
        // The memo knows each name's lower case, so no name is compared or lower-cased per response.
        const name = headerNames.at(i, pair[0]);
        if (this.http2 && HTTP2_FORBIDDEN.has(name.lower)) continue;
        if (name.isContentLength) hasLength = true;
        flat.push(name.text, headerValues.at(i, pair[1]).text);
      }
    }
    if (!hasLength && contentLength >= 0 && status !== 204 && status !== 304 && status >= 200) flat.push('content-length', String(contentLength));
    if (!this.http2) {
      // A body the app left unread would have to be drained before the next request: a client trickling it
      // could hold the connection until requestTimeout, so the connection ends with this response instead.
      if (this.body !== null && !this.req.complete) (this.res as ServerResponse).shouldKeepAlive = false;
      else if (this.context.draining) flat.push('connection', 'close');
    }
    if (this.http2) {
      const object: Record<string, string | string[]> = {};
      for (let i = 0; i < flat.length; i += 2) {
        const name = flat[i]!.toLowerCase();
        const existing = object[name];
        object[name] = existing === undefined ? flat[i + 1]! : ([] as string[]).concat(existing, flat[i + 1]!);
      }
      (this.res as Http2ServerResponse).writeHead(status, object);
    } else {
      (this.res as ServerResponse).writeHead(status, flat);
    }
    this.headersSent = true;
  }

  /** Ends the response with `body`. */
  private endResponse(body: Uint8Array | undefined): void {
    this.complete = true;
    if (body === undefined || body.length === 0) this.res.end();
    else if (body.length <= JOINED_BODY_LIMIT && !this.http2) (this.res as ServerResponse).end(latin1(body), 'latin1');
    else (this.res as ServerResponse).end(body);
    this.logAccess();
    this.context.onEnd?.(this);
  }

  private sendError(status: number, body: Buffer): void {
    this.status = status;
    this.bytesSent = body.length;
    try {
      this.writeHead(status, [[Buffer.from('content-type'), Buffer.from('text/plain; charset=utf-8')]], body.length);
      this.endResponse(body);
    } catch {
      this.res.destroy();
      this.complete = true;
      this.context.onEnd?.(this);
    }
  }

  private rejectTooLarge(): void {
    if (this.headersSent) {
      this.res.destroy();
      return;
    }
    if (!this.http2) (this.res as ServerResponse).shouldKeepAlive = false;
    this.sendError(413, TOO_LARGE_BODY);
  }

  /** The body arrived slower than the minimum data rate: 408, and the connection closes. */
  private rejectTooSlow(): void {
    if (this.headersSent) {
      this.res.destroy();
      return;
    }
    this.sendError(408, TOO_SLOW_BODY);
  }

  private describeRequest(): string {
    return `${this.scope.method} ${this.scope.path}`;
  }

  private readonly onAppReturned = (): void => {
    if (this.complete) return;
    if (this.res.destroyed) {
      this.context.onEnd?.(this);
      return;
    }
    const what = this.status === 0 ? 'without sending a response' : 'without completing its response';
    this.context.logger.error(new ApplicationResponseError(`The application returned ${what} for ${this.describeRequest()}`).message);
    if (!this.headersSent) this.sendError(500, ERROR_BODY);
    else this.truncate();
  };

  private readonly onAppThrew = (error: unknown): void => {
    if (!(error instanceof ClientDisconnectedError) && error !== this.reportedError) {
      this.context.logger.error(`Exception in the application for ${this.describeRequest()}`, error);
    }
    if (this.complete) return;
    if (!this.headersSent && !this.res.destroyed) this.sendError(500, ERROR_BODY);
    else this.truncate();
  };

  private logAccess(): void {
    const log = this.context.accessLog;
    if (log === null) return;
    const target = this.req.url ?? '/';
    log.write(formatAccessLine(this.scope.method, target, this.scope.http_version, this.status, this.bytesSent, performance.now() - this.startedAt));
  }
}
