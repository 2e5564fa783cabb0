/**
 * CACHES → cache instances: `configureCaches(settings.CACHES, …)` once at setup, then
 * `caches['alias']` (or `caches.get('alias')`) and `cache`, the default one, anywhere — Django's
 * `django.core.cache.caches` and `cache`.
 */
import type { CacheSettings, Database } from '@manouche/contracts';
import { BaseCache, type CacheParams } from './base-cache.js';
import { DatabaseCache } from './backends/database.js';
import { DummyCache } from './backends/dummy.js';
import { FileBasedCache } from './backends/file-based.js';
import { LocMemCache } from './backends/locmem.js';
import { RedisCache } from './backends/redis.js';
import { InvalidCacheBackendError } from './errors.js';
import type { KeyFunction } from './key-function.js';

/**
 * The alias every project has (Django requires it).
 *
 * @example
 * caches.get(DEFAULT_CACHE_ALIAS) === caches.get(); // true: 'default'
 */
export const DEFAULT_CACHE_ALIAS = 'default';

/**
 * Django's default CACHES: one local-memory cache.
 *
 * @example
 * await configureCaches(settings.CACHES ?? DEFAULT_CACHES); // one LocMemCache under 'default'
 */
export const DEFAULT_CACHES: Readonly<Record<string, CacheSettings>> = { default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } };

/**
 * What configureCaches needs besides CACHES.
 *
 * @example
 * const context: CacheContext = { databases: project.databases, baseDir: '/srv/mysite', importModule };
 * await configureCaches(settings.CACHES, context);
 */
export interface CacheContext {
  /** Connections for the database cache (its `default` alias is used). */
  databases?: { get(alias?: string): Database };
  /** The folder relative file-cache LOCATIONs start from. */
  baseDir?: string;
  /** Loads dotted names: custom BACKEND classes and KEY_FUNCTIONs (`mysite.cache.makeKey`). */
  importModule?: (specifier: string) => Promise<Record<string, unknown>>;
}

type Backend = new (params: CacheParams, alias: string, context: CacheContext) => BaseCache;

/** The database cache on the configured DATABASES' default connection. */
class ConfiguredDatabaseCache extends DatabaseCache {
  constructor(params: CacheParams, alias: string, context: CacheContext) {
    const databases = context.databases;
    super(params, alias, databases ? () => databases.get() : undefined);
  }
}

/** The file cache with relative LOCATIONs under the project folder. */
class ConfiguredFileBasedCache extends FileBasedCache {
  constructor(params: CacheParams, alias: string, context: CacheContext) {
    super(params, alias, context.baseDir);
  }
}

/**
 * The built-in backends by BACKEND name.
 *
 * @example
 * Object.keys(BUILTIN_BACKENDS); // ['manouche.cache.backends.locmem.LocMemCache', 'manouche.cache.backends.redis.RedisCache', …]
 */
export const BUILTIN_BACKENDS: Readonly<Record<string, Backend>> = {
  'manouche.cache.backends.locmem.LocMemCache': LocMemCache,
  'manouche.cache.backends.redis.RedisCache': RedisCache,
  'manouche.cache.backends.db.DatabaseCache': ConfiguredDatabaseCache,
  'manouche.cache.backends.filebased.FileBasedCache': ConfiguredFileBasedCache,
  'manouche.cache.backends.dummy.DummyCache': DummyCache,
};

const KNOWN_KEYS = new Set(['BACKEND', 'LOCATION', 'TIMEOUT', 'KEY_PREFIX', 'VERSION', 'KEY_FUNCTION', 'OPTIONS']);

