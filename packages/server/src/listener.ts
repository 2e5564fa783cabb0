/**
 * The Node servers under one gateway server: node:http alone, node:http2 over TLS with ALPN
 * (HTTP/1.1 fallback), or cleartext where the first bytes pick HTTP/2 prior-knowledge or HTTP/1.1.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import net, { type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { http2HeadSize } from './header-bytes.js';
import { HttpExchange, type HttpContext } from './http-exchange.js';
import type { ResolvedOptions } from './options.js';
import { writeRawResponse, type WebSocketHub } from './websocket.js';

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
const HEAD_TOO_LARGE = Buffer.from('Request Header Fields Too Large');

/**
 * The header list size HTTP/2 clients are told (SETTINGS_MAX_HEADER_LIST_SIZE). Larger than
 * `maxHeaderSize`, so that a head over the limit reaches the server and is answered 431 on its stream
 * (as HTTP/1.1 answers 431) instead of being reset by node:http2; beyond it node:http2 resets the stream.
 */
function http2HeaderListLimit(maxHeaderSize: number): number {
  return Math.max(4 * maxHeaderSize, 256 * 1024);
}

/**
 * Closes `socket` when it has not sent a single byte within `ms`: Node's header timeout only starts at the
 * first byte, so silent connections would otherwise be held (and their file descriptors) forever.
 */
function closeIfSilent(socket: Duplex, ms: number): void {
  const counted = socket as Duplex & { bytesRead?: number };
  const before = counted.bytesRead ?? 0;
  const timer = setTimeout(() => {
    if ((counted.bytesRead ?? 0) === before) socket.destroy();
  }, ms);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** Answers an HTTP/2 request whose head is over the limit with 431 on its own stream; the session lives on. */
function rejectHeadTooLarge(res: Http2ServerResponse): void {
  res.writeHead(431, { 'content-type': 'text/plain; charset=utf-8', 'content-length': HEAD_TOO_LARGE.length });
  res.end(HEAD_TOO_LARGE);
}

/** @internal What the gateway server needs from its transports. */
export interface Listener {
  /** The server that binds the port. */
  readonly bound: net.Server;
  /** Stops accepting and asks idle connections to close. */
  stopAccepting(): void;
  /** Closes every connection, busy or not. */
  destroyAll(): void;
  /** Closes keep-alive connections that have no request in flight. */
  closeIdle(): void;
  /** Open connections of any kind. */
  readonly openConnections: number;
}

/** @internal Builds the transports for `options`, routing requests into `context`. */
export function createListener(options: ResolvedOptions, context: HttpContext, hub: WebSocketHub): Listener {
  const { limits } = options;
  const sockets = new Set<Duplex>();
  const sessions = new Set<Http2Session>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    closeIfSilent(socket, limits.headersTimeout);
  };

  const onRequest = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const isHttp2 = req.httpVersionMajor === 2;
    // node:http enforces maxHeaderSize itself (431); HTTP/2 heads are measured here, in their HTTP/1.1 form.
    if (isHttp2 && http2HeadSize(req.rawHeaders) > limits.maxHeaderSize) rejectHeadTooLarge(res as Http2ServerResponse);
    else new HttpExchange(req, res, isHttp2, context).run();
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (context.draining) writeRawResponse(socket, 503);
    else hub.handleUpgrade(req, socket, head);
  };
  const httpOptions: http.ServerOptions = {
    maxHeaderSize: limits.maxHeaderSize,
    headersTimeout: limits.headersTimeout,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeout / 4))),
  };
  const trackSessions = (server: http2.Http2Server | http2.Http2SecureServer) => {
    server.on('session', (session: Http2Session) => {
      sessions.add(session);
      session.once('close', () => sessions.delete(session));
    });
    server.setTimeout(limits.requestTimeout);
  };
  const http2Settings = { maxHeaderListSize: http2HeaderListLimit(limits.maxHeaderSize) };

  let bound: net.Server;
  let httpServer: http.Server | undefined;
  if (options.http2 && options.http2.tls) {
    const secure = http2.createSecureServer(
      // A client that never completes the TLS handshake is cut off like one that never sends its head.
      { ...options.http2.tls, allowHTTP1: true, settings: http2Settings, maxSessionMemory: 32, handshakeTimeout: limits.headersTimeout },
      onRequest as (req: Http2ServerRequest, res: Http2ServerResponse) => void,
    );
    // node:http2 hard-codes the HTTP/1.1-fallback limits (and checks them every 30 s); apply ours.
    Object.assign(secure, { headersTimeout: limits.headersTimeout, requestTimeout: limits.requestTimeout, maxHeaderSize: limits.maxHeaderSize });
    secure.on('upgrade', onUpgrade);
    secure.on('secureConnection', track);
    trackSessions(secure);
    bound = secure;
  } else if (options.http2) {
    httpServer = http.createServer(httpOptions, onRequest);
    httpServer.on('upgrade', onUpgrade);
    const h2c = http2.createServer({ settings: http2Settings }, onRequest as (req: Http2ServerRequest, res: Http2ServerResponse) => void);
    trackSessions(h2c);
    const plain = httpServer;
    bound = net.createServer((socket: Socket) => {
      track(socket);
      // Until node:http or node:http2 owns the socket, a reset must not become an uncaught error.
      socket.on('error', () => socket.destroy());
      // A client that never sends its first bytes is cut off like a slow header.
      socket.setTimeout(limits.headersTimeout, () => socket.destroy());
      let seen: Buffer = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
        const n = Math.min(seen.length, HTTP2_PREFACE.length);
        const looksHttp2 = seen.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n));
        // "P" could start "POST" or the preface: wait for enough bytes to tell.
        if (looksHttp2 && n < 4) return;
        socket.off('data', onData);
        socket.setTimeout(0);
        socket.pause();
        socket.unshift(seen);
        // node:http2 reads the unshifted preface itself; node:http needs the stream flowing again.
        if (looksHttp2) h2c.emit('connection', socket);
        else {
          plain.emit('connection', socket);
          socket.resume();
        }
      };
      socket.on('data', onData);
    });
  } else {
    httpServer = http.createServer(httpOptions, onRequest);
    httpServer.on('upgrade', onUpgrade);
    httpServer.on('connection', track);
    bound = httpServer;
  }

  // Beyond the limit node:net closes new connections as soon as they are accepted ('drop'). Said in the log at
  // the 1st, 10th, 100th... refusal: visible to operators without a flood under attack.
  if (limits.maxConnections > 0) {
    bound.maxConnections = limits.maxConnections;
    let refused = 0;
    let nextReport = 1;
    bound.on('drop', () => {
      refused += 1;
      if (refused !== nextReport) return;
      nextReport *= 10;
      options.logger.error(`Refused a connection: maxConnections (${limits.maxConnections}) connections are open (${refused} refused so far)`);
    });
  }

  return {
    bound,
    stopAccepting() {
      bound.close();
      httpServer?.closeIdleConnections();
      for (const session of sessions) session.close();
    },
    closeIdle() {
      httpServer?.closeIdleConnections();
    },
    destroyAll() {
      httpServer?.closeAllConnections();
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
    },
    get openConnections() {
      return sockets.size + sessions.size;
    },
  };
}
