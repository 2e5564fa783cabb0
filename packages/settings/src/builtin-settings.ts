import path from 'node:path';
import type {
  CacheSettings,
  ChannelLayerSettings,
  CoreSettings,
  CsrfSettings,
  HttpSettings,
  MailSettings,
  MessageSettings,
  ServerSettings,
  TemplateBackendSettings,
  UploadSettings,
} from '@manouche/contracts';
import { normalizeDatabases } from './databases.js';
import { SettingValueError } from './errors.js';
import type { SettingSpec } from './setting-types.js';
import { describeValue } from '@manouche/contracts/text';
import { typeName } from './setting-types.js';

/**
 * Settings beyond CoreSettings that the base schema declares for later layers (Django's names and defaults).
 *
 * @example
 * const settings = loadSettings({ values, source: 'mysite/settings.ts', baseDir });
 * settings.DEFAULT_CHARSET; // 'utf-8' unless the module set it
 */
export interface BuiltinSettings extends HttpSettings, UploadSettings, ServerSettings, CsrfSettings, MailSettings, MessageSettings {
  DEFAULT_CHARSET: string;
  USE_I18N: boolean;
  INTERNAL_IPS: string[];
  SESSION_COOKIE_AGE: number;
  SESSION_COOKIE_SECURE: boolean;
  SESSION_COOKIE_HTTPONLY: boolean;
  SESSION_COOKIE_SAMESITE: 'Lax' | 'Strict' | 'None' | null;
  SESSION_COOKIE_PATH: string;
  SESSION_COOKIE_DOMAIN: string | null;
  /** Dotted name of the session store: `manouche.contrib.sessions.backends.db`, `.signed_cookies`, `.file`, `.cache` or `.cached_db`. */
  SESSION_ENGINE: string;
  SESSION_SAVE_EVERY_REQUEST: boolean;
  SESSION_EXPIRE_AT_BROWSER_CLOSE: boolean;
  /** Folder of the file session backend; the system's temporary folder when null. */
  SESSION_FILE_PATH: string | null;
  /** The CACHES alias the cache and cached_db session stores use. */
  SESSION_CACHE_ALIAS: string;
  /** The user model as `app_label.ModelName`. */
  AUTH_USER_MODEL: string;
  AUTHENTICATION_BACKENDS: string[];
  /** Password hashers, preferred first (dotted names). */
  PASSWORD_HASHERS: string[];
  LOGIN_URL: string;
  LOGIN_REDIRECT_URL: string;
  LOGOUT_REDIRECT_URL: string | null;
  /** Seconds a password reset link stays valid. */
  PASSWORD_RESET_TIMEOUT: number;
  /** Failed logins per username within LOGIN_THROTTLE_WINDOW before 429 (0 turns it off). */
  LOGIN_THROTTLE_FAILURES_PER_USERNAME: number;
  /** Failed logins per client address within LOGIN_THROTTLE_WINDOW before 429 (0 turns it off). */
  LOGIN_THROTTLE_FAILURES_PER_ADDRESS: number;
  /** Seconds failed logins are remembered for throttling. */
  LOGIN_THROTTLE_WINDOW: number;
  CSRF_COOKIE_NAME: string;
  CSRF_COOKIE_SECURE: boolean;
  CSRF_COOKIE_HTTPONLY: boolean;
  CSRF_COOKIE_SAMESITE: 'Lax' | 'Strict' | 'None' | null;
  CSRF_TRUSTED_ORIGINS: string[];
  MEDIA_URL: string;
  /** How forms render: `manouche.forms.renderers.DjangoTemplates` (built-in layouts, project template files override them) or `.TemplatesSetting` (every form from template files). */
  FORM_RENDERER: string;
  MEDIA_ROOT: string;
  /** Caches by alias (`default` required): `{ BACKEND, LOCATION, TIMEOUT, KEY_PREFIX, VERSION, KEY_FUNCTION, OPTIONS }`, read by @manouche/cache. */
  CACHES: Record<string, CacheSettings>;
  /** Seconds the per-site cache middleware keeps a page. */
  CACHE_MIDDLEWARE_SECONDS: number;
  CACHE_MIDDLEWARE_KEY_PREFIX: string;
  /** The CACHES alias the cache middleware uses. */
  CACHE_MIDDLEWARE_ALIAS: string;
  /** Channel layers by alias (`{ default: { BACKEND, CONFIG } }`), read by @manouche/channels; empty: no layer. */
  CHANNEL_LAYERS: Record<string, ChannelLayerSettings>;
  /** `module.export` of the ProtocolTypeRouter serving the project's WebSockets (`mysite.asgi.application`); null refuses WebSockets. */
  ASGI_APPLICATION: string | null;
}

