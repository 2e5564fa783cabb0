/**
 * A database connection as DATABASES describes it, after normalisation by the settings layer.
 *
 * @example
 * const db: DatabaseSettings = { ENGINE: 'postgresql', NAME: 'mysite', USER: 'mysite', HOST: '127.0.0.1', PORT: 5432 };
 */
export interface DatabaseSettings {
  /** `sqlite`, `postgresql` or `mysql` (MariaDB uses `mysql`). Django's `django.db.backends.*` names are accepted and normalised. */
  ENGINE: 'sqlite' | 'postgresql' | 'mysql';
  /** Database name; for SQLite a file path (relative to BASE_DIR) or `:memory:`. */
  NAME: string;
  USER?: string;
  PASSWORD?: string;
  HOST?: string;
  PORT?: number;
  /** Driver options passed through unchanged. */
  OPTIONS?: Record<string, unknown>;
  /** Settings for the test database, as in Django (`{ NAME }`). */
  TEST?: { NAME?: string };
}

/**
 * One entry of TEMPLATES.
 *
 * @example
 * const templates: TemplateBackendSettings = { BACKEND: 'manouche.templates', DIRS: ['templates'], APP_DIRS: true, OPTIONS: {} };
 */
export interface TemplateBackendSettings {
  /** The engine's name; `manouche.templates` for the built-in one. */
  BACKEND: string;
  /** Folders searched first, in order (relative to BASE_DIR or absolute). */
  DIRS: string[];
  /** Also search each installed app's `templates/` folder, in INSTALLED_APPS order. */
  APP_DIRS: boolean;
  OPTIONS: {
    /** Dotted names of context processors, e.g. `manouche.templates.context_processors.request`. */
    contextProcessors?: string[];
    /** Anything else the engine understands. */
    [option: string]: unknown;
  };
}

/** The settings every layer may read. Layers that add settings extend this interface. */
export interface CoreSettings {
  /** Absolute folder of the project (where package.json lives). */
  BASE_DIR: string;
  DEBUG: boolean;
  SECRET_KEY: string;
  ALLOWED_HOSTS: string[];
  INSTALLED_APPS: string[];
  MIDDLEWARE: string[];
  ROOT_URLCONF: string;
  TEMPLATES: TemplateBackendSettings[];
  DATABASES: Record<string, DatabaseSettings>;
  AUTH_PASSWORD_VALIDATORS: Array<{ NAME: string; OPTIONS?: Record<string, unknown> }>;
  STATIC_URL: string;
  STATICFILES_DIRS: string[];
  /** Extra folders `loaddata` searches for fixtures, after each installed app's `fixtures/`. */
  FIXTURE_DIRS: string[];
  STATIC_ROOT: string | null;
  LANGUAGE_CODE: string;
  TIME_ZONE: string;
  USE_TZ: boolean;
  DEFAULT_AUTO_FIELD: 'auto' | 'bigAuto' | 'smallAuto';
  APPEND_SLASH: boolean;
}

/**
 * The HTTP settings core's request and middleware read (Django's names). The settings layer
 * supplies Django's defaults, so a reader never writes a fallback of its own.
 */
export interface HttpSettings {
  /** SecurityMiddleware: `X-Content-Type-Options: nosniff` (default true). */
  SECURE_CONTENT_TYPE_NOSNIFF: boolean;
  /** SecurityMiddleware: Cross-Origin-Opener-Policy (default `same-origin`); null for no header. */
  SECURE_CROSS_ORIGIN_OPENER_POLICY: 'same-origin' | 'same-origin-allow-popups' | 'unsafe-none' | null;
  /** SecurityMiddleware: Strict-Transport-Security max-age over HTTPS; 0 (the default) for none. */
  SECURE_HSTS_SECONDS: number;
  SECURE_HSTS_INCLUDE_SUBDOMAINS: boolean;
  SECURE_HSTS_PRELOAD: boolean;
  /** SecurityMiddleware: redirect plain HTTP to HTTPS (default false). */
  SECURE_SSL_REDIRECT: boolean;
  /** The host of that redirect; null for the request's own. */
  SECURE_SSL_HOST: string | null;
  /** Paths (regular expressions, without the leading slash) never redirected to HTTPS. */
  SECURE_REDIRECT_EXEMPT: string[];
  /** A comma-separated list of Referrer-Policy values (default `same-origin`), or null for no header. */
  SECURE_REFERRER_POLICY: string | null;
  /** `[header, value]` that marks a request as secure behind a proxy, e.g. `['HTTP_X_FORWARDED_PROTO', 'https']`. */
  SECURE_PROXY_SSL_HEADER: [string, string] | null;
  /** XFrameOptionsMiddleware's header value (default `DENY`). */
  X_FRAME_OPTIONS: 'DENY' | 'SAMEORIGIN';
  /** Trust X-Forwarded-Host / X-Forwarded-Port from a proxy (default false). */
  USE_X_FORWARDED_HOST: boolean;
  USE_X_FORWARDED_PORT: boolean;
  /** CommonMiddleware: redirect to the `www.` host (default false). */
  PREPEND_WWW: boolean;
  /** CommonMiddleware: User-Agent patterns (regular expressions) answered 403 (default none). */
  DISALLOWED_USER_AGENTS: string[];
  /** The session cookie's name (default `sessionid`); core masks it on the debug page. */
  SESSION_COOKIE_NAME: string;
}

