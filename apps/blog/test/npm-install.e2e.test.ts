/**
 * The seed's workflow as a new user runs it, against the packages as npm installs them:
 * every package is packed with `pnpm pack` (workspace versions rewritten), the tarballs are installed with npm into a fresh
 * folder, then `npx manouche startproject mysite`, `startapp blog`, the seed's Post model,
 * `makemigrations`, `migrate` twice, `runserver` with `--settings`, and pages over HTTP.
 *
 * better-sqlite3 has no prebuilt binary for this machine and compiles in ~90 s, so the install
 * skips install scripts (`--ignore-scripts`) and copies the binary the workspace already built
 * for the same version (documented in apps/blog/README.md). Needs `pnpm build` first.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Every workspace package is packed and installed, as the registry would serve them.
const PACKAGES = readdirSync(path.join(root, 'packages')).filter((name) => existsSync(path.join(root, 'packages', name, 'package.json')));

let work: string;
let site: string;
const timings: Record<string, number> = {};

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    timings[label] = Math.round(performance.now() - start);
  }
}

/**
 * Runs `manouche ...` in the user's project and returns its output (throws with both streams on
 * failure): through `npx` as the seed does, or the installed bin directly (npx adds ~1 s a call).
 */
async function manouche(args: string[], cwd = site, via: 'npx' | 'bin' = 'bin', env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  const [command, prefix] = via === 'npx' ? ['npx', ['--no-install', 'manouche']] : [path.join(work, 'user/node_modules/.bin/manouche'), []];
  try {
    return await exec(command, [...prefix, ...args], { cwd, env: { ...process.env, MANOUCHE_SETTINGS_MODULE: '', CI: 'true', ...env }, timeout: 60_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`manouche ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts a long-running process and resolves once `url` answers. */
async function startServer(command: string, args: string[], url: string): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(command, args, { cwd: site, env: { ...process.env, MANOUCHE_SETTINGS_MODULE: '' } });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(url);
      return { child, output: () => output };
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not answer on ${url} within 30 s:\n${output}`);
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

const SEED_MODEL = `import { Model, fields } from 'manouche/orm';

export class Post extends Model.define({
  title: fields.char({ maxLength: 250 }),
  slug: fields.slug({ maxLength: 250 }),
  body: fields.text(),
}) {
  toString() {
    return this.title;
  }
}
`;

const VIEWS = `import { getObjectOr404, render, type HttpRequest } from 'manouche/core';
import { Post } from './models.js';

export async function postList(request: HttpRequest) {
  return render(request, 'blog/post/list.html', { posts: await Post.objects.orderBy('-id') });
}

export async function postDetail(request: HttpRequest, kwargs: { slug: string }) {
  return render(request, 'blog/post/detail.html', { post: await getObjectOr404(Post, { slug: kwargs.slug }) });
}
`;

const URLS = `import { path } from 'manouche/routing';
import { postDetail, postList } from './views.js';

export const appName = 'blog';

export default [
  path('', postList, { name: 'post_list' }),
  path('<slug:slug>/', postDetail, { name: 'post_detail' }),
];
`;

const TEMPLATES: Record<string, string> = {
  'base.html': "<!DOCTYPE html>\n<title><% block('title', () => { %>mysite<% }) %></title>\n<main><% block('content') %></main>\n",
  'post/list.html':
    "<% extend('blog/base.html') %>\n<% block('content', () => { %><% for (const post of it.posts) { %><h2><a href=\"<%= url('blog:post_detail', { slug: post.slug }) %>\"><%= post %></a></h2>\n<% } %><% }) %>\n",
  'post/detail.html':
    "<% extend('blog/base.html') %>\n<% block('title', () => { %><%= it.post.title %><% }) %>\n<% block('content', () => { %><p><%= it.post.body %></p><% }) %>\n",
};

describe('a new user installs the packed packages with npm and runs the seed workflow', () => {
  beforeAll(async () => {
    const missing = PACKAGES.filter((p) => !existsSync(path.join(root, 'packages', p, 'dist')));
    if (missing.length) throw new Error(`Build the packages first (pnpm build): no dist/ in ${missing.join(', ')}`);
    work = mkdtempSync(path.join(os.tmpdir(), 'manouche-e2e-'));
    const tarballs = path.join(work, 'tarballs');
    mkdirSync(tarballs);
    await timed('pack', () => exec('pnpm', ['-r', '--filter', './packages/*', 'pack', '--pack-destination', tarballs], { cwd: root }));
    expect(readdirSync(tarballs)).toHaveLength(PACKAGES.length);
    const user = path.join(work, 'user');
    mkdirSync(user);
    writeFileSync(path.join(user, 'package.json'), JSON.stringify({ name: 'user', private: true, type: 'module' }));
    const sqlite = realpathSync(path.join(root, 'packages/manouche/node_modules/better-sqlite3'));
    const sqliteVersion = (JSON.parse(readFileSync(path.join(sqlite, 'package.json'), 'utf8')) as { version: string }).version;
    await timed('npm install', () =>
      exec(
        'npm',
        [
          'install',
          '--prefer-offline',
          '--ignore-scripts',
          '--no-audit',
          '--no-fund',
          ...readdirSync(tarballs).map((t) => path.join(tarballs, t)),
          `better-sqlite3@${sqliteVersion}`,
        ],
        {
          cwd: user,
          timeout: 150_000,
        },
      ),
    );
    const release = path.join(user, 'node_modules/better-sqlite3/build/Release');
    mkdirSync(release, { recursive: true });
    copyFileSync(path.join(sqlite, 'build/Release/better_sqlite3.node'), path.join(release, 'better_sqlite3.node'));

    const created = await manouche(['startproject', 'mysite'], user, 'npx');
    expect(created.stdout).toContain("Created project 'mysite'");
    site = path.join(user, 'mysite');
  }, 180_000);

  afterAll(() => {
    console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('creates the blog app, migrates idempotently, and serves the pages with runserver --settings', async () => {
    await manouche(['startapp', 'blog'], site, 'npx');
    writeFileSync(path.join(site, 'blog/models.ts'), SEED_MODEL);
    writeFileSync(path.join(site, 'blog/views.ts'), VIEWS);
    writeFileSync(path.join(site, 'blog/urls.ts'), URLS);
    mkdirSync(path.join(site, 'blog/templates/blog/post'), { recursive: true });
    for (const [name, source] of Object.entries(TEMPLATES)) writeFileSync(path.join(site, 'blog/templates/blog', name), source);
    const settingsFile = path.join(site, 'mysite/settings.ts');
    writeFileSync(settingsFile, readFileSync(settingsFile, 'utf8').replace('INSTALLED_APPS: [\n', "INSTALLED_APPS: [\n    'blog',\n"));
    writeFileSync(
      path.join(site, 'mysite/urls.ts'),
      "import { admin } from 'manouche/contrib/admin';\nimport { include, path } from 'manouche/routing';\n\n" +
        "export default [path('admin/', admin.site.urls), path('blog/', include('blog.urls', { namespace: 'blog' }))];\n",
    );
    writeFileSync(
      path.join(site, 'blog/admin.ts'),
      "import { admin } from 'manouche/contrib/admin';\nimport { Post } from './models.js';\n\nadmin.register(Post, { listDisplay: ['title', 'slug'], searchFields: ['title'] });\n",
    );

    const made = await timed('makemigrations', () => manouche(['makemigrations', 'blog']));
    expect(made.stdout).toContain('0001_initial');
    expect(existsSync(path.join(site, 'blog/migrations/0001_initial.ts'))).toBe(true);

    const first = await timed('migrate', () => manouche(['migrate']));
    expect(first.stdout).toMatch(/Applying blog\.0001_initial\.\.\. OK/);
    expect(first.stdout).toMatch(/Applying auth\.0001_initial\.\.\. OK/);
    expect(first.stdout).toMatch(/Applying admin\.0001_initial\.\.\. OK/);
    const second = await manouche(['migrate']);
    expect(second.stdout).toContain('No migrations to apply.');
    const superuser = await manouche(['createsuperuser', '--no-input'], site, 'npx', {
      MANOUCHE_SUPERUSER_USERNAME: 'admin',
      MANOUCHE_SUPERUSER_EMAIL: 'admin@example.com',
      MANOUCHE_SUPERUSER_PASSWORD: 'Minor-Swing-1937',
    });
    expect(superuser.stdout).toContain('Superuser created successfully.');

    const count = await manouche([
      'shell',
      '-c',
      "await Post.objects.create({ title: 'Minor Swing', slug: 'minor-swing', body: 'Django & Stéphane, 1937.' }); await Post.objects.create({ title: 'Nuages', slug: 'nuages', body: 'A <b>ballad</b>.' }); return await Post.objects.count();",
    ]);
    expect(count.stdout.trim()).toBe('2');

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const bin = path.join(work, 'user/node_modules/.bin/manouche');
    const server = await timed('runserver start', () => startServer(bin, ['runserver', `127.0.0.1:${port}`, '--settings=mysite.settings'], `${base}/blog/`));
    try {
      const list = await fetch(`${base}/blog/`);
      expect(list.status).toBe(200);
      const html = await list.text();
      expect(html.indexOf('Nuages')).toBeGreaterThan(-1);
      expect(html.indexOf('Nuages')).toBeLessThan(html.indexOf('Minor Swing'));
      expect(html).toContain('href="/blog/minor-swing/"');
      const detail = await fetch(`${base}/blog/nuages/`);
      expect(detail.status).toBe(200);
      expect(await detail.text()).toContain('A &lt;b&gt;ballad&lt;/b&gt;.');
      expect((await fetch(`${base}/blog/no-such-post/`)).status).toBe(404);
      const adminIndex = await fetch(`${base}/admin/`, { redirect: 'manual' });
      expect(adminIndex.status).toBe(302);
      expect(adminIndex.headers.get('location')).toContain('/admin/login/');
      expect((await fetch(`${base}/admin/login/`)).status).toBe(200);
      expect(server.output()).toContain(`http://127.0.0.1:${port}/`);
    } finally {
      expect(await stop(server.child)).toBe(0);
    }

    const built = await timed('build', () => manouche(['build']));
    expect(built.stdout).toContain('Built dist/server.mjs');
    const prodPort = await freePort();
    const production = await startServer(process.execPath, ['dist/server.mjs', `127.0.0.1:${prodPort}`], `http://127.0.0.1:${prodPort}/blog/`);
    try {
      const page = await fetch(`http://127.0.0.1:${prodPort}/blog/nuages/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Nuages</title>');
    } finally {
      await stop(production.child);
    }
  }, 120_000);
});
