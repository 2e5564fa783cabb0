/**
 * The blog with Django's contrib apps, through a real HTTP server on SQLite, PostgreSQL and
 * MariaDB: the login page at /accounts/login/, the staff-only drafts page, logging out by POST,
 * and CSRF protection of the comment form against a cross-site POST. Every test creates the
 * users and posts it needs.
 */
import { testDatabaseTargets } from '@manouche/orm/testing';
import { User } from 'manouche/contrib/auth';
import { DbSessionStore, Session } from 'manouche/contrib/sessions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Comment, Post, Status } from '../blog/models.js';
import { startBlog, type BlogServer } from './support/blog-server.js';

/** One visitor's browser: keeps cookies, sends extra headers, reads the CSRF token of the last form. */
class Visitor {
  readonly cookies = new Map<string, string>();
  lastHtml = '';
  constructor(private readonly baseUrl: string) {}

  async request(path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string>; withToken?: boolean } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: URLSearchParams | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form);
      const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(this.lastHtml)?.[1];
      if (init.withToken !== false && token) body.set('csrfmiddlewaretoken', token);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), body, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      const value = pair!
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, '');
      if (value === '' || /max-age=0\b/i.test(header)) this.cookies.delete(pair!.slice(0, eq).trim());
      else this.cookies.set(pair!.slice(0, eq).trim(), value);
    }
    const html = await response.text();
    if (html.includes('csrfmiddlewaretoken')) this.lastHtml = html;
    return { status: response.status, html, location: response.headers.get('location') };
  }

  /** Opens the login page, then posts the credentials with the page's CSRF token. */
  async logIn(username: string, password: string, next?: string) {
    await this.request(`/accounts/login/${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    return this.request('/accounts/login/', { form: { username, password, ...(next ? { next } : {}) } });
  }
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}${Math.random().toString(36).slice(2, 6)}`;
const PASSWORD = 'minor swing 1937';

describe.each(testDatabaseTargets())('logging in to the blog on $dialect', ({ dialect, skip }) => {
  let blog: BlogServer | undefined;

  beforeAll(async () => {
    if (skip) return;
    // scrypt instead of 1,000,000 PBKDF2 rounds per login: the flow is under test here, not the cost.
    blog = await startBlog(dialect, { PASSWORD_HASHERS: ['manouche.contrib.auth.hashers.ScryptPasswordHasher'] });
  });
  afterAll(async () => {
    await blog?.close();
  });

  const staffUser = async () => User.objects.createUser(unique('staff'), 'staff@example.com', PASSWORD, { isStaff: true });
  const plainUser = async () => User.objects.createUser(unique('reader'), 'reader@example.com', PASSWORD);

  it.skipIf(Boolean(skip))(`sends an anonymous visitor of the drafts page to the login page${skip ? ` (${skip})` : ''}`, async () => {
    const visitor = new Visitor(blog!.baseUrl);
    const drafts = await visitor.request('/blog/drafts/');
    expect(drafts.status).toBe(302);
    expect(drafts.location).toBe('/accounts/login/?next=/blog/drafts/');
    const login = await visitor.request(drafts.location!);
    expect(login.status).toBe(200);
    expect(login.html).toContain('<h1>Log in</h1>');
    expect(login.html).toContain('name="csrfmiddlewaretoken"');
    expect(visitor.cookies.has('csrftoken')).toBe(true);
  });

  it.skipIf(Boolean(skip))('logs a staff member in with the CSRF token, under a new session key, and shows the drafts', async () => {
    const user = await staffUser();
    const title = unique('Draft about manouche ');
    await Post.objects.create({ title, slug: unique('draft-'), body: 'Not yet.', publish: new Date(), status: Status.DRAFT });
    const visitor = new Visitor(blog!.baseUrl);
    // A session that existed before the login (one an attacker planted, say) must not become the logged-in one.
    const planted = new DbSessionStore(null, blog!.project.settings);
    await planted.set('planted', true);
    await planted.create();
    visitor.cookies.set('sessionid', planted.sessionKey!);
    await visitor.request('/accounts/login/?next=/blog/drafts/');
    const csrfBefore = visitor.cookies.get('csrftoken');

    const loggedIn = await visitor.request('/accounts/login/', { form: { username: user.username, password: PASSWORD, next: '/blog/drafts/' } });
    expect(loggedIn.status).toBe(302);
    expect(loggedIn.location).toBe('/blog/drafts/');
    const sessionKey = visitor.cookies.get('sessionid');
    expect(sessionKey).toBeTruthy();
    expect(sessionKey).not.toBe(planted.sessionKey);
    expect(await Session.objects.filter({ sessionKey: planted.sessionKey! }).count()).toBe(0);
    expect(visitor.cookies.get('csrftoken')).not.toBe(csrfBefore);

    const drafts = await visitor.request('/blog/drafts/');
    expect(drafts.status).toBe(200);
    expect(drafts.html).toContain(`<h2>${title}</h2>`);
    expect(drafts.html).toContain(`Logged in as ${user.username}`);
    expect(drafts.html).toContain('<a href="/blog/drafts/">Drafts</a>');
  });

  it.skipIf(Boolean(skip))('keeps a logged-in reader who is not staff out of the drafts page', async () => {
    const user = await plainUser();
    const visitor = new Visitor(blog!.baseUrl);
    expect((await visitor.logIn(user.username, PASSWORD)).location).toBe('/blog/');
    const home = await visitor.request('/blog/');
    expect(home.html).toContain(`Logged in as ${user.username}`);
    expect(home.html).not.toContain('>Drafts</a>');
    const drafts = await visitor.request('/blog/drafts/');
    expect(drafts.status).toBe(302);
    expect(drafts.location).toBe('/accounts/login/?next=/blog/drafts/');
  });

  it.skipIf(Boolean(skip))('refuses a wrong password and keeps the visitor anonymous', async () => {
    const user = await staffUser();
    const visitor = new Visitor(blog!.baseUrl);
    const wrong = await visitor.logIn(user.username, 'not the password');
    expect(wrong.status).toBe(200);
    expect(wrong.html).toContain('Please enter a correct username and password.');
    expect(visitor.cookies.has('sessionid')).toBe(false);
    expect((await visitor.request('/blog/drafts/')).status).toBe(302);
  });

  it.skipIf(Boolean(skip))('logs out by POST only, ending the session', async () => {
    const user = await staffUser();
    const visitor = new Visitor(blog!.baseUrl);
    await visitor.logIn(user.username, PASSWORD);
    const sessionKey = visitor.cookies.get('sessionid')!;
    const page = await visitor.request('/blog/');
    expect(page.html).toContain('<form class="logout" action="/accounts/logout/" method="post">');
    expect((await visitor.request('/accounts/logout/')).status).toBe(405);
    const out = await visitor.request('/accounts/logout/', { form: {} });
    expect(out.status).toBe(302);
    expect(out.location).toBe('/blog/');
    expect(visitor.cookies.has('sessionid')).toBe(false);
    expect(await Session.objects.filter({ sessionKey }).count()).toBe(0);
    expect((await visitor.request('/blog/')).html).toContain('<a href="/accounts/login/">Log in</a>');
    // The old cookie, replayed, is an anonymous visitor now.
    visitor.cookies.set('sessionid', sessionKey);
    expect((await visitor.request('/blog/drafts/')).status).toBe(302);
  });

  it.skipIf(Boolean(skip))('refuses a cross-site POST to the comment form with 403, token or not', async () => {
    const post = await Post.objects.create({
      title: unique('Post '),
      slug: unique('post-'),
      body: 'Text.',
      publish: new Date(Date.UTC(2021, 4, 3, 12)),
      status: Status.PUBLISHED,
    });
    const visitor = new Visitor(blog!.baseUrl);
    await visitor.request(post.getAbsoluteUrl());
    const comment = { name: 'Mallory', email: 'm@evil.example', body: 'Buy now' };
    const crossSite = await visitor.request(`/blog/${String(post.id)}/comment/`, { form: comment, headers: { origin: 'http://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.html).toContain('Origin checking failed');
    const noToken = await visitor.request(`/blog/${String(post.id)}/comment/`, { form: comment, withToken: false });
    expect(noToken.status).toBe(403);
    expect(await Comment.objects.filter({ post }).count()).toBe(0);
    const sameSite = await visitor.request(`/blog/${String(post.id)}/comment/`, { form: comment, headers: { origin: blog!.baseUrl } });
    expect(sameSite.status).toBe(200);
    expect(await Comment.objects.filter({ post }).count()).toBe(1);
  });
});