/** The request-body limits core applies while parsing (Django's names; null means no limit). */
export interface UploadSettings {
  /** Largest body, files excluded, in bytes (default 2.5 MiB). */
  DATA_UPLOAD_MAX_MEMORY_SIZE: number | null;
  /** Most form fields in one request (default 1000). */
  DATA_UPLOAD_MAX_NUMBER_FIELDS: number | null;
  /** Most files in one request (default 100). */
  DATA_UPLOAD_MAX_NUMBER_FILES: number | null;
  /** Uploaded files larger than this many bytes go to a temporary file (default 2.5 MiB). */
  FILE_UPLOAD_MAX_MEMORY_SIZE: number;
  /** Folder of those temporary files; null for the system's temporary folder. */
  FILE_UPLOAD_TEMP_DIR: string | null;
}

/** The gateway server's settings. */
export interface ServerSettings {
  /** Limits of the server by name (`{ maxConnections: 5000, minBodyRate: 500 }`), checked by the server; default none. */
  SERVER_LIMITS: Record<string, number>;
}

/**
 * The effective settings: a read-only, validated, typed view. Known settings are typed;
 * settings that apps and layers register are reachable by name.
 *
 * @example
 * function isProduction(settings: Settings) { return !settings.DEBUG; }
 */
export type Settings = Readonly<CoreSettings & HttpSettings & UploadSettings & ServerSettings> & { readonly [name: string]: unknown };

/** The settings of the sessions app (`manouche.contrib.sessions`), with Django's names; the settings layer supplies Django's defaults. */
export interface SessionSettings {
  SESSION_ENGINE: string;
  SESSION_COOKIE_NAME: string;
  SESSION_COOKIE_AGE: number;
  SESSION_COOKIE_DOMAIN: string | null;
  SESSION_COOKIE_PATH: string;
  SESSION_COOKIE_SECURE: boolean;
  SESSION_COOKIE_HTTPONLY: boolean;
  SESSION_COOKIE_SAMESITE: 'Lax' | 'Strict' | 'None' | null;
  SESSION_SAVE_EVERY_REQUEST: boolean;
  SESSION_EXPIRE_AT_BROWSER_CLOSE: boolean;
  SESSION_FILE_PATH: string | null;
  /** The CACHES alias the cache and cached_db session stores use. */
  SESSION_CACHE_ALIAS: string;
}

/** The settings of the auth app (`manouche.contrib.auth`), with Django's names, plus its login throttling. */
export interface AuthSettings {
  AUTH_USER_MODEL: string;
  AUTHENTICATION_BACKENDS: string[];
  PASSWORD_HASHERS: string[];
  LOGIN_URL: string;
  LOGIN_REDIRECT_URL: string;
  LOGOUT_REDIRECT_URL: string | null;
  PASSWORD_RESET_TIMEOUT: number;
  LOGIN_THROTTLE_FAILURES_PER_USERNAME: number;
  LOGIN_THROTTLE_FAILURES_PER_ADDRESS: number;
  LOGIN_THROTTLE_WINDOW: number;
}

/** The CSRF settings (Django's names) beyond the CSRF_COOKIE_* ones every project has; the settings layer supplies Django's defaults. */
export interface CsrfSettings {
  CSRF_COOKIE_NAME: string;
  /** Seconds; null for a cookie that ends with the browser session. */
  CSRF_COOKIE_AGE: number | null;
  CSRF_COOKIE_DOMAIN: string | null;
  CSRF_COOKIE_PATH: string;
  CSRF_COOKIE_SECURE: boolean;
  CSRF_COOKIE_HTTPONLY: boolean;
  CSRF_COOKIE_SAMESITE: 'Lax' | 'Strict' | 'None' | null;
  /** Keep the secret in the session instead of a cookie. */
  CSRF_USE_SESSIONS: boolean;
  /** The header carrying the token, Django's META form (`HTTP_X_CSRFTOKEN`) or a header name. */
  CSRF_HEADER_NAME: string;
  CSRF_TRUSTED_ORIGINS: string[];
  /** Dotted name of the view answering refused requests, called as `view(request, { reason })`. */
  CSRF_FAILURE_VIEW: string;
}

