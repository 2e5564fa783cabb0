/** Django's list filters: dictsort, dictsortreversed, slice and random. */
import { SafeString } from '../safe-string.js';
import { pythonInt } from './python-values.js';

class LookupFailed extends Error {}

/** Django's `_property_resolver`: an integer index, or a dotted path of keys and attributes (none starting with "_"). */
function propertyResolver(arg: unknown): (item: unknown) => unknown {
  const index = typeof arg === 'number' ? Math.trunc(arg) : typeof arg === 'string' && /^-?\d+$/.test(arg.trim()) ? Number(arg) : undefined;
  if (index !== undefined) {
    return (item) => {
      if (typeof item === 'string' || Array.isArray(item)) {
        const at = index < 0 ? item.length + index : index;
        if (at < 0 || at >= item.length) throw new LookupFailed();
        return item[at];
      }
      throw new LookupFailed();
    };
  }
  const path = String(arg ?? '').split('.');
  if (path.some((part) => part === '' || part.startsWith('_')))
    return () => {
      throw new LookupFailed();
    };
  return (item) => {
    let current = item;
    for (const part of path) {
      if (current == null) throw new LookupFailed();
      if (current instanceof Map) {
        if (!current.has(part)) throw new LookupFailed();
        current = current.get(part);
      } else if (typeof current === 'object' && part in (current as object)) {
        current = (current as Record<string, unknown>)[part];
      } else throw new LookupFailed();
      if (typeof current === 'function') current = (current as () => unknown).call(item);
    }
    return current;
  };
}

function rank(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return 'number';
  if (typeof value === 'string' || value instanceof SafeString) return 'string';
  if (value instanceof Date) return 'date';
  if (Array.isArray(value)) return 'array';
  return 'other';
}

/** Python's `<` between two sort keys; throws when Python cannot order them (None, mixed types, dicts). */
function compare(a: unknown, b: unknown): number {
  const kind = rank(a);
  if (kind !== rank(b) || kind === 'other') throw new LookupFailed();
  if (kind === 'number') return Number(a) - Number(b);
  if (kind === 'date') return (a as Date).getTime() - (b as Date).getTime();
  if (kind === 'string') {
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = a as unknown[];
  const y = b as unknown[];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compare(x[i], y[i]);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

function sortBy(value: unknown, arg: unknown, reverse: boolean): unknown {
  const items = Array.isArray(value) ? value : value instanceof Set ? [...value] : undefined;
  if (!items) return '';
  const resolve = propertyResolver(arg);
  try {
    const keyed = items.map((item) => ({ item, key: resolve(item) }));
    keyed.sort((a, b) => (reverse ? compare(b.key, a.key) : compare(a.key, b.key)));
    return keyed.map((entry) => entry.item);
  } catch (error) {
    if (error instanceof LookupFailed) return '';
    throw error;
  }
}

/** `dictsort(list, 'key')`: the list sorted by a key, a dotted path ('author.name') or an index; '' when an item lacks it or keys cannot be compared. */
export function dictsort(value: unknown, arg: unknown): unknown {
  return sortBy(value, arg, false);
}

/** `dictsortreversed(list, 'key')`: as dictsort, in reverse order. */
export function dictsortreversed(value: unknown, arg: unknown): unknown {
  return sortBy(value, arg, true);
}

/** Python's `seq[start:stop:step]`. */
function pythonSlice<T>(items: T[], start: number | undefined, stop: number | undefined, step: number | undefined): T[] {
  const length = items.length;
  const s = step ?? 1;
  if (s === 0) throw new RangeError('slice() step cannot be zero');
  const clamp = (index: number | undefined, fallback: number, low: number, high: number): number => {
    if (index === undefined) return fallback;
    const at = index < 0 ? index + length : index;
    return Math.min(Math.max(at, low), high);
  };
  const out: T[] = [];
  if (s > 0) {
    const from = clamp(start, 0, 0, length);
    const to = clamp(stop, length, 0, length);
    for (let i = from; i < to; i += s) out.push(items[i] as T);
  } else {
    const from = clamp(start, length - 1, -1, length - 1);
    const to = clamp(stop, -1, -1, length - 1);
    for (let i = from; i > to; i += s) out.push(items[i] as T);
  }
  return out;
}

/** `slice(list, ':2')`, `slice(text, '1:-1')`, `slice(list, '::2')`: Python's slice syntax; a single number N is ':N'. The value unchanged when the argument is not valid. */
export function slice(value: unknown, arg: unknown): unknown {
  const bits = String(arg ?? '').split(':');
  if (bits.length > 3) return value;
  const numbers: Array<number | undefined> = [];
  for (const bit of bits) {
    if (bit.trim() === '') numbers.push(undefined);
    else {
      const n = pythonInt(bit);
      if (n === undefined) return value;
      numbers.push(n);
    }
  }
  const [start, stop, step] = numbers.length === 1 ? [undefined, numbers[0], undefined] : numbers;
  if (step === 0) return value;
  if (typeof value === 'string' || value instanceof SafeString) {
    const text = pythonSlice(Array.from(String(value)), start, stop, step).join('');
    return value instanceof SafeString ? new SafeString(text) : text;
  }
  if (Array.isArray(value)) return pythonSlice(value, start, stop, step);
  return value;
}

/** `random(list)`: one item picked at random ('' for an empty list). */
export function random(value: unknown): unknown {
  const items = typeof value === 'string' ? Array.from(value) : Array.isArray(value) ? value : undefined;
  if (!items || items.length === 0) return '';
  return items[Math.floor(Math.random() * items.length)];
}
