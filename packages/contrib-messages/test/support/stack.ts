/**
 * A project stack for tests, wired by hand as a custom-stack user would: routing + templates +
 * core + the sessions and messages apps, served by @manouche/server on a loopback port, and a
 * browser-like client (fetch with a cookie jar).
 */
import type { Settings } from '@manouche/contracts';
import { createApplication, csrfContextProcessor, type ViewFunction } from '@manouche/core';
import { path as route, createResolver } from '@manouche/routing';
import { serve, type Server } from '@manouche/server';
import { loadSettings } from '@manouche/settings';
import { createTemplateEngine, markSafe } from '@manouche/templates';
import { messages as messagesProcessor } from '../../src/context_processors.js';

export const SESSIONS = 'manouche.contrib.sessions.middleware.SessionMiddleware';
export const CSRF = 'manouche.middleware.csrf.CsrfViewMiddleware';
export const MESSAGES = 'manouche.contrib.messages.middleware.MessageMiddleware';

const quiet = { info() {}, warn() {}, error() {} };

export interface Stack {
  url: string;
  client(): Client;
  close(): Promise<void>;
  errors: unknown[];
}

export async function startStack(routes: Record<string, ViewFunction>, settings: Record<string, unknown>): Promise<Stack> {
  // The settings layer supplies Django's defaults for what the test does not set (CSRF_*, SESSION_*…).
  const fullSettings = loadSettings({
    values: {
      DEBUG: false,
      SECRET_KEY: 'messages-test-secret-key-0123456789-abcdefghijklmnop',
      ALLOWED_HOSTS: ['127.0.0.1'],
      INSTALLED_APPS: ['manouche.contrib.sessions', 'manouche.contrib.messages'],
      SESSION_ENGINE: 'manouche.contrib.sessions.backends.signed_cookies',
      ...settings,
    },
    source: 'contrib-messages test stack',
    baseDir: '/srv/site',
    env: {},
  }) as unknown as Settings;
  const urls = await createResolver(Object.entries(routes).map(([path, view]) => route(path, view)));
  const templates = createTemplateEngine({ contextProcessors: [csrfContextProcessor({ markSafe }), messagesProcessor] });
  const errors: unknown[] = [];
  const app = createApplication({
    settings: fullSettings,
    urls,
    templates,
    logger: { error: (_message, error) => errors.push(error), warn() {} },
    importModule: async (name) => {
      if (name === 'manouche.contrib.sessions.middleware') return import('@manouche/contrib-sessions/middleware');
      if (name === 'manouche.contrib.messages.middleware') return import('../../src/middleware.js');
      throw new Error(`no module ${name}`);
    },
  });
  const server: Server = await serve(app, { port: 0, host: '127.0.0.1', accessLog: false, logger: quiet as never, handleSignals: false, lifespan: 'off' });
  const url = `http://127.0.0.1:${server.address.port}`;
  return { url, errors, client: () => new Client(url), close: () => server.close() };
}

/** fetch with a cookie jar; redirects are not followed, so tests see them. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly url: string) {}

  async request(path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${this.url}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    const setCookies: Record<string, string> = {};
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      const value = pair!.slice(pair!.indexOf('=') + 1);
      setCookies[name] = value;
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location'), text: await response.text(), setCookies };
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(path, { form, headers });
  }
}
