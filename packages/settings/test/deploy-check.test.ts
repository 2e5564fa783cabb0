import { describe, expect, it } from 'vitest';
import { checkDeploy, deployCheck, loadSettings } from '../src/index.js';

const STRONG_KEY = 'x7#Kp2!vQ9zR4mW8nT6yB1cF5hJ3lD0sA-qE_uI+oP=gX*rZ&wV^bN%kM$tY@jH';
const MIDDLEWARE = [
  'manouche.middleware.security.SecurityMiddleware',
  'manouche.contrib.sessions.middleware.SessionMiddleware',
  'manouche.middleware.csrf.CsrfViewMiddleware',
  'manouche.middleware.clickjacking.XFrameOptionsMiddleware',
];

const secure = {
  DEBUG: false,
  SECRET_KEY: STRONG_KEY,
  ALLOWED_HOSTS: ['example.com'],
  INSTALLED_APPS: ['manouche.contrib.sessions', 'blog'],
  MIDDLEWARE,
  SECURE_HSTS_SECONDS: 31_536_000,
  SECURE_HSTS_INCLUDE_SUBDOMAINS: true,
  SECURE_HSTS_PRELOAD: true,
  SECURE_SSL_REDIRECT: true,
  SESSION_COOKIE_SECURE: true,
  CSRF_COOKIE_SECURE: true,
};

function ids(overrides: Record<string, unknown>) {
  const settings = loadSettings({ values: { ...secure, ...overrides }, source: 'mysite/settings.ts', baseDir: '/srv/mysite', env: {} });
  return checkDeploy(settings).map((message) => message.id);
}

describe('check --deploy', () => {
  it('is silent for a hardened production configuration', () => {
    expect(ids({})).toEqual([]);
  });

  it.each([
    ['security.W018', { DEBUG: true }],
    ['security.W020', { ALLOWED_HOSTS: [] }],
    ['security.W004', { SECURE_HSTS_SECONDS: 0 }],
    ['security.W005', { SECURE_HSTS_INCLUDE_SUBDOMAINS: false }],
    ['security.W021', { SECURE_HSTS_PRELOAD: false }],
    ['security.W006', { SECURE_CONTENT_TYPE_NOSNIFF: false }],
    ['security.W008', { SECURE_SSL_REDIRECT: false }],
    ['security.W012', { SESSION_COOKIE_SECURE: false }],
    ['security.W016', { CSRF_COOKIE_SECURE: false }],
    ['security.W019', { X_FRAME_OPTIONS: 'SAMEORIGIN' }],
    ['security.W022', { SECURE_REFERRER_POLICY: null }],
  ])('warns %s', (id, overrides) => {
    expect(ids(overrides)).toEqual([id]);
  });

  it.each([
    ['shorter than 50 characters', 'k'.repeat(10) + 'abcdefghij'],
    ['with fewer than 5 unique characters', 'abcd'.repeat(20)],
    ["prefixed with 'django-insecure-'", `django-insecure-${STRONG_KEY}`],
    ["prefixed with 'manouche-insecure-'", `manouche-insecure-${STRONG_KEY}`],
  ])('warns security.W009 for a SECRET_KEY %s', (_why, key) => {
    expect(ids({ SECRET_KEY: key })).toEqual(['security.W009']);
  });

  it('uses Django wording and names the setting', () => {
    const settings = loadSettings({ values: { ...secure, DEBUG: true, ALLOWED_HOSTS: [] }, source: 's.ts', baseDir: '/srv', env: {} });
    expect(checkDeploy(settings)).toEqual([
      { id: 'security.W018', level: 'warning', message: 'You should not have DEBUG set to True in deployment.', obj: 'DEBUG' },
      { id: 'security.W020', level: 'warning', message: 'ALLOWED_HOSTS must not be empty in deployment.', obj: 'ALLOWED_HOSTS' },
    ]);
  });

  it('never puts the SECRET_KEY in a message', () => {
    const key = 'manouche-insecure-short';
    const settings = loadSettings({ values: { ...secure, SECRET_KEY: key }, source: 's.ts', baseDir: '/srv', env: {} });
    expect(JSON.stringify(checkDeploy(settings))).not.toContain(key);
  });

  it('warns about missing security, clickjacking and CSRF middleware, as Django does', () => {
    expect(ids({ MIDDLEWARE: ['manouche.contrib.sessions.middleware.SessionMiddleware'] })).toEqual(['security.W001', 'security.W002', 'security.W003']);
  });

  it('gates the middleware-dependent checks on that middleware', () => {
    const bare = {
      MIDDLEWARE: [],
      INSTALLED_APPS: [],
      SECURE_HSTS_SECONDS: 0,
      SECURE_SSL_REDIRECT: false,
      CSRF_COOKIE_SECURE: false,
      SESSION_COOKIE_SECURE: false,
    };
    expect(ids(bare)).toEqual(['security.W001', 'security.W002', 'security.W003']);
  });

  it('picks W010 or W011 when only the sessions app or only the session middleware is installed', () => {
    expect(ids({ SESSION_COOKIE_SECURE: false, MIDDLEWARE: MIDDLEWARE.filter((name) => !name.endsWith('SessionMiddleware')) })).toEqual(['security.W010']);
    expect(ids({ SESSION_COOKIE_SECURE: false, INSTALLED_APPS: ['blog'] })).toEqual(['security.W011']);
  });

  it("recognises Django's middleware and app names too", () => {
    const django = {
      INSTALLED_APPS: ['django.contrib.sessions'],
      MIDDLEWARE: [
        'django.middleware.security.SecurityMiddleware',
        'django.contrib.sessions.middleware.SessionMiddleware',
        'django.middleware.csrf.CsrfViewMiddleware',
        'django.middleware.clickjacking.XFrameOptionsMiddleware',
      ],
    };
    expect(ids({ ...django, SESSION_COOKIE_SECURE: false, CSRF_COOKIE_SECURE: false })).toEqual(['security.W012', 'security.W016']);
  });

  it('reports an invalid referrer policy as the error security.E023', () => {
    const messages = checkDeploy({ ...loadSettings({ values: secure, source: 's.ts', baseDir: '/srv', env: {} }), SECURE_REFERRER_POLICY: 'sometimes' });
    expect(messages).toEqual([expect.objectContaining({ id: 'security.E023', level: 'error', hint: expect.stringContaining('same-origin') })]);
  });
});

describe('the deploy check as a system check', () => {
  it("is tagged 'security' and 'deploy' and runs only with --deploy", async () => {
    const settings = loadSettings({ values: { DEBUG: true }, source: 's.ts', baseDir: '/srv', env: {} });
    const check = deployCheck(settings);
    expect(check.tags).toEqual(['security', 'deploy']);
    expect(await check.run({ deploy: false })).toEqual([]);
    expect((await check.run({ deploy: true })).map((message) => message.id)).toContain('security.W018');
  });
});