/**
 * Every setting of the base schema, typed as loadSettings returns it.
 *
 * @example
 * function cookieAge(settings: Pick<BaseSettings, 'SESSION_COOKIE_AGE'>): number { return settings.SESSION_COOKIE_AGE; }
 */
export type BaseSettings = CoreSettings & BuiltinSettings;

/** The Referrer-Policy values Django accepts in SECURE_REFERRER_POLICY. */
export const REFERRER_POLICY_VALUES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
] as const;

const AUTO_FIELDS: Record<string, CoreSettings['DEFAULT_AUTO_FIELD']> = {
  bigAuto: 'bigAuto',
  auto: 'auto',
  smallAuto: 'smallAuto',
  'django.db.models.BigAutoField': 'bigAuto',
  'django.db.models.AutoField': 'auto',
  'django.db.models.SmallAutoField': 'smallAuto',
};

const SAMESITE = ['Lax', 'Strict', 'None'] as const;
const TWO_AND_A_HALF_MEBIBYTES = 2_621_440;

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function requireTrailingSlash(value: string | null): void {
  if (value !== null && value !== '' && !value.endsWith('/')) {
    throw new SettingValueError(`a URL ending with a slash ("${value}/")`, { got: describeValue(value) });
  }
}

function normalizeTemplates(value: unknown[]): TemplateBackendSettings[] {
  return value.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new SettingValueError('an object such as { BACKEND, DIRS, APP_DIRS, OPTIONS }', { path: String(index), got: typeName(entry) });
    }
    const raw = entry as Record<string, unknown>;
    const known = ['BACKEND', 'DIRS', 'APP_DIRS', 'OPTIONS', 'NAME'];
    for (const key of Object.keys(raw)) {
      if (!known.includes(key)) throw new SettingValueError(`one of the keys ${known.join(', ')}`, { path: `${index}.${key}`, got: 'an unknown key' });
    }
    const backend = raw.BACKEND ?? 'manouche.templates';
    if (typeof backend !== 'string' || backend === '')
      throw new SettingValueError('a template backend name', { path: `${index}.BACKEND`, got: describeValue(backend) });
    const dirs = raw.DIRS ?? [];
    if (!Array.isArray(dirs) || dirs.some((dir) => typeof dir !== 'string')) {
      throw new SettingValueError('a list of folders', { path: `${index}.DIRS`, got: describeValue(dirs) });
    }
    const appDirs = raw.APP_DIRS ?? false;
    if (typeof appDirs !== 'boolean') throw new SettingValueError('a boolean', { path: `${index}.APP_DIRS`, got: describeValue(appDirs) });
    const options = raw.OPTIONS ?? {};
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new SettingValueError('an object of engine options', { path: `${index}.OPTIONS`, got: typeName(options) });
    }
    const processors = (options as Record<string, unknown>).contextProcessors;
    if (processors !== undefined && (!Array.isArray(processors) || processors.some((name) => typeof name !== 'string'))) {
      throw new SettingValueError('a list of context processor names', { path: `${index}.OPTIONS.contextProcessors`, got: describeValue(processors) });
    }
    const result: TemplateBackendSettings & { NAME?: string } = {
      BACKEND: backend,
      DIRS: [...(dirs as string[])],
      APP_DIRS: appDirs,
      OPTIONS: { ...(options as Record<string, unknown>) },
    };
    if (typeof raw.NAME === 'string') result.NAME = raw.NAME;
    return result;
  });
}

