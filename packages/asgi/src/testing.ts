/**
 * Test helpers for any gateway application: call it like a server would, collect what it
 * sends, and check every event against the protocol on the way.
 */
import { concatBytes, decodeHeaders, decodeText, encodeText } from './bytes.js';
import type { AsgiApplication, LifespanState, ReceiveEvent, SendEvent } from './protocol.js';
import { SPEC_VERSIONS } from './protocol.js';
import { createHttpScope, createWebSocketScope, type RequestInit } from './scope.js';
import { createSendValidator } from './validate-send.js';

export { createHttpScope, createWebSocketScope, type RequestInit } from './scope.js';

/**
 * The response an application produced, in a form easy to assert on.
 *
 * @example
 * const res: CollectedResponse = await callHttp(app, { path: '/api/posts' });
 * expect(res.header('content-type')).toBe('application/json'); expect(res.json()).toHaveLength(20);
 */
export interface CollectedResponse {
  status: number;
  /** Header pairs as strings, names lower-case, in the order sent. */
  headers: Array<[string, string]>;
  /** The first value of a header, or `undefined`. */
  header(name: string): string | undefined;
  body: Uint8Array;
  text(): string;
  json<T = unknown>(): T;
  trailers: Array<[string, string]>;
  /** Every event the app sent, in order. */
  events: SendEvent[];
}

/**
 * A request to call an app with: a body, optionally in chunks to exercise `more_body`.
 *
 * @example
 * await callHttp(app, { method: 'POST', path: '/upload', body: ['part one, ', 'part two'] }); // two http.request events
 */
export interface CallInit extends RequestInit {
  body?: string | Uint8Array | Array<string | Uint8Array>;
}

function asChunks(body: CallInit['body']): Uint8Array[] {
  if (body === undefined) return [new Uint8Array()];
  const list = Array.isArray(body) ? body : [body];
  const chunks = list.map((part) => (typeof part === 'string' ? encodeText(part) : part));
  return chunks.length ? chunks : [new Uint8Array()];
}

/**
 * Calls `app` with one http request and collects the response; a protocol violation rejects.
 *
 * @example
 * const res = await callHttp(app, { path: '/hello' });
 * expect(res.status).toBe(200);
 */
export async function callHttp(app: AsgiApplication, init: CallInit = {}): Promise<CollectedResponse> {
  const scope = createHttpScope(init);
  const chunks = asChunks(init.body);
  const check = createSendValidator(scope);
  const events: SendEvent[] = [];
  let index = 0;
  let finished = false;
  let wakeDisconnect: (() => void) | undefined;
  const receive = async (): Promise<ReceiveEvent> => {
    if (index < chunks.length) {
      const body = chunks[index]!;
      index += 1;
      return { type: 'http.request', body, more_body: index < chunks.length };
    }
    // After the body, the next event is the client going away once the response is done.
    if (!finished) await new Promise<void>((resolve) => (wakeDisconnect = resolve));
    return { type: 'http.disconnect' };
  };
  const send = async (event: SendEvent): Promise<void> => {
    check(event);
    events.push(event);
    const done =
      (event.type === 'http.response.body' && !event.more_body && !(events[0] as { trailers?: boolean }).trailers) ||
      (event.type === 'http.response.trailers' && !event.more_trailers);
    if (done) {
      finished = true;
      wakeDisconnect?.();
    }
  };
  await app(scope, receive, send);
  finished = true;
  wakeDisconnect?.();
  return collect(events);
}

function collect(events: SendEvent[]): CollectedResponse {
  const start = events.find((e) => e.type === 'http.response.start');
  if (!start || start.type !== 'http.response.start') {
    throw new Error('the application returned without sending http.response.start');
  }
  const headers = decodeHeaders(start.headers ?? []);
  const body = concatBytes(events.flatMap((e) => (e.type === 'http.response.body' && e.body ? [e.body] : [])));
  const trailers = events.flatMap((e) => (e.type === 'http.response.trailers' ? decodeHeaders(e.headers ?? []) : []));
  return {
    status: start.status,
    headers,
    header: (name) => headers.find(([n]) => n === name.toLowerCase())?.[1],
    body,
    text: () => decodeText(body),
    json: <T>() => JSON.parse(decodeText(body)) as T,
    trailers,
    events,
  };
}

/** A queue that lets one side wait for what the other side pushes. */
class Channel<T> {
  private items: T[] = [];
  private waiters: Array<(item: T) => void> = [];
  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }
  next(timeoutMs: number, what: string): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== onItem);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const onItem = (value: T) => {
        clearTimeout(timer);
        resolve(value);
      };
      this.waiters.push(onItem);
    });
  }
}

