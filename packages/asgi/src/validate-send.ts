import { ProtocolError } from './errors.js';
import type { Headers, Scope, Send, SendEvent } from './protocol.js';

type Validator = (event: SendEvent) => void;

const HTTP_TYPES = new Set(['http.response.start', 'http.response.body', 'http.response.trailers']);
const WS_TYPES = new Set(['websocket.accept', 'websocket.send', 'websocket.close', 'websocket.http.response.start', 'websocket.http.response.body']);
const LIFESPAN_TYPES = new Set(['lifespan.startup.complete', 'lifespan.startup.failed', 'lifespan.shutdown.complete', 'lifespan.shutdown.failed']);

function fail(event: { type?: unknown }, message: string, field?: string): never {
  const type = typeof event?.type === 'string' ? event.type : undefined;
  throw new ProtocolError(`${type ?? 'event'}: ${message}`, type, field);
}

function checkKnownType(event: SendEvent, allowed: Set<string>, scopeType: string): void {
  if (event === null || typeof event !== 'object') {
    throw new ProtocolError(`send() expects an event object, got ${event === null ? 'null' : typeof event}`, undefined);
  }
  if (typeof event.type !== 'string') fail(event, 'the event has no "type" field', 'type');
  if (!allowed.has(event.type)) {
    fail(event, `unknown event type for a ${scopeType} scope; expected one of ${[...allowed].join(', ')}`, 'type');
  }
}

function checkStatus(event: SendEvent & { status?: unknown }): void {
  const { status } = event;
  if (status === undefined) fail(event, 'missing required field "status"', 'status');
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    fail(event, `"status" must be an integer from 100 to 599, got ${JSON.stringify(status)}`, 'status');
  }
}

function checkHeaders(event: SendEvent & { headers?: unknown }): void {
  const headers = event.headers as Headers | undefined;
  if (headers === undefined) return;
  if (!Array.isArray(headers)) fail(event, '"headers" must be an array of [name, value] byte pairs', 'headers');
  // Checked on every response a server sends: a plain loop, no callback per event.
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i];
    if (!Array.isArray(pair) || pair.length !== 2 || !(pair[0] instanceof Uint8Array) || !(pair[1] instanceof Uint8Array)) {
      fail(event, `"headers[${i}]" must be a [Uint8Array, Uint8Array] pair`, 'headers');
    }
  }
}

function checkBody(event: SendEvent & { body?: unknown; more_body?: unknown }): void {
  if (event.body !== undefined && !(event.body instanceof Uint8Array)) {
    fail(event, `"body" must be a Uint8Array, got ${typeof event.body}`, 'body');
  }
  if (event.more_body !== undefined && typeof event.more_body !== 'boolean') {
    fail(event, '"more_body" must be a boolean', 'more_body');
  }
}

function checkMessage(event: SendEvent & { message?: unknown }): void {
  if (event.message !== undefined && typeof event.message !== 'string') fail(event, '"message" must be a string', 'message');
}

function httpValidator(): Validator {
  let phase: 'start' | 'body' | 'trailers' | 'done' = 'start';
  let trailersPromised = false;
  return (event) => {
    checkKnownType(event, HTTP_TYPES, 'http');
    if (phase === 'done') fail(event, 'the response is already complete (send after close)');
    switch (event.type) {
      case 'http.response.start':
        if (phase !== 'start') fail(event, 'the response has already started');
        checkStatus(event);
        checkHeaders(event);
        if (event.trailers !== undefined && typeof event.trailers !== 'boolean') fail(event, '"trailers" must be a boolean', 'trailers');
        trailersPromised = event.trailers === true;
        phase = 'body';
        return;
      case 'http.response.body':
        if (phase === 'start') fail(event, 'body sent before http.response.start');
        if (phase === 'trailers') fail(event, 'body sent after more_body: false', 'more_body');
        checkBody(event);
        if (!event.more_body) phase = trailersPromised ? 'trailers' : 'done';
        return;
      case 'http.response.trailers':
        if (!trailersPromised) fail(event, 'trailers sent but http.response.start did not set "trailers: true"', 'trailers');
        if (phase !== 'trailers') fail(event, 'trailers sent before the body was complete');
        checkHeaders(event);
        if (!event.more_trailers) phase = 'done';
        return;
    }
  };
}

