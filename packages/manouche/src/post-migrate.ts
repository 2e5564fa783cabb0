import type { Command } from '@manouche/contracts';

/**
 * Wraps the migrations layer's `migrate` so that, after a run that applied (or faked) migrations
 * forwards, every installed app's `postMigrate` hook runs in INSTALLED_APPS order (Django's
 * post_migrate signal): contenttypes and auth create their rows there. `--plan` runs no hooks.
 */
export function withPostMigrate(migrate: Command): Command {
  return {
    ...migrate,
    async run(context) {
      const code = await migrate.run(context);
      if (code || context.options.plan) return code;
      const project = await context.project();
      const database = typeof context.options.database === 'string' ? context.options.database : 'default';
      for (const app of project.apps.getAppConfigs()) {
        if (app.postMigrate) await app.postMigrate({ project, database, io: context.io });
      }
      return code;
    },
  };
}
