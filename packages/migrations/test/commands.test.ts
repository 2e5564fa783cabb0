import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CommandError, type ModelState, type Project } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makemigrationsCommand, migrateCommand, migrationCommands, showmigrationsCommand, sqlmigrateCommand } from '../src/index.js';
import { blogModels } from './support/blog-models.js';
import { fakeProject, IMPORT_SOURCE, runCommand, tempApps } from './support/fake-project.js';

/** Migration files written by the commands import 'manouche/migrations'; the tests point them at this package's source. */
function pointImportsAtSource(dir: string): void {
  for (const app of readdirSync(dir)) {
    const migrations = path.join(dir, app, 'migrations');
    if (!existsSync(migrations)) continue;
    for (const file of readdirSync(migrations)) {
      const full = path.join(migrations, file);
      writeFileSync(full, readFileSync(full, 'utf8').replace("from 'manouche/migrations'", `from '${IMPORT_SOURCE}'`));
    }
  }
}

interface Fixture {
  project: Project;
  dir: ReturnType<typeof tempApps>;
  models: { current: ModelState[] };
}

async function withProject(testDb: TestDatabase): Promise<Fixture> {
  const dir = tempApps(['accounts', 'blog']);
  const models = { current: blogModels(1) };
  const project = fakeProject({ baseDir: dir.baseDir, apps: dir.apps, database: testDb.database, models: () => models.current });
  return { project, dir, models };
}

async function make(fixture: Fixture, argv: Parameters<typeof runCommand>[2] = {}) {
  const run = await runCommand(makemigrationsCommand, fixture.project, { ...argv, options: { noInput: argv.answers === undefined, ...argv.options } });
  pointImportsAtSource(fixture.dir.baseDir);
  return run;
}

describe('the commands are contracts Commands', () => {
  it('exports makemigrations, migrate, showmigrations, sqlmigrate, squashmigrations and dbshell', () => {
    expect(migrationCommands.map((c) => c.name)).toEqual(['makemigrations', 'migrate', 'showmigrations', 'sqlmigrate', 'squashmigrations', 'dbshell']);
    for (const command of migrationCommands) expect(command.help.length).toBeGreaterThan(10);
  });
});

