/**
 * The ASGI 3.0 protocol in TypeScript: scopes, the events a server sends to an application,
 * and the events an application sends back. Field names keep the specification's spelling
 * (snake_case) so the spec reads one to one; bodies are `Uint8Array`.
 */

/** The protocol version every scope declares. */
export interface AsgiVersionInfo {
  version: '3.0';
  spec_version: string;
}

/** Raw header pairs, names lower-cased, in the order they arrived. */
export type Headers = Array<[Uint8Array, Uint8Array]>;

/** A `[host, port]` pair, or `[path, null]` for a unix socket. */
export type Address = [string, number | null];

/** Lifespan state shared between the lifespan and every request scope (a shallow copy per request). */
export type LifespanState = Record<string, unknown>;

interface ConnectionScope {
  asgi: AsgiVersionInfo;
  http_version: '1.0' | '1.1' | '2';
  path: string;
  raw_path: Uint8Array;
  query_string: Uint8Array;
  root_path: string;
  headers: Headers;
  client: Address | null;
  server: Address | null;
  state?: LifespanState;
  /** Server extensions, e.g. `{ 'http.response.trailers': {} }` when the client accepts trailers. */
  extensions?: Record<string, Record<string, unknown>>;
}

/**
 * One HTTP request.
 *
 * @example
 * if (scope.type === 'http' && scope.method === 'GET' && scope.path === '/health') return sendOk(send);
 */
export interface HttpScope extends ConnectionScope {
  type: 'http';
  method: string;
  scheme: 'http' | 'https';
}

/**
 * One WebSocket connection.
 *
 * @example
 * if (scope.type === 'websocket') await send({ type: 'websocket.accept', subprotocol: scope.subprotocols[0] ?? null });
 */
export interface WebSocketScope extends ConnectionScope {
  type: 'websocket';
  scheme: 'ws' | 'wss';
  subprotocols: string[];
}

/** The lifetime of the server process. */
export interface LifespanScope {
  type: 'lifespan';
  asgi: AsgiVersionInfo;
  state?: LifespanState;
}

/**
 * What a connection is, as the server tells the application: an http request, a websocket, or the lifespan.
 *
 * @example
 * switch (scope.type) { case 'http': return handleHttp(scope, receive, send); case 'websocket': return handleWs(scope, receive, send); }
 */
export type Scope = HttpScope | WebSocketScope | LifespanScope;

// ---- events the server sends (receive) --------------------------------------------------

export interface HttpRequestEvent {
  type: 'http.request';
  body: Uint8Array;
  more_body: boolean;
}
export interface HttpDisconnectEvent {
  type: 'http.disconnect';
}
export interface WebSocketConnectEvent {
  type: 'websocket.connect';
}
export interface WebSocketReceiveEvent {
  type: 'websocket.receive';
  bytes?: Uint8Array | null;
  text?: string | null;
}
export interface WebSocketDisconnectEvent {
  type: 'websocket.disconnect';
  code: number;
  reason?: string;
}
export interface LifespanStartupEvent {
  type: 'lifespan.startup';
}
export interface LifespanShutdownEvent {
  type: 'lifespan.shutdown';
}

export type HttpReceiveEvent = HttpRequestEvent | HttpDisconnectEvent;
export type WebSocketReceiveEvents = WebSocketConnectEvent | WebSocketReceiveEvent | WebSocketDisconnectEvent;
export type LifespanReceiveEvent = LifespanStartupEvent | LifespanShutdownEvent;
export type ReceiveEvent = HttpReceiveEvent | WebSocketReceiveEvents | LifespanReceiveEvent;

// ---- events the application sends (send) ------------------------------------------------

export interface HttpResponseStartEvent {
  type: 'http.response.start';
  status: number;
  headers?: Headers;
  /** When true the app promises an `http.response.trailers` event after the body. */
  trailers?: boolean;
}
export interface HttpResponseBodyEvent {
  type: 'http.response.body';
  body?: Uint8Array;
  more_body?: boolean;
}
export interface HttpResponseTrailersEvent {
  type: 'http.response.trailers';
  headers?: Headers;
  more_trailers?: boolean;
}
export interface WebSocketAcceptEvent {
  type: 'websocket.accept';
  subprotocol?: string | null;
  headers?: Headers;
}
export interface WebSocketSendEvent {
  type: 'websocket.send';
  bytes?: Uint8Array | null;
  text?: string | null;
}
export interface WebSocketCloseEvent {
  type: 'websocket.close';
  code?: number;
  reason?: string;
}
/** Denial response: refuse a WebSocket handshake with an ordinary HTTP response. */
export interface WebSocketHttpResponseStartEvent {
  type: 'websocket.http.response.start';
  status: number;
  headers?: Headers;
}
export interface WebSocketHttpResponseBodyEvent {
  type: 'websocket.http.response.body';
  body?: Uint8Array;
  more_body?: boolean;
}
export interface LifespanStartupCompleteEvent {
  type: 'lifespan.startup.complete';
}
export interface LifespanStartupFailedEvent {
  type: 'lifespan.startup.failed';
  message?: string;
}
export interface LifespanShutdownCompleteEvent {
  type: 'lifespan.shutdown.complete';
}
export interface LifespanShutdownFailedEvent {
  type: 'lifespan.shutdown.failed';
  message?: string;
}

export type HttpSendEvent = HttpResponseStartEvent | HttpResponseBodyEvent | HttpResponseTrailersEvent;
export type WebSocketSendEvents =
  | WebSocketAcceptEvent
  | WebSocketSendEvent
  | WebSocketCloseEvent
  | WebSocketHttpResponseStartEvent
  | WebSocketHttpResponseBodyEvent;
export type LifespanSendEvent = LifespanStartupCompleteEvent | LifespanStartupFailedEvent | LifespanShutdownCompleteEvent | LifespanShutdownFailedEvent;
export type SendEvent = HttpSendEvent | WebSocketSendEvents | LifespanSendEvent;

/**
 * Waits for the next event from the client or the server (a body chunk, a websocket message, a disconnect).
 *
 * @example
 * const event = await receive();
 * if (event.type === 'http.request') chunks.push(event.body);
 */
export type Receive = () => Promise<ReceiveEvent>;
/**
 * Sends one event to the server: response start and body, websocket accept/send/close, lifespan completion.
 *
 * @example
 * await send({ type: 'http.response.start', status: 204, headers: [] });
 * await send({ type: 'http.response.body', body: new Uint8Array() });
 */
export type Send = (event: SendEvent) => Promise<void>;

/**
 * A gateway application: called once per connection (or once for the lifespan).
 *
 * @example
 * const app: AsgiApplication = async (scope, receive, send) => {
 *   if (scope.type !== 'http') return;
 *   await send({ type: 'http.response.start', status: 200, headers: [[enc('content-type'), enc('text/plain')]] });
 *   await send({ type: 'http.response.body', body: enc('hello') });
 * };
 */
export type AsgiApplication = (scope: Scope, receive: Receive, send: Send) => Promise<void>;

/**
 * The spec versions this package implements, per scope type.
 *
 * @example
 * const scope = { type: 'lifespan', asgi: { version: '3.0', spec_version: SPEC_VERSIONS.lifespan } } as const;
 */
export const SPEC_VERSIONS = { http: '2.4', websocket: '2.4', lifespan: '2.0' } as const;
