/**
 * The blog as a whole, through a real HTTP server: migrations applied by `migrate`, sample posts
 * from `seedposts`, the paginated list, the date-based detail page with its comments, the comment
 * form and "share this post by email" — on SQLite, and on PostgreSQL and MariaDB when their URLs
 * are set (each in an isolated database). Only DATABASES changes between them. Every test creates
 * the posts it needs, so the tests do not depend on each other's order.
 */
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import type { CommandIO, Project } from 'manouche/contracts';
import { managementCommands, setup } from 'manouche';
import { resolveProjectModule, runCli } from 'manouche/cli';
import { outbox } from 'manouche/mail';
import { serve, type Server } from 'manouche/server';
import { loadSettings } from 'manouche/settings';
import { escapeHtml } from 'manouche/templates';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePost } from '../blog/management/seedposts.js';
import { Comment, Post, Status } from '../blog/models.js';
import { PAGE_SIZE } from '../blog/views.js';
import settingsModule from '../mysite/settings.js';
import { Browser } from './support/browser.js';

const baseDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const importModule = async (specifier: string) => (await import(resolveProjectModule(baseDir, specifier))) as Record<string, unknown>;

/** Runs a management command of the blog against `project` and returns what it printed. */
async function manage(project: Project, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Partial<CommandIO> = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, interactive: false };
  const kept: Project = Object.assign(Object.create(project) as Project, { close: async () => {} });
  const commands = [...managementCommands(), ...project.apps.getAppConfigs().flatMap((app) => app.commands ?? [])];
  const code = await runCli(argv, { commands, loadProject: async () => kept, io, cwd: baseDir, env: {} });
  return { code, stdout, stderr };
}

