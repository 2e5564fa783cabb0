// examples/csrf-form.ts — the README's CSRF example, run by test/csrf-readme.test.ts
import { callHttp } from '@manouche/asgi/testing';
import type { ResolverMatch, UrlResolver } from '@manouche/contracts';
import { createApplication, csrfExempt, getToken, HttpResponse, type ViewFunction } from '@manouche/core';
import { loadSettings } from '@manouche/settings';

// A form page: getToken() gives this render's masked token and makes the middleware set the cookie.
// (With the template engine, write <%= it.csrfInput() %> inside the <form> instead.)
const voteForm: ViewFunction = (request) =>
  new HttpResponse(`<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${getToken(request)}"><button>Vote</button></form>`);
const vote: ViewFunction = async (request) => new HttpResponse(`You voted for ${(await request.post()).get('choice')}`);
const webhook: ViewFunction = () => new HttpResponse('ok'); // authenticated otherwise, so exempt

const routes: Record<string, unknown> = { '/vote/': voteForm, '/vote/submit/': vote, '/hooks/payment/': csrfExempt(webhook) };
const urls: UrlResolver = {
  resolve: (path): ResolverMatch | null =>
    path in routes ? { view: routes[path], kwargs: {}, args: [], urlName: null, appNames: [], namespaces: [], route: path } : null,
  reverse: () => '/',
  describePatterns: () => Object.keys(routes),
};

const settings = loadSettings({
  values: {
    SECRET_KEY: 'an-example-secret-key-that-is-long-enough',
    ALLOWED_HOSTS: ['example.com'],
    MIDDLEWARE: ['manouche.middleware.csrf.CsrfViewMiddleware'],
  },
  source: 'examples/csrf-form.ts',
  baseDir: import.meta.dirname,
  env: {},
});

export async function main(): Promise<string[]> {
  const app = createApplication({ settings, urls });
  const host = { host: 'example.com' };
  const page = await callHttp(app, { path: '/vote/', headers: host });
  const cookie = page.header('set-cookie')!.split(';')[0]!; // csrftoken=<secret>
  const token = /value="(\w+)"/.exec(page.text())![1]!;
  const form = (body: string, headers: Record<string, string>) =>
    callHttp(app, { method: 'POST', path: '/vote/submit/', body, headers: { ...host, 'content-type': 'application/x-www-form-urlencoded', ...headers } });

  const sameSite = await form(`choice=2&csrfmiddlewaretoken=${token}`, { cookie, origin: 'http://example.com' });
  const crossSite = await form(`choice=2&csrfmiddlewaretoken=${token}`, { cookie, origin: 'http://evil.example' });
  const noToken = await form('choice=2', { cookie });
  const ajax = await form('choice=3', { cookie, 'x-csrftoken': token }); // the token in the X-CSRFToken header
  const hook = await callHttp(app, { method: 'POST', path: '/hooks/payment/', headers: host });
  return [sameSite, crossSite, noToken, ajax, hook].map((res) => `${res.status} ${res.status === 403 ? 'CSRF verification failed' : res.text()}`);
}
