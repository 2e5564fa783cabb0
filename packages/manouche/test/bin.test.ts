/**
 * The `manouche` bin as users run it (a child process over the meta-package with every layer),
 * on a copy of the examples/full-framework project.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { DatabaseSettings } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets } from '@manouche/orm/testing';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleMetaPackage, packageDir, runNode, tempDir, type MetaPackage } from './support/bundle.js';

let meta: MetaPackage;
beforeAll(async () => {
  meta = await bundleMetaPackage();
}, 60_000);
afterAll(() => meta?.dispose());

/** A fresh copy of the example project with `manouche` installed. */
function project(): string {
  const dir = tempDir();
  cpSync(path.join(packageDir, 'examples/full-framework'), dir, { recursive: true });
  meta.linkInto(dir);
  return dir;
}

const manouche = (cwd: string, args: string[]) => runNode(meta.file('bin'), args, { cwd });

describe('the command list', () => {
  it("registers every layer's commands and the installed apps' own", async () => {
    const { code, stdout } = await manouche(project(), ['help']);
    expect(code).toBe(0);
    for (const name of [
      'startproject',
      'startapp',
      'check',
      'shell',
      'build',
      'diffsettings',
      'makemigrations',
      'migrate',
      'showmigrations',
      'sqlmigrate',
      'squashmigrations',
      'dbshell',
      'runserver',
      'addnote',
    ]) {
      expect(stdout).toMatch(new RegExp(`\\n  ${name}\\s`));
    }
  });

  it('shows help for a command contributed by another layer', async () => {
    const { stdout } = await manouche(project(), ['help', 'runserver']);
    expect(stdout).toContain('Usage: manouche runserver [addrport] [options]');
  });
});

