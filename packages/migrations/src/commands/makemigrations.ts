import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from '@manouche/contracts';
import { makeMergeMigrations, makeMigrations, type PlannedMigration } from '../make-migrations.js';
import { createQuestioner } from '../questioner.js';
import { asCommand, listArg, projectGraph, requireApp, stringOption } from './project-migrations.js';

function report(made: PlannedMigration[], baseDir: string, write: (text: string) => unknown): void {
  for (const migration of made) {
    write(`Migrations for '${migration.app}':\n`);
    write(`  ${path.relative(baseDir, migration.file) || migration.file}\n`);
    for (const operation of migration.operations) write(`    - ${operation.describe()}\n`);
  }
}

/**
 * `makemigrations [app_label...]`: writes the migrations the models need.
 *
 * @example
 * // manouche makemigrations blog --no-input --rename blog.Post.title:headline
 */
export const makemigrationsCommand: Command = {
  name: 'makemigrations',
  help: 'Creates new migrations based on the changes detected to your models.',
  description:
    'Diffs the state the migration files build against the current models of every installed app (or those named) and writes numbered TypeScript migration files.',
  args: [{ name: 'app_label', help: 'Only make migrations for these apps.', optional: true, variadic: true }],
  options: [
    { name: 'check', type: 'boolean', help: 'Exit with status 1 if model changes are missing migrations; write nothing.' },
    { name: 'dry-run', type: 'boolean', help: 'Show what migrations would be made; write nothing.' },
    { name: 'empty', type: 'boolean', help: 'Create an empty migration (for runSql / runCode).' },
    { name: 'name', short: 'n', type: 'string', help: 'Use this name for the migration file(s).' },
    { name: 'merge', type: 'boolean', help: 'Fix migration conflicts (several leaf migrations in one app) with a merge migration.' },
    { name: 'no-input', type: 'boolean', help: 'Never prompt: take the safe default for renames, fail where a one-off default is needed.' },
    { name: 'rename', type: 'string', multiple: true, help: 'Answer a rename question: app.Model.old:new (a field) or app.Old:New (a model).' },
  ],
  async run(context) {
    const { args, options, io } = context;
    const project = await context.project();
    const labels = listArg(args.app_label);
    for (const label of labels) requireApp(project, label);
    const write = (text: string) => io.stdout.write(text);
    return asCommand(async () => {
      const apps = project.apps.getAppConfigs();
      const graph = await projectGraph(project);
      const name = stringOption(options.name);
      if (options.merge) {
        // Interactive: list each app's branches, then ask before writing (as Django's questioner does).
        const ask = io.interactive && !options.noInput;
        const dryRun = Boolean(options.dryRun);
        const merged = await makeMergeMigrations({ apps, graph, appLabels: labels.length ? labels : undefined, dryRun: dryRun || ask, name });
        if (merged.length === 0) {
          write('No conflicts detected to merge.\n');
          return 0;
        }
        for (const migration of merged) {
          write(`Merging ${migration.app}\n`);
          for (const branch of migration.branches ?? []) {
            write(`  Branch ${branch.leaf}\n`);
            for (const operation of branch.operations) write(`    - ${operation.describe()}\n`);
          }
          if (ask && !dryRun) {
            const answer = (
              await io.prompt(
                '\nMerging will only work if the operations printed above do not conflict\nwith each other (working on different fields or models)\nShould these migration branches be merged? [y/N] ',
              )
            )
              .trim()
              .toLowerCase();
            if (!answer.startsWith('y')) continue;
            writeFileSync(migration.file, migration.source);
          }
          write(`\n${dryRun ? 'Would create' : 'Created'} new merge migration ${path.relative(project.baseDir, migration.file)}\n`);
        }
        return 0;
      }
      const renames = ((options.rename as string[] | undefined) ?? []).map(String);
      const questioner = createQuestioner({ interactive: io.interactive && !options.noInput, prompt: (q) => io.prompt(q), renames, stdout: io.stdout });
      const dryRun = Boolean(options.dryRun || options.check);
      const made = await makeMigrations({
        apps,
        graph,
        currentStates: project.modelStates(),
        appLabels: labels.length ? labels : undefined,
        questioner,
        dryRun,
        empty: Boolean(options.empty),
        name,
        settings: project.settings,
      });
      if (made.length === 0) {
        if (labels.length === 1) write(`No changes detected in app '${labels[0]}'\n`);
        else if (labels.length > 1) write(`No changes detected in apps '${labels.join("', '")}'\n`);
        else write('No changes detected\n');
        return 0;
      }
      report(made, project.baseDir, write);
      return options.check ? 1 : 0;
    });
  },
};
