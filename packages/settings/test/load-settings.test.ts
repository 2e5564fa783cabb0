import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defineSettings,
  InvalidSettingError,
  loadSettings,
  MissingSettingError,
  SettingsError,
  SettingsValidationError,
  UnknownSettingError,
} from '../src/index.js';

const baseDir = '/srv/mysite';
const source = 'mysite/settings.ts';
const SECRET = 'a-very-secret-value-that-must-never-be-printed-anywhere-0123456789';

function load(values: Record<string, unknown>, env: Record<string, string> = {}) {
  return loadSettings({ values, source, env, baseDir });
}

function errorOf(run: () => unknown): SettingsError {
  try {
    run();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe("Django's defaults", () => {
  it('fills every unset setting of the seed list with its Django default', () => {
    const settings = load({ DEBUG: true });
    expect(settings).toMatchObject({
      BASE_DIR: baseDir,
      DEBUG: true,
      SECRET_KEY: '',
      ALLOWED_HOSTS: [],
      INSTALLED_APPS: [],
      MIDDLEWARE: [],
      TEMPLATES: [],
      DATABASES: {},
      AUTH_PASSWORD_VALIDATORS: [],
      STATIC_URL: '/static/',
      STATICFILES_DIRS: [],
      STATIC_ROOT: null,
      LANGUAGE_CODE: 'en-us',
      TIME_ZONE: 'America/Chicago',
      USE_TZ: true,
      DEFAULT_AUTO_FIELD: 'bigAuto',
      APPEND_SLASH: true,
    });
  });

  it('declares the security and upload settings later layers read, with Django defaults', () => {
    const settings = load({ DEBUG: true });
    expect(settings).toMatchObject({
      SECURE_CONTENT_TYPE_NOSNIFF: true,
      SECURE_HSTS_SECONDS: 0,
      SECURE_HSTS_INCLUDE_SUBDOMAINS: false,
      SECURE_HSTS_PRELOAD: false,
      SECURE_SSL_REDIRECT: false,
      SECURE_REFERRER_POLICY: 'same-origin',
      SECURE_PROXY_SSL_HEADER: null,
      X_FRAME_OPTIONS: 'DENY',
      SESSION_COOKIE_SECURE: false,
      CSRF_COOKIE_SECURE: false,
      DATA_UPLOAD_MAX_MEMORY_SIZE: 2_621_440,
      FILE_UPLOAD_MAX_MEMORY_SIZE: 2_621_440,
      FILE_UPLOAD_TEMP_DIR: null,
      USE_X_FORWARDED_HOST: false,
    });
  });

  it('returns deeply frozen settings', () => {
    const settings = load({ DEBUG: true, INSTALLED_APPS: ['blog'] });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(() => (settings.INSTALLED_APPS as string[]).push('admin')).toThrow(TypeError);
  });

  it('resolves a relative BASE_DIR against the project folder', () => {
    expect(load({ DEBUG: true, BASE_DIR: 'src' }).BASE_DIR).toBe(path.resolve(baseDir, 'src'));
  });

  it('treats a setting set to undefined as not set', () => {
    expect(load({ DEBUG: true, STATIC_URL: undefined }).STATIC_URL).toBe('/static/');
  });
});

describe('precedence: schema defaults < the settings module < environment variables', () => {
  it('uses the default when neither the module nor the environment sets a value', () => {
    expect(load({ DEBUG: true }).APPEND_SLASH).toBe(true);
  });

  it('lets the settings module beat the default', () => {
    expect(load({ DEBUG: true, APPEND_SLASH: false }).APPEND_SLASH).toBe(false);
  });

  it('lets MANOUCHE_<NAME> beat the settings module', () => {
    const settings = load(
      { DEBUG: true, APPEND_SLASH: false, ALLOWED_HOSTS: ['module.example'] },
      { MANOUCHE_APPEND_SLASH: 'true', MANOUCHE_ALLOWED_HOSTS: 'a.com, b.com' },
    );
    expect(settings.APPEND_SLASH).toBe(true);
    expect(settings.ALLOWED_HOSTS).toEqual(['a.com', 'b.com']);
  });

  it('lets MANOUCHE_<NAME> beat the default when the module is silent', () => {
    expect(load({ DEBUG: true }, { MANOUCHE_TIME_ZONE: 'Europe/Paris' }).TIME_ZONE).toBe('Europe/Paris');
  });

  it('reads process.env when no env is given', () => {
    process.env.MANOUCHE_LANGUAGE_CODE = 'fr';
    try {
      expect(loadSettings({ values: { DEBUG: true }, source, baseDir }).LANGUAGE_CODE).toBe('fr');
    } finally {
      delete process.env.MANOUCHE_LANGUAGE_CODE;
    }
  });

  it('accepts the object defineSettings() returns', () => {
    expect(loadSettings({ values: defineSettings({ DEBUG: true, ROOT_URLCONF: 'mysite.urls' }), source, baseDir, env: {} }).ROOT_URLCONF).toBe('mysite.urls');
  });
});

describe('environment variables are parsed by type', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['no', false],
    ['off', false],
  ])('reads the boolean %j as %j', (raw, expected) => {
    expect(load({ DEBUG: true }, { MANOUCHE_USE_TZ: raw }).USE_TZ).toBe(expected);
  });

  it('reads integers', () => {
    expect(load({ DEBUG: true }, { MANOUCHE_SECURE_HSTS_SECONDS: '31536000' }).SECURE_HSTS_SECONDS).toBe(31_536_000);
  });

  it('reads lists as comma-separated text or a JSON array, and an empty value as an empty list', () => {
    expect(load({ DEBUG: true }, { MANOUCHE_INSTALLED_APPS: '["blog","shop"]' }).INSTALLED_APPS).toEqual(['blog', 'shop']);
    expect(load({ DEBUG: true, ALLOWED_HOSTS: ['x'] }, { MANOUCHE_ALLOWED_HOSTS: '' }).ALLOWED_HOSTS).toEqual([]);
  });

  it('reads an empty value of a nullable setting as null', () => {
    expect(load({ DEBUG: true, STATIC_ROOT: '/var/static' }, { MANOUCHE_STATIC_ROOT: '' }).STATIC_ROOT).toBeNull();
  });

  it('reads structured settings as JSON', () => {
    const settings = load(
      { DEBUG: true },
      { MANOUCHE_TEMPLATES: '[{"DIRS":["templates"]}]', MANOUCHE_SECURE_PROXY_SSL_HEADER: 'HTTP_X_FORWARDED_PROTO,https' },
    );
    expect(settings.TEMPLATES).toEqual([{ BACKEND: 'manouche.templates', DIRS: ['templates'], APP_DIRS: false, OPTIONS: {} }]);
    expect(settings.SECURE_PROXY_SSL_HEADER).toEqual(['HTTP_X_FORWARDED_PROTO', 'https']);
  });

  it.each([
    ['MANOUCHE_DEBUG', 'maybe', 'expected a boolean'],
    ['MANOUCHE_SECURE_HSTS_SECONDS', '1.5', 'expected an integer'],
    ['MANOUCHE_SECURE_HSTS_SECONDS', '-3', 'expected an integer >= 0'],
    ['MANOUCHE_TEMPLATES', '{not json', 'expected JSON'],
    ['MANOUCHE_X_FRAME_OPTIONS', 'ALLOWALL', 'expected one of "DENY", "SAMEORIGIN"'],
    ['MANOUCHE_CSRF_TRUSTED_ORIGINS', 'example.com', 'origins with a scheme'],
  ])('names the environment variable %s when its value %j is invalid', (name, raw, expected) => {
    const error = errorOf(() => load({ DEBUG: true }, { [name]: raw }));
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect(error.message).toContain(`from the environment variable ${name}`);
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain(source);
  });
});

