/** The meta-package wires CSRF template values, the messages app and the mail settings into a project. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpResponse, HttpResponseRedirect, type HttpRequest } from '@manouche/core';
import { path as route } from '@manouche/routing';
import { serve } from '@manouche/server';
import { loadSettings } from '@manouche/settings';
import { afterAll, describe, expect, it } from 'vitest';
import { messages } from '../src/contrib/messages.js';
import * as mail from '../src/mail.js';
import { setup } from '../src/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'manouche-csrf-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  path.join(dir, 'vote.html'),
  '<% for (const m of it.messages) { %><p class="<%= m.tags %>"><%= m %></p><% } %><form method="post"><%= it.csrfInput() %></form>',
);

async function vote(request: HttpRequest) {
  if (request.method === 'POST') {
    const choice = (await request.post()).get('choice');
    messages.success(request, `You voted for ${choice}.`);
    await mail.sendMail('New vote', `Someone voted for ${choice}.`, null, ['results@example.com']);
    return new HttpResponseRedirect('/vote/');
  }
  return new HttpResponse(await request.context.templates!.render('vote.html', {}, request));
}

const modules: Record<string, Record<string, unknown>> = { 'site.urls': { default: [route('vote/', vote)] } };

describe('a project with CsrfViewMiddleware, the messages app and EMAIL_BACKEND', () => {
  it('renders csrfInput() (the csrf context processor listed or not), refuses a cross-site POST, and shows the message and mails after a same-site one', async () => {
    const settings = loadSettings({
      values: {
        DEBUG: false,
        SECRET_KEY: 'wiring-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz',
        ALLOWED_HOSTS: ['127.0.0.1'],
        INSTALLED_APPS: ['manouche.contrib.messages'],
        MIDDLEWARE: ['manouche.middleware.csrf.CsrfViewMiddleware', 'manouche.contrib.messages.middleware.MessageMiddleware'],
        MESSAGE_STORAGE: 'manouche.contrib.messages.storage.cookie.CookieStorage',
        ROOT_URLCONF: 'site.urls',
        TEMPLATES: [
          {
            BACKEND: 'manouche.templates',
            DIRS: [dir],
            OPTIONS: { contextProcessors: ['manouche.templates.context_processors.csrf', 'manouche.contrib.messages.context_processors.messages'] },
          },
        ],
        EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend',
        DEFAULT_FROM_EMAIL: 'polls@example.com',
        DATABASES: { default: { ENGINE: 'sqlite', NAME: ':memory:' } },
      },
      source: 'site/settings.ts',
      baseDir: dir,
      env: {},
    });
    const project = await setup({
      settings,
      baseDir: dir,
      importModule: async (name) => {
        const found = modules[name];
        if (!found) throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
        return found;
      },
    });
    const server = await serve(await project.application(), {
      port: 0,
      host: '127.0.0.1',
      accessLog: false,
      handleSignals: false,
      lifespan: 'off',
      logger: { info() {}, warn() {}, error() {} } as never,
    });
    try {
      const url = `http://127.0.0.1:${server.address.port}/vote/`;
      const page = await fetch(url);
      const token = /<input type="hidden" name="csrfmiddlewaretoken" value="([a-zA-Z0-9]{64})">/.exec(await page.text())?.[1];
      expect(token).toBeDefined();
      const csrfCookie = page.headers
        .getSetCookie()
        .find((line) => line.startsWith('csrftoken='))!
        .split(';')[0]!;
      const post = (origin: string) =>
        fetch(url, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({ choice: '2', csrfmiddlewaretoken: token! }),
          headers: { cookie: csrfCookie, origin },
        });
      expect((await post('http://evil.example')).status).toBe(403);
      expect(mail.outbox).toHaveLength(0);
      const voted = await post(`http://127.0.0.1:${server.address.port}`);
      expect(voted.status).toBe(302);
      const messagesCookie = voted.headers
        .getSetCookie()
        .find((line) => line.startsWith('messages='))!
        .split(';')[0]!;
      const after = await (await fetch(url, { headers: { cookie: `${csrfCookie}; ${messagesCookie}` } })).text();
      expect(after).toContain('<p class="success">You voted for 2.</p>');
      expect(mail.outbox.map((m) => [m.subject, m.sender(), m.to])).toEqual([['New vote', 'polls@example.com', ['results@example.com']]]);
    } finally {
      await server.close();
      await project.close();
    }
  });
});
