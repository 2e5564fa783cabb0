import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CommandError, type Command } from '@manouche/contracts';
import { squashMigrations } from '../squash-migrations.js';
import { asCommand, projectGraph, requireApp, stringOption } from './project-migrations.js';

/**
 * `squashmigrations app_label [start_migration_name] migration_name`: squashes an app's migrations
 * into one that `replaces` them, with Django's output.
 *
 * @example
 * // manouche squashmigrations blog 0004 --no-input
 */
export const squashmigrationsCommand: Command = {
  name: 'squashmigrations',
  help: 'Squashes an existing set of migrations (from first until specified) into a single new one.',
  description:
    "Writes one migration holding the operations of the app's migrations from START_MIGRATION_NAME (default: the first) to MIGRATION_NAME, optimized, with `replaces` listing them. " +
    'Keep the old files until every database has applied them; then delete them and the `replaces` line.',
  args: [
    { name: 'app_label', help: 'App label of the application to squash migrations for.' },
    {
      name: 'start_migration_name',
      help: 'Migrations will be squashed starting from and including this migration (give only MIGRATION_NAME to start at the first).',
      optional: true,
    },
    { name: 'migration_name', help: 'Migrations will be squashed until and including this migration.', optional: true },
  ],
  options: [
    { name: 'no-optimize', type: 'boolean', help: 'Do not try to optimize the squashed operations.' },
    { name: 'no-input', type: 'boolean', help: 'Do not prompt the user for input of any kind.' },
    { name: 'squashed-name', type: 'string', help: 'Sets the name of the new squashed migration.' },
  ],
  async run(context) {
    const { args, options, io } = context;
    const project = await context.project();
    const app = String(args.app_label);
    requireApp(project, app);
    let start = stringOption(args.start_migration_name);
    let end = stringOption(args.migration_name);
    if (end === undefined) [start, end] = [undefined, start];
    if (end === undefined)
      throw new CommandError(`Name the last migration to squash: manouche squashmigrations ${app} [start_migration_name] migration_name.`, 2);
    const write = (text: string) => io.stdout.write(text);
    return asCommand(async () => {
      const made = await squashMigrations({
        apps: project.apps.getAppConfigs(),
        graph: await projectGraph(project),
        app,
        start,
        end: end!,
        optimize: !options.noOptimize,
        squashedName: stringOption(options.squashedName),
        dryRun: true,
      });
      if (io.interactive && !options.noInput) {
        write('Will squash the following migrations:\n');
        for (const name of made.squashed) write(` - ${name}\n`);
        const answer = (await io.prompt('Do you wish to proceed? [yN] ')).trim().toLowerCase();
        if (!answer.startsWith('y')) return 0;
      }
      if (options.noOptimize) write('(Skipping optimization.)\n');
      else {
        write('Optimizing...\n');
        if (made.operations.length === made.operationsBefore) write('  No optimizations possible.\n');
        else write(`  Optimized from ${made.operationsBefore} operations to ${made.operations.length} operations.\n`);
      }
      writeFileSync(made.file, made.source);
      write(
        `Created new squashed migration ${path.relative(project.baseDir, made.file) || made.file}\n` +
          '  You should commit this migration but leave the old ones in place;\n' +
          '  the new migration will be used for new installs. Once you are sure\n' +
          '  all instances of the codebase have applied the migrations you squashed,\n' +
          '  you can delete them.\n',
      );
      return 0;
    });
  },
};
