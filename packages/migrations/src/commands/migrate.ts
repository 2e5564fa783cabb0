import type { Command, Project } from '@manouche/contracts';
import { detectChanges } from '../autodetector.js';
import type { MigrationGraph } from '../graph.js';
import { migrate } from '../migrate.js';
import { ProjectState } from '../project-state.js';
import { createQuestioner } from '../questioner.js';
import { asCommand, projectGraph, requireApp, stringOption } from './project-migrations.js';

/** Apps whose models have changes no migration holds yet (answers nothing interactively). */
async function appsWithUnmigratedChanges(project: Project, graph: MigrationGraph): Promise<string[]> {
  const labels = project.apps.getAppConfigs().map((a) => a.label);
  const current = new ProjectState(project.modelStates().filter((m) => labels.includes(m.app)));
  const before = graph.stateAfter();
  const pending: string[] = [];
  for (const label of labels) {
    try {
      const changes = await detectChanges(before, current, createQuestioner({ interactive: false }), [label]);
      if (changes.size > 0) pending.push(label);
    } catch {
      // A change that needs an answer (a one-off default) is a change too.
      pending.push(label);
    }
  }
  return pending;
}

/**
 * `migrate [app_label] [migration_name]`: applies (or rolls back to) migrations.
 *
 * @example
 * // manouche migrate            applies everything
 * // manouche migrate blog zero  unapplies every blog migration
 */
export const migrateCommand: Command = {
  name: 'migrate',
  help: 'Updates database schema. Manages both apps with migrations and those without.',
  description: 'Applies every unapplied migration in dependency order, or moves one app to a named migration (a prefix works) or to zero.',
  args: [
    { name: 'app_label', help: 'App label of an application to synchronize the state.', optional: true },
    {
      name: 'migration_name',
      help: 'Database state will be brought to the state after that migration. Use the name "zero" to unapply all migrations.',
      optional: true,
    },
  ],
  options: [
    { name: 'plan', type: 'boolean', help: 'Shows a list of the migration actions that will be performed.' },
    { name: 'fake', type: 'boolean', help: 'Mark migrations as run without actually running them.' },
    { name: 'fake-initial', type: 'boolean', help: 'Detect if tables already exist and fake-apply initial migrations if so.' },
    { name: 'database', type: 'string', default: 'default', help: 'The DATABASES alias to migrate.' },
    { name: 'no-input', type: 'boolean', help: 'Never prompt.' },
  ],
  async run(context) {
    const { args, options, io } = context;
    const project = await context.project();
    const app = typeof args.app_label === 'string' ? args.app_label : undefined;
    if (app) requireApp(project, app);
    const name = typeof args.migration_name === 'string' ? args.migration_name : undefined;
    return asCommand(async () => {
      const graph = await projectGraph(project);
      const database = project.databases.get(stringOption(options.database) ?? 'default');
      const result = await migrate({
        database,
        graph,
        target: app ? { app, name } : undefined,
        fake: Boolean(options.fake),
        fakeInitial: Boolean(options.fakeInitial),
        plan: Boolean(options.plan),
        useTz: project.settings.USE_TZ !== false,
        settings: project.settings as unknown as Readonly<Record<string, unknown>>,
        stdout: io.stdout,
      });
      if (!options.plan && result.plan.every((step) => !step.backwards)) {
        const pending = await appsWithUnmigratedChanges(project, graph);
        if (pending.length) {
          io.stdout.write(
            `  Your models in app(s): ${pending.map((a) => `'${a}'`).join(', ')} have changes that are not yet reflected in a migration, and so won't be applied.\n`,
          );
          io.stdout.write("  Run 'manouche makemigrations' to make new migrations, and then re-run 'manouche migrate' to apply them.\n");
        }
      }
      return 0;
    });
  },
};
