/** Django's number filters: floatformat and filesizeformat. */
import { SafeString } from '../safe-string.js';
import { pythonInt, toNumber, textOf } from './python-values.js';

/**
 * The decimal digits of a number as Python's `Decimal(repr(value))` has them (the shortest text that
 * reads back as the same double), rounded half away from zero at `places` decimals: exact for 1.005,
 * 1e20 and 1e-7 alike. Returns the integer and fraction digits, without sign.
 */
function roundDecimal(value: number, places: number): { integer: string; fraction: string } {
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  let digits = mantissa.replace('.', '');
  // The position of the decimal point, counted in digits from the start of `digits`.
  let point = Number(exponentText) + 1;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (digits.length < point + places) digits = digits.padEnd(point + places, '0');
  const keep = point + places;
  let kept = digits.slice(0, keep);
  if ((digits.charCodeAt(keep) || 48) >= 53) {
    // Round up: add one to the kept digits.
    const chars = kept.split('');
    let i = chars.length - 1;
    for (; i >= 0; i--) {
      if (chars[i] === '9') chars[i] = '0';
      else {
        chars[i] = String(Number(chars[i]) + 1);
        break;
      }
    }
    kept = (i < 0 ? '1' : '') + chars.join('');
    if (i < 0) point++;
  }
  const integer = kept.slice(0, kept.length - places).replace(/^0+(?=\d)/, '') || '0';
  return { integer, fraction: kept.slice(kept.length - places) };
}

/** Rounds half away from zero at `digits` decimals, as text with exactly that many decimals (1.005 → "1.01"). */
function fixedHalfUp(value: number, digits: number): string {
  const { integer, fraction } = roundDecimal(value, digits);
  const text = digits > 0 ? `${integer}.${fraction}` : integer;
  return value < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `floatformat(value, arg = -1)`: with no argument one decimal only when needed (34.23 → "34.2",
 * 34.0 → "34"); a positive N always N decimals; a negative N up to N decimals only when needed;
 * a "g" suffix adds thousands separators ("3g" → "1,234.000"). Non-numbers give ''.
 */
export function floatformat(value: unknown, arg: unknown = -1): string {
  const number = toNumber(value);
  if (!Number.isFinite(number)) return Number.isNaN(number) ? '' : String(number);
  let spec = textOf(arg);
  let grouping = false;
  for (;;) {
    if (spec.endsWith('g')) grouping = true;
    else if (!spec.endsWith('u')) break;
    spec = spec.slice(0, -1);
  }
  const places = spec === '' ? -1 : Number.parseInt(spec, 10);
  if (!Number.isFinite(places)) return String(value);
  const digits = Math.abs(places);
  let text = Number.isInteger(number) && places <= 0 ? fixedHalfUp(number, 0) : fixedHalfUp(number, digits);
  if (grouping) {
    const [integer = '', decimals] = text.split('.');
    text = group(integer) + (decimals === undefined ? '' : `.${decimals}`);
  }
  return text;
}

const nbsp = '\u00a0';

/** `filesizeformat(bytes)`: "1 byte", "102 bytes", "1.0 KB", "117.7 MB" (base 1024, with a non-breaking space). */
export function filesizeformat(value: unknown): string {
  let bytes = toNumber(value);
  if (!Number.isFinite(bytes)) return `0${nbsp}bytes`;
  const negative = bytes < 0;
  if (negative) bytes = -bytes;
  const units = ['KB', 'MB', 'GB', 'TB', 'PB'];
  let text: string;
  if (bytes < 1024) {
    const count = Math.trunc(bytes);
    text = `${count}${nbsp}${count === 1 ? 'byte' : 'bytes'}`;
  } else {
    let index = 0;
    let scaled = bytes / 1024;
    while (scaled >= 1024 && index < units.length - 1) {
      scaled /= 1024;
      index++;
    }
    text = `${fixedHalfUp(scaled, 1)}${nbsp}${units[index]}`;
  }
  return negative ? `-${text}` : text;
}

/**
 * `add(value, arg)`: the integer sum when both are integers (Python's int(): 1.9 → 1, "3" → 3), else
 * the concatenation of two strings or two lists, else ''.
 */
export function add(value: unknown, arg: unknown): unknown {
  const a = pythonInt(value);
  const b = pythonInt(arg);
  if (a !== undefined && b !== undefined) return a + b;
  const isText = (v: unknown): boolean => typeof v === 'string' || v instanceof SafeString;
  if (isText(value) && isText(arg)) return textOf(value) + textOf(arg);
  if (Array.isArray(value) && Array.isArray(arg)) return [...value, ...arg];
  if (typeof value === 'number' && typeof arg === 'number') return value + arg;
  return '';
}

function requireInt(value: unknown, filter: string, what: string): number {
  const n = pythonInt(value);
  if (n === undefined) throw new TypeError(`${filter}() needs an integer as its ${what}, got ${JSON.stringify(value)}`);
  return n;
}

/** `divisibleby(value, 3)`: whether the integer value is divisible by the argument. */
export function divisibleby(value: unknown, divisor: unknown): boolean {
  const n = requireInt(value, 'divisibleby', 'value');
  const d = requireInt(divisor, 'divisibleby', 'argument');
  if (d === 0) throw new RangeError('divisibleby() cannot divide by zero');
  return n % d === 0;
}

/** `get_digit(123456789, 2)` → 8: the Nth digit from the right (1 is the last); the value unchanged when either is not an integer or N < 1, 0 past the first digit. */
export function get_digit(value: unknown, position: unknown): unknown {
  const n = pythonInt(value);
  const at = pythonInt(position);
  if (n === undefined || at === undefined || at < 1) return value;
  const digits = String(n);
  const char = digits[digits.length - at];
  return char === undefined || char === '-' ? 0 : Number(char);
}
