import type { Command } from '@manouche/contracts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DestinationExistsError, InvalidNameError } from '../errors.js';
import { findProjectRoot } from '../project-modules.js';
import { validateName, writeScaffold } from '../scaffold.js';

/**
 * `manouche startapp NAME [DIR]`: the seed's app layout — index.ts, admin.ts, apps.ts,
 * migrations/, models.ts, tests.ts, views.ts, urls.ts and templates/NAME/.
 *
 * @example
 * // $ npx manouche startapp blog   (then add 'blog' to INSTALLED_APPS)
 */
export const startappCommand: Command = {
  name: 'startapp',
  help: 'Creates an app folder: models, views, urls, admin, tests, migrations/ and templates/NAME/.',
  args: [
    { name: 'name', help: 'the app name (its label and folder)' },
    { name: 'directory', help: 'the folder to create the app in (default: ./NAME)', optional: true },
  ],
  async run({ args, io, cwd }) {
    const name = args.name as string;
    validateName(name, 'app');
    const destination = path.resolve(cwd, (args.directory as string | undefined) ?? name);
    if (existsSync(destination) && !args.directory) throw new DestinationExistsError(destination);
    const root = findProjectRoot(cwd);
    if (root) {
      if (root.packageJson.name === name) {
        throw new InvalidNameError(`'${name}' conflicts with the name of the project package in ${root.packageJsonPath}. Choose another app name.`);
      }
      if (existsSync(path.join(root.baseDir, 'node_modules', name))) {
        throw new InvalidNameError(
          `'${name}' conflicts with the name of an installed package (node_modules/${name}) and cannot be used as an app name. Choose another name.`,
        );
      }
    }
    const files = writeScaffold('app', destination, { app_name: name, app_class: name[0].toUpperCase() + name.slice(1) });
    io.stdout.write(
      `Created app '${name}' in ${path.relative(cwd, destination) || '.'}/ (${files.length} files).\n` +
        `Add '${name}' to INSTALLED_APPS in your settings module to install it.\n`,
    );
  },
};
