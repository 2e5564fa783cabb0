import { caches, type BaseCache } from '@manouche/cache';
import { SessionCreateError, SessionInterrupted } from '../errors.js';
import { SessionStore, type SessionData, type SessionStoreSettings } from '../session-base.js';

/** The CACHES alias sessions are kept in (SESSION_CACHE_ALIAS). */
export function sessionCache(settings: SessionStoreSettings): BaseCache {
  const alias = typeof settings.SESSION_CACHE_ALIAS === 'string' ? settings.SESSION_CACHE_ALIAS : 'default';
  return caches.get(alias);
}

/**
 * Sessions in the cache only (`manouche.contrib.sessions.backends.cache`, Django's cache backend):
 * fast, and lost when the cache evicts them or restarts without persistence. Use a shared cache
 * (Redis) when several processes serve the site.
 *
 * @example
 * // settings: SESSION_ENGINE: 'manouche.contrib.sessions.backends.cache', SESSION_CACHE_ALIAS: 'default'
 * await request.session.set('cart', [42]); // stored in CACHES.default only
 */
export class CacheSessionStore extends SessionStore {
  /** Prefix of the cache keys (Django's cache_key_prefix). */
  static keyPrefix = 'manouche.contrib.sessions.cache';

  private get backingCache(): BaseCache {
    return sessionCache(this.settings);
  }

  private cacheKey(key: string): string {
    return (this.constructor as typeof CacheSessionStore).keyPrefix + key;
  }

  protected async load(): Promise<SessionData> {
    const data = this.sessionKey === null ? undefined : await this.backingCache.get<SessionData>(this.cacheKey(this.sessionKey));
    if (data && typeof data === 'object') return data;
    this.forgetKey();
    return {};
  }

  async exists(key: string): Promise<boolean> {
    return key !== '' && (await this.backingCache.has(this.cacheKey(key)));
  }

  async save(mustCreate = false): Promise<void> {
    if (this.sessionKey === null) return this.create();
    const key = this.cacheKey(this.sessionKey);
    const data = await this.dataForSave();
    const age = await this.getExpiryAge();
    if (mustCreate) {
      if (!(await this.backingCache.add(key, data, age))) throw new SessionCreateError(`Session key ${this.sessionKey.slice(0, 4)}… is taken`);
      return;
    }
    if (!(await this.backingCache.has(key))) throw new SessionInterrupted();
    await this.backingCache.set(key, data, age);
  }

  protected async deleteStored(key: string | null = this.sessionKey): Promise<void> {
    if (key === null) return;
    await this.backingCache.delete(this.cacheKey(key));
  }

  /** The cache expires sessions by itself. */
  static async clearExpired(_settings: SessionStoreSettings): Promise<boolean> {
    return true;
  }
}