async function importDotted(name: string, what: string, context: CacheContext): Promise<unknown> {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || !context.importModule) {
    throw new InvalidCacheBackendError(
      `${what} '${name}' cannot be loaded: expected 'module.exportName'${context.importModule ? '' : ' and an importModule given to configureCaches'}.`,
    );
  }
  let module: Record<string, unknown>;
  try {
    module = await context.importModule(name.slice(0, dot));
  } catch (error) {
    throw new InvalidCacheBackendError(`${what} '${name}': cannot import module '${name.slice(0, dot)}': ${(error as Error).message}`, { cause: error });
  }
  const value = module[name.slice(dot + 1)];
  if (value === undefined)
    throw new InvalidCacheBackendError(
      `${what} '${name}': module '${name.slice(0, dot)}' has no export '${name.slice(dot + 1)}' (it exports: ${Object.keys(module).join(', ') || 'nothing'}).`,
    );
  return value;
}

async function resolveBackend(alias: string, name: unknown, context: CacheContext): Promise<Backend> {
  if (typeof name !== 'string' || name === '') {
    throw new InvalidCacheBackendError(
      `CACHES["${alias}"].BACKEND must name a backend, such as 'manouche.cache.backends.redis.RedisCache'; got ${JSON.stringify(name)}. The built-in backends are: ${Object.keys(BUILTIN_BACKENDS).join(', ')}.`,
    );
  }
  const builtin = BUILTIN_BACKENDS[name];
  if (builtin) return builtin;
  if (name.startsWith('django.core.cache.backends.')) {
    const manouche = `manouche.cache.backends.${name.slice('django.core.cache.backends.'.length)}`;
    if (BUILTIN_BACKENDS[manouche]) throw new InvalidCacheBackendError(`CACHES["${alias}"].BACKEND '${name}' is Django's name: write '${manouche}' instead.`);
    throw new InvalidCacheBackendError(
      `CACHES["${alias}"].BACKEND '${name}' has no Manouche counterpart (memcached is not supported: use 'manouche.cache.backends.redis.RedisCache').`,
    );
  }
  if (name.startsWith('manouche.cache.')) {
    throw new InvalidCacheBackendError(
      `CACHES["${alias}"].BACKEND '${name}' is not a Manouche cache backend. The built-in backends are: ${Object.keys(BUILTIN_BACKENDS).join(', ')}.`,
    );
  }
  const loaded = await importDotted(name, `CACHES["${alias}"].BACKEND`, context);
  if (typeof loaded !== 'function' || !(loaded.prototype instanceof BaseCache)) {
    throw new InvalidCacheBackendError(`CACHES["${alias}"].BACKEND '${name}' is not a cache backend class (a subclass of BaseCache from @manouche/cache).`);
  }
  return loaded as Backend;
}

/**
 * Builds one cache from its CACHES entry.
 *
 * @example
 * const redis = await createCache('sessions', { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: 'redis://127.0.0.1:6379/2' });
 */
export async function createCache(
  alias: string,
  entry: CacheSettings | (Omit<CacheSettings, 'KEY_FUNCTION'> & { KEY_FUNCTION?: string | KeyFunction }),
  context: CacheContext = {},
): Promise<BaseCache> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new InvalidCacheBackendError(
      `CACHES["${alias}"] must be an object such as { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' }, got ${JSON.stringify(entry)}.`,
    );
  }
  for (const key of Object.keys(entry)) {
    if (!KNOWN_KEYS.has(key)) throw new InvalidCacheBackendError(`CACHES["${alias}"] has an unknown key "${key}": expected ${[...KNOWN_KEYS].join(', ')}.`);
  }
  const Backend = await resolveBackend(alias, entry.BACKEND, context);
  let keyFunction: KeyFunction | undefined;
  if (typeof entry.KEY_FUNCTION === 'string') {
    const loaded = await importDotted(entry.KEY_FUNCTION, `CACHES["${alias}"].KEY_FUNCTION`, context);
    if (typeof loaded !== 'function') throw new InvalidCacheBackendError(`CACHES["${alias}"].KEY_FUNCTION '${entry.KEY_FUNCTION}' is not a function.`);
    keyFunction = loaded as KeyFunction;
  } else keyFunction = entry.KEY_FUNCTION;
  const { BACKEND: _backend, KEY_FUNCTION: _keyFunction, ...rest } = entry;
  return new Backend({ ...(rest as CacheParams), KEY_FUNCTION: keyFunction }, alias, context);
}

