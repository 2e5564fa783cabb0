import path from 'node:path';
import type { DatabaseSettings } from '@manouche/contracts';
import { SettingValueError } from './errors.js';
import { describeValue } from '@manouche/contracts/text';
import { typeName } from './setting-types.js';

const ENGINES: Record<string, DatabaseSettings['ENGINE']> = {
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  'django.db.backends.sqlite3': 'sqlite',
  postgresql: 'postgresql',
  postgres: 'postgresql',
  'django.db.backends.postgresql': 'postgresql',
  'django.db.backends.postgresql_psycopg2': 'postgresql',
  mysql: 'mysql',
  mariadb: 'mysql',
  'django.db.backends.mysql': 'mysql',
};

const URL_SCHEMES: Record<string, DatabaseSettings['ENGINE']> = {
  'sqlite:': 'sqlite',
  'postgres:': 'postgresql',
  'postgresql:': 'postgresql',
  'pgsql:': 'postgresql',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
};

/** Keys of a DATABASES entry: the contracts' plus Django's per-connection options, passed through. */
const ENTRY_KEYS = new Set([
  'ENGINE',
  'NAME',
  'USER',
  'PASSWORD',
  'HOST',
  'PORT',
  'OPTIONS',
  'TEST',
  'ATOMIC_REQUESTS',
  'AUTOCOMMIT',
  'CONN_MAX_AGE',
  'CONN_HEALTH_CHECKS',
  'TIME_ZONE',
]);

const EXPECTED_ENGINE =
  '"sqlite", "postgresql" or "mysql" (or Django\'s "django.db.backends.sqlite3", "django.db.backends.postgresql", "django.db.backends.mysql")';
const EXPECTED_URL =
  'a database URL such as sqlite:///db.sqlite3, sqlite://:memory:, postgres://user:password@host:5432/name or mysql://user:password@host:3306/name';
const EXPECTED_ENTRY = `an object with ENGINE and NAME, or ${EXPECTED_URL}`;

/**
 * Normalises DATABASES (Django's dict form, or URL strings per alias) into contracts DatabaseSettings.
 * Relative SQLite names resolve against baseDir. Throws SettingValueError naming the path inside DATABASES.
 */
export function normalizeDatabases(value: unknown, baseDir: string): Record<string, DatabaseSettings> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingValueError('an object of database aliases ({ default: { ENGINE, NAME } } or { default: "sqlite:///db.sqlite3" })', {
      got: typeName(value),
    });
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 0 && !('default' in value)) {
    throw new SettingValueError('a "default" database among the aliases', { got: `aliases ${entries.map(([alias]) => JSON.stringify(alias)).join(', ')}` });
  }
  const result: Record<string, DatabaseSettings> = {};
  for (const [alias, entry] of entries) {
    result[alias] = typeof entry === 'string' ? parseDatabaseUrl(entry, alias, baseDir) : normalizeEntry(entry, alias, baseDir);
  }
  return result;
}

function normalizeEntry(entry: unknown, alias: string, baseDir: string): DatabaseSettings {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new SettingValueError(EXPECTED_ENTRY, { path: alias, got: typeName(entry) });
  }
  const raw = entry as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!ENTRY_KEYS.has(key)) {
      throw new SettingValueError(`one of the keys ${[...ENTRY_KEYS].join(', ')}`, { path: `${alias}.${key}`, got: 'an unknown key' });
    }
  }
  const engine = typeof raw.ENGINE === 'string' ? ENGINES[raw.ENGINE] : undefined;
  if (engine === undefined) {
    throw new SettingValueError(EXPECTED_ENGINE, { path: `${alias}.ENGINE`, got: raw.ENGINE === undefined ? 'nothing' : describeValue(raw.ENGINE) });
  }
  if (typeof raw.NAME !== 'string' || raw.NAME === '') {
    const expected = engine === 'sqlite' ? 'a file path (relative to BASE_DIR) or ":memory:"' : 'the database name';
    throw new SettingValueError(expected, { path: `${alias}.NAME`, got: raw.NAME === undefined ? 'nothing' : describeValue(raw.NAME) });
  }
  const result: DatabaseSettings & Record<string, unknown> = { ENGINE: engine, NAME: engine === 'sqlite' ? sqliteName(raw.NAME, baseDir) : raw.NAME };
  for (const key of ['USER', 'PASSWORD', 'HOST'] as const) {
    const text = raw[key];
    if (text === undefined || text === null || text === '') continue;
    if (typeof text !== 'string') {
      throw new SettingValueError('a string', { path: `${alias}.${key}`, got: key === 'PASSWORD' ? typeName(text) : describeValue(text) });
    }
    result[key] = text;
  }
  const port = normalizePort(raw.PORT, `${alias}.PORT`);
  if (port !== undefined) result.PORT = port;
  if (raw.OPTIONS !== undefined) result.OPTIONS = plainObject(raw.OPTIONS, `${alias}.OPTIONS`, 'an object of driver options');
  if (raw.TEST !== undefined) {
    const test = plainObject(raw.TEST, `${alias}.TEST`, 'an object such as { NAME: "test_blog" }');
    if (test.NAME !== undefined && typeof test.NAME !== 'string') {
      throw new SettingValueError('a string', { path: `${alias}.TEST.NAME`, got: describeValue(test.NAME) });
    }
    result.TEST = test as { NAME?: string };
  }
  for (const key of ['ATOMIC_REQUESTS', 'AUTOCOMMIT', 'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'TIME_ZONE']) {
    if (raw[key] !== undefined) result[key] = raw[key];
  }
  return result;
}

