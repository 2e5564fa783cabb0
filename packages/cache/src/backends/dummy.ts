/** A cache that keeps nothing (Django's DummyCache): every read misses, every write is accepted and dropped. Keys are still validated. */
import { BaseCache, MISSING, type ExpiresAt } from '../base-cache.js';

/**
 * @example
 * // CACHES: { default: { BACKEND: 'manouche.cache.backends.dummy.DummyCache' } } — for development
 */
export class DummyCache extends BaseCache {
  protected async readValue(_key: string): Promise<unknown> {
    return MISSING;
  }
  protected async writeValue(_key: string, _value: unknown, _expiresAt: ExpiresAt, _mode: 'set' | 'add'): Promise<boolean> {
    return true;
  }
  protected async removeValue(_key: string): Promise<boolean> {
    return false;
  }
  protected async touchValue(_key: string, _expiresAt: ExpiresAt): Promise<boolean> {
    return false;
  }
  async clear(): Promise<void> {}
}
