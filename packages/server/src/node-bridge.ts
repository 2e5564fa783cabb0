/**
 * Bridges between gateway applications and Node's `(req, res)` handlers, so existing Node code
 * (node:http servers, Express, connect) and Manouche apps mount inside each other.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { AsgiApplication, Headers, HttpScope, LifespanState } from '@manouche/asgi';
import { createDuplexPair } from './duplex-pair.js';
import { HttpExchange, type HttpContext } from './http-exchange.js';
import { latin1 } from './header-bytes.js';
import { createStderrLogger, type ServerLogger } from './logger.js';
import { DEFAULT_LIMITS } from './options.js';

/**
 * A Node request handler; connect/Express style handlers also take `next`.
 *
 * @example
 * const legacy: NodeHandler = (req, res, next) => (req.url === '/health' ? res.end('ok') : next?.());
 * const app = fromNodeHandler(legacy);
 */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => unknown;

/**
 * Options of {@link toNodeHandler}.
 *
 * @example
 * http.createServer(toNodeHandler(app, { maxBodySize: 10 * 1024 * 1024, logger: createStderrLogger() })).listen(3000);
 */
export interface ToNodeHandlerOptions {
  logger?: ServerLogger;
  /** Largest request body in bytes (413 beyond). Default 100 MiB. */
  maxBodySize?: number;
  /** Lifespan state to copy into each request scope (lifespan itself is the host server's business). */
  state?: LifespanState;
}

/**
 * Mounts a gateway application in any node:http (or node:http2 compat) server, or as Express middleware.
 *
 * @example
 * http.createServer(toNodeHandler(app)).listen(3000);
 * expressApp.use('/manouche', toNodeHandler(app));
 */
export function toNodeHandler(
  app: AsgiApplication,
  options: ToNodeHandlerOptions = {},
): (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => void {
  const context: HttpContext = {
    app,
    logger: options.logger ?? createStderrLogger(),
    accessLog: null,
    maxBodySize: options.maxBodySize ?? DEFAULT_LIMITS.maxBodySize,
    // Timeouts and data rates are the host server's policy, as lifespan is.
    bodyRate: { minBytesPerSecond: 0, gracePeriodMs: 0 },
    state: options.state ?? null,
    server: null,
    draining: false,
  };
  return (req, res) => {
    if (context.server === null && req.socket?.localAddress) context.server = [req.socket.localAddress, req.socket.localPort ?? null];
    new HttpExchange(req, res, req.httpVersionMajor === 2, context).run();
  };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

function headersForNode(headers: Headers): string[] {
  const flat: string[] = [];
  for (const [name, value] of headers) {
    const key = latin1(name);
    if (HOP_BY_HOP.has(key.toLowerCase())) continue;
    flat.push(key, latin1(value));
  }
  return flat;
}

function responseHeaders(raw: string[]): Headers {
  const headers: Headers = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name)) continue;
    headers.push([Buffer.from(name, 'latin1'), Buffer.from(raw[i + 1]!, 'latin1')]);
  }
  return headers;
}

/**
 * Serves a Node `(req, res[, next])` handler — an Express or connect app, or a plain node:http
 * handler — as a gateway application. The handler sees real `IncomingMessage`/`ServerResponse`
 * objects over an in-memory connection; `next(error)` answers 500 (the error is logged),
 * `next()` answers 404.
 *
 * @example
 * const app = fromNodeHandler((req, res) => res.end('hello from node'));
 * await serve(app, { port: 8000 });
 */
export function fromNodeHandler(handler: NodeHandler, options: { logger?: ServerLogger } = {}): AsgiApplication {
  const logger = options.logger ?? createStderrLogger();
  const inner = http.createServer((req, res) => {
    const describe = `${req.method} ${req.url}`;
    const next = (error?: unknown) => {
      if (res.headersSent) {
        if (error !== undefined) logger.error(`Exception in the Node handler for ${describe}`, error);
        res.destroy();
        return;
      }
      const status = error === undefined ? 404 : 500;
      if (error !== undefined) logger.error(`Exception in the Node handler for ${describe}`, error);
      const body = status === 404 ? `Cannot ${req.method} ${req.url}` : 'Internal Server Error';
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    try {
      const result = handler(req, res, next);
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(undefined, next);
    } catch (error) {
      next(error);
    }
  });

  return async (scope, receive, send) => {
    if (scope.type === 'lifespan') {
      // Node handlers have no lifespan: acknowledge both phases.
      await receive();
      await send({ type: 'lifespan.startup.complete' });
      await receive();
      await send({ type: 'lifespan.shutdown.complete' });
      return;
    }
    if (scope.type !== 'http') {
      await send({ type: 'websocket.close', code: 1000 });
      return;
    }
    await forward(inner, scope, receive, send);
  };
}

async function forward(inner: http.Server, scope: HttpScope, receive: Parameters<AsgiApplication>[1], send: Parameters<AsgiApplication>[2]): Promise<void> {
  const [clientEnd, serverEnd] = createDuplexPair();
  serverEnd.remoteAddress = scope.client?.[0];
  serverEnd.remotePort = scope.client?.[1] ?? undefined;
  serverEnd.encrypted = scope.scheme === 'https' ? true : undefined;
  inner.emit('connection', serverEnd);
  const query = scope.query_string.length > 0 ? `?${latin1(scope.query_string)}` : '';
  const path = scope.raw_path.length > 0 ? latin1(scope.raw_path) : scope.path;
  const request = http.request({
    method: scope.method,
    path: `${path}${query}`,
    headers: headersForNode(scope.headers),
    createConnection: () => clientEnd as unknown as import('node:net').Socket,
    setHost: false,
  });

  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  const disconnected = { value: false };
  const pump = (async () => {
    for (;;) {
      const event = await receive();
      if (event.type !== 'http.request') {
        disconnected.value = true;
        request.destroy();
        return;
      }
      if (event.body.length > 0 && !request.write(event.body)) await new Promise((resolve) => request.once('drain', resolve));
      if (!event.more_body) {
        request.end();
        return;
      }
    }
  })();
  pump.catch(() => request.destroy());

  let res: IncomingMessage;
  try {
    res = await response;
  } catch (error) {
    if (disconnected.value) return;
    throw error;
  }
  await send({ type: 'http.response.start', status: res.statusCode ?? 500, headers: responseHeaders(res.rawHeaders) });
  for await (const chunk of res as AsyncIterable<Buffer>) {
    await send({ type: 'http.response.body', body: chunk, more_body: true });
  }
  await send({ type: 'http.response.body', body: new Uint8Array(0), more_body: false });
}
