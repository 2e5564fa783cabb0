/** `manouche findstatic`: where the finders find a static file, every match in search order. */
import path from 'node:path';
import type { Command, CommandContext } from '@manouche/contracts';
import { createFinders } from '../finders.js';

async function run({ args, options, io, project: loadProject }: CommandContext): Promise<number> {
  const project = await loadProject();
  const finders = createFinders({ baseDir: project.baseDir, staticfilesDirs: project.settings.STATICFILES_DIRS, apps: project.apps.getAppConfigs() });
  const verbosity = typeof options.verbosity === 'number' ? options.verbosity : 1;
  let missing = 0;
  for (const name of (args.staticfile as string[] | undefined) ?? []) {
    const found = options.first === true ? finders.findAll(name, true) : finders.findAll(name);
    if (found.length === 0) {
      missing++;
      if (verbosity >= 1) io.stderr.write(`No matching file found for '${name}'.\n`);
    } else if (verbosity >= 1) {
      io.stdout.write(`Found '${name}' here:\n${found.map((file) => `  ${file.absolute}\n`).join('')}`);
    } else {
      io.stdout.write(found.map((file) => `${file.absolute}\n`).join(''));
    }
    if (verbosity >= 2) {
      io.stdout.write(`Looking in the following locations:\n${finders.locations.map((location) => `  ${path.normalize(location.root)}\n`).join('')}`);
    }
  }
  return missing ? 1 : 0;
}

/**
 * `findstatic`: prints the absolute path of every match of each name (`--first` for only the one served).
 *
 * @example
 * // manouche findstatic polls/style.css
 */
export const findstaticCommand: Command = {
  name: 'findstatic',
  help: 'Finds the absolute paths for the given static file(s).',
  args: [{ name: 'staticfile', help: 'Name of a static file, as under STATIC_URL (polls/style.css).', variadic: true }],
  options: [
    { name: 'first', type: 'boolean', help: 'Only return the first match for each static file.' },
    { name: 'verbosity', short: 'v', type: 'number', default: 1, help: '0 = paths only, 1 = normal, 2 = also the searched locations.' },
  ],
  run,
};
