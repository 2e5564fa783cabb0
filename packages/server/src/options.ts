import type { AsgiApplication } from '@manouche/asgi';
import { ServerOptionError } from './errors.js';
import { createStderrLogger, type ServerLogger } from './logger.js';
import type { AccessLogWriter } from './access-log.js';

/**
 * Limits applied to every connection; each has a safe default.
 *
 * @example
 * await serve(app, { limits: { maxBodySize: 20 * 1024 * 1024, maxConnections: 5000, minBodyRate: 500 } });
 * // or the setting SERVER_LIMITS: { maxConnections: 5000 }, read by limitsFromSettings
 */
export interface ServerLimits {
  /**
   * Largest request head (request line + headers) in bytes; larger gets 431. The same limit applies to
   * HTTP/1.1 and HTTP/2 (where the head is measured as its HTTP/1.1 form and answered 431 on its stream). Default 16 KiB.
   */
  maxHeaderSize: number;
  /** Largest request body in bytes; larger gets 413 and never reaches the app whole. Default 100 MiB. */
  maxBodySize: number;
  /**
   * Milliseconds a client may take to send the request head; a slowloris is cut off with 408, and a connection
   * that sends nothing at all in this time is closed. Default 10 s.
   */
  headersTimeout: number;
  /** Milliseconds an idle keep-alive connection stays open. Default 5 s. */
  keepAliveTimeout: number;
  /** Milliseconds a client may take to send the whole request (head and body). Default 300 s. */
  requestTimeout: number;
  /**
   * Slowest request body accepted, in bytes per second, averaged over the time the app waits for it (time the
   * app is busy elsewhere does not count); slower gets 408 and the connection closed. 0 disables. Default 240.
   */
  minBodyRate: number;
  /** Milliseconds of waiting for a body before `minBodyRate` is enforced. Default 5 s. */
  minBodyRateGracePeriod: number;
  /** Open connections per process; beyond it new connections are closed at once. 0 means no limit. Default 10,000. */
  maxConnections: number;
  /** Largest WebSocket message in bytes; larger closes the connection with 1009. Default 16 MiB. */
  wsMaxPayload: number;
  /** Milliseconds between WebSocket pings; a peer that misses one pong is dropped. 0 disables. Default 20 s. */
  wsPingInterval: number;
}

/**
 * TLS material for HTTP/2 (ALPN `h2`, falling back to `http/1.1`).
 *
 * @example
 * const tls: TlsOptions = { key: readFileSync('/etc/ssl/private/site.key'), cert: readFileSync('/etc/ssl/certs/site.pem') };
 * await serve(app, { port: 443, host: '0.0.0.0', http2: { tls } });
 */
export interface TlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
}

/**
 * What `serve()` accepts.
 *
 * @example
 * const options: ServeOptions = { host: '0.0.0.0', port: 8000, workers: 4, accessLog: false, shutdownDeadlineMs: 30_000 };
 * const server = await serve(app, options);
 */
export interface ServeOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port to bind; `0` picks a free one (tests). Default 8000. */
  port?: number;
  /**
   * Enables HTTP/2: with `tls`, over TLS with ALPN (HTTP/1.1 clients still work); without, cleartext
   * prior-knowledge HTTP/2 beside HTTP/1.1 on the same port.
   */
  http2?: boolean | { tls?: TlsOptions };
  /** Number of worker processes (node:cluster) sharing the port. Default 1 (no cluster). */
  workers?: number;
  limits?: Partial<ServerLimits>;
  /** `true` (default) writes access lines to stdout; a writer receives them; `false` turns it off. */
  accessLog?: boolean | AccessLogWriter;
  /** Where errors and startup messages go. Default: stderr. */
  logger?: ServerLogger;
  /** Lifespan protocol: `auto` (default) tolerates apps without it, `on` requires it, `off` skips it. */
  lifespan?: 'auto' | 'on' | 'off';
  /** Log `Listening on <url>` once bound. Default true. */
  announce?: boolean;
  /** Shut down gracefully on SIGINT/SIGTERM (a second signal exits at once). Default true. */
  handleSignals?: boolean;
  /** Milliseconds in-flight requests get to finish on a signal-triggered shutdown. Default 10 s. */
  shutdownDeadlineMs?: number;
}

