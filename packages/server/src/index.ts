/** Serves a gateway application: HTTP/1.1, HTTP/2, WebSocket, lifespan, workers, graceful shutdown. */
export { serve, type Server } from './server.js';
/** Options of `serve()`, its limits and TLS material. */
export type { ServeOptions, ServerLimits, TlsOptions } from './options.js';
/** The limits `serve()` applies when none are given, and the SERVER_LIMITS setting read as limits. */
export { DEFAULT_LIMITS, limitsFromSettings } from './options.js';
/** Where the server reports; the default writes to stderr. */
export { createStderrLogger, type ServerLogger } from './logger.js';
/** Receives access-log lines. */
export type { AccessLogWriter } from './access-log.js';
/** Bridges to and from Node `(req, res)` handlers (node:http, Express, connect). */
export { toNodeHandler, fromNodeHandler, type NodeHandler, type ToNodeHandlerOptions } from './node-bridge.js';
/** The `runserver [addrport]` management command. */
export { runserverCommand } from './runserver.js';
/** Parses `8000`, `0.0.0.0:8000`, `[::1]:8000`. */
export { parseAddrport, type BindAddress } from './addrport.js';
/** Errors raised by the server, each with a stable `code`. */
export {
  ServerError,
  LifespanStartupError,
  LifespanShutdownError,
  ServerOptionError,
  ListenError,
  ApplicationResponseError,
  ClientDisconnectedError,
  AddressError,
} from './errors.js';
