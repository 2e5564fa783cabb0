/**
 * What every cache backend shares: Django's BaseCache. The public methods make and validate
 * keys (KEY_PREFIX, VERSION, KEY_FUNCTION), turn timeouts into expiry times, and call the
 * backend's primitives, which see only finished keys.
 */
import { CacheValueError, InvalidCacheBackendError } from './errors.js';
import { defaultKeyFunction, type KeyFunction } from './key-function.js';
import { emitCacheKeyWarnings, memcacheKeyWarnings } from './key-validation.js';

/**
 * A timeout in seconds: `undefined` = the cache's TIMEOUT, `null` = never expires, `0` (or
 * less) = expires at once (the value is not kept).
 *
 * @example
 * await cache.set('a', 1);          // the cache's TIMEOUT (300 s by default)
 * await cache.set('b', 1, null);    // never expires
 * await cache.set('c', 1, 0);       // not kept at all
 */
export type Timeout = number | null | undefined;

/**
 * One CACHES entry without BACKEND, as a backend's constructor receives it (Django's names).
 *
 * @example
 * const params: CacheParams = { LOCATION: 'redis://127.0.0.1:6379/1', TIMEOUT: 600, KEY_PREFIX: 'mysite', VERSION: 2 };
 * const redis = new RedisCache(params, 'default');
 */
export interface CacheParams {
  /** Where the data lives: a Redis URL, a table name, a folder, or a name that separates local-memory caches. */
  LOCATION?: string | readonly string[];
  /** Default timeout in seconds (default 300); null keeps values until evicted. */
  TIMEOUT?: number | null;
  /** Prefix of every key (default ''). */
  KEY_PREFIX?: string;
  /** Default version of keys (default 1). */
  VERSION?: number;
  /** Builds stored keys from (key, KEY_PREFIX, VERSION); default `prefix:version:key`. */
  KEY_FUNCTION?: KeyFunction;
  /** Backend options: MAX_ENTRIES and CULL_FREQUENCY (local memory, database, file), Redis client options. */
  OPTIONS?: Record<string, unknown>;
}

/**
 * When a value expires: epoch milliseconds, or null for never.
 *
 * @example
 * const expiresAt: ExpiresAt = Date.now() + 60_000; // in one minute; null = never
 */
export type ExpiresAt = number | null;

/**
 * Marks a miss in the primitives (a stored `undefined` or `null` is a hit).
 *
 * @example
 * protected async readValue(key: string) { return this.store.has(key) ? this.store.get(key) : MISSING; }
 */
export const MISSING: unique symbol = Symbol('cache miss');
export type Missing = typeof MISSING;