function websocketValidator(): Validator {
  let phase: 'connecting' | 'open' | 'denial' | 'closed' = 'connecting';
  return (event) => {
    checkKnownType(event, WS_TYPES, 'websocket');
    if (phase === 'closed') {
      fail(event, event.type === 'websocket.accept' ? 'accept after close' : 'the connection is already closed (send after close)');
    }
    switch (event.type) {
      case 'websocket.accept':
        if (phase !== 'connecting') fail(event, phase === 'open' ? 'the connection was already accepted' : 'accept after a denial response started');
        if (event.subprotocol != null && typeof event.subprotocol !== 'string') fail(event, '"subprotocol" must be a string', 'subprotocol');
        checkHeaders(event);
        phase = 'open';
        return;
      case 'websocket.send': {
        if (phase !== 'open') fail(event, 'send before websocket.accept');
        const hasBytes = event.bytes != null;
        const hasText = event.text != null;
        if (hasBytes === hasText) fail(event, 'exactly one of "bytes" or "text" must be set', hasBytes ? 'bytes' : 'text');
        if (hasBytes && !(event.bytes instanceof Uint8Array)) fail(event, '"bytes" must be a Uint8Array', 'bytes');
        if (hasText && typeof event.text !== 'string') fail(event, '"text" must be a string', 'text');
        return;
      }
      case 'websocket.close':
        if (phase === 'denial') fail(event, 'close during a denial response; finish it with websocket.http.response.body');
        if (event.code !== undefined && (!Number.isInteger(event.code) || event.code < 1000 || event.code > 4999)) {
          fail(event, `"code" must be an integer from 1000 to 4999, got ${JSON.stringify(event.code)}`, 'code');
        }
        if (event.reason !== undefined && typeof event.reason !== 'string') fail(event, '"reason" must be a string', 'reason');
        phase = 'closed';
        return;
      case 'websocket.http.response.start':
        if (phase !== 'connecting') fail(event, 'a denial response can only be sent before websocket.accept');
        checkStatus(event);
        checkHeaders(event);
        phase = 'denial';
        return;
      case 'websocket.http.response.body':
        if (phase !== 'denial') fail(event, 'body sent before websocket.http.response.start');
        checkBody(event);
        if (!event.more_body) phase = 'closed';
        return;
    }
  };
}

function lifespanValidator(): Validator {
  let phase: 'startup' | 'running' | 'shutdown' | 'done' = 'startup';
  return (event) => {
    checkKnownType(event, LIFESPAN_TYPES, 'lifespan');
    checkMessage(event);
    const isStartup = event.type.startsWith('lifespan.startup.');
    if (phase === 'done') fail(event, 'the lifespan is already over (send after close)');
    if (isStartup && phase !== 'startup') fail(event, 'startup was already answered');
    if (!isStartup && phase === 'startup') fail(event, 'shutdown answered before startup');
    if (isStartup) phase = event.type === 'lifespan.startup.failed' ? 'done' : 'running';
    else phase = 'done';
  };
}

/**
 * Returns a checker for the events an application sends on one connection of `scope`.
 * It keeps the connection's state, so call it for every event in order; it throws a
 * {@link ProtocolError} naming the event and the field at fault.
 *
 * @example
 * const check = createSendValidator(scope);
 * check({ type: 'http.response.start', status: 200 });
 */
export function createSendValidator(scope: Pick<Scope, 'type'>): Validator {
  switch (scope.type) {
    case 'http':
      return httpValidator();
    case 'websocket':
      return websocketValidator();
    case 'lifespan':
      return lifespanValidator();
    default:
      throw new ProtocolError(`unknown scope type ${JSON.stringify((scope as { type: unknown }).type)}`, undefined, 'type');
  }
}

/**
 * Wraps `send` so every event is validated before it reaches the server.
 *
 * @example
 * await app(scope, receive, validatedSend(scope, send));
 */
export function validatedSend(scope: Pick<Scope, 'type'>, send: Send): Send {
  const check = createSendValidator(scope);
  return (event) => {
    check(event);
    return send(event);
  };
}