function checkPasswordValidators(value: unknown[]): void {
  value.forEach((entry, index) => {
    const raw = entry as Record<string, unknown> | null;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || typeof raw.NAME !== 'string') {
      throw new SettingValueError('an object such as { NAME: "manouche.auth.MinimumLengthValidator", OPTIONS: { minLength: 9 } }', {
        path: String(index),
        got: describeValue(entry),
      });
    }
    if (raw.OPTIONS !== undefined && (typeof raw.OPTIONS !== 'object' || raw.OPTIONS === null || Array.isArray(raw.OPTIONS))) {
      throw new SettingValueError('an object of validator options', { path: `${index}.OPTIONS`, got: typeName(raw.OPTIONS) });
    }
  });
}

function checkChannelLayers(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingValueError(
      "an object of channel layers by alias, such as { default: { BACKEND: 'manouche.channels.layers.RedisChannelLayer', CONFIG: { hosts: ['redis://127.0.0.1:6379'] } } }",
      { got: typeName(value) },
    );
  }
  for (const [alias, entry] of Object.entries(value)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || typeof (entry as { BACKEND?: unknown }).BACKEND !== 'string') {
      throw new SettingValueError('an object with a BACKEND string', { path: alias, got: describeValue(entry) });
    }
    const config = (entry as { CONFIG?: unknown }).CONFIG;
    if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) {
      throw new SettingValueError('an object of layer options', { path: `${alias}.CONFIG`, got: describeValue(config) });
    }
  }
}

function checkCaches(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SettingValueError('an object of caches by alias, such as { default: { BACKEND: "manouche.cache.backends.locmem.LocMemCache" } }', {
      got: typeName(value),
    });
  if (!('default' in value)) throw new SettingValueError("a 'default' cache among the aliases", { got: Object.keys(value).join(', ') || 'no alias' });
  for (const [alias, entry] of Object.entries(value)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new SettingValueError('an object such as { BACKEND, LOCATION, TIMEOUT, KEY_PREFIX, OPTIONS }', { path: alias, got: typeName(entry) });
    const backend = (entry as Record<string, unknown>).BACKEND;
    if (typeof backend !== 'string' || backend === '')
      throw new SettingValueError('a cache backend name such as "manouche.cache.backends.redis.RedisCache"', {
        path: `${alias}.BACKEND`,
        got: describeValue(backend),
      });
    const timeout = (entry as Record<string, unknown>).TIMEOUT;
    if (timeout !== undefined && timeout !== null && (typeof timeout !== 'number' || !Number.isFinite(timeout)))
      throw new SettingValueError('a number of seconds, or null for never', { path: `${alias}.TIMEOUT`, got: describeValue(timeout) });
  }
}

function checkRecipients(value: unknown): void {
  if (!Array.isArray(value)) throw new SettingValueError('a list of addresses or [name, address] pairs', { got: typeName(value) });
  value.forEach((entry, index) => {
    const pair = Array.isArray(entry) && entry.length === 2 && entry.every((part) => typeof part === 'string');
    if (typeof entry !== 'string' && !pair) {
      throw new SettingValueError('an address such as "ops@example.com", or a ["Name", "address"] pair', { path: String(index), got: describeValue(entry) });
    }
  });
}

function noDuplicates(what: string) {
  return (list: string[]) => {
    const seen = new Set<string>();
    for (const item of list) {
      if (seen.has(item)) throw new SettingValueError(`each ${what} once`, { got: `${JSON.stringify(item)} twice` });
      seen.add(item);
    }
  };
}

function checkPatterns(value: string[]): void {
  for (const [index, pattern] of value.entries()) {
    try {
      new RegExp(pattern);
    } catch (error) {
      throw new SettingValueError(`regular expressions (${(error as Error).message})`, { path: String(index), got: describeValue(pattern) });
    }
  }
}

/**
 * The base schema: the seed's project settings and what later layers read, with Django's defaults.
 * DEFAULT_AUTO_FIELD defaults to `bigAuto`, as every Django project since 3.2 sets it.
 */
