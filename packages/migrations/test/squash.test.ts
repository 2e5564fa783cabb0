import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FieldSpec } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  introspectionFor,
  loadMigrations,
  makeMigrations,
  migrate,
  migrateCommand,
  MigrationRecorder,
  ops,
  showmigrationsCommand,
  squashmigrationsCommand,
  writeMigrationSource,
  type Operation,
} from '../src/index.js';
import { fakeProject, importFresh, IMPORT_SOURCE, runCommand, tempApps } from './support/fake-project.js';

const id: FieldSpec = { type: 'bigAuto', primaryKey: true };

/** Files the command writes import 'manouche/migrations'; point them at this package's source. */
function pointImportsAtSource(dir: string): void {
  for (const file of readdirSync(dir))
    writeFileSync(path.join(dir, file), readFileSync(path.join(dir, file), 'utf8').replace("from 'manouche/migrations'", `from '${IMPORT_SOURCE}'`));
}

/** An app `label` with four migrations on disk: create Post, add slug, add body + widen title, remove slug. */
function history(label: string) {
  const dir = tempApps([label]);
  const migrations = dir.apps[0].migrationsDir;
  mkdirSync(migrations, { recursive: true });
  const files: Array<[string, Operation[]]> = [
    ['0001_initial', [ops.createModel({ name: 'Post', table: `${label}_post`, fields: { id, title: { type: 'char', maxLength: 100 } } })]],
    ['0002_post_slug', [ops.addField({ model: 'Post', name: 'slug', field: { type: 'slug', maxLength: 50, null: true } })]],
    [
      '0003_post_body',
      [
        ops.addField({ model: 'Post', name: 'body', field: { type: 'text', null: true } }),
        ops.alterField({ model: 'Post', name: 'title', field: { type: 'char', maxLength: 200 } }),
      ],
    ],
    ['0004_remove_post_slug', [ops.removeField({ model: 'Post', name: 'slug' })]],
  ];
  for (const [i, [name, operations]] of files.entries()) {
    const source = writeMigrationSource(
      { initial: i === 0, dependencies: i === 0 ? [] : [[label, files[i - 1][0]]], operations },
      { importSource: IMPORT_SOURCE },
    );
    writeFileSync(path.join(migrations, `${name}.ts`), source);
  }
  return { ...dir, migrations, graph: () => loadMigrations({ apps: dir.apps, importModule: importFresh }) };
}

