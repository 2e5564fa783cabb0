/**
 * Test support: a real server with sessions, CSRF, auth and messages middleware, the admin's and
 * auth's templates, on a database migrated with the real migrations of contenttypes, auth,
 * sessions and admin, plus the test app `shop`; and a client that keeps cookies and sends the
 * CSRF token the way a browser's form would.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig, Dialect, Settings } from '@manouche/contracts';
import { createPermissions, PBKDF2PasswordHasher, registerPasswordHasher } from '@manouche/contrib-auth';
import * as authModels from '@manouche/contrib-auth/models';
import * as contenttypesModels from '@manouche/contrib-contenttypes/models';
import * as sessionModels from '@manouche/contrib-sessions/models';
import { createApplication, csrfContextProcessor, HttpResponse, Http404, type HttpRequest } from '@manouche/core';
import { loadMigrations, migrate } from '@manouche/migrations';
import { closeOrmConnections, configureOrm, modelStates, registerModels } from '@manouche/orm';
import { createModelTables } from '@manouche/migrations';
import { createTestDatabase, type TestDatabase } from '@manouche/orm/testing';
import { createResolver, path as route } from '@manouche/routing';
import { serve } from '@manouche/server';
import { markSafe, registerContextProcessor, templateEngineFromSettings } from '@manouche/templates';
import type { AdminSite } from '../../src/admin-site.js';
import * as adminModels from '../../src/models.js';
import { testSettings as sessionTestSettings } from '../../../contrib-sessions/test/support.js';
import * as shopModels from './shop-models.js';

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sibling = (name: string) => path.resolve(packageDir, '..', name);

class FastPBKDF2PasswordHasher extends PBKDF2PasswordHasher {
  override iterations = 1000;
}
registerPasswordHasher('tests.AdminFastPBKDF2PasswordHasher', () => new FastPBKDF2PasswordHasher());

registerModels('contenttypes', contenttypesModels, { defaultAutoField: 'auto' });
registerModels('auth', authModels, { defaultAutoField: 'auto' });
registerModels('sessions', sessionModels, { defaultAutoField: 'auto' });
registerModels('admin', adminModels, { defaultAutoField: 'auto' });
registerModels('shop', shopModels, { defaultAutoField: 'auto' });
registerContextProcessor(csrfContextProcessor({ markSafe }));

const app = (name: string, label: string, folder: string, verboseName: string, templates = false): AppConfig => ({
  name,
  label,
  path: folder,
  verboseName,
  migrationsDir: path.join(folder, 'migrations'),
  ...(templates ? { templatesDir: path.join(folder, 'templates') } : {}),
});

/** The installed apps as an app registry sees them. */
export const apps: AppConfig[] = [
  app('manouche.contrib.admin', 'admin', packageDir, 'Administration', true),
  app('manouche.contrib.auth', 'auth', sibling('contrib-auth'), 'Authentication and Authorization', true),
  app('manouche.contrib.contenttypes', 'contenttypes', sibling('contrib-contenttypes'), 'Content Types'),
  app('manouche.contrib.sessions', 'sessions', sibling('contrib-sessions'), 'Sessions'),
  app('shop', 'shop', path.join(packageDir, 'test/support/shop'), 'Shop'),
];
const registry = {
  getAppConfigs: () => apps,
  getAppConfig: (label: string) => {
    const found = apps.find((candidate) => candidate.label === label);
    if (!found) throw new Error(`No installed app with label '${label}'.`);
    return found;
  },
  isInstalled: (name: string) => apps.some((candidate) => candidate.name === name || candidate.label === name),
};

/** A fresh database: the contrib apps' real migrations, the shop tables, and every permission. */
export async function migratedDatabase(dialect: Dialect): Promise<TestDatabase> {
  const testDb = await createTestDatabase(dialect);
  configureOrm({ databases: { default: testDb.settings } });
  const graph = await loadMigrations({ apps: apps.filter((candidate) => candidate.label !== 'shop'), importModule: (file) => import(file) });
  await migrate({ database: testDb.database, graph, stdout: { write: () => undefined } });
  await createModelTables(testDb.database, modelStates('shop'), { useTz: true });
  await createPermissions({ project: { apps: registry } as never, database: 'default' });
  return {
    ...testDb,
    async drop() {
      await closeOrmConnections();
      await testDb.drop();
    },
  };
}

