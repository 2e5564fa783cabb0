import type { Command } from '@manouche/contracts';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DestinationExistsError } from '../errors.js';
import { cliVersion, generateSecretKey, validateName, writeScaffold } from '../scaffold.js';

/**
 * `manouche startproject NAME [DIR]`: a working project on SQLite — package.json, settings with a
 * fresh SECRET_KEY, urls, an asgi entry, README, tsconfig.json and .gitignore.
 *
 * @example
 * // $ npx manouche startproject mysite && cd mysite && npm install && npx manouche runserver
 */
export const startprojectCommand: Command = {
  name: 'startproject',
  help: 'Creates a project folder: package.json, NAME/settings.ts, NAME/urls.ts, NAME/asgi.ts.',
  description:
    'Without DIR, the project is created in a new folder NAME in the current directory. With DIR, it is created in DIR (made if missing; it must not already hold a package.json or a NAME folder).',
  args: [
    { name: 'name', help: 'the project name, also the name of its settings package' },
    { name: 'directory', help: 'where to create the project', optional: true },
  ],
  options: [{ name: 'manouche-version', type: 'string', help: 'The version range of the manouche dependency written into package.json' }],
  async run({ args, options, io, cwd }) {
    const name = args.name as string;
    validateName(name, 'project');
    const destination = path.resolve(cwd, (args.directory as string | undefined) ?? name);
    if (!args.directory && existsSync(destination) && readdirSync(destination).length > 0) throw new DestinationExistsError(destination);
    for (const clash of ['package.json', name]) {
      if (existsSync(path.join(destination, clash))) throw new DestinationExistsError(path.join(destination, clash));
    }
    const version = (options.manoucheVersion as string | undefined) ?? `^${cliVersion()}`;
    const files = writeScaffold('project', destination, {
      project_name: name,
      secret_key: generateSecretKey(),
      manouche_version: version,
    });
    const where = path.relative(cwd, destination) || '.';
    const installed = installedManouche(destination);
    io.stdout.write(
      `Created project '${name}' in ${where}/ (${files.length} files).\n\nNext steps:\n` +
        (where === '.' ? '' : `  cd ${where}\n`) +
        // Where manouche already resolves (a `pnpm sandbox` folder, a workspace), `npm install` would
        // fetch the package.json's version from the registry instead of using the installed one.
        (installed ? '' : '  npm install\n') +
        `  npx manouche migrate\n  npx manouche runserver\n` +
        (installed ? `(manouche is already installed in ${installed}: no npm install needed.)\n` : ''),
    );
  },
};

/**
 * The node_modules folder above `destination` that Node's import would load `manouche` from, or
 * undefined (ESM imports read only these folders: not NODE_PATH, not the global ones).
 */
function installedManouche(destination: string): string | undefined {
  for (let dir = path.dirname(destination); ; dir = path.dirname(dir)) {
    const folder = path.join(dir, 'node_modules');
    if (existsSync(path.join(folder, 'manouche', 'package.json'))) return folder;
    if (path.dirname(dir) === dir) return undefined;
  }
}
