/**
 * `manouche test` as users run it: a child process over the meta-package, on a copy of the
 * example project, against SQLite and (when their URLs are set) PostgreSQL and MariaDB.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { settingsFromUrl, testDatabaseTargets } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleMetaPackage, packageDir, runNode, tempDir, type MetaPackage } from './support/bundle.js';

let meta: MetaPackage;
beforeAll(async () => {
  meta = await bundleMetaPackage();
}, 60_000);
afterAll(() => meta?.dispose());

// The @manouche/test README's example, as the notes app's tests.ts.
const NOTES_TESTS = readFileSync(path.join(packageDir, '../test/examples/notes-tests.ts'), 'utf8');

const FAILING_TESTS = `import { expect, it } from 'vitest';
import { Note } from '../models.js';

it('fails on purpose', async () => {
  await Note.objects.create({ text: 'x' });
  expect(await Note.objects.count()).toBe(5);
});
`;

/** A test database name of its own per project, so concurrent runs never share one. */
let testName = '';

function project(database?: string): string {
  const dir = tempDir();
  cpSync(path.join(packageDir, 'examples/full-framework'), dir, { recursive: true });
  meta.linkInto(dir);
  writeFileSync(path.join(dir, 'notes/tests.ts'), NOTES_TESTS);
  if (database) {
    const settings = path.join(dir, 'site/settings.ts');
    testName = `test_mt_${randomBytes(4).toString('hex')}`;
    const dialect = database.startsWith('postgres') ? 'postgresql' : 'mysql';
    const value = JSON.stringify({ ...settingsFromUrl(dialect, database), TEST: { NAME: testName } });
    writeFileSync(settings, readFileSync(settings, 'utf8').replace("DATABASES: { default: 'sqlite:///db.sqlite3' }", `DATABASES: { default: ${value} }`));
  }
  return dir;
}

const ANSI = /\u001b\[[0-9;]*m/g;
async function manouche(cwd: string, args: string[]) {
  const result = await runNode(meta.file('bin'), args, { cwd, timeoutMs: 120_000 });
  return { ...result, stdout: result.stdout.replace(ANSI, ''), stderr: result.stderr.replace(ANSI, '') };
}

const URLS: Record<string, string | undefined> = {
  sqlite: undefined,
  postgresql: process.env.MANOUCHE_TEST_POSTGRES_URL,
  mysql: process.env.MANOUCHE_TEST_MYSQL_URL,
};

describe.each(testDatabaseTargets())('manouche test on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }

  it('runs the app tests in transactions rolled back after each test, and destroys the test database', async () => {
    const dir = project(URLS[dialect]);
    const { code, stdout, stderr } = await manouche(dir, ['test', 'notes']);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stderr).toContain('Found 1 test file.');
    expect(stderr).toMatch(/Creating test database for alias 'default'/);
    expect(stderr).toMatch(/Destroying test database for alias 'default'/);
    expect(stdout).toMatch(/Tests\s+5 passed \(5\)/);
    if (dialect === 'sqlite') return;
    const kept = await manouche(dir, ['test', 'notes', '--keepdb']);
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain('Preserving test database(s) (--keepdb).');
    const reused = await manouche(dir, ['test', 'notes', '--keepdb']);
    expect(reused.stderr).toContain(`Using existing test database for alias 'default' ('${testName}')`);
    const replaced = await manouche(dir, ['test', 'notes']);
    expect(replaced.stderr).toContain(`Destroying old test database for alias 'default' ('${testName}')`);
  }, 120_000);

  it('exits 1 with the failing assertion and its file:line, and runs files in parallel with a database each', async () => {
    const dir = project(URLS[dialect]);
    writeFileSync(path.join(dir, 'notes/tests.ts'), NOTES_TESTS);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'notes/tests'));
    writeFileSync(path.join(dir, 'notes/tests/test-failing.ts'), FAILING_TESTS);
    const { code, stdout, stderr } = await manouche(dir, ['test', '--parallel', '2']);
    expect(code).toBe(1);
    expect(stderr).toContain('Found 2 test files.');
    if (dialect !== 'sqlite') {
      expect(stderr).toContain(`Creating test database for alias 'default' ('${testName}_1')`);
      expect(stderr).toContain(`Creating test database for alias 'default' ('${testName}_2')`);
    }
    expect(stdout + stderr).toContain('expected 1 to be 5');
    expect(stdout + stderr).toMatch(/notes\/tests\/test-failing\.ts:6:/);
    expect(stdout).toMatch(/Tests\s+1 failed \| 5 passed \(6\)/);
  }, 120_000);
});

