/**
 * A bounded map that drops its least recently used entry when full: a connection's prepared
 * statements keyed by SQL text, compiled query shapes. Bounded because querysets with `__in` lists
 * of every length would otherwise cache without end. `evicted` hears each entry dropped to make
 * room (PostgreSQL frees its server-side statement there).
 *
 * A hit only stamps the entry with a counter (no reordering of the map on every query); the scan
 * for the oldest stamp happens when an entry is added to a full map, which costs far less than the
 * statement being prepared then.
 */
export class LruMap<V> {
  private readonly entries = new Map<string, { value: V; used: number }>();
  private readonly capacity: number;
  private readonly evicted: ((key: string, value: V) => void) | undefined;
  private clock = 0;

  constructor(capacity: number, evicted?: (key: string, value: V) => void) {
    this.capacity = capacity;
    this.evicted = evicted;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, marked as just used; undefined when there is none. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = ++this.clock;
    return entry.value;
  }

  /** Stores `value` for `key`, dropping the least recently used entry when full. */
  set(key: string, value: V): void {
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      existing.value = value;
      existing.used = ++this.clock;
      return;
    }
    if (this.entries.size >= this.capacity) this.dropOldest();
    this.entries.set(key, { value, used: ++this.clock });
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** Forgets every entry (without calling `evicted`). */
  clear(): void {
    this.entries.clear();
  }

  /** The values, in no particular order. */
  *values(): IterableIterator<V> {
    for (const entry of this.entries.values()) yield entry.value;
  }

  private dropOldest(): void {
    let oldestKey: string | undefined;
    let oldest = Number.POSITIVE_INFINITY;
    for (const [key, entry] of this.entries) {
      if (entry.used < oldest) {
        oldest = entry.used;
        oldestKey = key;
      }
    }
    if (oldestKey === undefined) return;
    const dropped = this.entries.get(oldestKey)!;
    this.entries.delete(oldestKey);
    this.evicted?.(oldestKey, dropped.value);
  }
}