describe('unknown settings', () => {
  it('reports a misspelt setting with the file and a did-you-mean', () => {
    const error = errorOf(() => load({ DEBUG: true, DEBG: false }));
    expect(error).toBeInstanceOf(UnknownSettingError);
    expect(error.code).toBe('MANOUCHE_SETTINGS_UNKNOWN');
    expect(error.message).toBe('Unknown setting "DEBG" in mysite/settings.ts. Did you mean "DEBUG"?');
  });

  it.each([
    ['INSTALED_APPS', 'INSTALLED_APPS'],
    ['ALLOWED_HOST', 'ALLOWED_HOSTS'],
    ['debug', 'DEBUG'],
    ['SECERT_KEY', 'SECRET_KEY'],
  ])('suggests %s -> %s', (typo, suggestion) => {
    expect((errorOf(() => load({ DEBUG: true, [typo]: 1 })) as UnknownSettingError).suggestion).toBe(suggestion);
  });

  it('says how to declare a custom setting when nothing is close', () => {
    expect(errorOf(() => load({ DEBUG: true, BLOG_PAGE_SIZE: 10 })).message).toBe(
      'Unknown setting "BLOG_PAGE_SIZE" in mysite/settings.ts. Register custom settings with registerSettings() before loading.',
    );
  });
});

