import { encodeHeaders, encodeText } from './bytes.js';
import type { HttpScope, LifespanState, WebSocketScope } from './protocol.js';
import { SPEC_VERSIONS } from './protocol.js';

/**
 * What a test (or a bridge) says about the request it wants to make.
 *
 * @example
 * createHttpScope({ method: 'POST', path: '/login/?next=/', headers: { cookie: 'csrftoken=abc' }, scheme: 'https' });
 */
export interface RequestInit {
  method?: string;
  /** Path with an optional query string: `/blog/?page=2`. */
  path?: string;
  headers?: Record<string, string> | Array<[string, string]>;
  scheme?: 'http' | 'https';
  client?: [string, number];
  server?: [string, number];
  rootPath?: string;
  state?: LifespanState;
}

function splitPath(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

function withHost(init: RequestInit): Array<[string, string]> {
  const entries = init.headers === undefined ? [] : Array.isArray(init.headers) ? [...init.headers] : Object.entries(init.headers);
  if (!entries.some(([name]) => name.toLowerCase() === 'host')) entries.unshift(['host', 'testserver']);
  return entries;
}

/**
 * Builds an http scope the way a server would: percent-decoded `path`, raw bytes kept.
 *
 * @example
 * const scope = createHttpScope({ method: 'POST', path: '/blog/?page=2' });
 */
export function createHttpScope(init: RequestInit = {}): HttpScope {
  const { path, query } = splitPath(init.path ?? '/');
  return {
    type: 'http',
    asgi: { version: '3.0', spec_version: SPEC_VERSIONS.http },
    http_version: '1.1',
    method: (init.method ?? 'GET').toUpperCase(),
    scheme: init.scheme ?? 'http',
    path: safeDecodePath(path),
    raw_path: encodeText(path),
    query_string: encodeText(query),
    root_path: init.rootPath ?? '',
    headers: encodeHeaders(withHost(init)),
    client: init.client ?? ['127.0.0.1', 50000],
    server: init.server ?? ['testserver', 80],
    ...(init.state ? { state: { ...init.state } } : {}),
  };
}

/**
 * Builds a websocket scope for `path` with the requested subprotocols.
 *
 * @example
 * const scope = createWebSocketScope({ path: '/ws/chat/lobby/', subprotocols: ['chat'] });
 */
export function createWebSocketScope(init: RequestInit & { subprotocols?: string[] } = {}): WebSocketScope {
  const http = createHttpScope(init);
  const { method: _method, scheme, type: _type, ...rest } = http;
  return { ...rest, type: 'websocket', scheme: scheme === 'https' ? 'wss' : 'ws', subprotocols: init.subprotocols ?? [] };
}

/**
 * Decodes %XX escapes in a path; a malformed escape is kept as written rather than thrown.
 *
 * @example
 * safeDecodePath('/caf%C3%A9/'); // '/café/'
 * safeDecodePath('/100%/'); // '/100%/' (kept as written)
 */
export function safeDecodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}