let counter = 0;
/** A published post of its own for one test (unique slug), dated `publish`. */
async function makePost(fields: Partial<{ title: string; body: string; publish: Date; status: string }> = {}): Promise<Post> {
  counter += 1;
  return Post.objects.create({
    title: fields.title ?? `Test post ${counter}`,
    slug: `test-post-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    body: fields.body ?? 'Some text.',
    publish: fields.publish ?? new Date(Date.UTC(2021, 4, 1 + (counter % 27), 12)),
    status: fields.status ?? Status.PUBLISHED,
  });
}

const detailPath = (post: Post) => {
  const d = post.publish;
  return `/blog/${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}/${post.slug}/`;
};

describe.each(testDatabaseTargets())('the blog on $dialect', ({ dialect, skip }) => {
  let testDb: TestDatabase | undefined;
  let project: Project;
  let server: Server | undefined;
  let browser: Browser;

  beforeAll(async () => {
    if (skip) return;
    testDb = await createTestDatabase(dialect);
    const settings = loadSettings({
      values: { ...settingsModule, DATABASES: { default: testDb.settings }, EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend' },
      source: 'mysite/settings.ts',
      baseDir,
      env: {},
    });
    project = await setup({ settings, baseDir, settingsModule: 'mysite.settings', importModule });
    const migrate = await manage(project, ['migrate', '--no-input']);
    if (migrate.code !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
    server = await serve(await project.application(), { host: '127.0.0.1', port: 0, announce: false, accessLog: false, handleSignals: false, lifespan: 'off' });
    browser = new Browser(server.url.replace(/\/$/, ''));
  });

  afterAll(async () => {
    await server?.close();
    await project?.close();
    await testDb?.drop();
  });

  it.skipIf(Boolean(skip))(`has applied the committed migrations, and a second migrate applies nothing${skip ? ` (${skip})` : ''}`, async () => {
    const again = await manage(project, ['migrate', '--no-input']);
    expect(again.stdout).toContain('No migrations to apply.');
    const shown = await manage(project, ['showmigrations', 'blog']);
    expect(shown.stdout).toContain('[X] 0001_initial');
    expect(shown.stdout).toContain('[X] 0002_comment');
    const check = await manage(project, ['makemigrations', '--check', '--dry-run', '--no-input']);
    expect(check.code).toBe(0);
  });

  it.skipIf(Boolean(skip))('seeds sample posts once, however often seedposts runs', async () => {
    const now = new Date();
    const slugs = Array.from({ length: 25 }, (_, i) => samplePost(i + 1, now).slug);
    await Post.objects.filter({ slug__in: slugs }).delete();
    expect((await manage(project, ['seedposts', '--count', '25'])).stdout).toBe('Created 25 sample posts.\n');
    expect((await manage(project, ['seedposts', '--count', '25'])).stdout).toBe('The sample posts are already there.\n');
    expect(await Post.objects.filter({ slug__in: slugs }).count()).toBe(25);
    expect(await Post.published.filter({ slug__in: slugs }).count()).toBe(23);
    expect((await manage(project, ['seedposts', '--count', '-1'])).stderr).toContain('--count must be a whole number of at least 0, got -1.');
  });

  it.skipIf(Boolean(skip))('lists the published posts three to a page, newest first, with page links', async () => {
    // At least two pages, whatever other tests created.
    for (let i = 0; i <= PAGE_SIZE; i++) await makePost();
    await makePost({ status: Status.DRAFT });
    const published = await Post.published.all();
    const pages = Math.ceil(published.length / PAGE_SIZE);
    const first = await browser.get('/blog/');
    expect(first.status).toBe(200);
    const links = [...first.html.matchAll(/<h2><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(links.map(([, title]) => title)).toEqual(published.slice(0, 3).map((p) => escapeHtml(p.title)));
    expect(links[0]![0]).toBe(detailPath(published[0]!));
    expect(first.html).toContain(`<span class="current">Page 1 of ${pages}.</span>`);
    expect(first.html).toContain('<a href="?page=2">Next</a>');
    expect(first.html).not.toContain('Previous');
    const last = await browser.get(`/blog/?page=${pages}`);
    expect(last.html).toContain(`<a href="?page=${pages - 1}">Previous</a>`);
    expect(last.html).not.toContain('>Next<');
    const lastTitles = [...last.html.matchAll(/<h2><a href="[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);
    expect(lastTitles).toEqual(published.slice((pages - 1) * 3).map((p) => escapeHtml(p.title)));
  });

  it.skipIf(Boolean(skip))('answers /hello with plain text', async () => {
    const response = await fetch(`${server!.url.replace(/\/$/, '')}/hello`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Hello, World!');
  });

  it.skipIf(Boolean(skip))('lists the 20 newest posts as JSON at /api/posts', async () => {
    for (let i = 0; i < 21; i++) await makePost({ publish: new Date(Date.UTC(2001, 0, 1, i)) });
    const newest = await Post.objects.all().slice(0, 20);
    const response = await fetch(`${server!.url.replace(/\/$/, '')}/api/posts`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(newest.map((p) => ({ id: Number(p.id), title: p.title, slug: p.slug })));
  });

  it.skipIf(Boolean(skip))('answers 404 for page 0, page 9999 and page abc', async () => {
    await makePost();
    for (const page of ['0', '9999', 'abc']) expect((await browser.get(`/blog/?page=${page}`)).status).toBe(404);
  });

  it.skipIf(Boolean(skip))('shows a published post at its getAbsoluteUrl, and 404 for drafts, wrong dates and unknown slugs', async () => {
    const post = await makePost({ title: 'Gypsy jazz tonight', body: 'Notes on gypsy jazz.' });
    const draft = await makePost({ status: Status.DRAFT });
    const detail = await browser.get(detailPath(post));
    expect(detail.status).toBe(200);
    expect(detail.html).toContain('<title>Gypsy jazz tonight</title>');
    expect(detail.html).toContain('<p>Notes on gypsy jazz.</p>');
    expect(detail.html).toContain(`<a href="/blog/${String(post.id)}/share/">Share this post</a>`);
    expect((await browser.get(detailPath(draft))).status).toBe(404);
    expect((await browser.get(detailPath(post).replace(post.slug, 'no-such-post'))).status).toBe(404);
    const wrongDay = detailPath(post).replace(`/${post.publish.getUTCDate()}/`, `/${(post.publish.getUTCDate() % 27) + 1}/`);
    expect((await browser.get(wrongDay)).status).toBe(404);
  });

  it.skipIf(Boolean(skip))('adds a comment through the form under the post, and shows only active comments', async () => {
    const post = await makePost();
    await Comment.objects.create({ post, name: 'Hidden', email: 'h@example.com', body: 'Spam', active: false });
    const page = await browser.get(detailPath(post));
    expect(page.html).toContain('<h2>0 comments</h2>');
    expect(page.html).toContain('<p>There are no comments.</p>');
    expect(page.html).toContain(`<form action="/blog/${String(post.id)}/comment/" method="post">`);
    expect(page.html).toContain('<input type="text" name="name" maxlength="80" required id="id_name">');
    expect(page.html).toContain('name="csrfmiddlewaretoken"');

    const added = await browser.post(`/blog/${String(post.id)}/comment/`, { name: 'Django', email: 'dj@example.com', body: 'Lovely <b>tune</b>' }, page);
    expect(added.status).toBe(200);
    expect(added.html).toContain('<h2>Your comment has been added.</h2>');
    const after = await browser.get(detailPath(post));
    expect(after.html).toContain('<h2>1 comment</h2>');
    expect(after.html).toContain('Comment 1 by Django');
    expect(after.html).toContain('<p>Lovely &lt;b&gt;tune&lt;/b&gt;</p>');
    expect(after.html).not.toContain('Spam');
  });

  it.skipIf(Boolean(skip))('re-displays an invalid comment with its errors and the submitted values', async () => {
    const post = await makePost();
    const page = await browser.get(detailPath(post));
    const invalid = await browser.post(`/blog/${String(post.id)}/comment/`, { name: 'Ann "A"', email: 'not-an-email', body: '' }, page);
    expect(invalid.html).toContain('<ul class="errorlist"><li>Enter a valid email address.</li></ul>');
    expect(invalid.html).toContain('<ul class="errorlist"><li>This field is required.</li></ul>');
    expect(invalid.html).toContain('value="Ann &quot;A&quot;"');
    expect(invalid.html).toContain('value="not-an-email"');
    expect(await Comment.objects.filter({ post }).count()).toBe(0);
    expect((await browser.get(`/blog/${String(post.id)}/comment/`)).status).toBe(405);
  });

  it.skipIf(Boolean(skip))('refuses a comment without the CSRF token', async () => {
    const post = await makePost();
    const forged = await browser.post(`/blog/${String(post.id)}/comment/`, { name: 'X', email: 'x@example.com', body: 'y' });
    expect(forged.status).toBe(403);
    expect(await Comment.objects.filter({ post }).count()).toBe(0);
  });

  it.skipIf(Boolean(skip))('shares a post by email through the mail backend', async () => {
    const post = await makePost({ title: 'Minor swing explained' });
    const form = await browser.get(`/blog/${String(post.id)}/share/`);
    expect(form.html).toContain('<h1>Share "Minor swing explained" by e-mail</h1>');
    const invalid = await browser.post(`/blog/${String(post.id)}/share/`, { name: 'Ann', email: 'ann@example.com', to: 'nobody' }, form);
    expect(invalid.html).toContain('<li>Enter a valid email address.</li>');
    const before = outbox.length;
    const sent = await browser.post(
      `/blog/${String(post.id)}/share/`,
      { name: 'Ann', email: 'ann@example.com', to: 'bob@example.com', comments: 'Worth it.' },
      form,
    );
    expect(sent.html).toContain('<h1>E-mail successfully sent</h1>');
    expect(outbox.length).toBe(before + 1);
    const message = outbox[outbox.length - 1]!;
    expect(message.subject).toBe('Ann (ann@example.com) recommends you read Minor swing explained');
    expect(message.to).toEqual(['bob@example.com']);
    expect(message.body).toContain(`Read Minor swing explained at http://127.0.0.1:`);
    expect(message.body).toContain(detailPath(post));
    expect(message.body).toContain("Ann's comments: Worth it.");
    expect((await browser.get('/blog/999999/share/')).status).toBe(404);
  });

  it.skipIf(Boolean(skip))('reverses getAbsoluteUrl in the shell, outside any request, as Django does', async () => {
    const post = await makePost();
    const shell = await manage(project, ['shell', '-c', `return (await Post.objects.get({ slug: '${post.slug}' })).getAbsoluteUrl()`]);
    expect(shell.code).toBe(0);
    expect(shell.stdout).toBe(`${detailPath(post)}\n`);
  });

  it.skipIf(Boolean(skip))('escapes hostile post content and redirects / to the post list', async () => {
    // Dated now: newer than every other test's post and every sample post, so it is on page 1.
    await makePost({ title: '<script>alert(1)</script>', body: 'a & b <img src=x onerror=alert(1)>', publish: new Date() });
    const { html } = await browser.get('/blog/');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('a &amp; b &lt;img src=x onerror=alert(1)&gt;');
    const home = await browser.get('/');
    expect(home.status).toBe(302);
    expect(home.location).toBe('/blog/');
  });
});
