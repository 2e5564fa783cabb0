import { callHttp } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { HttpResponse, noAppendSlash } from '../src/index.js';
import { makeApp } from './support/app.js';

const COMMON = 'manouche.middleware.common.CommonMiddleware';
const ok = () => new HttpResponse('ok');

function app(settings: Record<string, unknown>) {
  return makeApp(
    [
      { route: 'blog/', view: ok },
      { route: 'about', view: ok },
      { route: 'about/', view: ok },
      { route: 'post/<int:id>/', view: ok },
    ],
    { settings: { MIDDLEWARE: [COMMON], ...settings } },
  );
}

describe('CommonMiddleware: ALLOWED_HOSTS', () => {
  it('answers 400 with a plain page for an unknown Host when DEBUG is off', async () => {
    const { app: application, logger } = app({ ALLOWED_HOSTS: ['example.com'] });
    const res = await callHttp(application, { path: '/blog/', headers: { host: 'evil.com' } });
    expect([res.status, res.text()]).toEqual([400, '<h1>Bad Request (400)</h1>']);
    expect(logger.warnings[0]).toBe("DisallowedHost: Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS. (GET /blog/)");
    expect((await callHttp(application, { path: '/blog/', headers: { host: 'example.com' } })).status).toBe(200);
  });

  it('tells the developer to add the host to ALLOWED_HOSTS when DEBUG is on', async () => {
    const res = await callHttp(app({ DEBUG: true, ALLOWED_HOSTS: ['example.com'] }).app, { path: '/blog/', headers: { host: 'evil.com' } });
    expect(res.status).toBe(400);
    expect(res.text()).toContain('You may need to add &#x27;evil.com&#x27; to ALLOWED_HOSTS.');
  });

  it('allows localhost, 127.0.0.1 and [::1] with DEBUG on and ALLOWED_HOSTS empty, nothing with DEBUG off', async () => {
    for (const host of ['localhost:8000', 'api.localhost', '127.0.0.1:8000', '[::1]']) {
      expect((await callHttp(app({ DEBUG: true, ALLOWED_HOSTS: [] }).app, { path: '/blog/', headers: { host } })).status).toBe(200);
    }
    expect((await callHttp(app({ DEBUG: true, ALLOWED_HOSTS: [] }).app, { path: '/blog/', headers: { host: 'example.com' } })).status).toBe(400);
    expect((await callHttp(app({ DEBUG: false, ALLOWED_HOSTS: [] }).app, { path: '/blog/', headers: { host: 'localhost' } })).status).toBe(400);
  });

  it('matches subdomain patterns and the wildcard', async () => {
    expect((await callHttp(app({ ALLOWED_HOSTS: ['.example.com'] }).app, { path: '/blog/', headers: { host: 'a.b.example.com' } })).status).toBe(200);
    expect((await callHttp(app({ ALLOWED_HOSTS: ['.example.com'] }).app, { path: '/blog/', headers: { host: 'badexample.com' } })).status).toBe(400);
    expect((await callHttp(app({ ALLOWED_HOSTS: ['*'] }).app, { path: '/blog/', headers: { host: 'anything.org' } })).status).toBe(200);
  });
});

describe('CommonMiddleware: APPEND_SLASH', () => {
  it('redirects 301 to the slashed path, keeping the query, when only that resolves', async () => {
    const res = await callHttp(app({}).app, { path: '/blog?page=2' });
    expect([res.status, res.header('location')]).toEqual([301, '/blog/?page=2']);
    expect((await callHttp(app({}).app, { path: '/post/3' })).header('location')).toBe('/post/3/');
  });

  it('does not redirect when the unslashed path resolves or the slashed one does not', async () => {
    expect((await callHttp(app({}).app, { path: '/about' })).status).toBe(200);
    expect((await callHttp(app({}).app, { path: '/nothing' })).status).toBe(404);
    expect((await callHttp(app({}).app, { path: '/post/x' })).status).toBe(404);
  });

  it('does nothing with APPEND_SLASH off', async () => {
    expect((await callHttp(app({ APPEND_SLASH: false }).app, { path: '/blog' })).status).toBe(404);
  });

  it('never builds a scheme-relative Location from a path starting with //', async () => {
    const { app: application } = makeApp([{ route: '/evil.com/', view: ok }], { settings: { MIDDLEWARE: [COMMON] } });
    const res = await callHttp(application, { path: '//evil.com' });
    expect(res.header('location')).toBe('/%2Fevil.com/');
  });

  it('raises a clear error for a POST that would lose its body, in DEBUG', async () => {
    const res = await callHttp(app({ DEBUG: true }).app, { method: 'POST', path: '/blog', body: 'a=1' });
    expect(res.status).toBe(500);
    expect(res.text()).toContain('AppendSlashError');
    expect(res.text()).toContain('You called this URL via POST, but the URL doesn&#x27;t end in a slash and you have APPEND_SLASH set.');
    expect(res.text()).toContain('Change your form to point to testserver/blog/ (note the trailing slash)');
    const production = await callHttp(app({}).app, { method: 'POST', path: '/blog' });
    expect(production.status).toBe(301);
  });
});

describe('CommonMiddleware: other Django settings', () => {
  it('forbids DISALLOWED_USER_AGENTS with 403', async () => {
    const { app: application } = app({ DISALLOWED_USER_AGENTS: ['^BadBot', '[Cc]rawler'] });
    expect((await callHttp(application, { path: '/blog/', headers: { 'user-agent': 'BadBot/1.0' } })).status).toBe(403);
    expect((await callHttp(application, { path: '/blog/', headers: { 'user-agent': 'Some Crawler' } })).status).toBe(403);
    expect((await callHttp(application, { path: '/blog/', headers: { 'user-agent': 'Mozilla/5.0' } })).status).toBe(200);
  });

  it('redirects to www. with PREPEND_WWW, appending the slash in the same redirect', async () => {
    const { app: application } = app({ PREPEND_WWW: true, ALLOWED_HOSTS: ['.example.com'] });
    const res = await callHttp(application, { path: '/blog?x=1', headers: { host: 'example.com' } });
    expect([res.status, res.header('location')]).toEqual([301, 'http://www.example.com/blog/?x=1']);
    expect((await callHttp(application, { path: '/blog/', headers: { host: 'www.example.com' } })).status).toBe(200);
  });

  it('does not append a slash for views marked with noAppendSlash', async () => {
    const { app: application } = makeApp([{ route: 'api/items/', view: noAppendSlash(ok) }], { settings: { MIDDLEWARE: [COMMON] } });
    expect((await callHttp(application, { path: '/api/items' })).status).toBe(404);
  });
});