/** @internal The options with every default applied. */
export interface ResolvedOptions {
  host: string;
  port: number;
  http2: false | { tls?: TlsOptions };
  workers: number;
  limits: ServerLimits;
  accessLog: AccessLogWriter | null;
  logger: ServerLogger;
  lifespan: 'auto' | 'on' | 'off';
  announce: boolean;
  handleSignals: boolean;
  shutdownDeadlineMs: number;
}

/** Limits where 0 turns the limit off. */
const ZERO_DISABLES = new Set<keyof ServerLimits>(['wsPingInterval', 'minBodyRate', 'maxConnections']);

/**
 * The limits `serve()` applies when none are given (public: runserver shows them).
 *
 * @example
 * serve(app, { port: 8000, limits: { ...DEFAULT_LIMITS, maxConnections: 5000 } });
 */
export const DEFAULT_LIMITS: ServerLimits = {
  maxHeaderSize: 16 * 1024,
  maxBodySize: 100 * 1024 * 1024,
  headersTimeout: 10_000,
  keepAliveTimeout: 5_000,
  requestTimeout: 300_000,
  minBodyRate: 240,
  minBodyRateGracePeriod: 5_000,
  maxConnections: 10_000,
  wsMaxPayload: 16 * 1024 * 1024,
  wsPingInterval: 20_000,
};

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ServerOptionError(name, `an integer >= ${min}`, value);
  }
  return value;
}

/** Checks each given limit's name and value; `where` prefixes the names in errors (`limits`, `settings.SERVER_LIMITS`). */
function checkLimits(given: object, where: string): Partial<ServerLimits> {
  const checked: Partial<ServerLimits> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!(key in DEFAULT_LIMITS)) throw new ServerOptionError(`${where}.${key}`, `one of ${Object.keys(DEFAULT_LIMITS).join(', ')}`, key);
    if (value === undefined) continue;
    checked[key as keyof ServerLimits] = checkInteger(`${where}.${key}`, value, ZERO_DISABLES.has(key as keyof ServerLimits) ? 0 : 1);
  }
  return checked;
}

/**
 * The limits a project sets in its SERVER_LIMITS setting (`{ maxConnections: 5000, minBodyRate: 500 }`), checked;
 * `runserver` and the server `manouche build` writes both pass them to `serve()`, so they enforce the same limits.
 *
 * @example
 * await serve(await project.application(), { limits: limitsFromSettings(project.settings) });
 */
export function limitsFromSettings(settings: { readonly [name: string]: unknown } | undefined): Partial<ServerLimits> {
  const value = settings?.SERVER_LIMITS;
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ServerOptionError('settings.SERVER_LIMITS', 'an object such as { maxConnections: 5000 }', value);
  return checkLimits(value, 'settings.SERVER_LIMITS');
}

/** @internal Validates `options` and fills in the defaults. */
export function resolveOptions(app: AsgiApplication, options: ServeOptions): ResolvedOptions {
  if (typeof app !== 'function') throw new ServerOptionError('app', 'an ASGI application function', typeof app);
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...checkLimits(options.limits ?? {}, 'limits') };
  const lifespan = options.lifespan ?? 'auto';
  if (!['auto', 'on', 'off'].includes(lifespan)) throw new ServerOptionError('lifespan', '"auto", "on" or "off"', lifespan);
  const http2 = options.http2 === true ? {} : options.http2 ? options.http2 : false;
  if (http2 && http2.tls && (!http2.tls.key || !http2.tls.cert)) throw new ServerOptionError('http2.tls', 'both "key" and "cert"', Object.keys(http2.tls));
  const accessLog = options.accessLog === false ? null : options.accessLog === true || options.accessLog === undefined ? process.stdout : options.accessLog;
  return {
    host: options.host ?? '127.0.0.1',
    port: checkInteger('port', options.port ?? 8000, 0),
    http2,
    workers: checkInteger('workers', options.workers ?? 1, 1),
    limits,
    accessLog,
    logger: options.logger ?? createStderrLogger(),
    lifespan,
    announce: options.announce ?? true,
    handleSignals: options.handleSignals ?? true,
    shutdownDeadlineMs: checkInteger('shutdownDeadlineMs', options.shutdownDeadlineMs ?? 10_000, 0),
  };
}
