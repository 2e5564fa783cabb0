import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callHttp } from '@manouche/asgi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequest, gotRequestException, Http404, HttpResponse, PermissionDenied, SuspiciousOperation, type HttpRequest } from '../src/index.js';
import { createResolver, include, path } from '@manouche/routing';
import { makeApp } from './support/app.js';
import { fakeTemplates } from './support/fakes.js';
import { serve } from './support/node-adapter.js';

function thrower(error: unknown) {
  return () => {
    throw error;
  };
}

const routes = [
  { route: 'blog/', view: () => new HttpResponse('list'), name: 'post_list' },
  { route: 'blog/<int:year>/<slug:slug>/', view: () => new HttpResponse('detail'), name: 'post_detail' },
  {
    route: 'missing/',
    view: function postDetail() {
      throw new Http404('No Post matches the given query.');
    },
  },
  { route: 'forbidden/', view: thrower(new PermissionDenied('staff only')) },
  { route: 'bad/', view: thrower(new BadRequest('page must be a number')) },
  { route: 'suspicious/', view: thrower(new SuspiciousOperation('session tampering')) },
  { route: 'crash/', view: thrower(new TypeError('secret internals <b>here</b>')) },
];

describe('errors with DEBUG off', () => {
  it.each([
    ['/nowhere/', 404, 'The requested resource was not found on this server.'],
    ['/missing/', 404, 'The requested resource was not found on this server.'],
    ['/forbidden/', 403, '<h1>403 Forbidden</h1>'],
    ['/bad/', 400, '<h1>Bad Request (400)</h1>'],
    ['/suspicious/', 400, '<h1>Bad Request (400)</h1>'],
    ['/crash/', 500, '<h1>Server Error (500)</h1>'],
  ])('answers %s with %i and a plain page that leaks nothing', async (path, status, text) => {
    const { app } = makeApp(routes);
    const res = await callHttp(app, { path });
    expect(res.status).toBe(status);
    expect(res.text()).toContain(text);
    expect(res.text()).not.toMatch(/internals|staff only|page must|tampering|No Post|blog\//);
  });

  it('logs a 500 with method and path, and suspicious requests as warnings', async () => {
    const { app, logger } = makeApp(routes);
    await callHttp(app, { method: 'POST', path: '/crash/' });
    await callHttp(app, { path: '/suspicious/' });
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]!.message).toBe('Internal Server Error: POST /crash/');
    expect((logger.errors[0]!.error as Error).message).toBe('secret internals <b>here</b>');
    expect(logger.warnings).toEqual(['SuspiciousOperation: session tampering (GET /suspicious/)']);
  });

  it('sends gotRequestException for an error that becomes a 500, and for nothing else', async () => {
    const heard: string[] = [];
    const disconnect = gotRequestException.connect((request, error) => heard.push(`${request.path}: ${(error as Error).message}`));
    const { app } = makeApp(routes);
    try {
      for (const path of ['/crash/', '/missing/', '/forbidden/', '/bad/', '/suspicious/', '/nowhere/']) await callHttp(app, { path });
    } finally {
      disconnect();
    }
    await callHttp(app, { path: '/crash/' });
    expect(heard).toEqual(['/crash/: secret internals <b>here</b>']);
  });

  it("renders the project's 404.html, 403.html, 400.html and 500.html when the engine has them", async () => {
    const templates = fakeTemplates({
      '404.html': (c) => `custom 404 for ${String(c.requestPath)}`,
      '403.html': () => 'custom 403',
      '400.html': () => 'custom 400',
      '500.html': (c) => `custom 500 ${Object.keys(c).length}`,
    });
    const { app } = makeApp(routes, { templates });
    expect((await callHttp(app, { path: '/nowhere/' })).text()).toBe('custom 404 for /nowhere/');
    expect((await callHttp(app, { path: '/forbidden/' })).text()).toBe('custom 403');
    expect((await callHttp(app, { path: '/bad/' })).text()).toBe('custom 400');
    const crash = await callHttp(app, { path: '/crash/' });
    expect([crash.status, crash.text()]).toEqual([500, 'custom 500 0']);
  });

  it('falls back to the plain page when the error template itself fails, and logs it', async () => {
    const templates = fakeTemplates({
      '500.html': () => {
        throw new Error('template broken');
      },
    });
    const { app, logger } = makeApp(routes, { templates });
    const res = await callHttp(app, { path: '/crash/' });
    expect([res.status, res.text()]).toEqual([500, '<h1>Server Error (500)</h1>']);
    expect(logger.errors.map((e) => e.message)).toEqual([
      'Internal Server Error: GET /crash/',
      'Rendering 500.html failed for GET /crash/; sent the plain 500 page instead',
    ]);
  });
});

