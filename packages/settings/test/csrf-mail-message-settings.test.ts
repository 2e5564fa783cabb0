import { describe, expect, it } from 'vitest';
import { checkDeploy, loadSettings } from '../src/index.js';

function load(values: Record<string, unknown>, env: Record<string, string> = {}) {
  return loadSettings({ values: { DEBUG: true, ...values }, source: 'mysite/settings.ts', env, baseDir: '/srv/mysite' });
}

describe('CSRF, email and messages settings', () => {
  it("fill Django's defaults", () => {
    expect(load({})).toMatchObject({
      CSRF_COOKIE_AGE: 31_449_600,
      CSRF_COOKIE_DOMAIN: null,
      CSRF_COOKIE_PATH: '/',
      CSRF_USE_SESSIONS: false,
      CSRF_HEADER_NAME: 'HTTP_X_CSRFTOKEN',
      CSRF_FAILURE_VIEW: 'manouche.views.csrf.csrfFailure',
      EMAIL_BACKEND: 'manouche.mail.backends.smtp.EmailBackend',
      EMAIL_HOST: 'localhost',
      EMAIL_PORT: 25,
      EMAIL_USE_TLS: false,
      EMAIL_USE_SSL: false,
      EMAIL_TIMEOUT: null,
      EMAIL_SSL_CERTFILE: null,
      EMAIL_SSL_KEYFILE: null,
      EMAIL_FILE_PATH: null,
      DEFAULT_FROM_EMAIL: 'webmaster@localhost',
      SERVER_EMAIL: 'root@localhost',
      ADMINS: [],
      MANAGERS: [],
      MESSAGE_STORAGE: 'manouche.contrib.messages.storage.fallback.FallbackStorage',
      MESSAGE_LEVEL: 20,
      MESSAGE_TAGS: {},
    });
  });

  it('resolve EMAIL_FILE_PATH against BASE_DIR and read EMAIL_* from the environment', () => {
    const settings = load({ EMAIL_FILE_PATH: 'tmp/mail' }, { MANOUCHE_EMAIL_PORT: '587', MANOUCHE_EMAIL_USE_TLS: 'true', MANOUCHE_CSRF_USE_SESSIONS: 'yes' });
    expect([settings.EMAIL_FILE_PATH, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.CSRF_USE_SESSIONS]).toEqual([
      '/srv/mysite/tmp/mail',
      587,
      true,
      true,
    ]);
  });

  it('accept ADMINS as addresses or [name, address] pairs, and refuse anything else naming the entry', () => {
    expect(load({ ADMINS: ['ops@example.com', ['Ana', 'ana@example.com']] }).ADMINS).toEqual(['ops@example.com', ['Ana', 'ana@example.com']]);
    expect(() => load({ ADMINS: [['Ana']] })).toThrow(/ADMINS\.0[\s\S]*an address such as "ops@example\.com", or a \["Name", "address"\] pair/);
    expect(() => load({ MANAGERS: 'ops@example.com' })).toThrow(/MANAGERS[\s\S]*expected an array/);
  });

  it('refuse MESSAGE_TAGS that are not level numbers to tags, and an EMAIL_PORT out of range', () => {
    expect(load({ MESSAGE_TAGS: { 40: 'danger' } }).MESSAGE_TAGS).toEqual({ 40: 'danger' });
    expect(() => load({ MESSAGE_TAGS: { error: 'danger' } })).toThrow(/MESSAGE_TAGS[\s\S]*level number → CSS tag/);
    expect(() => load({ EMAIL_PORT: 70_000 })).toThrow(/EMAIL_PORT/);
  });

  it('never print EMAIL_HOST_PASSWORD in an error', () => {
    const error = (() => {
      try {
        load({ EMAIL_HOST_PASSWORD: 12345678 });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected an error');
    })();
    expect(error.message).toContain('EMAIL_HOST_PASSWORD');
    expect(error.message).not.toContain('12345678');
  });

  it('skip the CSRF_COOKIE_SECURE deploy warning (security.W016) when the secret lives in the session', () => {
    const values = {
      DEBUG: false,
      SECRET_KEY: 'x'.repeat(60),
      ALLOWED_HOSTS: ['example.com'],
      MIDDLEWARE: ['manouche.middleware.csrf.CsrfViewMiddleware'],
      CSRF_COOKIE_SECURE: false,
    };
    const ids = (extra: Record<string, unknown>) => checkDeploy(load({ ...values, ...extra })).map((message) => message.id);
    expect(ids({})).toContain('security.W016');
    expect(ids({ CSRF_USE_SESSIONS: true })).not.toContain('security.W016');
  });
});