describe('commands on a project', () => {
  it('shows migrations, runs the shell with the models in scope, and diffs the settings with secrets masked', async () => {
    const dir = project();
    expect((await manouche(dir, ['showmigrations'])).stdout).toContain('notes\n [ ] 0001_initial');
    await manouche(dir, ['migrate']);
    expect((await manouche(dir, ['showmigrations'])).stdout).toContain('notes\n [X] 0001_initial');
    const shell = await manouche(dir, ['shell', '-c', "await Note.objects.create({ text: 'la pompe' }); return (await Note.objects.all()).map(String)"]);
    expect(shell.stdout).toBe('["la pompe"]\n');
    const diff = await manouche(dir, ['diffsettings']);
    expect(diff.stdout).toContain("INSTALLED_APPS = ['notes']");
    expect(diff.stdout).toMatch(/SECRET_KEY = '\*+'/);
    expect(diff.stdout).not.toContain('example-only');
  });

  it('runs the deployment checks of the settings layer with check --deploy', async () => {
    const dir = project();
    expect(await manouche(dir, ['check'])).toMatchObject({ code: 0, stdout: 'System check identified no issues (0 silenced).\n' });
    const deploy = await manouche(dir, ['check', '--deploy']);
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toContain('WARNINGS:');
    expect(deploy.stdout).toContain('(security.W018)');
    expect((await manouche(dir, ['check', '--deploy', '--fail-level=warning'])).code).toBe(1);
  });

  it("runs the database's client with dbshell, passing the arguments after -- and exiting with its code", async () => {
    const dir = project();
    const sqlite3 = spawnSync('sqlite3', ['-version']).error === undefined;
    if (sqlite3) {
      expect(await manouche(dir, ['dbshell', '--', 'select 40+2;'])).toMatchObject({ code: 0, stdout: '42\n' });
      const exited = await manouche(dir, ['dbshell', '--', '.exit 3']);
      expect(exited.code).toBe(3);
      expect(exited.stderr).toMatch(/^CommandError: "sqlite3 \S+db\.sqlite3 '\.exit 3'" returned non-zero exit status 3\.$/m);
    }
    const missing = await runNode(meta.file('bin'), ['dbshell'], { cwd: dir, env: { PATH: tempDir() } });
    expect(missing).toMatchObject({ code: 1, stderr: "CommandError: You appear not to have the 'sqlite3' program installed or on your path.\n" });
  });

  it('builds a production bundle that serves the project without compiling TypeScript', async () => {
    const dir = project();
    await manouche(dir, ['migrate']);
    await manouche(dir, ['addnote', 'built']);
    // Each process that opens the project notes its pid.
    const settingsFile = path.join(dir, 'site/settings.ts');
    writeFileSync(
      settingsFile,
      `import { appendFileSync } from 'node:fs';\nappendFileSync('settings-loads.txt', \`\${process.pid}\\n\`);\n${readFileSync(settingsFile, 'utf8')}`,
    );
    const built = await manouche(dir, ['build']);
    expect(built.stderr).toBe('');
    expect(built.stdout).toContain('Built dist/server.mjs');
    for (const extra of [[], ['--workers', '2']]) {
      rmSync(path.join(dir, 'settings-loads.txt'), { force: true });
      const child = spawn(process.execPath, ['dist/server.mjs', '127.0.0.1:0', ...extra], { cwd: dir });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no server after 30 s:\n${output}`)), 30_000);
          const poll = setInterval(() => {
            const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
            if (found) {
              clearInterval(poll);
              clearTimeout(timer);
              resolve(found);
            }
          }, 50);
        });
        expect(await (await fetch(url)).text()).toContain('<li>built</li>');
        if (extra.length > 0) {
          expect(output).toContain('with 2 workers');
          // The primary forked two serving processes.
          const workerPids = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
            .stdout.trim()
            .split('\n');
          expect(workerPids).toHaveLength(2);
          // Only the workers open the project: the settings module ran in each worker, never in the primary.
          const loadedBy = readFileSync(path.join(dir, 'settings-loads.txt'), 'utf8').trim().split('\n').sort();
          expect(loadedBy).toEqual([...workerPids].sort());
        }
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.on('exit', resolve));
      }
    }
    const refused = spawnSync(process.execPath, ['dist/server.mjs', '127.0.0.1:0', '--workers', 'two'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('--workers must be a whole number of at least 1, got "two".');
    // A bad setting stops the server with its message, in one process and when the workers open the project.
    for (const extra of [[], ['--workers', '2']]) {
      const broken = spawnSync(process.execPath, ['dist/server.mjs', '127.0.0.1:0', ...extra], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, DATABASE_URL: 'bogus://nowhere' },
      });
      expect(broken.status).not.toBe(0);
      expect(broken.stderr).toContain('Invalid setting DATABASES.default from the environment variable DATABASE_URL');
    }
  }, 90_000);
});

describe('a custom AUTH_USER_MODEL', () => {
  /** The example project with an accounts app whose User replaces auth.User, the admin installed, and notes by an author. */
  function customUserProject(database: DatabaseSettings): string {
    const dir = project();
    const settingsFile = path.join(dir, 'site/settings.ts');
    const settings = readFileSync(settingsFile, 'utf8')
      .replace(
        "INSTALLED_APPS: ['notes'],",
        "INSTALLED_APPS: ['manouche.contrib.admin', 'manouche.contrib.auth', 'manouche.contrib.contenttypes', 'manouche.contrib.sessions', 'manouche.contrib.messages', 'accounts', 'notes'],\n  AUTH_USER_MODEL: 'accounts.User',",
      )
      .replace("DATABASES: { default: 'sqlite:///db.sqlite3' },", `DATABASES: { default: ${JSON.stringify(database)} },`);
    writeFileSync(settingsFile, settings);
    mkdirSync(path.join(dir, 'accounts'));
    writeFileSync(
      path.join(dir, 'accounts/models.ts'),
      "import { AbstractUser, UserManager } from 'manouche/contrib/auth';\n\nexport class User extends AbstractUser {\n  static override objects = new UserManager(this);\n}\n",
    );
    writeFileSync(path.join(dir, 'accounts/index.ts'), 'export {};\n');
    const models = path.join(dir, 'notes/models.ts');
    writeFileSync(
      models,
      readFileSync(models, 'utf8').replace(
        'created: fields.dateTime({ autoNowAdd: true }) }',
        "created: fields.dateTime({ autoNowAdd: true }), author: fields.foreignKey('accounts.User', { onDelete: 'CASCADE', null: true }) }",
      ),
    );
    return dir;
  }

  it.each(testDatabaseTargets())(
    'writes settings.AUTH_USER_MODEL into migrations, and migrate points the admin log and the app at it on $dialect',
    async ({ dialect, skip }) => {
      if (skip) return;
      const database = await createTestDatabase(dialect);
      try {
        const dir = customUserProject(database.settings);
        const made = await manouche(dir, ['makemigrations', 'accounts', 'notes']);
        if (made.code !== 0) throw new Error(`makemigrations failed:\n${made.stdout}\n${made.stderr}`);
        const notes = readFileSync(path.join(dir, 'notes/migrations/0002_note_author.ts'), 'utf8');
        expect(notes).toContain("to: 'settings.AUTH_USER_MODEL'");
        expect(notes).toContain("['settings.AUTH_USER_MODEL', '__first__']");
        const migrated = await manouche(dir, ['migrate']);
        if (migrated.code !== 0) throw new Error(`migrate failed:\n${migrated.stdout}\n${migrated.stderr}`);
        const shell = await manouche(dir, [
          'shell',
          '-c',
          // The shell has every installed app's models in scope: accounts' User comes after auth's in INSTALLED_APPS.
          "const user = await User.objects.createUser('django', 'd@example.com', 'nuages 1940'); " +
            "await Note.objects.create({ text: 'minor swing', author: user }); " +
            "await LogEntry.objects.create({ user, actionFlag: 1, objectRepr: 'minor swing', changeMessage: '[]' }); " +
            "return [await Note.objects.filter({ author__username: 'django' }).count(), await LogEntry.objects.filter({ user__username: 'django' }).count()]",
        ]);
        if (shell.code !== 0) throw new Error(`shell failed:\n${shell.stdout}\n${shell.stderr}`);
        expect(shell.stdout.trim()).toBe('[1,1]');
      } finally {
        await database.drop();
      }
    },
    120_000,
  );
});

describe('system checks of every layer', () => {
  it('warns about model changes without a migration and reports a broken URLconf', async () => {
    const dir = project();
    writeFileSync(
      path.join(dir, 'notes/models.ts'),
      readFileSync(path.join(dir, 'notes/models.ts'), 'utf8').replace('created:', 'pinned: fields.boolean({ default: false }), created:'),
    );
    writeFileSync(path.join(dir, 'site/urls.ts'), "import { include, path } from 'manouche/routing';\n\nexport default [path('', include('notes.nope'))];\n");
    const { code, stderr } = await manouche(dir, ['check']);
    expect(code).toBe(1);
    expect(stderr).toContain('ROOT_URLCONF \'site.urls\': (urls.E001) Could not load URLconf module "notes.nope"');
    expect(stderr).toContain('(migrations.W001) Your models have changes that are not yet reflected in a migration:');
    expect(stderr).toContain('Add field pinned to note');
    expect(stderr).toContain('System check identified 2 issues (0 silenced).');
  });
});

describe('clear errors', () => {
  it('names the file, line and column of a syntax error in a project module', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'notes/models.ts'), readFileSync(path.join(dir, 'notes/models.ts'), 'utf8').replace('maxLength: 200', 'maxLength: 200,,'));
    const { code, stderr } = await manouche(dir, ['check']);
    expect(code).toBe(1);
    expect(stderr).toContain(`Syntax error in ${path.join(dir, 'notes/models.ts')}:3:`);
  });

  it('lists what was tried when the settings module given with --settings does not exist', async () => {
    const dir = project();
    const { code, stderr } = await manouche(dir, ['migrate', '--settings=site.production']);
    expect(code).toBe(1);
    expect(stderr).toContain("Cannot find settings module 'site.production' (from --settings). Tried:");
    expect(stderr).toContain(path.join(dir, 'site/production.ts'));
  });

  it("reports an invalid setting with the settings layer's message, without a stack", async () => {
    const dir = project();
    writeFileSync(
      path.join(dir, 'site/settings.ts'),
      readFileSync(path.join(dir, 'site/settings.ts'), 'utf8').replace('DEBUG: true,', 'DEBUG: true,\n  DEBG: true,'),
    );
    const { code, stderr } = await manouche(dir, ['check']);
    expect(code).toBe(1);
    expect(stderr).toContain('DEBG');
    expect(stderr).toContain('DEBUG');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