/** Settings for the admin tests: the sessions tests' plus auth, CSRF and messages, overridable. */
export function testSettings(overrides: Record<string, unknown> = {}): Settings {
  return sessionTestSettings({
    BASE_DIR: packageDir,
    SECRET_KEY: 'test-secret-key-for-admin-0123456789-abcdefghijklmnopqrstuv',
    INSTALLED_APPS: apps.map((entry) => entry.name).concat('manouche.contrib.messages'),
    MIDDLEWARE: [
      'manouche.contrib.sessions.middleware.SessionMiddleware',
      'manouche.middleware.csrf.CsrfViewMiddleware',
      'manouche.contrib.auth.middleware.AuthenticationMiddleware',
      'manouche.contrib.messages.middleware.MessageMiddleware',
    ],
    PASSWORD_HASHERS: ['tests.AdminFastPBKDF2PasswordHasher'],
    AUTH_USER_MODEL: 'auth.User',
    AUTHENTICATION_BACKENDS: ['manouche.contrib.auth.backends.ModelBackend'],
    LOGIN_URL: '/admin/login/',
    CSRF_COOKIE_NAME: 'csrftoken',
    // Django's defaults for the rest of CsrfViewMiddleware's settings (hand-built settings lack them).
    CSRF_COOKIE_AGE: 31_449_600,
    CSRF_COOKIE_DOMAIN: null,
    CSRF_COOKIE_PATH: '/',
    CSRF_COOKIE_SECURE: false,
    CSRF_COOKIE_HTTPONLY: false,
    CSRF_COOKIE_SAMESITE: 'Lax',
    CSRF_HEADER_NAME: 'HTTP_X_CSRFTOKEN',
    CSRF_USE_SESSIONS: false,
    CSRF_TRUSTED_ORIGINS: [],
    CSRF_FAILURE_VIEW: 'manouche.views.csrf.csrfFailure',
    ...overrides,
  });
}

/** Serves the app's static files at /static/ (what runserver does in DEBUG with staticfiles). */
async function staticView(_request: HttpRequest, kwargs: { file: string }) {
  const root = path.join(packageDir, 'static');
  const file = path.resolve(root, kwargs.file);
  if (!file.startsWith(root + path.sep)) throw new Http404('No such file.');
  try {
    const body = await readFile(file);
    return new HttpResponse(body, { contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript' });
  } catch {
    throw new Http404('No such file.');
  }
}

/** Serves `site` at /admin/ on a loopback port. */
export async function serveAdmin(site: AdminSite, settings: Settings = testSettings(), extraDirs: string[] = []) {
  const urls = await createResolver([route('admin/', site.urls), route('static/<path:file>', staticView as never)]);
  const templates = templateEngineFromSettings(
    {
      BACKEND: 'manouche.templates',
      DIRS: extraDirs,
      APP_DIRS: true,
      OPTIONS: {
        contextProcessors: [
          'manouche.templates.context_processors.request',
          'manouche.contrib.auth.context_processors.auth',
          'manouche.contrib.messages.context_processors.messages',
        ],
      },
    },
    {
      baseDir: packageDir,
      appConfigs: apps,
      debug: settings.DEBUG,
      importModule: async (name: string) => {
        if (name === 'manouche.contrib.auth.context_processors') return import('@manouche/contrib-auth/context_processors');
        if (name === 'manouche.contrib.messages.context_processors') return import('@manouche/contrib-messages/context_processors');
        throw new Error(`unknown module ${name}`);
      },
      globals: {
        url: (name: string, args?: Record<string, unknown> | readonly unknown[]) =>
          urls.reverse(name, Array.isArray(args) ? { args } : { kwargs: args as Record<string, unknown> | undefined }),
        static: (file: string) => `/static/${file}`,
      },
    },
  );
  const errors: unknown[] = [];
  const application = createApplication({
    settings,
    urls,
    templates,
    apps: registry as never,
    middleware: settings.MIDDLEWARE as never,
    importModule: async (name: string) => {
      if (name === 'manouche.contrib.sessions.middleware') return import('@manouche/contrib-sessions/middleware');
      if (name === 'manouche.contrib.auth.middleware') return import('@manouche/contrib-auth/middleware');
      if (name === 'manouche.contrib.messages.middleware') return import('@manouche/contrib-messages/middleware');
      throw new Error(`unknown module ${name}`);
    },
    logger: { error: (_message, error) => errors.push(error), warn: () => undefined },
  });
  const server = await serve(application, {
    port: 0,
    host: '127.0.0.1',
    accessLog: false,
    handleSignals: false,
    announce: false,
    lifespan: 'off',
    logger: { info: () => undefined, error: () => undefined },
  });
  return { url: server.url.replace(/\/$/, ''), errors, close: () => server.close() };
}

/** What a request returns. */
export interface Reply {
  status: number;
  text: string;
  location: string | null;
}

/** A browser-like client: keeps cookies, sends the CSRF token it last saw, never follows redirects. */
export class AdminClient {
  readonly cookies = new Map<string, string>();
  private csrf = '';
  constructor(private readonly base: string) {}

  async request(pathname: string, init: { method?: string; form?: Record<string, string | string[]> } = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      const params = new URLSearchParams();
      if (!('csrfmiddlewaretoken' in init.form)) params.append('csrfmiddlewaretoken', this.csrf);
      for (const [name, value] of Object.entries(init.form)) for (const one of [value].flat()) params.append(name, one);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.referer = this.base + '/';
    }
    const response = await fetch(this.base + pathname, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: response.status, text, location: response.headers.get('location') };
  }

  get(pathname: string): Promise<Reply> {
    return this.request(pathname);
  }

  post(pathname: string, form: Record<string, string | string[]>): Promise<Reply> {
    return this.request(pathname, { form });
  }

  /** Logs in through the admin's login form. */
  async login(username: string, password: string): Promise<Reply> {
    await this.get('/admin/login/');
    return this.post('/admin/login/', { username, password, next: '/admin/' });
  }
}
