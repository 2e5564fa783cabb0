/**
 * Where the server reports startup lines and errors.
 *
 * @example
 * const logger: ServerLogger = { info: (message) => pino.info(message), error: (message, error) => pino.error({ err: error }, message) };
 * await serve(app, { logger });
 */
export interface ServerLogger {
  info(message: string): void;
  /** `error` is the thrown value, when there is one; its stack goes to the log, never to a client. */
  error(message: string, error?: unknown): void;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * A logger writing to the process's stderr.
 *
 * @example
 * serve(app, { logger: createStderrLogger() });
 */
export function createStderrLogger(stream: { write(text: string): unknown } = process.stderr): ServerLogger {
  return {
    info: (message) => void stream.write(`${message}\n`),
    error: (message, error) => void stream.write(error === undefined ? `${message}\n` : `${message}\n${describe(error)}\n`),
  };
}
