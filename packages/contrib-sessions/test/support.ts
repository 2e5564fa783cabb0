/** Test support: a real server running an application with SessionMiddleware, and a cookie-keeping client. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect, Settings } from '@manouche/contracts';
import { createApplication, type HttpRequest, type HttpResponseBase, type Middleware } from '@manouche/core';
import { loadMigrations, migrate } from '@manouche/migrations';
import { closeOrmConnections, configureOrm, registerModels } from '@manouche/orm';
import { createTestDatabase, type TestDatabase } from '@manouche/orm/testing';
import { createResolver, path as route } from '@manouche/routing';
import { serve } from '@manouche/server';
import * as sessionModels from '../src/models.js';

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A fresh database with the sessions app's real migration applied. */
export async function migratedDatabase(
  dialect: Dialect,
  apps: Array<{ label: string; migrationsDir: string }> = [{ label: 'sessions', migrationsDir: path.join(packageDir, 'migrations') }],
): Promise<TestDatabase> {
  registerModels('sessions', sessionModels, { defaultAutoField: 'auto' });
  const testDb = await createTestDatabase(dialect);
  configureOrm({ databases: { default: testDb.settings } });
  const graph = await loadMigrations({ apps, importModule: (file) => import(file) });
  await migrate({ database: testDb.database, graph, stdout: { write: () => undefined } });
  return {
    ...testDb,
    async drop() {
      await closeOrmConnections();
      await testDb.drop();
    },
  };
}

/** Settings with the sessions defaults, overridable. */
export function testSettings(overrides: Record<string, unknown> = {}): Settings {
  return {
    BASE_DIR: packageDir,
    DEBUG: false,
    SECRET_KEY: 'test-secret-key-for-sessions-0123456789-abcdefghijklmnop',
    ALLOWED_HOSTS: ['127.0.0.1', 'localhost'],
    INSTALLED_APPS: [],
    MIDDLEWARE: [],
    ROOT_URLCONF: '',
    TEMPLATES: [],
    DATABASES: {},
    AUTH_PASSWORD_VALIDATORS: [],
    STATIC_URL: '/static/',
    STATICFILES_DIRS: [],
    STATIC_ROOT: null,
    LANGUAGE_CODE: 'en-us',
    TIME_ZONE: 'UTC',
    USE_TZ: true,
    DEFAULT_AUTO_FIELD: 'bigAuto',
    APPEND_SLASH: false,
    SESSION_ENGINE: 'manouche.contrib.sessions.backends.db',
    SESSION_COOKIE_NAME: 'sessionid',
    SESSION_COOKIE_AGE: 1_209_600,
    SESSION_COOKIE_PATH: '/',
    SESSION_COOKIE_DOMAIN: null,
    SESSION_COOKIE_SECURE: false,
    SESSION_COOKIE_HTTPONLY: true,
    SESSION_COOKIE_SAMESITE: 'Lax',
    SESSION_SAVE_EVERY_REQUEST: false,
    SESSION_EXPIRE_AT_BROWSER_CLOSE: false,
    SESSION_FILE_PATH: null,
    ...overrides,
  } as unknown as Settings;
}

export type View = (request: HttpRequest, kwargs: Record<string, unknown>) => Promise<HttpResponseBase> | HttpResponseBase;

/** Serves `views` (path → view) behind `middleware` on a real socket. */
export async function serveViews(settings: Settings, middleware: Middleware[], views: Record<string, View>) {
  const urls = await createResolver(Object.entries(views).map(([at, view]) => route(at, view)));
  const app = createApplication({ settings, urls, middleware, logger: { error: () => undefined, warn: () => undefined } });
  const server = await serve(app, {
    port: 0,
    host: '127.0.0.1',
    accessLog: false,
    handleSignals: false,
    announce: false,
    lifespan: 'off',
    logger: { info: () => undefined, error: () => undefined },
  });
  return { url: server.url.replace(/\/$/, ''), close: () => server.close() };
}

/** What {@link Client.request} returns. */
export interface ClientResponse {
  status: number;
  headers: globalThis.Headers;
  text: string;
  setCookies: string[];
  location: string | null;
}

/** A browser-like client: keeps cookies between requests, never follows redirects. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(pathname: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<ClientResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(this.base + pathname, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: response.status,
      headers: response.headers,
      text: await response.text(),
      setCookies: response.headers.getSetCookie(),
      location: response.headers.get('location'),
    };
  }
}
