/** Test support: a real server with sessions + auth middleware, the auth views and templates, on a migrated database. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig, Dialect, Settings } from '@manouche/contracts';
import * as contenttypesModels from '@manouche/contrib-contenttypes/models';
import { SessionMiddleware } from '@manouche/contrib-sessions';
import * as sessionModels from '@manouche/contrib-sessions/models';
import { createApplication, type HttpRequest, type HttpResponseBase, type Middleware } from '@manouche/core';
import { configureMail } from '@manouche/mail';
import { loadMigrations, migrate } from '@manouche/migrations';
import { closeOrmConnections, configureOrm, registerModels } from '@manouche/orm';
import { createTestDatabase, type TestDatabase } from '@manouche/orm/testing';
import { createResolver, include, path as route } from '@manouche/routing';
import { serve } from '@manouche/server';
import { templateEngineFromSettings } from '@manouche/templates';
import { Client as SessionsClient, testSettings as sessionTestSettings, type ClientResponse } from '../../contrib-sessions/test/support.js';
import { PBKDF2PasswordHasher, registerPasswordHasher } from '../src/hashers.js';
import { AuthenticationMiddleware } from '../src/middleware.js';
import * as authModels from '../src/models.js';

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const contribDir = (name: string) => path.resolve(packageDir, '..', name);

/** A cheap PBKDF2 for tests that log in many times (the Django vectors test the real costs). */
class FastPBKDF2PasswordHasher extends PBKDF2PasswordHasher {
  override iterations = 1000;
}
registerPasswordHasher('tests.FastPBKDF2PasswordHasher', () => new FastPBKDF2PasswordHasher());
export const FAST_HASHERS = [
  'tests.FastPBKDF2PasswordHasher',
  'manouche.contrib.auth.hashers.PBKDF2SHA1PasswordHasher',
  'manouche.contrib.auth.hashers.ScryptPasswordHasher',
];

registerModels('contenttypes', contenttypesModels, { defaultAutoField: 'auto' });
registerModels('auth', authModels, { defaultAutoField: 'auto' });
registerModels('sessions', sessionModels, { defaultAutoField: 'auto' });

/** The three contrib apps as an app registry sees them. */
export const contribApps: AppConfig[] = [
  {
    name: 'manouche.contrib.auth',
    label: 'auth',
    path: packageDir,
    verboseName: 'Auth',
    migrationsDir: path.join(packageDir, 'migrations'),
    templatesDir: path.join(packageDir, 'templates'),
  },
  {
    name: 'manouche.contrib.contenttypes',
    label: 'contenttypes',
    path: contribDir('contrib-contenttypes'),
    verboseName: 'Content Types',
    migrationsDir: path.join(contribDir('contrib-contenttypes'), 'migrations'),
  },
  {
    name: 'manouche.contrib.sessions',
    label: 'sessions',
    path: contribDir('contrib-sessions'),
    verboseName: 'Sessions',
    migrationsDir: path.join(contribDir('contrib-sessions'), 'migrations'),
  },
];

/** A fresh database with the real migrations of contenttypes, auth and sessions applied. */
export async function migratedDatabase(dialect: Dialect): Promise<TestDatabase> {
  const testDb = await createTestDatabase(dialect);
  configureOrm({ databases: { default: testDb.settings } });
  const graph = await loadMigrations({ apps: contribApps, importModule: (file) => import(file) });
  await migrate({ database: testDb.database, graph, stdout: { write: () => undefined } });
  return {
    ...testDb,
    async drop() {
      await closeOrmConnections();
      await testDb.drop();
    },
  };
}

/** Settings for the auth tests (the sessions tests' plus the auth settings), overridable. */
export function testSettings(overrides: Record<string, unknown> = {}): Settings {
  return sessionTestSettings({
    BASE_DIR: packageDir,
    SECRET_KEY: 'test-secret-key-for-auth-0123456789-abcdefghijklmnopqrstuv',
    INSTALLED_APPS: ['manouche.contrib.auth', 'manouche.contrib.contenttypes', 'manouche.contrib.sessions'],
    PASSWORD_HASHERS: FAST_HASHERS,
    LOGIN_URL: '/accounts/login/',
    LOGIN_REDIRECT_URL: '/accounts/profile/',
    LOGOUT_REDIRECT_URL: null,
    LOGIN_THROTTLE_FAILURES_PER_USERNAME: 100,
    LOGIN_THROTTLE_FAILURES_PER_ADDRESS: 100,
    LOGIN_THROTTLE_WINDOW: 900,
    ...overrides,
  });
}

export type View = (request: HttpRequest, kwargs: Record<string, unknown>) => Promise<HttpResponseBase> | HttpResponseBase;

/** Serves the auth URLs under `accounts/` plus `views`, behind Session + Authentication middleware, with the auth templates. */
export async function serveAuth(
  settings: Settings,
  views: Record<string, View | ((...args: never[]) => unknown)> = {},
  middleware: Middleware[] = [SessionMiddleware, AuthenticationMiddleware],
) {
  configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.locmem.EmailBackend', DEFAULT_FROM_EMAIL: 'site@example.com' });
  const urls = await createResolver(
    [route('accounts/', include('manouche.contrib.auth.urls')), ...Object.entries(views).map(([at, view]) => route(at, view as View))],
    {
      importModule: async (name) => {
        if (name === 'manouche.contrib.auth.urls') return import('../src/urls.js');
        throw new Error(`unknown module ${name}`);
      },
    },
  );
  const templates = templateEngineFromSettings(
    {
      BACKEND: 'manouche.templates',
      DIRS: [],
      APP_DIRS: true,
      OPTIONS: { contextProcessors: ['manouche.templates.context_processors.request', 'manouche.contrib.auth.context_processors.auth'] },
    },
    {
      baseDir: packageDir,
      appConfigs: contribApps,
      importModule: async (name: string) => {
        if (name === 'manouche.contrib.auth.context_processors') return import('../src/context_processors.js');
        throw new Error(`unknown module ${name}`);
      },
      globals: {
        url: (name: string, argsOrKwargs?: Record<string, unknown> | readonly unknown[]) =>
          urls.reverse(name, Array.isArray(argsOrKwargs) ? { args: argsOrKwargs } : { kwargs: argsOrKwargs as Record<string, unknown> | undefined }),
      },
    },
  );
  const errors: unknown[] = [];
  const app = createApplication({ settings, urls, templates, middleware, logger: { error: (_message, error) => errors.push(error), warn: () => undefined } });
  const server = await serve(app, {
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

/** The sessions tests' cookie-keeping client, with a login through the login view. */
export class Client extends SessionsClient {
  /** Logs in through the login view. */
  login(username: string, password: string, next?: string): Promise<ClientResponse> {
    return this.request('/accounts/login/', { form: { username, password, ...(next ? { next } : {}) } });
  }
}
