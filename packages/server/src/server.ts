/**
 * `serve()`: runs lifespan startup, binds the port, serves HTTP/1.1, HTTP/2 and WebSocket,
 * and shuts down gracefully.
 */
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { AsgiApplication } from '@manouche/asgi';
import { ListenError } from './errors.js';
import type { HttpContext, HttpExchange } from './http-exchange.js';
import { InFlightList } from './in-flight.js';
import { LifespanRunner } from './lifespan.js';
import { createListener } from './listener.js';
import { resolveOptions, type ResolvedOptions, type ServeOptions } from './options.js';
import { WebSocketHub } from './websocket.js';
import { isClusterWorker, runWorker, startPrimary } from './workers.js';

/**
 * A running server.
 *
 * @example
 * const server: Server = await serve(app, { port: 0, handleSignals: false });
 * await fetch(new URL('/blog/', server.url));
 * await server.close({ deadlineMs: 5000 });
 */
export interface Server {
  /** The bound address (the real port when 0 was asked). */
  readonly address: { host: string; port: number };
  /** `http://127.0.0.1:8000/` (https when TLS is on; IPv6 hosts in brackets). */
  readonly url: string;
  /** Resolves once the server has shut down, however it was asked to. */
  readonly closed: Promise<void>;
  /**
   * Stops accepting, lets in-flight requests finish for up to `deadlineMs` (default 10 s),
   * closes idle keep-alive connections and WebSockets (1001), then runs lifespan shutdown.
   */
  close(options?: { deadlineMs?: number }): Promise<void>;
}

/** @internal Formats the URL of a bound address. */
export function formatUrl(host: string, port: number, secure: boolean): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${secure ? 'https' : 'http'}://${shown}:${port}/`;
}

/**
 * Serves a gateway application until `close()` (or SIGINT/SIGTERM).
 *
 * @example
 * const server = await serve(app, { port: 8000 });
 * console.log(server.url); // http://127.0.0.1:8000/
 * await server.close();
 */
export async function serve(app: AsgiApplication, options: ServeOptions = {}): Promise<Server> {
  const resolved = resolveOptions(app, options);
  if (isClusterWorker()) return runWorker(() => startSingle(app, { ...resolved, handleSignals: false, announce: false }));
  if (resolved.workers > 1 && cluster.isPrimary) return startPrimary(resolved);
  return startSingle(app, resolved);
}

async function startSingle(app: AsgiApplication, options: ResolvedOptions): Promise<Server> {
  const { logger } = options;
  const lifespan = new LifespanRunner(app, options.lifespan, logger);
  await lifespan.startup();

  const inFlight = new InFlightList<HttpExchange>();
  const context: HttpContext = {
    app,
    logger,
    accessLog: options.accessLog,
    maxBodySize: options.limits.maxBodySize,
    bodyRate: { minBytesPerSecond: options.limits.minBodyRate, gracePeriodMs: options.limits.minBodyRateGracePeriod },
    state: lifespan.state,
    server: null,
    draining: false,
    onStart: (exchange) => inFlight.add(exchange),
    onEnd: (exchange) => inFlight.delete(exchange),
  };
  const hub = new WebSocketHub(context, options.limits.wsMaxPayload, options.limits.wsPingInterval);
  const listener = createListener(options, context, hub);

  try {
    await new Promise<void>((resolve, reject) => {
      listener.bound.once('error', reject);
      listener.bound.listen(options.port, options.host, () => {
        listener.bound.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await lifespan.shutdown().catch((shutdownError: unknown) => logger.error('Lifespan shutdown failed', shutdownError));
    throw new ListenError(options.host, options.port, error as Error);
  }
  listener.bound.on('error', (error) => logger.error('Server error', error));
  const info = listener.bound.address() as AddressInfo;
  const address = { host: info.address, port: info.port };
  context.server = [address.host, address.port];
  const url = formatUrl(address.host, address.port, Boolean(options.http2 && options.http2.tls));

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | undefined;

  async function shutdown(deadlineMs: number): Promise<void> {
    context.draining = true;
    listener.stopAccepting();
    const deadline = Date.now() + deadlineMs;
    const sockets = hub.closeAll(1001, 'Server shutting down', deadlineMs);
    while (Date.now() < deadline && inFlight.snapshot().some((exchange) => !exchange.finished)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const exchange of inFlight.snapshot()) if (!exchange.finished) exchange.abort();
    await sockets;
    listener.closeIdle();
    // Give responses that just ended a moment to flush before cutting what is left.
    const flushUntil = Date.now() + Math.min(200, Math.max(0, deadline - Date.now()));
    while (listener.openConnections > 0 && Date.now() < flushUntil) await new Promise((resolve) => setTimeout(resolve, 10));
    listener.destroyAll();
    try {
      await lifespan.shutdown();
    } finally {
      removeSignalHandlers();
      resolveClosed();
    }
  }

  const server: Server = {
    address,
    url,
    closed,
    close({ deadlineMs = options.shutdownDeadlineMs } = {}) {
      closing ??= shutdown(deadlineMs);
      return closing;
    },
  };

  let signalCount = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signalCount += 1;
    if (signalCount > 1) process.exit(130);
    logger.info(`Received ${signal}, shutting down gracefully`);
    // No process.exit(): code awaiting `closed` (closing databases, flushing logs) gets to finish, and
    // the process ends when nothing is left; a second signal forces the exit.
    server.close().catch((error: unknown) => {
      logger.error('Shutdown failed', error);
      process.exitCode = 1;
    });
  };
  const removeSignalHandlers = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  if (options.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  if (options.announce) logger.info(`Listening on ${url}`);
  return server;
}