const EXTRA_TESTS = `import { describe, expect, it } from 'vitest';
import { Client, RequestFactory, assertContains, assertNotContains, overrideSettings, useFixtures, useTransactionTestCase } from 'manouche/test';
import { atomic } from 'manouche/orm';
import { Note } from '../models.js';
import { noteList } from '../views.js';

describe('fixtures', () => {
  useFixtures('notes');
  it('are installed before each test', async () => {
    assertContains(await new Client().get('/'), '<li>from a fixture</li>', { html: true });
  });
  it('are installed again after the rollback', async () => {
    expect(await Note.objects.count()).toBe(1);
  });
});

describe('committing tests', () => {
  useTransactionTestCase();
  it('commit for real', async () => {
    await atomic(async () => { await Note.objects.create({ text: 'committed' }); });
    expect(await Note.objects.count()).toBe(1);
  });
  it('start from empty tables', async () => {
    expect(await Note.objects.count()).toBe(0);
  });
});

describe('views and settings', () => {
  it('calls a view with a RequestFactory request', async () => {
    await Note.objects.create({ text: 'direct' });
    const response = await noteList((await RequestFactory.forProject()).get('/'));
    expect(response.status).toBe(200);
  });
  it('overrides a setting for one block', async () => {
    // Tests run with DEBUG off, as Django's runner does: the plain 404 page.
    const production = await new Client().get('/missing/');
    assertContains(production, 'Not Found', { status: 404 });
    assertNotContains(production, 'Page not found', { status: 404 });
    const debug = await overrideSettings({ DEBUG: true }, () => new Client().get('/missing/'));
    assertContains(debug, 'Page not found', { status: 404 });
    assertContains(await new Client().get('/missing/'), 'Not Found', { status: 404 });
  });
});
`;

describe('fixtures, committing tests, RequestFactory and overrideSettings in a project', () => {
  it('runs them green, and dumpdata/loaddata round-trip through the command line', async () => {
    const { mkdirSync } = await import('node:fs');
    const dir = project();
    mkdirSync(path.join(dir, 'notes/fixtures'));
    writeFileSync(
      path.join(dir, 'notes/fixtures/notes.json'),
      JSON.stringify([{ model: 'notes.note', pk: 1, fields: { text: 'from a fixture', created: '2024-01-01T00:00:00Z' } }]),
    );
    mkdirSync(path.join(dir, 'notes/tests'));
    writeFileSync(path.join(dir, 'notes/tests/test-extras.ts'), EXTRA_TESTS);
    const run = await manouche(dir, ['test', 'notes/tests']);
    if (run.code !== 0) throw new Error(`manouche test failed:\n${run.stdout}\n${run.stderr}`);
    expect(run.stdout).toMatch(/Tests\s+6 passed \(6\)/);

    expect((await manouche(dir, ['migrate'])).code).toBe(0);
    const loaded = await manouche(dir, ['loaddata', 'notes']);
    expect(loaded.stdout).toBe('Installed 1 object(s) from 1 fixture(s)\n');
    const dumped = await manouche(dir, ['dumpdata', 'notes.Note', '--indent', '2']);
    expect(JSON.parse(dumped.stdout)).toEqual([{ model: 'notes.note', pk: 1, fields: { text: 'from a fixture', created: '2024-01-01T00:00:00.000Z' } }]);
    expect(dumped.stdout).toContain('\n  {\n    "model"');
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify([{ model: 'notes.note', pk: 2, fields: { txt: 'typo' } }]));
    const bad = await manouche(dir, ['loaddata', 'bad.json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      `Problem installing fixture '${path.join(dir, 'bad.json')}': object #0 (notes.note pk=2), field 'txt': Note has no such field.`,
    );
  }, 120_000);
});

