/**
 * The polls project through the real `manouche` command in child processes, as the tutorial's
 * reader runs it: part 5's `manouche test polls` (SQLite, and PostgreSQL/MariaDB when their URLs
 * are set), and part 6's stylesheet and background image under runserver with DEBUG on, then
 * collected with hashed names and served with DEBUG off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { settingsFromUrl, testDatabaseTargets } from '@manouche/orm/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The meta-package's own command tests hold the helper that bundles `manouche` from source.
import { bundleMetaPackage, runNode, tempDir, type MetaPackage } from '../../../packages/manouche/test/support/bundle.js';

const pollsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SQLITE_DATABASES = "default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' },";

let meta: MetaPackage;
beforeAll(async () => {
  meta = await bundleMetaPackage();
}, 60_000);
afterAll(() => meta?.dispose());

const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
});

/** A copy of apps/polls (without its node_modules, tests of its own or local database) with `manouche` installed. */
function pollsProject(database?: { url: string; testName: string }): string {
  const dir = tempDir('manouche-polls-');
  // Its tsconfig.json extends the monorepo's base config, which a copy elsewhere cannot reach.
  const skipped = new Set(['node_modules', 'test', 'tsconfig.json', 'db.sqlite3', 'staticfiles']);
  cpSync(pollsDir, dir, { recursive: true, filter: (source) => !skipped.has(path.relative(pollsDir, source).split(path.sep)[0]!) });
  meta.linkInto(dir);
  if (database) {
    const dialect = database.url.startsWith('postgres') ? 'postgresql' : 'mysql';
    const settingsFile = path.join(dir, 'mysite/settings.ts');
    const value = JSON.stringify({ ...settingsFromUrl(dialect, database.url), TEST: { NAME: database.testName } });
    const settings = readFileSync(settingsFile, 'utf8');
    if (!settings.includes(SQLITE_DATABASES)) throw new Error(`mysite/settings.ts no longer holds ${SQLITE_DATABASES}`);
    writeFileSync(settingsFile, settings.replace(SQLITE_DATABASES, `default: ${value},`));
  }
  return dir;
}

const ANSI = /\u001b\[[0-9;]*m/g;
async function manouche(cwd: string, args: string[], env: Record<string, string> = {}) {
  const result = await runNode(meta.file('bin'), args, { cwd, env, timeoutMs: 120_000 });
  return { ...result, stdout: result.stdout.replace(ANSI, ''), stderr: result.stderr.replace(ANSI, '') };
}

/** Starts `manouche runserver` on a free port and resolves with its base URL once it listens. */
async function runserver(cwd: string, env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, ['--enable-source-maps', meta.file('bin'), 'runserver', '127.0.0.1:0', '--noreload'], {
    cwd,
    env: { ...process.env, MANOUCHE_SETTINGS_MODULE: '', ...env },
  });
  running.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      const found = /Starting development server at (http:\/\/\S+\/)/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`runserver exited with ${String(code)}:\n${output}`)));
  });
}

const URLS: Record<string, string | undefined> = {
  sqlite: undefined,
  postgresql: process.env.MANOUCHE_TEST_POSTGRES_URL,
  mysql: process.env.MANOUCHE_TEST_MYSQL_URL,
};

describe.each(testDatabaseTargets())("the tutorial's part 5 tests through 'manouche test polls' on $dialect", ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }

  it('runs polls/tests.ts green on a test database it creates and destroys', async () => {
    const url = URLS[dialect];
    const dir = pollsProject(url ? { url, testName: `test_polls_${randomBytes(4).toString('hex')}` } : undefined);
    const { code, stdout, stderr } = await manouche(dir, ['test', 'polls']);
    if (code !== 0) throw new Error(`manouche test polls failed:\n${stdout}\n${stderr}`);
    expect(stderr).toMatch(/Creating test database for alias 'default'/);
    expect(stderr).toMatch(/Destroying test database for alias 'default'/);
    expect(stdout).toMatch(/Tests\s+10 passed \(10\)/);
  }, 120_000);
});