describe.each(testDatabaseTargets())('squashmigrations on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  const cleanups: Array<() => void> = [];
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    for (const cleanup of cleanups) cleanup();
    await testDb?.drop();
  });

  function setUp(label: string) {
    const app = history(label);
    cleanups.push(app.cleanup);
    const project = fakeProject({ baseDir: app.baseDir, apps: app.apps, database: testDb.database, models: () => [] });
    const squash = async (args: Record<string, string>, options: Record<string, string | boolean> = { noInput: true }) => {
      const run = await runCommand(squashmigrationsCommand, project, { args: { app_label: label, ...args }, options });
      pointImportsAtSource(app.migrations);
      return run;
    };
    const recorded = async () => [...(await new MigrationRecorder(testDb.database).appliedMigrations())].filter((key) => key.startsWith(`${label}.`)).sort();
    return { app, project, squash, recorded };
  }

  it("writes one optimized migration that replaces the others, with Django's output", async () => {
    const { app, squash } = setUp('sqa');
    const run = await squash({ start_migration_name: '0004' });
    expect(run.stdout).toBe(
      'Optimizing...\n  Optimized from 5 operations to 1 operations.\n' +
        'Created new squashed migration sqa/migrations/0001_squashed_0004_remove_post_slug.ts\n' +
        '  You should commit this migration but leave the old ones in place;\n  the new migration will be used for new installs. Once you are sure\n' +
        '  all instances of the codebase have applied the migrations you squashed,\n  you can delete them.\n',
    );
    const source = readFileSync(path.join(app.migrations, '0001_squashed_0004_remove_post_slug.ts'), 'utf8');
    expect(source).toContain(
      "  initial: true,\n  replaces: [\n    ['sqa', '0001_initial'],\n    ['sqa', '0002_post_slug'],\n    ['sqa', '0003_post_body'],\n    ['sqa', '0004_remove_post_slug'],\n  ],\n  dependencies: [],\n",
    );
    expect(source).toContain(
      "fields: {\n        id: { type: 'bigAuto', primaryKey: true },\n        title: { type: 'char', maxLength: 200 },\n        body: { type: 'text', null: true },\n      },",
    );
    const graph = await app.graph();
    expect([...graph.nodes.keys()]).toEqual(['sqa.0001_squashed_0004_remove_post_slug']);
    // The next migration is numbered after the last squashed one, and depends on the squashed migration.
    const [next] = await makeMigrations({ apps: app.apps, graph, currentStates: [], appLabels: ['sqa'], empty: true, dryRun: true });
    expect(next.name.startsWith('0005_')).toBe(true);
    expect(next.dependencies).toEqual([['sqa', '0001_squashed_0004_remove_post_slug']]);
  });

  it('asks before squashing when interactive, listing the migrations, and skips optimizing with --no-optimize', async () => {
    const { app, squash } = setUp('sqb');
    const declined = await runCommand(squashmigrationsCommand, (await setUp('sqb2')).project, {
      args: { app_label: 'sqb2', start_migration_name: '0004' },
      answers: ['n'],
    });
    expect(declined.stdout).toBe('Will squash the following migrations:\n - 0001_initial\n - 0002_post_slug\n - 0003_post_body\n - 0004_remove_post_slug\n');
    expect(declined.questions).toEqual(['Do you wish to proceed? [yN] ']);
    const plain = await squash({ start_migration_name: '0002', migration_name: '0003' }, { noInput: true, noOptimize: true, squashedName: 'slug_and_body' });
    expect(plain.stdout).toContain('(Skipping optimization.)\nCreated new squashed migration sqb/migrations/0002_slug_and_body.ts\n');
    const source = readFileSync(path.join(app.migrations, '0002_slug_and_body.ts'), 'utf8');
    expect(source).not.toContain('initial: true');
    expect(source).toContain("  dependencies: [\n    ['sqb', '0001_initial'],\n  ],");
    // 0004 depended on 0003, which is replaced: it now follows the squashed migration.
    const graph = await app.graph();
    expect(graph.forwardsPlan('sqb.0004_remove_post_slug')).toEqual(['sqb.0001_initial', 'sqb.0002_slug_and_body', 'sqb.0004_remove_post_slug']);
  });

  it('refuses a start after the end, squashing a squashed migration, and an existing name', async () => {
    const { app, squash } = setUp('sqc');
    await expect(squash({ start_migration_name: '0003', migration_name: '0002' })).rejects.toThrow(
      "The migration 'sqc.0003_post_body' cannot be found. Maybe it comes after the migration 'sqc.0002_post_slug'?\nHave a look at:\n  manouche showmigrations sqc\nto debug this issue.",
    );
    await expect(squash({ start_migration_name: '0003', migration_name: '0004' }, { noInput: true, squashedName: 'post_body' })).rejects.toThrow(
      'Migration 0003_post_body already exists. Use a different name.',
    );
    await squash({ start_migration_name: '0002' });
    await expect(squash({ start_migration_name: '0001_squashed', migration_name: '0004' })).rejects.toThrow('You cannot squash squashed migrations!');
    writeFileSync(
      path.join(app.migrations, '0005_fill.ts'),
      `import { defineMigration, ops } from '${IMPORT_SOURCE}';\nexport default defineMigration({ dependencies: [['sqc', '0004_remove_post_slug']], operations: [ops.runCode({ code: async () => {}, reverse: ops.noop })] });\n`,
    );
    await expect(squash({ start_migration_name: '0003', migration_name: '0005' })).rejects.toThrow(
      'Cannot squash sqc.0005_fill: its operation "Raw code operation" runs code, and functions cannot be copied into a migration file.',
    );
  });

  it('runs the squashed migration on a new database, records the replaced ones too, and unapplies it', async () => {
    const { project, squash, recorded } = setUp('sqd');
    await squash({ start_migration_name: '0004' });
    const run = await runCommand(migrateCommand, project);
    expect(run.stdout).toContain('  Applying sqd.0001_squashed_0004_remove_post_slug... OK\n');
    expect(await recorded()).toEqual([
      'sqd.0001_initial',
      'sqd.0001_squashed_0004_remove_post_slug',
      'sqd.0002_post_slug',
      'sqd.0003_post_body',
      'sqd.0004_remove_post_slug',
    ]);
    expect((await introspectionFor(testDb.database).describeTable('sqd_post')).columns.map((c) => c.name)).toEqual(['id', 'title', 'body']);
    expect((await runCommand(showmigrationsCommand, project, { args: { app_label: ['sqd'] } })).stdout).toBe(
      'sqd\n [X] 0001_squashed_0004_remove_post_slug (4 squashed migrations)\n',
    );
    await runCommand(migrateCommand, project, { args: { app_label: 'sqd', migration_name: 'zero' } });
    expect(await recorded()).toEqual([]);
    expect(await introspectionFor(testDb.database).tableNames()).not.toContain('sqd_post');
  });

  it('counts the squashed migration as applied where the replaced ones all are, and records it on the next migrate', async () => {
    const { app, project, squash, recorded } = setUp('sqe');
    await migrate({ database: testDb.database, graph: await app.graph() });
    await squash({ start_migration_name: '0004' });
    expect((await runCommand(showmigrationsCommand, project, { args: { app_label: ['sqe'] } })).stdout).toBe(
      "sqe\n [-] 0001_squashed_0004_remove_post_slug (4 squashed migrations) Run 'manouche migrate' to finish recording.\n",
    );
    const run = await runCommand(migrateCommand, project);
    expect(run.stdout).toContain('  No migrations to apply.\n');
    expect(await recorded()).toContain('sqe.0001_squashed_0004_remove_post_slug');
    // Once recorded, the old files (and `replaces`) can go: the squashed migration stays applied.
    for (const name of ['0001_initial', '0002_post_slug', '0003_post_body', '0004_remove_post_slug']) rmSync(path.join(app.migrations, `${name}.ts`));
    const squashedFile = path.join(app.migrations, '0001_squashed_0004_remove_post_slug.ts');
    writeFileSync(squashedFile, readFileSync(squashedFile, 'utf8').replace(/ {2}replaces: \[[^\]]*\]\],\n| {2}replaces: \[\n(?: {4}\[.*\],\n)+ {2}\],\n/, ''));
    expect((await runCommand(migrateCommand, project)).stdout).toContain('  No migrations to apply.\n');
  });

  it('finishes the replaced migrations where only some are applied, then records the squashed one', async () => {
    const { app, project, squash, recorded } = setUp('sqf');
    await migrate({ database: testDb.database, graph: await app.graph(), target: { app: 'sqf', name: '0002' } });
    await squash({ start_migration_name: '0004' });
    expect((await runCommand(showmigrationsCommand, project, { args: { app_label: ['sqf'] } })).stdout).toBe(
      'sqf\n [X] 0001_initial\n [X] 0002_post_slug\n [ ] 0003_post_body\n [ ] 0004_remove_post_slug\n',
    );
    const run = await runCommand(migrateCommand, project);
    expect(run.stdout).toContain('  Applying sqf.0003_post_body... OK\n  Applying sqf.0004_remove_post_slug... OK\n');
    expect(await recorded()).toContain('sqf.0001_squashed_0004_remove_post_slug');
    expect((await runCommand(showmigrationsCommand, project, { args: { app_label: ['sqf'] } })).stdout).toBe(
      'sqf\n [X] 0001_squashed_0004_remove_post_slug (4 squashed migrations)\n',
    );
  });

  it('refuses clearly when only some replaced migrations are applied and a replaced file is gone', async () => {
    const { app, project, squash } = setUp('sqg');
    await migrate({ database: testDb.database, graph: await app.graph(), target: { app: 'sqg', name: '0002' } });
    await squash({ start_migration_name: '0004' });
    rmSync(path.join(app.migrations, '0004_remove_post_slug.ts'));
    await expect(runCommand(migrateCommand, project)).rejects.toThrow(
      'Migration sqg.0001_squashed_0004_remove_post_slug replaces sqg.0001_initial, sqg.0002_post_slug, sqg.0003_post_body, sqg.0004_remove_post_slug; only some of them are applied (sqg.0001_initial, sqg.0002_post_slug), so the squashed migration cannot be used, and the replaced migration file(s) sqg.0004_remove_post_slug are missing.',
    );
  });
});