describe('wrong types', () => {
  it.each([
    [{ DEBUG: 'yes' }, 'DEBUG', 'expected a boolean', 'got "yes"'],
    [{ DEBUG: true, INSTALLED_APPS: 'blog' }, 'INSTALLED_APPS', 'expected a list of strings', 'got "blog"'],
    [{ DEBUG: true, INSTALLED_APPS: ['blog', 3] }, 'INSTALLED_APPS', 'expected a list of strings', 'got ["blog",3]'],
    [{ DEBUG: true, ALLOWED_HOSTS: { host: 'a' } }, 'ALLOWED_HOSTS', 'expected a list of strings', 'got {"host":"a"}'],
    [{ DEBUG: true, SECURE_HSTS_SECONDS: 1.5 }, 'SECURE_HSTS_SECONDS', 'expected an integer >= 0', 'got 1.5'],
    [{ DEBUG: true, ROOT_URLCONF: 42 }, 'ROOT_URLCONF', 'expected a string', 'got 42'],
    [{ DEBUG: true, STATIC_URL: '/static' }, 'STATIC_URL', 'expected a URL ending with a slash ("/static/")', 'got "/static"'],
    [{ DEBUG: true, TIME_ZONE: 'Mars/Olympus' }, 'TIME_ZONE', 'expected an IANA time zone', 'got "Mars/Olympus"'],
    [{ DEBUG: true, TEMPLATES: [{ DIRS: 'templates' }] }, 'TEMPLATES.0.DIRS', 'expected a list of folders', 'got "templates"'],
    [{ DEBUG: true, TEMPLATES: [{ BACKNED: 'x' }] }, 'TEMPLATES.0.BACKNED', 'expected one of the keys BACKEND, DIRS', 'got an unknown key'],
    [{ DEBUG: true, DEFAULT_AUTO_FIELD: 'uuid' }, 'DEFAULT_AUTO_FIELD', 'expected one of "bigAuto", "auto", "smallAuto"', 'got "uuid"'],
    [{ DEBUG: true, INSTALLED_APPS: ['blog', 'blog'] }, 'INSTALLED_APPS', 'expected each app once', 'got "blog" twice'],
    [{ DEBUG: true, AUTH_PASSWORD_VALIDATORS: [{ OPTIONS: {} }] }, 'AUTH_PASSWORD_VALIDATORS.0', 'expected an object such as { NAME:', 'got {"OPTIONS":{}}'],
    [
      { DEBUG: true, SECURE_PROXY_SSL_HEADER: ['HTTP_X_FORWARDED_PROTO'] },
      'SECURE_PROXY_SSL_HEADER',
      'expected a [header, value] pair',
      'got ["HTTP_X_FORWARDED_PROTO"]',
    ],
    [{ DEBUG: true, SECURE_REFERRER_POLICY: 'everything' }, 'SECURE_REFERRER_POLICY', 'expected comma-separated Referrer-Policy values', 'got "everything"'],
  ])('rejects %j naming %s, the expected form and the file', (values, setting, expected, got) => {
    const error = errorOf(() => load(values));
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect(error.code).toBe('MANOUCHE_SETTINGS_INVALID');
    expect(error.message).toContain(`Invalid setting ${setting} in mysite/settings.ts: ${expected}`);
    expect(error.message).toContain(got);
  });

  it('does not echo a string given for a structured setting, which may hold credentials', () => {
    const error = errorOf(() => load({ DEBUG: true, TEMPLATES: 'https://user:hunter2@templates.example' }));
    expect(error.message).toBe('Invalid setting TEMPLATES in mysite/settings.ts: expected an array (in the environment: JSON), got a string.');
  });

  it('reports every problem at once', () => {
    const error = errorOf(() => load({ DEBUG: 'no', DEBG: true, USE_TZ: 3 }, { MANOUCHE_APPEND_SLASH: 'perhaps' }));
    expect(error).toBeInstanceOf(SettingsValidationError);
    expect(error.code).toBe('MANOUCHE_SETTINGS_ERRORS');
    expect((error as SettingsValidationError).errors.map((each) => each.constructor.name)).toEqual([
      'InvalidSettingError',
      'UnknownSettingError',
      'InvalidSettingError',
      'InvalidSettingError',
    ]);
    expect(error.message).toMatch(/^4 problems with the settings from mysite\/settings\.ts:\n {2}- /);
  });

  it('rejects a settings module that does not export an object', () => {
    const error = errorOf(() => loadSettings({ values: undefined, source, baseDir, env: {} }));
    expect(error.code).toBe('MANOUCHE_SETTINGS_NOT_AN_OBJECT');
    expect(error.message).toBe('The settings module mysite/settings.ts must export default defineSettings({ ... }); it exported undefined.');
  });
});