function positiveInteger(value: unknown, fallback: number, what: string, alias: string, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidCacheBackendError(`CACHES["${alias}"]${what} must be a whole number of at least ${min}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * The cache API every backend offers (Django's BaseCache, asynchronous): get/set/add/delete,
 * the *Many variants, incr/decr, touch, getOrSet, has, versions and clear.
 *
 * @example
 * await cache.set('greeting', 'hello', 60);
 * await cache.get('greeting'); // 'hello'
 * await cache.getOrSet('posts:count', () => Post.objects.count(), 300);
 */
export abstract class BaseCache {
  /** The CACHES alias (for messages). */
  readonly alias: string;
  /** Seconds, or null for never. */
  readonly defaultTimeout: number | null;
  readonly keyPrefix: string;
  readonly version: number;
  readonly keyFunction: KeyFunction;
  /** Entries kept before culling (local memory, database, file). */
  protected readonly maxEntries: number;
  /** 1/CULL_FREQUENCY of the entries go when MAX_ENTRIES is reached; 0 empties the cache. */
  protected readonly cullFrequency: number;

  constructor(params: CacheParams = {}, alias = 'default') {
    this.alias = alias;
    const timeout = params.TIMEOUT === undefined ? 300 : params.TIMEOUT;
    if (timeout !== null && (typeof timeout !== 'number' || !Number.isFinite(timeout))) {
      throw new InvalidCacheBackendError(
        `CACHES["${alias}"].TIMEOUT must be a number of seconds or null (never expire), got ${JSON.stringify(params.TIMEOUT)}.`,
      );
    }
    this.defaultTimeout = timeout;
    if (params.KEY_PREFIX !== undefined && typeof params.KEY_PREFIX !== 'string') {
      throw new InvalidCacheBackendError(`CACHES["${alias}"].KEY_PREFIX must be a string, got ${JSON.stringify(params.KEY_PREFIX)}.`);
    }
    this.keyPrefix = params.KEY_PREFIX ?? '';
    this.version = positiveInteger(params.VERSION, 1, '.VERSION', alias, 0);
    if (params.KEY_FUNCTION !== undefined && typeof params.KEY_FUNCTION !== 'function') {
      throw new InvalidCacheBackendError(
        `CACHES["${alias}"].KEY_FUNCTION must be a function (key, keyPrefix, version) => string or a dotted 'module.exportName', got ${typeof params.KEY_FUNCTION}.`,
      );
    }
    this.keyFunction = params.KEY_FUNCTION ?? defaultKeyFunction;
    const options = params.OPTIONS ?? {};
    this.maxEntries = positiveInteger(options.MAX_ENTRIES, 300, '.OPTIONS.MAX_ENTRIES', alias, 1);
    this.cullFrequency = positiveInteger(options.CULL_FREQUENCY, 3, '.OPTIONS.CULL_FREQUENCY', alias, 0);
  }

  /** When a value set now with `timeout` expires (Django's get_backend_timeout). */
  getBackendTimeout(timeout: Timeout): ExpiresAt {
    const seconds = timeout === undefined ? this.defaultTimeout : timeout;
    if (seconds === null) return null;
    if (typeof seconds !== 'number' || Number.isNaN(seconds)) {
      throw new CacheValueError(`Cache timeout must be a number of seconds or null (never expire), got ${JSON.stringify(timeout)} (cache "${this.alias}").`);
    }
    // 0 means "expire now": one millisecond in the past, so no backend keeps it.
    return seconds <= 0 ? Date.now() - 1 : Date.now() + seconds * 1000;
  }

  /** The stored key for `key` at `version` (the cache's VERSION when omitted). */
  makeKey(key: string, version?: number): string {
    if (typeof key !== 'string') throw new CacheValueError(`Cache keys are strings, got ${typeof key} ${JSON.stringify(key)} (cache "${this.alias}").`);
    return this.keyFunction(key, this.keyPrefix, version ?? this.version);
  }

  /** Warns (CacheKeyWarning) about keys memcached would refuse, as Django does for every backend. */
  validateKey(key: string): void {
    const warnings = memcacheKeyWarnings(key);
    if (warnings.length > 0) emitCacheKeyWarnings(warnings);
  }

  /** `makeKey` then `validateKey`. */
  makeAndValidateKey(key: string, version?: number): string {
    const made = this.makeKey(key, version);
    this.validateKey(made);
    return made;
  }

  // The primitives a backend implements, on finished keys.
  protected abstract readValue(key: string): Promise<unknown>;
  protected abstract writeValue(key: string, value: unknown, expiresAt: ExpiresAt, mode: 'set' | 'add'): Promise<boolean>;
  protected abstract removeValue(key: string): Promise<boolean>;
  protected abstract touchValue(key: string, expiresAt: ExpiresAt): Promise<boolean>;
  /** Empties the cache. */
  abstract clear(): Promise<void>;

  protected async readMany(keys: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    for (const key of keys) {
      const value = await this.readValue(key);
      if (value !== MISSING) found.set(key, value);
    }
    return found;
  }

  protected async writeMany(entries: ReadonlyArray<[string, unknown]>, expiresAt: ExpiresAt): Promise<string[]> {
    const failed: string[] = [];
    for (const [key, value] of entries) if (!(await this.writeValue(key, value, expiresAt, 'set'))) failed.push(key);
    return failed;
  }

  protected async removeMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) await this.removeValue(key);
  }

  /** Adds `delta` to the stored number (Django's base incr: read, add, set with the default timeout). */
  protected async incrementValue(key: string, delta: number, original: string): Promise<number | bigint> {
    const value = await this.readValue(key);
    if (value === MISSING) throw new CacheValueError(`Key '${original}' not found (cache "${this.alias}").`);
    const next = addDelta(value, delta, original, this.alias);
    await this.writeValue(key, next, this.getBackendTimeout(undefined), 'set');
    return next;
  }

  /**
   * The value of `key`, or `defaultValue` (undefined when omitted) when it is missing or expired.
   *
   * @example
   * const posts = (await cache.get<Post[]>('posts')) ?? [];
   */
  async get<T = unknown>(key: string, defaultValue?: T, version?: number): Promise<T | undefined> {
    const value = await this.readValue(this.makeAndValidateKey(key, version));
    return value === MISSING ? defaultValue : (value as T);
  }

  /** Stores `value` under `key` for `timeout` seconds (the cache's TIMEOUT when undefined, forever when null). */
  async set(key: string, value: unknown, timeout?: Timeout, version?: number): Promise<void> {
    await this.writeValue(this.makeAndValidateKey(key, version), value, this.getBackendTimeout(timeout), 'set');
  }

  /** Stores `value` only when `key` is not there yet; true when it stored it. */
  async add(key: string, value: unknown, timeout?: Timeout, version?: number): Promise<boolean> {
    return this.writeValue(this.makeAndValidateKey(key, version), value, this.getBackendTimeout(timeout), 'add');
  }

  /** Removes `key`; true when it was there. */
  async delete(key: string, version?: number): Promise<boolean> {
    return this.removeValue(this.makeAndValidateKey(key, version));
  }

  /** Gives `key` a new timeout; true when the key exists. */
  async touch(key: string, timeout?: Timeout, version?: number): Promise<boolean> {
    return this.touchValue(this.makeAndValidateKey(key, version), this.getBackendTimeout(timeout));
  }

  /** Whether `key` is in the cache and not expired (Django's has_key). */
  async has(key: string, version?: number): Promise<boolean> {
    return (await this.readValue(this.makeAndValidateKey(key, version))) !== MISSING;
  }

  /**
   * The values of the keys that are present, by the caller's key.
   *
   * @example
   * const { a, b } = await cache.getMany(['a', 'b']);
   */
  async getMany<T = unknown>(keys: Iterable<string>, version?: number): Promise<Record<string, T>> {
    const byStored = new Map<string, string>();
    for (const key of keys) byStored.set(this.makeAndValidateKey(key, version), key);
    const found = await this.readMany([...byStored.keys()]);
    return Object.fromEntries([...found].map(([stored, value]) => [byStored.get(stored)!, value as T]));
  }

  /** Stores every entry with one timeout; returns the keys that could not be stored (Django's set_many). */
  async setMany(data: Record<string, unknown> | Map<string, unknown>, timeout?: Timeout, version?: number): Promise<string[]> {
    const entries = data instanceof Map ? [...data] : Object.entries(data);
    const byStored = new Map<string, string>();
    const stored: Array<[string, unknown]> = entries.map(([key, value]) => {
      const made = this.makeAndValidateKey(key, version);
      byStored.set(made, key);
      return [made, value];
    });
    const failed = await this.writeMany(stored, this.getBackendTimeout(timeout));
    return failed.map((key) => byStored.get(key) ?? key);
  }

  /** Removes every key. */
  async deleteMany(keys: Iterable<string>, version?: number): Promise<void> {
    await this.removeMany([...keys].map((key) => this.makeAndValidateKey(key, version)));
  }

  /**
   * The value of `key`; when missing, `defaultValue` (called when it is a function, awaited when
   * a promise) is added and the value then in the cache returned, as Django's get_or_set.
   *
   * @example
   * const count = await cache.getOrSet('posts:count', () => Post.objects.count(), 60);
   */
  async getOrSet<T>(key: string, defaultValue: T | (() => T | Promise<T>), timeout?: Timeout, version?: number): Promise<T> {
    const made = this.makeAndValidateKey(key, version);
    const value = await this.readValue(made);
    if (value !== MISSING) return value as T;
    const computed = typeof defaultValue === 'function' ? await (defaultValue as () => T | Promise<T>)() : await defaultValue;
    await this.writeValue(made, computed, this.getBackendTimeout(timeout), 'add');
    // Read again: another process may have added its value between our read and add.
    const now = await this.readValue(made);
    return now === MISSING ? computed : (now as T);
  }

  /** Adds `delta` to a stored number and returns the new value; a missing key is a CacheValueError. */
  async incr(key: string, delta = 1, version?: number): Promise<number | bigint> {
    return this.incrementValue(this.makeAndValidateKey(key, version), delta, key);
  }

  /** Subtracts `delta` from a stored number and returns the new value. */
  async decr(key: string, delta = 1, version?: number): Promise<number | bigint> {
    return this.incr(key, -delta, version);
  }

  /**
   * Moves `key` from `version` (the cache's VERSION when omitted) to `version + delta` and
   * returns the new version; a missing key is a CacheValueError.
   */
  async incrVersion(key: string, delta = 1, version?: number): Promise<number> {
    const from = version ?? this.version;
    const value = await this.readValue(this.makeAndValidateKey(key, from));
    if (value === MISSING) throw new CacheValueError(`Key '${key}' not found (cache "${this.alias}", version ${from}).`);
    await this.set(key, value, undefined, from + delta);
    await this.delete(key, from);
    return from + delta;
  }

  /** `incrVersion` with `-delta`. */
  async decrVersion(key: string, delta = 1, version?: number): Promise<number> {
    return this.incrVersion(key, -delta, version);
  }

  /** Releases connections; the cache may be used again afterwards where the backend reconnects. */
  async close(): Promise<void> {}
}

/** `value + delta` for a cached number or bigint; anything else is a CacheValueError. */
export function addDelta(value: unknown, delta: number, key: string, alias: string): number | bigint {
  if (typeof value === 'number') return value + delta;
  if (typeof value === 'bigint') return value + BigInt(delta);
  throw new CacheValueError(`Cannot incr/decr key '${key}' (cache "${alias}"): its value is ${value === null ? 'null' : typeof value}, not a number.`);
}
