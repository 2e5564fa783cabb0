/** Test support: a real server running an application over given views and middleware. */
import type { Settings } from '@manouche/contracts';
import { createApplication, type HttpRequest, type HttpResponseBase, type MiddlewareEntry } from '@manouche/core';
import { createResolver, path as route } from '@manouche/routing';
import { serve } from '@manouche/server';

/** Settings for the page tests, overridable. */
export function testSettings(overrides: Record<string, unknown> = {}): Settings {
  return {
    BASE_DIR: process.cwd(),
    DEBUG: false,
    SECRET_KEY: 'test-secret-key-for-cache-0123456789-abcdefghijklmnopqrstuv',
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
    CACHE_MIDDLEWARE_SECONDS: 600,
    CACHE_MIDDLEWARE_KEY_PREFIX: '',
    CACHE_MIDDLEWARE_ALIAS: 'default',
    ...overrides,
  } as unknown as Settings;
}

export type View = (request: HttpRequest, kwargs: Record<string, unknown>) => Promise<HttpResponseBase> | HttpResponseBase;

/** Resolves `manouche.cache.middleware` as the meta-package does, so MIDDLEWARE can name the middleware by dotted name. */
export const importModule = async (specifier: string): Promise<Record<string, unknown>> => {
  if (specifier === 'manouche.cache.middleware') return import('../../src/middleware.js');
  throw new Error(`Cannot find module '${specifier}'`);
};

/** Serves `views` (path → view) behind `middleware` on a real socket; returns its base URL. */
export async function serveViews(views: Record<string, View>, options: { settings?: Settings; middleware?: MiddlewareEntry[] } = {}) {
  const settings = options.settings ?? testSettings();
  const urls = await createResolver(Object.entries(views).map(([at, view]) => route(at, view)));
  const app = createApplication({
    settings,
    urls,
    middleware: options.middleware ?? [],
    importModule,
    logger: { error: (...args: unknown[]) => console.error(...args), warn: () => undefined },
  });
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
