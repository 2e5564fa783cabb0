/**
 * How Django's filters see JavaScript values: Python truthiness (empty arrays, maps and
 * plain objects are false) and text conversion (safe strings stay text, null is empty).
 */
import { SafeString } from '../safe-string.js';

/** Python's `bool(value)`: false for null, undefined, false, 0, NaN, '', and empty arrays, maps, sets and plain objects. */
export function isTruthy(value: unknown): boolean {
  if (!value) return false;
  if (Array.isArray(value) || typeof value === 'string') return value.length > 0;
  if (value instanceof SafeString) return value.value.length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value).length > 0;
  return true;
}

/** The value as text for a filter: null and undefined become '', safe strings their HTML. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value == null) return '';
  return String(value);
}

/** Keeps the input's safeness: a filter that only changes letters or drops text returns safe text for safe input. */
export function sameSafety(input: unknown, output: string): string | SafeString {
  return input instanceof SafeString ? new SafeString(output) : output;
}

/** Python's `float(value)` for numbers, numeric strings and bigints; NaN when it is not a number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || value instanceof SafeString) {
    const text = String(value).trim();
    return text === '' ? Number.NaN : Number(text);
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number.NaN;
}

/** Python's `int(value)` for filter arguments: numbers truncate, integer strings parse; undefined when Python raises. */
export function pythonInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || value instanceof SafeString) {
    const text = String(value).trim();
    return /^[+-]?\d+(?:_\d+)*$/.test(text) ? Number(text.replace(/_/g, '')) : undefined;
  }
  return undefined;
}

/** Python's `len()`: code points of a string, items of a list, keys of a dict; undefined when Python raises. */
export function pythonLen(value: unknown): number | undefined {
  if (typeof value === 'string') return codePointLength(value);
  if (value instanceof SafeString) return codePointLength(value.value);
  if (value == null || typeof value !== 'object') return undefined;
  if (value instanceof Map || value instanceof Set) return value.size;
  if (Array.isArray(value)) return value.length;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return Object.keys(value).length;
  const length = (value as { length?: unknown }).length;
  return typeof length === 'number' ? length : undefined;
}

function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}