const AUTH_TESTS = `import { describe, expect, it } from 'vitest';
import { Client } from 'manouche/test';
import { User } from 'manouche/contrib/auth';

describe('logging in from a test', () => {
  it('logs in with credentials, keeps the session, and logs out', async () => {
    await User.objects.createUser('ann', 'ann@example.com', 'a long s3cret pass');
    const client = new Client();
    expect(await client.login({ username: 'ann', password: 'wrong' })).toBe(false);
    expect((await client.get('/who/')).text).toBe('anonymous');
    expect(await client.login({ username: 'ann', password: 'a long s3cret pass' })).toBe(true);
    expect((await client.get('/who/')).text).toBe('ann');
    await client.logout();
    expect((await client.get('/who/')).text).toBe('anonymous');
  });

  it('forces a login without a password', async () => {
    const bob = await User.objects.createUser('bob', 'bob@example.com', 'another long pass');
    const client = new Client();
    await client.forceLogin(bob);
    expect((await client.get('/who/')).text).toBe('bob');
  });
});
`;

describe('Client.login with manouche.contrib.auth', () => {
  it('logs in, forces a login and logs out through the session', async () => {
    const dir = project();
    const settings = path.join(dir, 'site/settings.ts');
    writeFileSync(
      settings,
      readFileSync(settings, 'utf8')
        .replace(
          "INSTALLED_APPS: ['notes']",
          "INSTALLED_APPS: ['manouche.contrib.contenttypes', 'manouche.contrib.auth', 'manouche.contrib.sessions', 'notes']",
        )
        .replace(
          'MIDDLEWARE: [',
          "MIDDLEWARE: ['manouche.contrib.sessions.middleware.SessionMiddleware', 'manouche.contrib.auth.middleware.AuthenticationMiddleware', ",
        ),
    );
    writeFileSync(
      path.join(dir, 'site/urls.ts'),
      "import { include, path } from 'manouche/routing';\nimport { HttpResponse, type HttpRequest } from 'manouche/core';\n\nexport default [\n  path('who/', async (request: HttpRequest) => { const user = await (request as unknown as { auser(): Promise<{ isAuthenticated: boolean; username?: string }> }).auser(); return new HttpResponse(user.isAuthenticated ? String(user.username) : 'anonymous'); }),\n  path('', include('notes.urls')),\n];\n",
    );
    writeFileSync(path.join(dir, 'notes/tests.ts'), AUTH_TESTS);
    const run = await manouche(dir, ['test', 'notes']);
    if (run.code !== 0) throw new Error(`manouche test failed:\n${run.stdout}\n${run.stderr}`);
    expect(run.stdout).toMatch(/Tests\s+2 passed \(2\)/);
  }, 120_000);
});

describe('startapp', () => {
  it("writes a tests.ts that 'manouche test' runs green", async () => {
    const dir = project();
    expect((await manouche(dir, ['startapp', 'polls'])).code).toBe(0);
    const settings = path.join(dir, 'site/settings.ts');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace("INSTALLED_APPS: ['notes']", "INSTALLED_APPS: ['notes', 'polls']"));
    const { code, stdout, stderr } = await manouche(dir, ['test', 'polls']);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stdout).toMatch(/Tests\s+2 passed \(2\)/);
  }, 120_000);
});

describe('choosing tests', () => {
  it('runs one describe block of a dotted module and rejects an unknown label', async () => {
    const dir = project();
    const one = await manouche(dir, ['test', 'notes.tests.with data made once']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/Tests\s+2 passed \| 3 skipped \(5\)/);
    const unknown = await manouche(dir, ['test', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Test label 'nope' is not an installed app");
  }, 120_000);
});
