import { isModuleNotFound, type Command, type Project } from '@manouche/contracts';

/**
 * The names the shell puts in scope: `project`, `settings`, and every class each installed app's models module exports.
 *
 * @example
 * const { Post, settings } = await shellScope(project); // blog/models.ts exports Post
 */
export async function shellScope(project: Project): Promise<Record<string, unknown>> {
  const scope: Record<string, unknown> = { project, settings: project.settings };
  for (const app of project.apps.getAppConfigs()) {
    const specifier = `${app.name}.models`;
    let models: Record<string, unknown>;
    try {
      models = await project.importModule(specifier);
    } catch (error) {
      if (isModuleNotFound(error, specifier)) continue;
      throw error;
    }
    for (const [name, value] of Object.entries(models)) if (typeof value === 'function') scope[name] = value;
  }
  return scope;
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;

/**
 * `manouche shell [-c CODE]`: a REPL (top-level await included) with the settings loaded and
 * every installed app's models in scope; `-c` runs the code (an async function body) and exits.
 *
 * @example
 * // $ npx manouche shell -c "return await Post.objects.count()"
 */
export const shellCommand: Command = {
  name: 'shell',
  help: "Starts a REPL with the settings loaded and every installed app's models in scope.",
  options: [{ name: 'command', short: 'c', type: 'string', help: 'Run this code (an async function body; `return` prints a value) instead of the REPL' }],
  async run({ options, io, project }) {
    const loaded = await project();
    const scope = await shellScope(loaded);
    // Building the application loads the URLconf, so reverse() and getAbsoluteUrl() work here
    // as in Django's shell. A broken URLconf should not lock the user out of their models.
    await loaded.application().catch((error: unknown) => {
      io.stderr.write(`Warning: the URLconf could not be loaded, so reverse() is unavailable in this shell: ${(error as Error).message}\n`);
    });
    if (typeof options.command === 'string') {
      const names = Object.keys(scope);
      const fn = new AsyncFunction(...names, options.command);
      const result = await fn(...names.map((n) => scope[n]));
      if (result !== undefined)
        io.stdout.write(`${typeof result === 'string' ? result : JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
      return 0;
    }
    io.stdout.write(`Manouche shell (${loaded.settingsModule}). In scope: ${Object.keys(scope).join(', ')}\n`);
    // Loaded here, not at the top: node:repl loads node:domain, which patches every
    // EventEmitter, and the server process (which registers this command too) must not pay for it.
    const { default: repl } = await import('node:repl');
    const server = repl.start({ prompt: '>>> ', useGlobal: false });
    Object.assign(server.context, scope);
    await new Promise<void>((resolve) => server.on('exit', resolve));
    return 0;
  },
};