describe('normalised forms', () => {
  it('fills TEMPLATES entries with their defaults', () => {
    const settings = load({
      DEBUG: true,
      TEMPLATES: [
        { DIRS: ['templates'], OPTIONS: { contextProcessors: ['manouche.templates.context_processors.request'] } },
        { BACKEND: 'other', APP_DIRS: true },
      ],
    });
    expect(settings.TEMPLATES).toEqual([
      {
        BACKEND: 'manouche.templates',
        DIRS: ['templates'],
        APP_DIRS: false,
        OPTIONS: { contextProcessors: ['manouche.templates.context_processors.request'] },
      },
      { BACKEND: 'other', DIRS: [], APP_DIRS: true, OPTIONS: {} },
    ]);
  });

  it.each([
    ['django.db.models.BigAutoField', 'bigAuto'],
    ['django.db.models.AutoField', 'auto'],
    ['django.db.models.SmallAutoField', 'smallAuto'],
    ['smallAuto', 'smallAuto'],
  ])('normalises DEFAULT_AUTO_FIELD %s to %s', (given, expected) => {
    expect(load({ DEBUG: true, DEFAULT_AUTO_FIELD: given }).DEFAULT_AUTO_FIELD).toBe(expected);
  });
});

describe('SECRET_KEY is required when DEBUG is false', () => {
  it('names SECRET_KEY, the file and the environment variable', () => {
    const error = errorOf(() => load({ DEBUG: false }));
    expect(error).toBeInstanceOf(MissingSettingError);
    expect(error.code).toBe('MANOUCHE_SETTINGS_MISSING');
    expect(error.message).toBe(
      'The SECRET_KEY setting is required when DEBUG is false, but it is not set in mysite/settings.ts. Set SECRET_KEY in the settings module or the environment variable MANOUCHE_SECRET_KEY.',
    );
  });

  it('names the environment variable when it empties the key', () => {
    const error = errorOf(() => load({ SECRET_KEY: SECRET }, { MANOUCHE_SECRET_KEY: '' }));
    expect(error.message).toContain('but the environment variable MANOUCHE_SECRET_KEY sets it to an empty value');
    expect(error.message).not.toContain(SECRET);
  });

  it('is satisfied by the module or by MANOUCHE_SECRET_KEY', () => {
    expect(load({ SECRET_KEY: SECRET }).SECRET_KEY).toBe(SECRET);
    expect(load({}, { MANOUCHE_SECRET_KEY: SECRET }).DEBUG).toBe(false);
  });

  it('is not required with DEBUG on', () => {
    expect(load({ DEBUG: true }).SECRET_KEY).toBe('');
  });

  it('is not reported when DEBUG itself is invalid', () => {
    const error = errorOf(() => load({ DEBUG: 'off' }));
    expect(error).toBeInstanceOf(InvalidSettingError);
  });
});

describe('secrets never appear in errors', () => {
  it('describes a SECRET_KEY of the wrong type without its value', () => {
    const error = errorOf(() => load({ DEBUG: true, SECRET_KEY: [SECRET] }));
    expect(error.message).toBe('Invalid setting SECRET_KEY in mysite/settings.ts: expected a string, got an array.');
  });

  it('masks the password of a malformed database URL', () => {
    const error = errorOf(() => load({ DEBUG: true }, { DATABASE_URL: `postgres://blog:${SECRET}@db:99999/blog` }));
    expect(error.message).toContain('from the environment variable DATABASE_URL');
    expect(error.message).toContain('postgres://blog:********@db:99999/blog');
    expect(error.message).not.toContain(SECRET);
  });

  it('does not echo a database password of the wrong type', () => {
    const error = errorOf(() => load({ DEBUG: true, DATABASES: { default: { ENGINE: 'postgresql', NAME: 'blog', PASSWORD: 12345678 } } }));
    expect(error.message).toBe('Invalid setting DATABASES.default.PASSWORD in mysite/settings.ts: expected a string, got a number.');
  });
});

describe('what the settings module exported', () => {
  it('points at the default export when given the module namespace', () => {
    const error = errorOf(() => loadSettings({ values: { default: { DEBUG: true } }, source, baseDir, env: {} }));
    expect(error.code).toBe('MANOUCHE_SETTINGS_NOT_AN_OBJECT');
    expect(error.message).toBe(
      'The values from mysite/settings.ts look like the module itself ({ default: ... }): pass its default export, the object defineSettings() returned.',
    );
  });

  it('reads an empty environment value of a nullable enum as null', () => {
    expect(load({ DEBUG: true }, { MANOUCHE_SESSION_COOKIE_SAMESITE: '' }).SESSION_COOKIE_SAMESITE).toBeNull();
  });
});