export const BUILTIN_SETTINGS: Record<string, SettingSpec<any>> = {
  BASE_DIR: {
    type: 'string',
    default: '',
    doc: 'Absolute folder of the project; defaults to the folder loadSettings is given.',
    validate: (value: string, { baseDir }) => (value === '' ? baseDir : path.resolve(baseDir, value)),
  },
  DEBUG: { type: 'boolean', default: false, doc: 'Detailed error pages; never on in production.' },
  SECRET_KEY: { type: 'string', default: '', sensitive: true, doc: 'Signing key; required when DEBUG is false.' },
  ALLOWED_HOSTS: { type: 'list', default: [], doc: 'Host names this site serves.' },
  INSTALLED_APPS: { type: 'list', default: [], doc: 'Apps of this project, in order.', validate: noDuplicates('app') },
  MIDDLEWARE: { type: 'list', default: [], doc: 'Middleware in order, outermost first.', validate: noDuplicates('middleware') },
  ROOT_URLCONF: { type: 'string', default: '', doc: 'Dotted module of the root URLconf (mysite.urls).' },
  TEMPLATES: {
    type: 'json',
    default: [],
    doc: 'Template engines.',
    validate: (value: unknown) => {
      if (!Array.isArray(value)) throw new SettingValueError('a list of template backends', { got: typeName(value) });
      return normalizeTemplates(value);
    },
  },
  DATABASES: {
    type: 'json',
    default: {},
    doc: 'Database connections by alias (dict or URL form).',
    validate: (value: unknown, context) => normalizeDatabases(value, context.baseDir),
  },
  AUTH_PASSWORD_VALIDATORS: {
    type: 'json',
    default: [],
    doc: 'Password validators.',
    validate: (value: unknown) => {
      if (!Array.isArray(value)) throw new SettingValueError('a list of { NAME, OPTIONS } objects', { got: typeName(value) });
      checkPasswordValidators(value);
    },
  },
  STATIC_URL: { type: 'string', default: '/static/', doc: 'URL prefix of static files.', validate: requireTrailingSlash },
  STATICFILES_DIRS: { type: 'list', default: [], doc: 'Extra folders of static files.' },
  STATIC_ROOT: { type: 'string', default: null, nullable: true, doc: 'Folder collectstatic writes to.' },
  FIXTURE_DIRS: { type: 'list', default: [], doc: "Extra folders loaddata searches for fixtures, after each app's fixtures/." },
  LANGUAGE_CODE: {
    type: 'string',
    default: 'en-us',
    doc: 'Language of the site.',
    validate: (value: string) => {
      if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value)) throw new SettingValueError('a language code such as "en-us"', { got: describeValue(value) });
    },
  },
  TIME_ZONE: {
    type: 'string',
    default: 'America/Chicago',
    doc: 'Time zone name.',
    validate: (value: string) => {
      if (!isValidTimeZone(value)) throw new SettingValueError('an IANA time zone such as "UTC" or "Europe/Paris"', { got: describeValue(value) });
    },
  },
  USE_TZ: { type: 'boolean', default: true, doc: 'Store and handle aware datetimes.' },
  DEFAULT_AUTO_FIELD: {
    type: 'string',
    default: 'bigAuto',
    doc: 'Primary key type of models without one.',
    validate: (value: string) => {
      const field = AUTO_FIELDS[value];
      if (field === undefined)
        throw new SettingValueError(
          `one of ${Object.keys(AUTO_FIELDS)
            .map((name) => JSON.stringify(name))
            .join(', ')}`,
          { got: describeValue(value) },
        );
      return field;
    },
  },
  APPEND_SLASH: { type: 'boolean', default: true, doc: 'Redirect to the URL with a trailing slash when only that one matches.' },

  SECURE_CONTENT_TYPE_NOSNIFF: { type: 'boolean', default: true },
  SECURE_CROSS_ORIGIN_OPENER_POLICY: {
    type: 'enum',
    values: ['same-origin', 'same-origin-allow-popups', 'unsafe-none'],
    default: 'same-origin',
    nullable: true,
  },
  SECURE_HSTS_SECONDS: { type: 'integer', default: 0, min: 0 },
  SECURE_HSTS_INCLUDE_SUBDOMAINS: { type: 'boolean', default: false },
  SECURE_HSTS_PRELOAD: { type: 'boolean', default: false },
  SECURE_SSL_REDIRECT: { type: 'boolean', default: false },
  SECURE_SSL_HOST: { type: 'string', default: null, nullable: true },
  SECURE_REDIRECT_EXEMPT: { type: 'list', default: [] },
  SECURE_REFERRER_POLICY: {
    type: 'string',
    default: 'same-origin',
    nullable: true,
    validate: (value: string | null) => {
      if (value === null) return;
      const bad = value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => !(REFERRER_POLICY_VALUES as readonly string[]).includes(item));
      if (bad.length > 0)
        throw new SettingValueError(`comma-separated Referrer-Policy values among ${REFERRER_POLICY_VALUES.join(', ')}`, { got: describeValue(value) });
    },
  },
  SECURE_PROXY_SSL_HEADER: {
    type: 'list',
    default: null,
    nullable: true,
    validate: (value: string[] | null) => {
      if (value !== null && value.length !== 2)
        throw new SettingValueError('a [header, value] pair such as ["HTTP_X_FORWARDED_PROTO", "https"]', { got: describeValue(value) });
    },
  },
  X_FRAME_OPTIONS: { type: 'enum', values: ['DENY', 'SAMEORIGIN'], default: 'DENY' },
  USE_X_FORWARDED_HOST: { type: 'boolean', default: false },
  USE_X_FORWARDED_PORT: { type: 'boolean', default: false },
  PREPEND_WWW: { type: 'boolean', default: false },
  DISALLOWED_USER_AGENTS: { type: 'list', default: [], validate: checkPatterns },
  DEFAULT_CHARSET: { type: 'string', default: 'utf-8' },
  USE_I18N: { type: 'boolean', default: true },
  INTERNAL_IPS: { type: 'list', default: [] },
  SESSION_COOKIE_NAME: { type: 'string', default: 'sessionid' },
  SESSION_COOKIE_AGE: { type: 'integer', default: 1_209_600, min: 0 },
  SESSION_COOKIE_SECURE: { type: 'boolean', default: false },
  SESSION_COOKIE_HTTPONLY: { type: 'boolean', default: true },
  SESSION_COOKIE_SAMESITE: { type: 'enum', values: SAMESITE, default: 'Lax', nullable: true },
  SESSION_COOKIE_PATH: { type: 'string', default: '/' },
  SESSION_COOKIE_DOMAIN: { type: 'string', default: null, nullable: true },
  SESSION_ENGINE: {
    type: 'string',
    default: 'manouche.contrib.sessions.backends.db',
    doc: 'Session store: manouche.contrib.sessions.backends.db, .signed_cookies, .file, .cache or .cached_db.',
  },
  SESSION_SAVE_EVERY_REQUEST: { type: 'boolean', default: false },
  SESSION_EXPIRE_AT_BROWSER_CLOSE: { type: 'boolean', default: false },
  SESSION_FILE_PATH: { type: 'string', default: null, nullable: true },
  SESSION_CACHE_ALIAS: { type: 'string', default: 'default', doc: 'The CACHES alias of the cache and cached_db session stores.' },
  AUTH_USER_MODEL: {
    type: 'string',
    default: 'auth.User',
    doc: 'The user model, app_label.ModelName.',
    validate: (value: string) => {
      if (!/^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(value))
        throw new SettingValueError('a model reference "app_label.ModelName" such as "auth.User"', { got: describeValue(value) });
    },
  },
  AUTHENTICATION_BACKENDS: { type: 'list', default: ['manouche.contrib.auth.backends.ModelBackend'], validate: noDuplicates('backend') },
  PASSWORD_HASHERS: {
    type: 'list',
    default: [
      'manouche.contrib.auth.hashers.PBKDF2PasswordHasher',
      'manouche.contrib.auth.hashers.PBKDF2SHA1PasswordHasher',
      'manouche.contrib.auth.hashers.Argon2PasswordHasher',
      'manouche.contrib.auth.hashers.ScryptPasswordHasher',
    ],
    validate: noDuplicates('hasher'),
  },
  LOGIN_URL: { type: 'string', default: '/accounts/login/' },
  LOGIN_REDIRECT_URL: { type: 'string', default: '/accounts/profile/' },
  LOGOUT_REDIRECT_URL: { type: 'string', default: null, nullable: true },
  PASSWORD_RESET_TIMEOUT: { type: 'integer', default: 259_200, min: 1 },
  LOGIN_THROTTLE_FAILURES_PER_USERNAME: { type: 'integer', default: 5, min: 0 },
  LOGIN_THROTTLE_FAILURES_PER_ADDRESS: { type: 'integer', default: 20, min: 0 },
  LOGIN_THROTTLE_WINDOW: { type: 'integer', default: 900, min: 1 },
  CSRF_COOKIE_NAME: { type: 'string', default: 'csrftoken' },
  CSRF_COOKIE_SECURE: { type: 'boolean', default: false },
  CSRF_COOKIE_HTTPONLY: { type: 'boolean', default: false },
  CSRF_COOKIE_SAMESITE: { type: 'enum', values: SAMESITE, default: 'Lax', nullable: true },
  CSRF_TRUSTED_ORIGINS: {
    type: 'list',
    default: [],
    validate: (origins: string[]) => {
      for (const origin of origins) {
        if (!/^[a-z][a-z0-9+.-]*:\/\/./i.test(origin))
          throw new SettingValueError('origins with a scheme, such as "https://example.com"', { got: describeValue(origin) });
      }
    },
  },
  CSRF_COOKIE_AGE: { type: 'integer', default: 31_449_600, min: 0, nullable: true },
  CSRF_COOKIE_DOMAIN: { type: 'string', default: null, nullable: true },
  CSRF_COOKIE_PATH: { type: 'string', default: '/' },
  CSRF_USE_SESSIONS: { type: 'boolean', default: false, doc: 'Keep the CSRF secret in the session instead of a cookie.' },
  CSRF_HEADER_NAME: { type: 'string', default: 'HTTP_X_CSRFTOKEN', doc: 'Header carrying the CSRF token for AJAX.' },
  CSRF_FAILURE_VIEW: { type: 'string', default: 'manouche.views.csrf.csrfFailure', doc: 'View answering requests refused by CSRF protection.' },
  EMAIL_BACKEND: {
    type: 'string',
    default: 'manouche.mail.backends.smtp.EmailBackend',
    doc: 'Where mail goes: smtp, console, locmem, filebased or dummy backend.',
  },
  EMAIL_HOST: { type: 'string', default: 'localhost' },
  EMAIL_PORT: { type: 'integer', default: 25, min: 1, max: 65_535 },
  EMAIL_HOST_USER: { type: 'string', default: '' },
  EMAIL_HOST_PASSWORD: { type: 'string', default: '', sensitive: true },
  EMAIL_USE_TLS: { type: 'boolean', default: false },
  EMAIL_USE_SSL: { type: 'boolean', default: false },
  EMAIL_TIMEOUT: { type: 'number', default: null, min: 0, nullable: true },
  EMAIL_SSL_CERTFILE: {
    type: 'string',
    default: null,
    nullable: true,
    validate: (value: string | null, { baseDir }) => (value === null ? null : path.resolve(baseDir, value)),
  },
  EMAIL_SSL_KEYFILE: {
    type: 'string',
    default: null,
    nullable: true,
    validate: (value: string | null, { baseDir }) => (value === null ? null : path.resolve(baseDir, value)),
  },
  EMAIL_FILE_PATH: {
    type: 'string',
    default: null,
    nullable: true,
    validate: (value: string | null, { baseDir }) => (value === null ? null : path.resolve(baseDir, value)),
  },
  EMAIL_SUBJECT_PREFIX: { type: 'string', default: '[Manouche] ' },
  DEFAULT_FROM_EMAIL: { type: 'string', default: 'webmaster@localhost' },
  SERVER_EMAIL: { type: 'string', default: 'root@localhost' },
  ADMINS: { type: 'json', default: [], doc: 'Who gets error mails: addresses or [name, address] pairs.', validate: checkRecipients },
  MANAGERS: { type: 'json', default: [], doc: 'Who gets mailManagers(): addresses or [name, address] pairs.', validate: checkRecipients },
  MESSAGE_STORAGE: { type: 'string', default: 'manouche.contrib.messages.storage.fallback.FallbackStorage' },
  MESSAGE_LEVEL: { type: 'integer', default: 20, min: 0 },
  MESSAGE_TAGS: {
    type: 'json',
    default: {},
    validate: (value: unknown) => {
      if (
        typeof value !== 'object' ||
        value === null ||
        Array.isArray(value) ||
        Object.entries(value).some(([level, tag]) => !/^\d+$/.test(level) || typeof tag !== 'string')
      ) {
        throw new SettingValueError('an object of level number → CSS tag, such as { 40: "danger" }', { got: typeName(value) });
      }
    },
  },
  DATA_UPLOAD_MAX_MEMORY_SIZE: { type: 'integer', default: TWO_AND_A_HALF_MEBIBYTES, min: 0, nullable: true },
  DATA_UPLOAD_MAX_NUMBER_FIELDS: { type: 'integer', default: 1000, min: 0, nullable: true },
  DATA_UPLOAD_MAX_NUMBER_FILES: { type: 'integer', default: 100, min: 0, nullable: true },
  FILE_UPLOAD_MAX_MEMORY_SIZE: { type: 'integer', default: TWO_AND_A_HALF_MEBIBYTES, min: 0 },
  FILE_UPLOAD_TEMP_DIR: { type: 'string', default: null, nullable: true },
  MEDIA_URL: { type: 'string', default: '', validate: requireTrailingSlash },
  FORM_RENDERER: {
    type: 'enum',
    values: [
      'manouche.forms.renderers.DjangoTemplates',
      'manouche.forms.renderers.TemplatesSetting',
      'django.forms.renderers.DjangoTemplates',
      'django.forms.renderers.TemplatesSetting',
    ],
    default: 'manouche.forms.renderers.DjangoTemplates',
    doc: 'Form renderer: DjangoTemplates (built-in layouts unless the project overrides a form template file) or TemplatesSetting (all from template files).',
  },
  MEDIA_ROOT: { type: 'string', default: '' },
  CACHES: {
    type: 'json',
    default: { default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } },
    doc: 'Caches by alias; default is required.',
    validate: checkCaches,
  },
  CACHE_MIDDLEWARE_SECONDS: { type: 'integer', default: 600, min: 0 },
  CACHE_MIDDLEWARE_KEY_PREFIX: { type: 'string', default: '' },
  CACHE_MIDDLEWARE_ALIAS: { type: 'string', default: 'default' },
  CHANNEL_LAYERS: { type: 'json', default: {}, doc: 'Channel layers by alias: { default: { BACKEND, CONFIG } }.', validate: checkChannelLayers },
  ASGI_APPLICATION: {
    type: 'string',
    default: null,
    nullable: true,
    doc: 'module.export of the ProtocolTypeRouter serving WebSockets, such as mysite.asgi.application.',
    validate: (value: unknown) => {
      if (value !== null && (typeof value !== 'string' || !/^[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)+$/.test(value))) {
        throw new SettingValueError('a dotted module path ending in the export name, such as "mysite.asgi.application"', { got: describeValue(value) });
      }
    },
  },
  SERVER_LIMITS: {
    type: 'json',
    default: {},
    doc: 'Limits of the gateway server by name (maxConnections, minBodyRate, headersTimeout, ...); the server checks the names.',
    validate: (value: unknown) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new SettingValueError('an object of server limits such as { maxConnections: 5000 }', { got: typeName(value) });
      for (const [name, limit] of Object.entries(value)) {
        if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0)
          throw new SettingValueError('a whole number of at least 0', { path: name, got: describeValue(limit) });
      }
    },
  },
};
