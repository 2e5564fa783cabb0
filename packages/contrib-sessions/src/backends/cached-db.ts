import { Session } from '../models.js';
import type { SessionData, SessionStoreSettings } from '../session-base.js';
import { sessionCache } from './cache.js';
import { DbSessionStore } from './db.js';

/**
 * Sessions in the database, read through the cache (`manouche.contrib.sessions.backends.cached_db`,
 * Django's cached_db): every write goes to both, reads hit the database only when the cache
 * misses, so sessions survive a cache restart.
 *
 * @example
 * // settings: SESSION_ENGINE: 'manouche.contrib.sessions.backends.cached_db'
 * await request.session.get('cart'); // from the cache; from django_session on a miss
 */
export class CachedDbSessionStore extends DbSessionStore {
  /** Prefix of the cache keys (Django's cache_key_prefix). */
  static keyPrefix = 'manouche.contrib.sessions.cached_db';

  private cacheKey(key: string): string {
    return (this.constructor as typeof CachedDbSessionStore).keyPrefix + key;
  }

  protected override async load(): Promise<SessionData> {
    if (this.sessionKey === null) return {};
    const cache = sessionCache(this.settings);
    const key = this.cacheKey(this.sessionKey);
    const cached = await cache.get<SessionData>(key);
    if (cached && typeof cached === 'object') return cached;
    const row = await Session.objects
      .using((this.constructor as typeof DbSessionStore).using)
      .filter({ sessionKey: this.sessionKey, expireDate__gt: new Date() })
      .first();
    if (!row) {
      this.forgetKey();
      return {};
    }
    const data = this.decode(row.sessionData);
    await cache.set(key, data, await this.getExpiryAge({ expiry: (row.expireDate as Date).toISOString() }));
    return data;
  }

  override async exists(key: string): Promise<boolean> {
    return (key !== '' && (await sessionCache(this.settings).has(this.cacheKey(key)))) || super.exists(key);
  }

  override async save(mustCreate = false): Promise<void> {
    if (this.sessionKey === null) return this.create();
    await super.save(mustCreate);
    await sessionCache(this.settings).set(this.cacheKey(this.sessionKey), await this.dataForSave(), await this.getExpiryAge());
  }

  protected override async deleteStored(key: string | null = this.sessionKey): Promise<void> {
    await super.deleteStored(key);
    if (key !== null) await sessionCache(this.settings).delete(this.cacheKey(key));
  }

  /** Expired rows go from the database; the cache expires its copies by itself. */
  static override async clearExpired(settings: SessionStoreSettings): Promise<boolean> {
    return super.clearExpired(settings);
  }
}
