/**
 * A read-only multi-valued mapping, like Django's QueryDict: `get` returns the last value for
 * a key (as Django does), `getAll` every value in order.
 *
 * @example
 * const q = QueryDict.parse('tag=a&tag=b&page=2');
 * q.get('page'); // '2'
 * q.getAll('tag'); // ['a', 'b']
 */
export class MultiValueDict<V> implements Iterable<[string, V]> {
  protected readonly entries: Array<[string, V]>;

  constructor(entries: Iterable<[string, V]> = []) {
    this.entries = [...entries];
  }

  /** The last value for `key`, or `fallback` (undefined) when absent. */
  get(key: string): V | undefined;
  get(key: string, fallback: V): V;
  get(key: string, fallback?: V): V | undefined {
    for (let i = this.entries.length - 1; i >= 0; i -= 1) {
      const [name, value] = this.entries[i]!;
      if (name === key) return value;
    }
    return fallback;
  }

  /** Every value for `key`, in order; empty when absent. */
  getAll(key: string): V[] {
    return this.entries.filter(([name]) => name === key).map(([, value]) => value);
  }

  has(key: string): boolean {
    return this.entries.some(([name]) => name === key);
  }

  /** Distinct keys in first-seen order. */
  keys(): string[] {
    return [...new Set(this.entries.map(([name]) => name))];
  }

  get size(): number {
    return this.keys().length;
  }

  /** A plain object with the last value for each key. */
  toObject(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [name, value] of this.entries) out[name] = value;
    return out;
  }

  /** A plain object with every value for each key. */
  toLists(): Record<string, V[]> {
    const out: Record<string, V[]> = {};
    for (const [name, value] of this.entries) (out[name] ??= []).push(value);
    return out;
  }

  [Symbol.iterator](): Iterator<[string, V]> {
    return this.entries[Symbol.iterator]();
  }
}

/**
 * Query-string and urlencoded form values.
 *
 * @example
 * const query = QueryDict.parse('tag=jazz&tag=swing&page=2');
 * query.get('tag'); // 'swing' (the last, as Django)
 * query.getAll('tag'); // ['jazz', 'swing']
 */
export class QueryDict extends MultiValueDict<string> {
  /** Parses `a=1&b=2&a=3` (application/x-www-form-urlencoded rules: `+` is a space). */
  static parse(queryString: string): QueryDict {
    return new QueryDict(new URLSearchParams(queryString));
  }

  /** Encodes back to a query string. */
  urlencode(): string {
    return new URLSearchParams(this.entries).toString();
  }
}