describe.each(testDatabaseTargets())('makemigrations and migrate on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  let fixture: Fixture;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  beforeEach(async () => {
    fixture = await withProject(testDb);
  });
  afterEach(async () => {
    await runCommand(migrateCommand, fixture.project, { args: { app_label: 'blog', migration_name: 'zero' } }).catch(() => undefined);
    await runCommand(migrateCommand, fixture.project, { args: { app_label: 'accounts', migration_name: 'zero' } }).catch(() => undefined);
    fixture.dir.cleanup();
  });

  it('makes the initial migrations, applies them, then has nothing to apply', async () => {
    const made = await make(fixture);
    expect(made.code).toBe(0);
    expect(made.stdout).toBe(
      "Migrations for 'accounts':\n  accounts/migrations/0001_initial.ts\n    - Create model User\nMigrations for 'blog':\n  blog/migrations/0001_initial.ts\n    - Create model Post\n",
    );
    const first = await runCommand(migrateCommand, fixture.project);
    expect(first.stdout).toBe(
      'Operations to perform:\n  Apply all migrations: accounts, blog\nRunning migrations:\n  Applying accounts.0001_initial... OK\n  Applying blog.0001_initial... OK\n',
    );
    const again = await runCommand(migrateCommand, fixture.project);
    expect(again.stdout).toBe('Operations to perform:\n  Apply all migrations: accounts, blog\nRunning migrations:\n  No migrations to apply.\n');
    expect((await make(fixture)).stdout).toBe('No changes detected\n');
    const shown = await runCommand(showmigrationsCommand, fixture.project);
    expect(shown.stdout).toBe('accounts\n [X] 0001_initial\nblog\n [X] 0001_initial\n');
    const sql = await runCommand(sqlmigrateCommand, fixture.project, { args: { app_label: 'blog', migration_name: '0001' } });
    expect(sql.stdout).toContain('-- Create model Post');
    expect(sql.stdout).toMatch(/CREATE TABLE ["`]blog_post["`]/);
    const backwards = await runCommand(sqlmigrateCommand, fixture.project, {
      args: { app_label: 'blog', migration_name: '0001_initial' },
      options: { backwards: true },
    });
    expect(backwards.stdout).toMatch(/DROP TABLE ["`]blog_post["`]/);
  });

  it('rolls an app back with migrate blog 0001 and migrate blog zero', async () => {
    await make(fixture);
    fixture.models.current = blogModels(2);
    expect((await make(fixture)).stdout).toBe("Migrations for 'blog':\n  blog/migrations/0002_post_status.ts\n    - Add field status to post\n");
    await runCommand(migrateCommand, fixture.project);
    const back = await runCommand(migrateCommand, fixture.project, { args: { app_label: 'blog', migration_name: '0001' } });
    expect(back.stdout).toBe(
      'Operations to perform:\n  Target specific migration: 0001_initial, from blog\nRunning migrations:\n  Unapplying blog.0002_post_status... OK\n',
    );
    const zero = await runCommand(migrateCommand, fixture.project, { args: { app_label: 'blog', migration_name: 'zero' } });
    expect(zero.stdout).toBe('Operations to perform:\n  Unapply all migrations: blog\nRunning migrations:\n  Unapplying blog.0001_initial... OK\n');
    expect((await runCommand(showmigrationsCommand, fixture.project, { args: { app_label: ['blog'] } })).stdout).toBe(
      'blog\n [ ] 0001_initial\n [ ] 0002_post_status\n',
    );
  });
});

