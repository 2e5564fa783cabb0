/**
 * Local-memory cache (Django's LocMemCache): per process, LRU, bounded by MAX_ENTRIES with
 * 1/CULL_FREQUENCY of the least recently used entries dropped when full. Caches with the same
 * LOCATION share one store. Values are stored serialized, so callers never share objects.
 */
import { BaseCache, MISSING, addDelta, type CacheParams, type ExpiresAt } from '../base-cache.js';
import { deserializeValue, serializeValue } from '../serializer.js';
import { CacheValueError } from '../errors.js';

interface Entry {
  bytes: Buffer;
  expiresAt: ExpiresAt;
}

/** A Map in LRU order: the first entry is the least recently used. */
type Store = Map<string, Entry>;

const stores = new Map<string, Store>();

function isExpired(entry: Entry, now = Date.now()): boolean {
  return entry.expiresAt !== null && entry.expiresAt <= now;
}

/**
 * @example
 * const cache = new LocMemCache({ LOCATION: 'unique-snowflake', OPTIONS: { MAX_ENTRIES: 1000 } });
 */
export class LocMemCache extends BaseCache {
  private readonly store: Store;

  constructor(params: CacheParams = {}, alias = 'default') {
    super(params, alias);
    const location = Array.isArray(params.LOCATION) ? params.LOCATION.join(',') : ((params.LOCATION as string | undefined) ?? '');
    let store = stores.get(location);
    if (!store) stores.set(location, (store = new Map()));
    this.store = store;
  }

  private live(key: string): Entry | undefined {
    const entry = this.store.get(key);
    if (!entry) return undefined;
    if (isExpired(entry)) {
      this.store.delete(key);
      return undefined;
    }
    return entry;
  }

  private cull(): void {
    if (this.cullFrequency === 0) {
      this.store.clear();
      return;
    }
    let count = Math.floor(this.store.size / this.cullFrequency);
    for (const key of this.store.keys()) {
      if (count-- <= 0) break;
      this.store.delete(key);
    }
  }

  private put(key: string, bytes: Buffer, expiresAt: ExpiresAt): void {
    if (this.store.size >= this.maxEntries && !this.store.has(key)) this.cull();
    this.store.delete(key);
    this.store.set(key, { bytes, expiresAt });
  }

  protected async readValue(key: string): Promise<unknown> {
    const entry = this.live(key);
    if (!entry) return MISSING;
    this.store.delete(key);
    this.store.set(key, entry);
    return deserializeValue(entry.bytes);
  }

  protected async writeValue(key: string, value: unknown, expiresAt: ExpiresAt, mode: 'set' | 'add'): Promise<boolean> {
    const bytes = serializeValue(value, `key "${key}"`);
    if (mode === 'add' && this.live(key)) return false;
    if (expiresAt !== null && expiresAt <= Date.now()) {
      // Expired on arrival: nothing to keep, and no live entry should be culled for it.
      this.store.delete(key);
      return true;
    }
    this.put(key, bytes, expiresAt);
    return true;
  }

  protected async removeValue(key: string): Promise<boolean> {
    const present = this.live(key) !== undefined;
    this.store.delete(key);
    return present;
  }

  protected async touchValue(key: string, expiresAt: ExpiresAt): Promise<boolean> {
    const entry = this.live(key);
    if (!entry) return false;
    entry.expiresAt = expiresAt;
    return true;
  }

  /** Keeps the entry's expiry, as Django's locmem incr. */
  protected override async incrementValue(key: string, delta: number, original: string): Promise<number | bigint> {
    const entry = this.live(key);
    if (!entry) throw new CacheValueError(`Key '${original}' not found (cache "${this.alias}").`);
    const next = addDelta(deserializeValue(entry.bytes), delta, original, this.alias);
    this.put(key, serializeValue(next, `key "${key}"`), entry.expiresAt);
    return next;
  }

  async clear(): Promise<void> {
    this.store.clear();
  }
}
