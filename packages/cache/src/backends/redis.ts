/**
 * Redis cache (Django's RedisCache) on ioredis: LOCATION is a `redis://` (or `rediss://`) URL, or a
 * list (or one string with `,` or `;` between URLs) whose first URL takes every write and the others the
 * reads, one picked at random per read (replicas of the first). The client reconnects on
 * its own; while Redis is unreachable each operation fails after one reconnection attempt with a
 * CacheConnectionError naming the cache and URL, instead of waiting.
 *
 * clear() deletes only this cache's keys (SCAN for the KEY_PREFIX, then UNLINK), unlike Django's,
 * which runs FLUSHDB: one Redis is usually shared by the cache, sessions and channel layers.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { BaseCache, MISSING, type CacheParams, type ExpiresAt } from '../base-cache.js';
import { CacheConnectionError, CacheValueError, InvalidCacheBackendError } from '../errors.js';
import { defaultKeyFunction } from '../key-function.js';
import { deserializeValue, serializeValue } from '../serializer.js';

const INCR_IF_EXISTS = "if redis.call('EXISTS', KEYS[1]) == 0 then return false end return redis.call('INCRBY', KEYS[1], ARGV[1])";
const CLEAR_BATCH = 500;

let ioredis: Promise<{ Redis: typeof Redis }> | undefined;
// The class is the named export under Node; a bundler's CommonJS interop may only give it as the default.
const loadIoredis = () =>
  (ioredis ??= import('ioredis').then((module) => {
    const interop = module as unknown as { Redis?: typeof Redis; default?: typeof Redis & { Redis?: typeof Redis } };
    return { Redis: (interop.Redis ?? interop.default?.Redis ?? interop.default)! };
  }));

/** A Redis URL with its password replaced by `***`, for messages. */
export function maskRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

function isConnectionFailure(error: unknown): boolean {
  const err = error as { name?: string; code?: string; message?: string };
  return (
    err?.name === 'MaxRetriesPerRequestError' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE'].includes(err?.code ?? '') ||
    /Connection is closed|Stream isn't writeable|Command timed out|connect ETIMEDOUT/.test(err?.message ?? '')
  );
}

/** Options that are this package's, not the Redis client's. */
const OWN_OPTIONS = new Set(['MAX_ENTRIES', 'CULL_FREQUENCY']);

type IncrClient = Redis & { manoucheIncrIfExists(key: string, delta: number): Promise<number | null> };

/**
 * @example
 * // CACHES: { default: { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: 'redis://127.0.0.1:6379/1', KEY_PREFIX: 'mysite' } }
 */
export class RedisCache extends BaseCache {
  /** The URLs: the first takes writes, the others (if any) reads. */
  readonly urls: readonly string[];
  private readonly clientOptions: RedisOptions;
  private readonly customKeyFunction: boolean;
  private clients: IncrClient[] | undefined;
  private readonly lastErrors = new Map<number, Error>();