function normalizePort(port: unknown, where: string): number | undefined {
  if (port === undefined || port === null || port === '') return undefined;
  const number = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
  if (!Number.isInteger(number) || (number as number) < 1 || (number as number) > 65535) {
    throw new SettingValueError('a port number from 1 to 65535', { path: where, got: describeValue(port) });
  }
  return number as number;
}

function plainObject(value: unknown, where: string, expected: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingValueError(expected, { path: where, got: typeName(value) });
  }
  return { ...(value as Record<string, unknown>) };
}

function sqliteName(name: string, baseDir: string): string {
  if (name === ':memory:' || name.startsWith('file:')) return name;
  return path.resolve(baseDir, name);
}

/** A URL with its password replaced by stars, for messages. */
export function maskDatabaseUrl(url: string, mask = '********'): string {
  return url.replace(/^([a-z0-9+.-]+:\/\/[^:/@]*):[^@]*@/i, `$1:${mask}@`);
}

/** How a rejected URL is quoted in a message: password masked, or not at all when credentials cannot be located. */
function quotedUrl(url: string): string | undefined {
  if (/^[a-z0-9+.-]+:\/\/[^/@]*@/i.test(url)) return describeValue(maskDatabaseUrl(url));
  return url.includes('@') ? undefined : describeValue(url);
}

/**
 * Parses a database URL (the dj-database-url forms) into a DATABASES entry.
 *
 * @example
 * parseDatabaseUrl('postgres://blog:s%40cret@db:5432/blog?sslmode=require', 'default', '/srv/mysite');
 * // { ENGINE: 'postgresql', NAME: 'blog', USER: 'blog', PASSWORD: 's@cret', HOST: 'db', PORT: 5432, OPTIONS: { sslmode: 'require' } }
 */
export function parseDatabaseUrl(url: string, alias: string, baseDir: string): DatabaseSettings {
  const scheme = /^([a-z0-9+.-]+:)\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    throw new SettingValueError(EXPECTED_URL, { path: alias, got: quotedUrl(url) });
  }
  const engine = URL_SCHEMES[scheme];
  if (engine === undefined) {
    throw new SettingValueError(
      `a URL scheme among ${Object.keys(URL_SCHEMES)
        .map((known) => `${known}//`)
        .join(', ')}`,
      { path: alias, got: JSON.stringify(`${scheme}//`) },
    );
  }
  const [location = '', query = ''] = url.slice(scheme.length + 2).split(/\?(.*)/s, 2);
  const options = Object.fromEntries(new URLSearchParams(query));
  const withOptions = (settings: DatabaseSettings): DatabaseSettings => (Object.keys(options).length > 0 ? { ...settings, OPTIONS: options } : settings);
  if (engine === 'sqlite') {
    // sqlite:///relative.db, sqlite:////absolute.db, sqlite://:memory: and sqlite:// (memory)
    if (location === '' || location === ':memory:' || location === '/:memory:') return withOptions({ ENGINE: engine, NAME: ':memory:' });
    if (!location.startsWith('/')) {
      throw new SettingValueError('sqlite:///relative/path.db, sqlite:////absolute/path.db or sqlite://:memory:', { path: alias, got: quotedUrl(url) });
    }
    return withOptions({ ENGINE: engine, NAME: sqliteName(decodeURIComponent(location.slice(1)), baseDir) });
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SettingValueError(EXPECTED_URL, { path: alias, got: quotedUrl(url) });
  }
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (name === '') {
    throw new SettingValueError(`${EXPECTED_URL} (the path names the database)`, { path: alias, got: quotedUrl(url) });
  }
  const result: DatabaseSettings = { ENGINE: engine, NAME: name };
  if (parsed.username !== '') result.USER = decodeURIComponent(parsed.username);
  if (parsed.password !== '') result.PASSWORD = decodeURIComponent(parsed.password);
  if (parsed.hostname !== '') result.HOST = decodeURIComponent(parsed.hostname.replace(/^\[(.*)\]$/, '$1'));
  if (parsed.port !== '') result.PORT = Number(parsed.port);
  return withOptions(result);
}
