/**
 * The `runserver [addrport]` management command: serves the project's gateway application
 * for development, Django-style, with `--workers`, `--reload`, `--http2` and `--no-access-log`.
 */
import cluster from 'node:cluster';
import { CommandError, type Command, type CommandContext, type CommandIO } from '@manouche/contracts';
import { parseAddrport } from './addrport.js';
import { ServerError } from './errors.js';
import type { ServerLogger } from './logger.js';
import { isReloadChild, superviseReload } from './reloader.js';
import { limitsFromSettings } from './options.js';
import { serve, type Server } from './server.js';
import { isClusterWorker } from './workers.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function banner(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[date.getMonth()]} ${pad(date.getDate())}, ${date.getFullYear()} - ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function ioLogger(io: CommandIO): ServerLogger {
  return {
    info: (message) => void io.stderr.write(`${message}\n`),
    error: (message, error) =>
      void io.stderr.write(error === undefined ? `${message}\n` : `${message}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
  };
}

function workersOption(value: unknown): number {
  const workers = value === undefined ? 1 : Number(value);
  if (!Number.isInteger(workers) || workers < 1) throw new CommandError(`--workers must be a whole number of at least 1, got "${String(value)}".`);
  return workers;
}

/** Waits for SIGINT/SIGTERM or for the server to close on its own (a worker told to stop). */
function untilStopped(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // Later signals (the terminal's SIGINT and a supervisor's SIGTERM) must not cut the shutdown short.
      process.on('SIGINT', ignore);
      process.on('SIGTERM', ignore);
      resolve();
    };
    const ignore = () => undefined;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    void server.closed.then(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    });
  });
}

async function run(context: CommandContext): Promise<number> {
  const { args, options, io } = context;
  let address: ReturnType<typeof parseAddrport>;
  try {
    address = parseAddrport(typeof args.addrport === 'string' ? args.addrport : undefined);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  const workers = workersOption(options.workers);
  const supervising = options.reload === true && !isReloadChild() && !isClusterWorker();

  if (supervising) {
    let watchDir = context.cwd;
    try {
      const project = await context.project();
      watchDir = project.baseDir;
      await project.close();
    } catch (error) {
      io.stderr.write(`The project did not load (${(error as Error).message}); watching ${watchDir} for a fix.\n`);
    }
    io.stdout.write(`Watching for file changes under ${watchDir}\n`);
    return superviseReload(watchDir, io);
  }

  const project = await context.project();
  let server: Server;
  try {
    const app = await project.application();
    server = await serve(app, {
      host: address.host,
      port: address.port,
      workers,
      http2: options.http2 === true,
      limits: limitsFromSettings(project.settings),
      accessLog: options.noAccessLog === true || options.accessLog === false ? false : io.stdout,
      logger: ioLogger(io),
      announce: false,
      handleSignals: false,
    });
  } catch (error) {
    await project.close();
    if (error instanceof ServerError) throw new CommandError(error.message);
    throw error;
  }

  if (!isClusterWorker()) {
    io.stdout.write(
      [
        banner(new Date()),
        `Manouche, using settings '${project.settingsModule}'`,
        `Starting development server at ${server.url}${workers > 1 ? ` with ${workers} workers` : ''}`,
        'Quit the server with CONTROL-C.',
        '',
      ].join('\n'),
    );
  }
  await untilStopped(server);
  if (!isClusterWorker() && cluster.isPrimary) io.stdout.write('Shutting down.\n');
  try {
    await server.close();
  } finally {
    await project.close();
  }
  return 0;
}

/**
 * `runserver [addrport]`: starts the development server (default 127.0.0.1:8000).
 *
 * @example
 * // manouche runserver 0.0.0.0:8001 --workers 2 --reload
 * registry.register(runserverCommand);
 */
export const runserverCommand: Command = {
  name: 'runserver',
  help: 'Starts a web server for the project (HTTP/1.1, HTTP/2, WebSocket).',
  description:
    'Serves the project on ADDRPORT (default 127.0.0.1:8000; "8001", "0.0.0.0:8001" and "[::1]:8001" work). ' +
    'Stops gracefully on CONTROL-C (SIGINT) or SIGTERM.',
  args: [{ name: 'addrport', help: 'Optional port number, or ipaddr:port', optional: true }],
  options: [
    { name: 'workers', type: 'number', help: 'Number of worker processes sharing the port', default: 1 },
    { name: 'reload', type: 'boolean', help: 'Restart the server when a file in the project changes', default: false },
    { name: 'http2', type: 'boolean', help: 'Also accept cleartext HTTP/2 (prior knowledge) on the same port', default: false },
    { name: 'no-access-log', type: 'boolean', help: 'Do not print a line per request', default: false },
  ],
  run,
};