/**
 * Every configured cache by alias (Django's CacheHandler).
 *
 * @example
 * await caches.configure({ default: { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: 'redis://127.0.0.1:6379' } });
 * await caches.get('default').set('greeting', 'hello');
 * await caches.closeAll();
 */
export class CacheHandler {
  private instances = new Map<string, BaseCache>();
  private configured = false;

  /**
   * Builds the caches CACHES describes, closing those configured before. Without a call, the
   * default is a local-memory cache, as in Django.
   */
  async configure(settings: Readonly<Record<string, CacheSettings>> | undefined, context: CacheContext = {}): Promise<void> {
    const entries = settings ?? DEFAULT_CACHES;
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries))
      throw new InvalidCacheBackendError(`CACHES must be an object of aliases, such as { default: { BACKEND: '…' } }.`);
    if (!(DEFAULT_CACHE_ALIAS in entries))
      throw new InvalidCacheBackendError(
        `You must define a '${DEFAULT_CACHE_ALIAS}' cache in your CACHES setting (it has: ${Object.keys(entries).join(', ') || 'nothing'}).`,
      );
    const built = new Map<string, BaseCache>();
    for (const [alias, entry] of Object.entries(entries)) built.set(alias, await createCache(alias, entry, context));
    const previous = this.instances;
    this.instances = built;
    this.configured = true;
    await Promise.all([...previous.values()].map((instance) => instance.close()));
  }

  /** The cache of `alias`; an alias CACHES does not have is an InvalidCacheBackendError naming the configured ones. */
  get(alias: string = DEFAULT_CACHE_ALIAS): BaseCache {
    if (!this.configured && this.instances.size === 0) this.instances.set(DEFAULT_CACHE_ALIAS, new LocMemCache({}, DEFAULT_CACHE_ALIAS));
    const instance = this.instances.get(alias);
    if (!instance) throw new InvalidCacheBackendError(`The cache alias "${alias}" is not in CACHES (configured: ${[...this.instances.keys()].join(', ')}).`);
    return instance;
  }

  /** Every configured cache. */
  all(): BaseCache[] {
    if (this.instances.size === 0) this.get();
    return [...this.instances.values()];
  }

  /** Closes every cache's connections (project.close() calls it). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.instances.values()].map((instance) => instance.close()));
  }
}

const handler = new CacheHandler();

/** Names tools probe objects for (promises, JSON, test matchers): never cache aliases, so never an error. */
const PROBED_NAMES = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', '$$typeof']);

/**
 * The configured caches: `caches['alias']` or `caches.get('alias')`.
 *
 * @example
 * await caches['sessions'].set('k', 1);
 */
export const caches: CacheHandler & { readonly [alias: string]: BaseCache } = new Proxy(handler, {
  get(target, property, receiver) {
    if (typeof property !== 'string' || property in target || PROBED_NAMES.has(property)) {
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    }
    return target.get(property);
  },
}) as CacheHandler & { readonly [alias: string]: BaseCache };

/**
 * The default cache (`caches['default']`), looked up on every use so it follows configureCaches.
 *
 * @example
 * await cache.set('greeting', 'hello', 30);
 */
export const cache: BaseCache = new Proxy({} as BaseCache, {
  get(_target, property) {
    const current = handler.get(DEFAULT_CACHE_ALIAS) as unknown as Record<string | symbol, unknown>;
    const value = current[property];
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
  },
});

/**
 * Configures `caches` and `cache` from CACHES (setup() calls it).
 *
 * @example
 * await configureCaches(settings.CACHES, { databases, baseDir, importModule });
 */
export function configureCaches(settings: Readonly<Record<string, CacheSettings>> | undefined, context: CacheContext = {}): Promise<void> {
  return handler.configure(settings, context);
}

/**
 * Closes every configured cache's connections.
 *
 * @example
 * afterAll(() => closeCaches()); // no Redis connection keeps the test process alive
 */
export function closeCaches(): Promise<void> {
  return handler.closeAll();
}