describe('the DEBUG 404 page', () => {
  it('lists every pattern in order and the path tried, escaped', async () => {
    const { app } = makeApp(routes, { settings: { DEBUG: true } });
    const res = await callHttp(app, { path: '/blog/<script>/' });
    expect(res.status).toBe(404);
    const html = res.text();
    expect(html).toContain('Using the URLconf defined in <code>mysite.urls</code>, Manouche tried these URL patterns, in this order:');
    const first = html.indexOf('blog/ [name=&#x27;post_list&#x27;]');
    const second = html.indexOf('blog/&lt;int:year&gt;/&lt;slug:slug&gt;/ [name=&#x27;post_detail&#x27;]');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(html).toContain("The current path, <code>blog/&lt;script&gt;/</code>, didn't match any of these.");
    expect(html).not.toContain('<script>');
    expect(html).toContain('DEBUG = true');
  });

  it('welcomes a new project at / while its URLconf is empty, as Django does', async () => {
    const { app } = makeApp([], { settings: { DEBUG: true } });
    const res = await callHttp(app, { path: '/' });
    expect([res.status, res.text()]).toEqual([200, expect.stringContaining('The install worked successfully! Congratulations!')]);
    expect((await callHttp(app, { path: '/other/' })).status).toBe(404);
    const production = makeApp([]);
    expect((await callHttp(production.app, { path: '/' })).status).toBe(404);
  });

  it('welcomes at / while the URLconf holds only the admin, as startproject writes it, and lists the patterns once the project has its own', async () => {
    const view = async () => new HttpResponse('admin page');
    const admin = include([path('', view, { name: 'index' }), path('login/', view, { name: 'login' })], { namespace: 'admin' });
    const adminOnly = makeApp([], { settings: { DEBUG: true }, urls: await createResolver([path('admin/', admin)]) });
    const welcome = await callHttp(adminOnly.app, { path: '/' });
    expect([welcome.status, welcome.text()]).toEqual([200, expect.stringContaining('The install worked successfully! Congratulations!')]);
    expect((await callHttp(adminOnly.app, { path: '/admin/login/' })).text()).toBe('admin page');
    expect((await callHttp(adminOnly.app, { path: '/blog/' })).status).toBe(404);

    const withBlog = makeApp([], { settings: { DEBUG: true }, urls: await createResolver([path('admin/', admin), path('blog/', view)]) });
    const notFound = await callHttp(withBlog.app, { path: '/' });
    expect(notFound.status).toBe(404);
    expect(notFound.text()).toContain('blog/');
  });

  it("shows the view's message for an Http404 raised by a view", async () => {
    const { app } = makeApp(routes, { settings: { DEBUG: true } });
    const html = (await callHttp(app, { path: '/missing/' })).text();
    expect(html).toContain('No Post matches the given query.');
    expect(html).toContain('Raised by: <code>postDetail</code>');
  });
});

