import { limitsFromSettings, parseAddrport, serve } from '@manouche/server';
import { fileURLToPath } from 'node:url';
import { installBundledModules, openProject } from './open-project.js';

/** What the entry written by `manouche build` passes. */
export interface ServeBuiltProjectOptions {
  /** The project folder (templates and static files are read from it). */
  baseDir: URL | string;
  settingsModule: string;
  /** Every project module, bundled: dotted name → loader. */
  modules: Record<string, () => Promise<unknown>>;
  /** Command-line words: an optional `[addr:]port` (default 127.0.0.1:8000, or HOST/PORT from the environment) and `--no-access-log`. */
  argv?: string[];
}

/**
 * Serves a project bundled by `manouche build`: `node dist/server.mjs 0.0.0.0:8000 [--no-access-log]`. Stops on
 * SIGINT/SIGTERM after in-flight requests finish, then closes the databases.
 *
 * @example
 * await serveBuiltProject({ baseDir: new URL('../', import.meta.url), settingsModule: 'mysite.settings', modules });
 */
export async function serveBuiltProject(options: ServeBuiltProjectOptions): Promise<void> {
  installBundledModules(options.modules);
  const argv = options.argv ?? [];
  const address = parseAddrport(
    argv.find((word) => !word.startsWith('--')),
    process.env.HOST ?? '127.0.0.1',
    process.env.PORT ? Number(process.env.PORT) : 8000,
  );
  const baseDir = typeof options.baseDir === 'string' ? options.baseDir : fileURLToPath(options.baseDir);
  const project = await openProject({ settingsModule: options.settingsModule, baseDir });
  const server = await serve(await project.application(), {
    host: address.host,
    port: address.port,
    limits: limitsFromSettings(project.settings),
    accessLog: !argv.includes('--no-access-log'),
  });
  await server.closed;
  await project.close();
}