  constructor(params: CacheParams = {}, alias = 'default') {
    super(params, alias);
    const location = params.LOCATION;
    const urls =
      typeof location === 'string'
        ? location
            .split(/[;,]/)
            .map((url) => url.trim())
            .filter(Boolean)
        : [...(location ?? [])];
    if (urls.length === 0) {
      throw new InvalidCacheBackendError(
        `CACHES["${alias}"].LOCATION must be a Redis URL such as "redis://127.0.0.1:6379/0" (or a list of them, the first for writes) for the Redis cache.`,
      );
    }
    for (const url of urls) {
      if (!/^rediss?:\/\//.test(url) && !/^unix:\/\//.test(url)) {
        throw new InvalidCacheBackendError(
          `CACHES["${alias}"].LOCATION entry "${maskRedisUrl(url)}" is not a Redis URL: expected redis://host:port/db, rediss://… or unix:///path.`,
        );
      }
    }
    this.urls = urls;
    const passed = Object.fromEntries(Object.entries(params.OPTIONS ?? {}).filter(([name]) => !OWN_OPTIONS.has(name)));
    this.clientOptions = {
      lazyConnect: true,
      connectTimeout: 5_000,
      // A server that stops answering (not refusing) fails an operation instead of hanging it.
      commandTimeout: 5_000,
      // Fail an operation after one reconnection attempt rather than queue it while Redis is down.
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 100, 2_000),
      ...passed,
    };
    this.customKeyFunction = this.keyFunction !== defaultKeyFunction;
  }

  private async connect(): Promise<IncrClient[]> {
    if (this.clients) return this.clients;
    // ioredis is loaded with the first operation: a process whose CACHES never reach Redis does not pay its memory.
    const { Redis: RedisClient } = await loadIoredis();
    if (this.clients) return this.clients;
    this.clients = this.urls.map((url, index) => {
      const client = new RedisClient(url, this.clientOptions) as IncrClient;
      client.defineCommand('manoucheIncrIfExists', { numberOfKeys: 1, lua: INCR_IF_EXISTS });
      // Without a listener ioredis prints every failed reconnection; the error is reported by the next operation instead.
      client.on('error', (error: Error) => this.lastErrors.set(index, error));
      client.on('ready', () => this.lastErrors.delete(index));
      return client;
    });
    return this.clients;
  }

  private async writer(): Promise<IncrClient> {
    return (await this.connect())[0]!;
  }

  private async reader(): Promise<{ client: IncrClient; index: number }> {
    const clients = await this.connect();
    const index = clients.length === 1 ? 0 : 1 + Math.floor(Math.random() * (clients.length - 1));
    return { client: clients[index]!, index };
  }

  /** Runs one operation; connection failures become a CacheConnectionError naming the URL. */
  private async run<T>(index: number, what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const url = maskRedisUrl(this.urls[index]!);
      if (isConnectionFailure(error)) {
        const cause = this.lastErrors.get(index) ?? (error as Error);
        throw new CacheConnectionError(
          `Redis cache "${this.alias}" cannot reach ${url} (${what}): ${cause.message}. Is Redis running there? The client keeps reconnecting; later operations succeed once it is back.`,
          { cause: error },
        );
      }
      if (error instanceof CacheValueError) throw error;
      throw new CacheValueError(`Redis cache "${this.alias}" at ${url} refused ${what}: ${(error as Error).message}`, { cause: error });
    }
  }

  protected async readValue(key: string): Promise<unknown> {
    const { client, index } = await this.reader();
    const bytes = await this.run(index, 'GET', () => client.getBuffer(key));
    return bytes === null ? MISSING : deserializeValue(bytes);
  }

  protected async writeValue(key: string, value: unknown, expiresAt: ExpiresAt, mode: 'set' | 'add'): Promise<boolean> {
    const bytes = serializeValue(value, `key "${key}"`);
    const client = await this.writer();
    const ttl = expiresAt === null ? null : expiresAt - Date.now();
    if (ttl !== null && ttl <= 0) {
      // Expire at once: a set removes the key; an add succeeds only where the key is absent.
      if (mode === 'set') {
        await this.run(0, 'DEL', () => client.del(key));
        return true;
      }
      return (await this.run(0, 'EXISTS', () => client.exists(key))) === 0;
    }
    const reply =
      ttl === null
        ? mode === 'add'
          ? await this.run(0, 'SET NX', () => client.set(key, bytes, 'NX'))
          : await this.run(0, 'SET', () => client.set(key, bytes))
        : mode === 'add'
          ? await this.run(0, 'SET PX NX', () => client.set(key, bytes, 'PX', Math.ceil(ttl), 'NX'))
          : await this.run(0, 'SET PX', () => client.set(key, bytes, 'PX', Math.ceil(ttl)));
    return reply === 'OK';
  }

  protected async removeValue(key: string): Promise<boolean> {
    const client = await this.writer();
    return (await this.run(0, 'DEL', () => client.del(key))) > 0;
  }

  protected async touchValue(key: string, expiresAt: ExpiresAt): Promise<boolean> {
    const client = await this.writer();
    if (expiresAt === null) {
      const replies = await this.run(0, 'PERSIST', () => client.multi().exists(key).persist(key).exec());
      return replies?.[0]?.[1] === 1;
    }
    const ttl = expiresAt - Date.now();
    if (ttl <= 0) return (await this.run(0, 'DEL', () => client.del(key))) > 0;
    return (await this.run(0, 'PEXPIRE', () => client.pexpire(key, Math.ceil(ttl)))) === 1;
  }

  protected override async readMany(keys: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    if (keys.length === 0) return found;
    const { client, index } = await this.reader();
    const values = await this.run(index, 'MGET', () => client.mgetBuffer(...keys));
    keys.forEach((key, i) => {
      const bytes = values[i];
      if (bytes) found.set(key, deserializeValue(bytes));
    });
    return found;
  }

  protected override async writeMany(entries: ReadonlyArray<[string, unknown]>, expiresAt: ExpiresAt): Promise<string[]> {
    if (entries.length === 0) return [];
    const serialized = entries.map(([key, value]) => [key, serializeValue(value, `key "${key}"`)] as const);
    const client = await this.writer();
    const ttl = expiresAt === null ? null : expiresAt - Date.now();
    const pipeline = client.pipeline();
    for (const [key, bytes] of serialized) {
      if (ttl === null) pipeline.set(key, bytes);
      else if (ttl <= 0) pipeline.del(key);
      else pipeline.set(key, bytes, 'PX', Math.ceil(ttl));
    }
    const replies = await this.run(0, 'SET (pipeline)', () => pipeline.exec());
    return serialized.filter((_, i) => replies?.[i]?.[0]).map(([key]) => key);
  }

  protected override async removeMany(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const client = await this.writer();
    await this.run(0, 'DEL', () => client.del(...keys));
  }

  /** Atomic INCRBY on an existing key (its expiry is kept). */
  protected override async incrementValue(key: string, delta: number, original: string): Promise<number | bigint> {
    if (!Number.isInteger(delta)) throw new CacheValueError(`incr/decr of key '${original}' (cache "${this.alias}") needs a whole-number delta, got ${delta}.`);
    const client = await this.writer();
    const next = await this.run(0, 'INCRBY', () => client.manoucheIncrIfExists(key, delta));
    if (next === null) throw new CacheValueError(`Key '${original}' not found (cache "${this.alias}").`);
    return next;
  }

  /** The SCAN pattern matching this cache's keys. */
  private clearPattern(): string {
    if (this.customKeyFunction) return `${globEscape(this.keyPrefix)}*`;
    return `${globEscape(this.keyPrefix)}:*`;
  }

  /**
   * Deletes the keys of this cache: those the default key function made with this KEY_PREFIX
   * (any version). With a custom KEY_FUNCTION, every key starting with KEY_PREFIX — the whole
   * database when KEY_PREFIX is empty, as Django's clear().
   */
  async clear(): Promise<void> {
    const client = await this.writer();
    const pattern = this.clearPattern();
    await this.run(0, `SCAN MATCH ${pattern}`, async () => {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', CLEAR_BATCH);
        cursor = next;
        if (keys.length > 0) await client.unlink(...keys);
      } while (cursor !== '0');
    });
  }

  /** Closes the connections; the next operation opens new ones. */
  override async close(): Promise<void> {
    const clients = this.clients;
    this.clients = undefined;
    if (!clients) return;
    await Promise.all(
      clients.map(async (client) => {
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }),
    );
  }
}