/**
 * A WebSocket conversation with an app, driven from a test.
 *
 * @example
 * const ws: WebSocketSession = websocketSession(app, { path: '/ws/chat/lobby/' });
 * await ws.connect(); ws.disconnect(1000); await ws.finished;
 */
export interface WebSocketSession {
  /** Sends `websocket.connect` and returns the app's answer: accept, close or a denial response. */
  connect(): Promise<SendEvent>;
  sendText(text: string): void;
  sendBytes(bytes: Uint8Array): void;
  /** The next event the app sends after the handshake. */
  receive(timeoutMs?: number): Promise<SendEvent>;
  /** Tells the app the client went away. */
  disconnect(code?: number): void;
  /** Resolves when the app returns; rejects with its error or a protocol violation. */
  finished: Promise<void>;
}

/**
 * Drives a websocket session with `app`.
 *
 * @example
 * const ws = websocketSession(app, { path: '/ws/echo' });
 * expect((await ws.connect()).type).toBe('websocket.accept');
 * ws.sendText('hi');
 * expect(await ws.receive()).toEqual({ type: 'websocket.send', text: 'hi' });
 */
export function websocketSession(app: AsgiApplication, init: RequestInit & { subprotocols?: string[] } = {}): WebSocketSession {
  const scope = createWebSocketScope(init);
  const check = createSendValidator(scope);
  const inbox = new Channel<ReceiveEvent>();
  const outbox = new Channel<SendEvent>();
  const send = async (event: SendEvent) => {
    check(event);
    outbox.push(event);
  };
  const finished = app(scope, () => inbox.next(2 ** 31 - 1, 'a client event'), send);
  finished.catch(() => undefined);
  return {
    async connect() {
      inbox.push({ type: 'websocket.connect' });
      return outbox.next(5000, 'the answer to websocket.connect');
    },
    sendText: (text) => inbox.push({ type: 'websocket.receive', text }),
    sendBytes: (bytes) => inbox.push({ type: 'websocket.receive', bytes }),
    receive: (timeoutMs = 5000) => outbox.next(timeoutMs, 'a websocket event from the app'),
    disconnect: (code = 1000) => inbox.push({ type: 'websocket.disconnect', code }),
    finished,
  };
}

/**
 * Controls an app's lifespan from a test.
 *
 * @example
 * const life: LifespanRun = runLifespan(app);
 * await life.startup(); await life.shutdown();
 */
export interface LifespanRun {
  /** Sends startup; resolves on `.complete`, rejects with the app's message on `.failed`. */
  startup(): Promise<void>;
  /** Sends shutdown; resolves on `.complete`, rejects with the app's message on `.failed`. */
  shutdown(): Promise<void>;
  /** The state the app filled during startup (copied into request scopes by servers). */
  state: LifespanState;
}

/**
 * Runs the lifespan protocol against `app`.
 *
 * @example
 * const life = runLifespan(app);
 * await life.startup();
 * expect(life.state.db).toBeDefined();
 * await life.shutdown();
 */
export function runLifespan(app: AsgiApplication): LifespanRun {
  const state: LifespanState = {};
  const scope = { type: 'lifespan' as const, asgi: { version: '3.0' as const, spec_version: SPEC_VERSIONS.lifespan }, state };
  const check = createSendValidator(scope);
  const inbox = new Channel<ReceiveEvent>();
  const outbox = new Channel<SendEvent>();
  const returned = app(
    scope,
    () => inbox.next(2 ** 31 - 1, 'a lifespan event'),
    async (event) => {
      check(event);
      outbox.push(event);
    },
  );
  // An app that returns (or throws) instead of answering must not leave the test waiting.
  const ended = returned.then(
    () => ({ type: 'returned' as const }),
    (error: unknown) => ({ type: 'threw' as const, error }),
  );
  async function step(event: ReceiveEvent, expected: string): Promise<void> {
    inbox.push(event);
    const answer = await Promise.race([outbox.next(2 ** 31 - 1, expected), ended]);
    if (answer.type === 'returned') throw new Error(`the application returned without sending ${expected}`);
    if (answer.type === 'threw') throw answer.error;
    if (answer.type === expected) return;
    throw new Error((answer as { message?: string }).message || `lifespan answered ${answer.type}`);
  }
  return {
    startup: () => step({ type: 'lifespan.startup' }, 'lifespan.startup.complete'),
    shutdown: () => step({ type: 'lifespan.shutdown' }, 'lifespan.shutdown.complete'),
    state,
  };
}