describe('makemigrations options', () => {
  let testDb: TestDatabase;
  let fixture: Fixture;
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  beforeEach(async () => {
    fixture = await withProject(testDb);
  });
  afterEach(async () => {
    for (const app of ['blog', 'accounts']) {
      const args = { app_label: app, migration_name: 'zero' };
      await runCommand(migrateCommand, fixture.project, { args }).catch(() =>
        runCommand(migrateCommand, fixture.project, { args, options: { fake: true } }).catch(() => undefined),
      );
    }
    fixture.dir.cleanup();
  });

  const files = (app: string) =>
    existsSync(path.join(fixture.dir.baseDir, app, 'migrations')) ? readdirSync(path.join(fixture.dir.baseDir, app, 'migrations')).sort() : [];

  it('--check exits 1 while changes are missing migrations, writes nothing, and exits 0 once they are made', async () => {
    const check = await make(fixture, { options: { check: true } });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("Migrations for 'blog':");
    expect(files('blog')).toEqual([]);
    await make(fixture);
    expect((await make(fixture, { options: { check: true } })).code).toBe(0);
  });

  it('--dry-run shows the migrations without writing them', async () => {
    const dry = await make(fixture, { options: { dryRun: true } });
    expect(dry.stdout).toContain('    - Create model Post');
    expect(files('blog')).toEqual([]);
  });

  it('--empty and --name make an empty, named migration for an app', async () => {
    await make(fixture);
    const empty = await make(fixture, { args: { app_label: ['blog'] }, options: { empty: true, name: 'fill_slugs' } });
    expect(empty.stdout).toBe("Migrations for 'blog':\n  blog/migrations/0002_fill_slugs.ts\n");
    expect(readFileSync(path.join(fixture.dir.baseDir, 'blog/migrations/0002_fill_slugs.ts'), 'utf8')).toContain(
      "dependencies: [\n    ['blog', '0001_initial'],\n  ],\n  operations: [],",
    );
  });

  it('takes --rename answers and says which default --no-input took otherwise', async () => {
    await make(fixture);
    fixture.models.current = blogModels(2);
    await make(fixture);
    fixture.models.current = blogModels(3);
    const renamed = await make(fixture, { options: { dryRun: true, rename: ['blog.Post.title:headline'] } });
    expect(renamed.stdout).toContain('    - Rename field title on post to headline');
    const safe = await make(fixture, { options: { dryRun: true } }).catch((error: Error) => error);
    expect(safe).toBeInstanceOf(CommandError);
    expect((safe as Error).message).toContain("It is impossible to add the non-nullable field 'headline' to blog.Post without a default");
  });

  it('asks about a rename interactively', async () => {
    await make(fixture);
    fixture.models.current = blogModels(1).map((m) =>
      m.name === 'Post' ? { ...m, fields: Object.fromEntries(Object.entries(m.fields).map(([k, f]) => [k === 'title' ? 'headline' : k, f])) } : m,
    );
    const run = await make(fixture, { answers: ['y'] });
    expect(run.questions).toEqual(['Was post.title renamed to post.headline (a char field)? [y/N] ']);
    expect(run.stdout).toContain('blog/migrations/0002_rename_title_post_headline.ts');
  });

  it('asks for a one-off default for a new non-null field and writes it with preserveDefault: false', async () => {
    await make(fixture);
    fixture.models.current = blogModels(1).map((m) => (m.name === 'Post' ? { ...m, fields: { ...m.fields, views: { type: 'integer' } } } : m));
    const run = await make(fixture, { answers: ['1', '0'] });
    expect(run.questions[0]).toContain("It is impossible to add a non-nullable field 'views' to post without specifying a default.");
    const source = readFileSync(path.join(fixture.dir.baseDir, 'blog/migrations/0002_post_views.ts'), 'utf8');
    expect(source).toContain("field: { type: 'integer', default: 0 },\n      preserveDefault: false,");
  });

  it('--no-input fails clearly, naming the field, where a one-off default is needed', async () => {
    await make(fixture);
    fixture.models.current = blogModels(1).map((m) => (m.name === 'Post' ? { ...m, fields: { ...m.fields, views: { type: 'integer' } } } : m));
    await expect(make(fixture)).rejects.toThrow("It is impossible to add the non-nullable field 'views' to blog.Post without a default");
  });

  it("detects two leaf migrations, refuses to continue, and --merge joins them, listing each branch's operations", async () => {
    await make(fixture);
    const dir = path.join(fixture.dir.baseDir, 'blog/migrations');
    const branch = (after: string, ...sql: string[]) =>
      `import { defineMigration, ops } from '${IMPORT_SOURCE}';\nexport default defineMigration({ dependencies: [['blog', '${after}']], operations: [${sql.map((q) => `ops.runSql({ sql: '${q}', reverseSql: '${q}' })`).join(', ')}] });\n`;
    writeFileSync(path.join(dir, '0002_a.ts'), branch('0001_initial', 'SELECT 1'));
    writeFileSync(path.join(dir, '0002_b.ts'), branch('0001_initial', 'SELECT 2'));
    writeFileSync(path.join(dir, '0003_b2.ts'), branch('0002_b', 'SELECT 3'));
    await expect(make(fixture)).rejects.toThrow(
      "Conflicting migrations detected; multiple leaf nodes in the migration graph: (0002_a, 0003_b2 in blog). To fix them run 'manouche makemigrations --merge'.",
    );
    await expect(runCommand(migrateCommand, fixture.project)).rejects.toThrow('Conflicting migrations detected');
    const declined = await make(fixture, { options: { merge: true }, answers: ['n'] });
    expect(declined.questions).toEqual([
      '\nMerging will only work if the operations printed above do not conflict\nwith each other (working on different fields or models)\nShould these migration branches be merged? [y/N] ',
    ]);
    expect(existsSync(path.join(dir, '0004_merge_0002_a_0003_b2.ts'))).toBe(false);
    const merged = await make(fixture, { options: { merge: true } });
    expect(merged.stdout).toBe(
      'Merging blog\n  Branch 0002_a\n    - Raw SQL operation\n  Branch 0003_b2\n    - Raw SQL operation\n    - Raw SQL operation\n\nCreated new merge migration blog/migrations/0004_merge_0002_a_0003_b2.ts\n',
    );
    expect((await make(fixture)).stdout).toBe('No changes detected\n');
    expect((await runCommand(migrateCommand, fixture.project)).stdout).toContain('  Applying blog.0004_merge_0002_a_0003_b2... OK\n');
    expect((await make(fixture, { options: { merge: true } })).stdout).toBe('No conflicts detected to merge.\n');
  });

  it('orders cross-app dependencies so migrate always works', async () => {
    fixture.models.current = blogModels(4);
    await make(fixture);
    const source = readFileSync(path.join(fixture.dir.baseDir, 'blog/migrations/0001_initial.ts'), 'utf8');
    expect(source).toContain("['accounts', '0001_initial']");
    expect((await runCommand(migrateCommand, fixture.project)).stdout).toContain(
      '  Applying accounts.0001_initial... OK\n  Applying blog.0001_initial... OK\n',
    );
  });

  it('warns from migrate when models have changes no migration holds', async () => {
    await make(fixture);
    fixture.models.current = blogModels(2);
    const run = await runCommand(migrateCommand, fixture.project);
    expect(run.stdout).toContain("Your models in app(s): 'blog' have changes that are not yet reflected in a migration, and so won't be applied.");
  });

  it('names unknown apps and migrations', async () => {
    await make(fixture);
    await expect(runCommand(makemigrationsCommand, fixture.project, { args: { app_label: ['nope'] } })).rejects.toThrow(
      "No installed app with label 'nope'. Installed apps: accounts, blog.",
    );
    await expect(runCommand(migrateCommand, fixture.project, { args: { app_label: 'blog', migration_name: '0009' } })).rejects.toThrow(
      "Cannot find a migration matching '0009' from app 'blog'; it has: 0001_initial.",
    );
    await expect(runCommand(sqlmigrateCommand, fixture.project, { args: { app_label: 'blog', migration_name: '0009' } })).rejects.toThrow(CommandError);
  });

  it('reports a migration file that fails to load as a clean error naming the app and migration', async () => {
    await make(fixture);
    const file = path.join(fixture.dir.baseDir, 'blog/migrations/0002_broken.ts');
    writeFileSync(
      file,
      `import { defineMigration } from '${IMPORT_SOURCE}';\nexport default defineMigration({ dependencies: [['blog', '0001_initial']], operations: [missingThing()] });\n`,
    );
    const error = (await runCommand(migrateCommand, fixture.project).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toContain(`Cannot load migration blog.0002_broken from ${file}: missingThing is not defined`);
    writeFileSync(file, `import { defineMigration } from '${IMPORT_SOURCE}';\nexport default defineMigration({ dependencies: [['blog', '0009_gone']] });\n`);
    await expect(runCommand(showmigrationsCommand, fixture.project)).rejects.toThrow('Migration blog.0002_broken');
  });

  it('--plan and --fake on migrate', async () => {
    await make(fixture);
    const plan = await runCommand(migrateCommand, fixture.project, { options: { plan: true } });
    expect(plan.stdout).toBe('Planned operations:\naccounts.0001_initial\n    Create model User\nblog.0001_initial\n    Create model Post\n');
    const fake = await runCommand(migrateCommand, fixture.project, { options: { fake: true } });
    expect(fake.stdout).toContain('  Applying blog.0001_initial... FAKED\n');
    expect((await runCommand(showmigrationsCommand, fixture.project, { options: { plan: true } })).stdout).toBe(
      '[X]  accounts.0001_initial\n[X]  blog.0001_initial\n',
    );
  });
});
