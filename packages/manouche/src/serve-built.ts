import type { AsgiApplication } from '@manouche/asgi';
import { limitsFromSettings, parseAddrport, serve } from '@manouche/server';
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { ProjectSetupError } from './errors.js';
import { installBundledModules, openProject } from './open-project.js';

/**
 * What the entry written by `manouche build` passes.
 *
 * @example
 * const options: ServeBuiltProjectOptions = { baseDir: new URL('../', import.meta.url), settingsModule: 'mysite.settings', modules, argv: ['0.0.0.0:8000', '--workers', '2'] };
 * await serveBuiltProject(options);
 */
export interface ServeBuiltProjectOptions {
  /** The project folder (templates and static files are read from it). */
  baseDir: URL | string;
  settingsModule: string;
  /** Every project module, bundled: dotted name → loader. */
  modules: Record<string, () => Promise<unknown>>;
  /**
   * Command-line words: an optional `[addr:]port` (default 127.0.0.1:8000, or HOST/PORT from the environment),
   * `--no-access-log` and `--workers N` (N processes sharing the port, as runserver's).
   */
  argv?: string[];
}

/** Splits the entry's words into the address, `--workers N` (or `--workers=N`) and flags. */
function parseServeArgv(argv: string[]): { addrport: string | undefined; workers: number; flags: Set<string> } {
  let addrport: string | undefined;
  let workers = 1;
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--workers' || word.startsWith('--workers=')) {
      const value = word === '--workers' ? argv[++i] : word.slice('--workers='.length);
      workers = Number(value);
      if (!Number.isInteger(workers) || workers < 1) throw new ProjectSetupError(`--workers must be a whole number of at least 1, got "${String(value)}".`);
    } else if (word.startsWith('--')) flags.add(word);
    else addrport ??= word;
  }
  return { addrport, workers, flags };
}

/** The application the primary of `--workers N` is given: it never serves a request itself. */
const servedByWorkers: AsgiApplication = () => Promise.reject(new ProjectSetupError('The primary of --workers serves no request: its workers do.'));

/**
 * Serves a project bundled by `manouche build`: `node dist/server.mjs 0.0.0.0:8000 [--no-access-log] [--workers N]`. Stops on
 * SIGINT/SIGTERM after in-flight requests finish, then closes the databases.
 *
 * @example
 * await serveBuiltProject({ baseDir: new URL('../', import.meta.url), settingsModule: 'mysite.settings', modules });
 */
export async function serveBuiltProject(options: ServeBuiltProjectOptions): Promise<void> {
  installBundledModules(options.modules);
  const { addrport, workers, flags } = parseServeArgv(options.argv ?? []);
  const address = parseAddrport(addrport, process.env.HOST ?? '127.0.0.1', process.env.PORT ? Number(process.env.PORT) : 8000);
  const baseDir = typeof options.baseDir === 'string' ? options.baseDir : fileURLToPath(options.baseDir);
  if (workers > 1 && cluster.isPrimary) {
    // The primary only forks and supervises the workers, which open the project themselves (a failure
    // to open it is reported from the first one): it is not loaded, nor its databases opened, N + 1 times.
    const supervisor = await serve(servedByWorkers, { host: address.host, port: address.port, workers });
    await supervisor.closed;
    return;
  }
  const project = await openProject({ settingsModule: options.settingsModule, baseDir });
  const server = await serve(await project.application(), {
    host: address.host,
    port: address.port,
    limits: limitsFromSettings(project.settings),
    workers,
    accessLog: !flags.has('--no-access-log'),
  });
  await server.closed;
  await project.close();
}