describe("'manouche test' and DEBUG", () => {
  it('runs tests with DEBUG off as Django does (static() still answers without collectstatic), and keeps it with --debug-mode', async () => {
    const dir = pollsProject();
    writeFileSync(
      path.join(dir, 'polls/debug_check.ts'),
      [
        "import { expect, it } from 'vitest';",
        "import { Client, testProject } from 'manouche/test';",
        "it('sees DEBUG', async () => {",
        '  console.log(`DEBUG is ${String(testProject().settings.DEBUG)}`);',
        "  expect((await new Client().get('/polls/')).text).toContain('/static/polls/style.css');",
        '});',
        '',
      ].join('\n'),
    );
    const off = await manouche(dir, ['test', 'polls/debug_check.ts']);
    if (off.code !== 0) throw new Error(`manouche test failed:\n${off.stdout}\n${off.stderr}`);
    expect(off.stdout).toContain('DEBUG is false');
    const kept = await manouche(dir, ['test', 'polls/debug_check.ts', '--debug-mode']);
    if (kept.code !== 0) throw new Error(`manouche test --debug-mode failed:\n${kept.stdout}\n${kept.stderr}`);
    expect(kept.stdout).toContain('DEBUG is true');
  }, 120_000);
});

describe("'manouche test polls' failing", () => {
  it('exits 1 naming the failing tutorial test when the index shows future questions again', async () => {
    const dir = pollsProject();
    const views = path.join(dir, 'polls/views.ts');
    writeFileSync(views, readFileSync(views, 'utf8').replace('filter({ pubDate__lte: new Date() })', 'all()'));
    const { code, stdout, stderr } = await manouche(dir, ['test', 'polls']);
    expect(code).toBe(1);
    expect(stdout + stderr).toContain("doesn't display questions with a pubDate in the future on the index page");
    expect(stdout).toMatch(/Tests\s+\d+ failed \| \d+ passed \(10\)/);
  }, 120_000);
});

describe("the tutorial's part 6 stylesheet and background image", () => {
  it('runserver with DEBUG on serves polls/style.css and the image from the app, and the index links the stylesheet', async () => {
    const dir = pollsProject();
    expect((await manouche(dir, ['migrate'])).code).toBe(0);
    const url = await runserver(dir);
    const css = await fetch(`${url}static/polls/style.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('li a {\n  color: green;\n}');
    const image = await fetch(`${url}static/polls/images/background.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(await (await fetch(`${url}polls/`)).text()).toContain('<link rel="stylesheet" href="/static/polls/style.css">');
  }, 60_000);

  it('collectstatic --noinput writes hashed names with the url() rewritten, served with DEBUG off', async () => {
    const dir = pollsProject();
    expect((await manouche(dir, ['migrate'])).code).toBe(0);
    const collected = await manouche(dir, ['collectstatic', '--noinput']);
    expect(collected.code).toBe(0);
    expect(collected.stdout).toContain(`static files copied to '${path.join(dir, 'staticfiles')}'`);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'staticfiles/staticfiles.json'), 'utf8')) as { paths: Record<string, string> };
    const hashedCss = manifest.paths['polls/style.css']!;
    const hashedImage = manifest.paths['polls/images/background.png']!;
    expect(hashedCss).toMatch(/^polls\/style\.[0-9a-f]{12}\.css$/);
    expect(hashedImage).toMatch(/^polls\/images\/background\.[0-9a-f]{12}\.png$/);

    const url = await runserver(dir, { MANOUCHE_DEBUG: 'false' });
    expect(await (await fetch(`${url}polls/`)).text()).toContain(`<link rel="stylesheet" href="/static/${hashedCss}">`);
    const css = await fetch(`${url}static/${hashedCss}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('max-age=31536000, public, immutable');
    // Relative in the source, relative in the copy: images/background.png → its hashed name.
    expect(await css.text()).toContain(`background: white url("${path.posix.relative('polls', hashedImage)}") no-repeat;`);
    const image = await fetch(`${url}static/${hashedImage}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
  }, 60_000);
});
