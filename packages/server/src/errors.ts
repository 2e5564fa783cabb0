/**
 * Base class of every error this package raises; `code` is stable across releases.
 *
 * @example
 * try { await serve(app, { port: 80 }); } catch (error) { if (error instanceof ServerError) console.error(error.code, error.message); }
 */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/**
 * The application answered `lifespan.startup.failed` (or threw during startup with lifespan "on").
 *
 * @example
 * await serve(app, { lifespan: 'on' }); // LifespanStartupError: Lifespan startup failed: <the app's reason>
 */
export class LifespanStartupError extends ServerError {
  constructor(
    /** The application's own message. */
    readonly reason: string,
  ) {
    super(`Lifespan startup failed: ${reason}`, 'MANOUCHE_SERVER_LIFESPAN_STARTUP');
    this.name = 'LifespanStartupError';
  }
}

/**
 * The application answered `lifespan.shutdown.failed` or threw during shutdown.
 *
 * @example
 * await server.close(); // LifespanShutdownError when an onShutdown hook throws
 */
export class LifespanShutdownError extends ServerError {
  constructor(message: string) {
    super(`Lifespan shutdown failed: ${message}`, 'MANOUCHE_SERVER_LIFESPAN_SHUTDOWN');
    this.name = 'LifespanShutdownError';
  }
}

/**
 * An option given to `serve()` has the wrong type or range.
 *
 * @example
 * await serve(app, { port: -1 }); // ServerOptionError: Invalid server option "port": expected an integer >= 0, got -1
 */
export class ServerOptionError extends ServerError {
  constructor(option: string, expected: string, got: unknown) {
    super(`Invalid server option "${option}": expected ${expected}, got ${JSON.stringify(got)}`, 'MANOUCHE_SERVER_OPTION');
    this.name = 'ServerOptionError';
  }
}

/**
 * The server could not bind its address (port in use, permission denied, bad host).
 *
 * @example
 * await serve(app, { port: 8000 }); // ListenError: Cannot listen on 127.0.0.1:8000: listen EADDRINUSE … when the port is taken
 */
export class ListenError extends ServerError {
  constructor(host: string, port: number, cause: Error) {
    super(`Cannot listen on ${host}:${port}: ${cause.message}`, 'MANOUCHE_SERVER_LISTEN');
    this.name = 'ListenError';
    this.cause = cause;
  }
}

/**
 * An application returned (or threw) without completing its response; logged, never sent to the client.
 *
 * @example
 * const app: AsgiApplication = async () => {}; // returns without sending a response
 * // the client gets a 500 and the log an ApplicationResponseError naming the request
 */
export class ApplicationResponseError extends ServerError {
  constructor(message: string) {
    super(message, 'MANOUCHE_SERVER_NO_RESPONSE');
    this.name = 'ApplicationResponseError';
  }
}

/**
 * `runserver` was given an address it cannot parse.
 *
 * @example
 * parseAddrport('localhost:http'); // AddressError: "localhost:http" is not a valid port number or address:port pair …
 */
export class AddressError extends ServerError {
  constructor(value: string) {
    super(`"${value}" is not a valid port number or address:port pair (expected 8000, 0.0.0.0:8000 or [::1]:8000).`, 'MANOUCHE_SERVER_ADDRESS');
    this.name = 'AddressError';
  }
}

/**
 * `send()` was called after the client went away; stop producing the response.
 *
 * @example
 * // in a streaming app: stop producing once the client has gone
 * try { await send({ type: 'http.response.body', body: chunk, more_body: true }); } catch (error) { if (error instanceof ClientDisconnectedError) return; throw error; }
 */
export class ClientDisconnectedError extends ServerError {
  constructor(method: string, path: string) {
    super(`The client of ${method} ${path} disconnected before the response was complete`, 'MANOUCHE_SERVER_CLIENT_DISCONNECTED');
    this.name = 'ClientDisconnectedError';
  }
}