describe('the DEBUG 500 page', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'manouche-core-debug-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const settings = {
    DEBUG: true,
    SECRET_KEY: 'super-secret-value',
    STRIPE_API_KEY: 'sk_live_123',
    DATABASES: { default: { ENGINE: 'postgresql', NAME: 'blog', USER: 'u', PASSWORD: 'db-password' } },
    CACHE_URL: 'redis://user:redis-password@cache:6379/0',
    NESTED: { deeper: [{ auth_token: 'tok-1' }] },
    TIME_ZONE: 'Europe/Paris',
  };
  // The project's own settings, declared as a project would with registerSettings().
  const register = {
    STRIPE_API_KEY: { type: 'string', default: '' },
    CACHE_URL: { type: 'string', default: '' },
    NESTED: { type: 'json', default: {} },
    AUTH_LDAP_BIND_DN: { type: 'string', default: '' },
    SOCIAL_AUTH_GITHUB: { type: 'string', default: '' },
  } as const;

  it('shows the error, stack, request and masked settings, all escaped', async () => {
    const { app } = makeApp(
      [
        {
          route: 'crash/',
          view: async (request: HttpRequest) => {
            await request.post();
            throw new TypeError('bad <input>', { cause: new Error('root cause here') });
          },
        },
      ],
      { settings, register },
    );
    const res = await callHttp(app, {
      method: 'POST',
      path: '/crash/?page=2&api_token=qs-secret',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-key': 'header-secret', authorization: 'Bearer abc', cookie: 'theme=dark' },
      body: 'title=Nuages&password=form-secret',
    });
    expect(res.status).toBe(500);
    const html = res.text();
    expect(html).toContain('TypeError at /crash/');
    expect(html).toContain('bad &lt;input&gt;');
    expect(html).toContain('error-pages.test.ts');
    expect(html).toContain('root cause here');
    expect(html).toContain('Nuages');
    expect(html).toContain('theme');
    expect(html).toContain('Europe/Paris');
    for (const secret of [
      'super-secret-value',
      'sk_live_123',
      'db-password',
      'redis-password',
      'tok-1',
      'header-secret',
      'Bearer abc',
      'form-secret',
      'qs-secret',
    ]) {
      expect(html, secret).not.toContain(secret);
    }
    expect(html).toContain('********************');
    expect(html).not.toContain('<input>');
  });

  it('hides the raw Cookie header whole and every name containing AUTH, over a real connection', async () => {
    const { app } = makeApp(
      [
        {
          route: 'crash/',
          view: async (request: HttpRequest) => {
            await request.post();
            throw new Error('boom');
          },
        },
      ],
      { settings: { ...settings, AUTH_LDAP_BIND_DN: 'cn=admin,dc=ldap-secret', SOCIAL_AUTH_GITHUB: 'github-app-secret' }, register },
    );
    const server = await serve(app);
    try {
      const res = await fetch(`${server.url}/crash/?oauth_state=query-auth-secret`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: 'sessionid=session-cookie-value; theme=dark',
          'x-auth-user': 'header-auth-secret',
          'proxy-authorization': 'Basic proxy-secret',
        },
        body: 'title=Nuages&auth_code=form-auth-secret',
      });
      expect(res.status).toBe(500);
      const html = await res.text();
      for (const secret of [
        'ldap-secret',
        'github-app-secret',
        'query-auth-secret',
        'header-auth-secret',
        'proxy-secret',
        'form-auth-secret',
        'session-cookie-value',
      ]) {
        expect(html, secret).not.toContain(secret);
      }
      // The header row is masked as one value (Django's HTTP_COOKIE); the parsed cookies are listed one by one.
      expect(html).toMatch(/<th>cookie<\/th><td><pre>\*{20}<\/pre>/);
      expect(html).toMatch(/<th>theme<\/th><td><pre>dark<\/pre>/);
      expect(html).toMatch(/<th>sessionid<\/th><td><pre>\*{20}<\/pre>/);
      expect(html).toContain('Nuages');
      expect(html).toMatch(/<th>AUTH_LDAP_BIND_DN<\/th><td><pre>\*{20}<\/pre>/);
    } finally {
      await server.close();
    }
  });

  it('shows the template name, file and line of a template error with the lines around it', async () => {
    const templatePath = join(dir, 'post_list.html');
    await writeFile(templatePath, ['<ul>', '{% for post in posts %}', '<li><%= post.titel.toUpperCase() %></li>', '{% endfor %}', '</ul>'].join('\n'));
    const templateError = Object.assign(new TypeError("Cannot read properties of undefined (reading 'toUpperCase')"), {
      templateName: 'blog/post_list.html',
      templatePath,
      line: 3,
    });
    const { app } = makeApp([{ route: 't/', view: thrower(templateError) }], { settings, register });
    const html = (await callHttp(app, { path: '/t/' })).text();
    expect(html).toContain('Error during template rendering');
    expect(html).toContain('<code>blog/post_list.html</code>');
    expect(html).toContain(`<code>${templatePath}</code>`);
    expect(html).toContain('<span class="current">   3  &lt;li&gt;&lt;%= post.titel.toUpperCase() %&gt;&lt;/li&gt;</span>');
  });

  it('is used with status 400 for BadRequest, and not for PermissionDenied', async () => {
    const { app } = makeApp(routes, { settings, register });
    const bad = await callHttp(app, { path: '/bad/' });
    expect(bad.status).toBe(400);
    expect(bad.text()).toContain('BadRequest at /bad/');
    expect(bad.text()).toContain('page must be a number');
    const forbidden = await callHttp(app, { path: '/forbidden/' });
    expect([forbidden.status, forbidden.text()]).toEqual([403, '<h1>403 Forbidden</h1>']);
  });
});
