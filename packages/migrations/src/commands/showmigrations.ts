import type { Command } from '@manouche/contracts';
import { showMigrations } from '../show-migrations.js';
import { asCommand, listArg, projectGraph, requireApp, stringOption } from './project-migrations.js';

/**
 * `showmigrations [app_label...]`: `[X]`/`[ ]` per migration, or the whole plan with `--plan`.
 *
 * @example
 * // manouche showmigrations blog
 */
export const showmigrationsCommand: Command = {
  name: 'showmigrations',
  help: 'Shows all available migrations for the current project.',
  args: [{ name: 'app_label', help: 'App labels of applications to limit the output to.', optional: true, variadic: true }],
  options: [
    { name: 'plan', short: 'p', type: 'boolean', help: 'Shows all migrations in the order they will be applied.' },
    { name: 'database', type: 'string', default: 'default', help: 'The DATABASES alias to read.' },
  ],
  async run(context) {
    const { args, options, io } = context;
    const project = await context.project();
    const labels = listArg(args.app_label);
    for (const label of labels) requireApp(project, label);
    return asCommand(async () => {
      const graph = await projectGraph(project);
      const apps = labels.length
        ? labels
        : project.apps
            .getAppConfigs()
            .map((a) => a.label)
            .filter((label) => graph.apps().includes(label));
      const lines = await showMigrations({
        database: project.databases.get(stringOption(options.database) ?? 'default'),
        graph,
        apps,
        plan: Boolean(options.plan),
      });
      io.stdout.write(lines.join('\n') + '\n');
      return 0;
    });
  },
};