/** The email settings (Django's names), read by @manouche/mail. */
export interface MailSettings {
  /** Dotted name: `manouche.mail.backends.smtp.EmailBackend`, `.console.`, `.locmem.`, `.filebased.` or `.dummy.`. */
  EMAIL_BACKEND: string;
  EMAIL_HOST: string;
  EMAIL_PORT: number;
  EMAIL_HOST_USER: string;
  EMAIL_HOST_PASSWORD: string;
  EMAIL_USE_TLS: boolean;
  EMAIL_USE_SSL: boolean;
  /** Seconds before an SMTP connection attempt gives up; null for the library's default. */
  EMAIL_TIMEOUT: number | null;
  /** A PEM client certificate (chain) presented over TLS/SSL, with its key in EMAIL_SSL_KEYFILE. */
  EMAIL_SSL_CERTFILE: string | null;
  EMAIL_SSL_KEYFILE: string | null;
  /** Folder the file backend writes to. */
  EMAIL_FILE_PATH: string | null;
  /** Prefix of the subject of mails to ADMINS and MANAGERS. */
  EMAIL_SUBJECT_PREFIX: string;
  DEFAULT_FROM_EMAIL: string;
  /** The sender of mails to ADMINS and MANAGERS. */
  SERVER_EMAIL: string;
  /** Who gets error mails: addresses, or [name, address] pairs as in Django before 6.0. */
  ADMINS: Array<string | [string, string]>;
  MANAGERS: Array<string | [string, string]>;
}

/** The messages framework's settings (Django's names). */
export interface MessageSettings {
  /** Dotted name of the storage: `manouche.contrib.messages.storage.fallback.FallbackStorage`, `.cookie.CookieStorage`, `.session.SessionStorage`. */
  MESSAGE_STORAGE: string;
  /** Messages below this level are dropped (INFO = 20 by default). */
  MESSAGE_LEVEL: number;
  /** Extra or replacement CSS tags by level number. */
  MESSAGE_TAGS: Record<string, string>;
}

/** One CACHES entry (Django's names), read by @manouche/cache. */
export interface CacheSettings {
  /** `manouche.cache.backends.locmem.LocMemCache`, `.redis.RedisCache`, `.db.DatabaseCache`, `.filebased.FileBasedCache`, `.dummy.DummyCache`, or a dotted custom class. */
  BACKEND: string;
  /** A Redis URL (or a list: the first for writes), a table name, a folder, or a name that separates local-memory caches. */
  LOCATION?: string | string[];
  /** Default timeout in seconds (300); null keeps values until evicted. */
  TIMEOUT?: number | null;
  KEY_PREFIX?: string;
  VERSION?: number;
  /** Dotted name of a function (key, keyPrefix, version) => string. */
  KEY_FUNCTION?: string;
  /** MAX_ENTRIES, CULL_FREQUENCY, and Redis client options. */
  OPTIONS?: Record<string, unknown>;
}

/** One CHANNEL_LAYERS entry (Channels' names), read by @manouche/channels. */
export interface ChannelLayerSettings {
  /** `manouche.channels.layers.InMemoryChannelLayer`, `manouche.channels.layers.RedisChannelLayer` or a registered name. */
  BACKEND: string;
  /** The layer's options: `hosts`, `prefix`, `capacity`, `expiry`, `groupExpiry`, `channelCapacity` (Channels' snake_case names work too). */
  CONFIG?: Record<string, unknown>;
}

/** The settings of Channels (its names), read by @manouche/channels and the meta-package's setup(). */
export interface ChannelsSettings {
  /** Channel layers by alias; consumers use `default`. Empty: no layer. */
  CHANNEL_LAYERS: Record<string, ChannelLayerSettings>;
  /** `module.export` of a ProtocolTypeRouter whose `websocket` route serves the project's WebSockets (`mysite.asgi.application`); null: WebSockets are refused. */
  ASGI_APPLICATION: string | null;
}

/** The cache framework's settings (Django's names). */
export interface CacheFrameworkSettings {
  /** Caches by alias; `default` is required. */
  CACHES: Record<string, CacheSettings>;
  /** Seconds the per-site cache middleware keeps a page (600). */
  CACHE_MIDDLEWARE_SECONDS: number;
  /** Prefix of the page cache's keys, to share a cache between sites (''). */
  CACHE_MIDDLEWARE_KEY_PREFIX: string;
  /** The CACHES alias the cache middleware uses ('default'). */
  CACHE_MIDDLEWARE_ALIAS: string;
}
