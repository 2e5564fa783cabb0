/**
 * Python's text forms of values, for the filters that print them as Django does: `repr()`
 * (pprint), `str()` and printf-style `%` formatting (stringformat).
 */
import { SafeString } from '../safe-string.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Python's repr of a float or int held in a JavaScript number (integers up to 1e16 print as ints). */
export function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const sign = value < 0 ? '-' : '';
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  if (exponent < -4 || exponent >= 16) return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

function pythonString(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    if (char === '\\' || char === quote) out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Python's `repr()` of a JavaScript value (None, True, 'text', [1, 2], {'a': 1}, datetime.datetime(…)). */
export function pythonRepr(value: unknown, seen: Set<unknown> = new Set()): string {
  if (value == null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return pythonString(value);
  if (value instanceof SafeString) return pythonString(value.value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'None';
    const micro = value.getUTCMilliseconds() ? `, ${value.getUTCMilliseconds() * 1000}` : '';
    return `datetime.datetime(${value.getUTCFullYear()}, ${value.getUTCMonth() + 1}, ${value.getUTCDate()}, ${value.getUTCHours()}, ${value.getUTCMinutes()}${value.getUTCSeconds() || micro ? `, ${value.getUTCSeconds()}` : ''}${micro}, tzinfo=datetime.timezone.utc)`;
  }
  if (typeof value === 'function') return `<function ${value.name || '<lambda>'}>`;
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return Array.isArray(value) ? '[...]' : '{...}';
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((item) => pythonRepr(item, seen)).join(', ')}]`;
    if (value instanceof Set) return value.size === 0 ? 'set()' : `{${[...value].map((item) => pythonRepr(item, seen)).join(', ')}}`;
    const entries = dictEntries(value);
    if (entries) return `{${entries.map(([k, v]) => `${pythonRepr(k, seen)}: ${pythonRepr(v, seen)}`).join(', ')}}`;
    const text = String(value);
    return text === '[object Object]' ? `<${value.constructor?.name ?? 'object'} object>` : text;
  } finally {
    seen.delete(value);
  }
}

/** A dict's items: a Map's, or a plain object's own keys. */
export function dictEntries(value: unknown): Array<[unknown, unknown]> | undefined {
  if (value instanceof Map) return [...value.entries()];
  if (isPlainObject(value)) return Object.entries(value);
  return undefined;
}

/** Python's `str()`: strings as they are, everything else as its repr. */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof SafeString) return value.value;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'None';
    const micro = value.getUTCMilliseconds() ? `.${pad(value.getUTCMilliseconds() * 1000, 6)}` : '';
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}${micro}+00:00`;
  }
  return pythonRepr(value);
}

const width = 80;

function sortedEntries(entries: Array<[unknown, unknown]>): Array<[unknown, unknown]> {
  const keys = entries.map(([k]) => k);
  if (keys.every((k) => typeof k === 'string'))
    return [...entries].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0));
  if (keys.every((k) => typeof k === 'number')) return [...entries].sort(([a], [b]) => (a as number) - (b as number));
  return entries;
}

/** Python's `pprint.pformat()`: the repr on one line when it fits in 80 columns, else one item a line; dict keys sorted. */
export function pythonPformat(value: unknown, indent = 0): string {
  const entries = dictEntries(value);
  const flat = entries
    ? `{${sortedEntries(entries)
        .map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`)
        .join(', ')}}`
    : pythonRepr(value);
  if (flat.length <= width - indent) return flat;
  const inner = ' '.repeat(indent + 1);
  if (Array.isArray(value) && value.length > 0) return `[${value.map((item) => pythonPformat(item, indent + 1)).join(`,\n${inner}`)}]`;
  if (entries && entries.length > 0) {
    const lines = sortedEntries(entries).map(([k, v]) => {
      const key = pythonRepr(k);
      return `${key}: ${pythonPformat(v, indent + key.length + 3)}`;
    });
    return `{${lines.join(`,\n${inner}`)}}`;
  }
  return flat;
}

/** Thrown for a value a conversion cannot format (Python's TypeError/ValueError); stringformat then gives ''. */
class FormatError extends Error {}

function integerOf(value: unknown, conversion: string): number | bigint {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  throw new FormatError(`%${conversion} format: a real number is required`);
}

function floatOf(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  throw new FormatError('must be real number');
}

function exponentForm(value: number, precision: number, upper: boolean): string {
  const [mantissa = '0', exponent = '0'] = value.toExponential(precision).split('e');
  const n = Number(exponent);
  const text = `${mantissa}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  return upper ? text.toUpperCase() : text;
}

function generalForm(value: number, precision: number, alternate: boolean, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (value === 0) return alternate ? `0.${'0'.repeat(p - 1)}` : '0';
  const exponent = Number(value.toExponential(p - 1).split('e')[1]);
  let text = exponent < -4 || exponent >= p ? exponentForm(value, p - 1, upper) : value.toFixed(Math.max(0, p - 1 - exponent));
  if (!alternate && text.includes('.')) {
    const [digits = '', exponentPart = ''] = text.split(/(?=[eE])/);
    text = digits.replace(/0+$/, '').replace(/\.$/, '') + exponentPart;
  }
  return text;
}

/** Python's `'%<spec>' % value` for one conversion (flags, width, precision; d i u o x X e E f F g G c s r a). */
export function pythonPercentFormat(spec: string, value: unknown): string {
  const match = /^([#0\- +]*)(\d*)(?:\.(\d*))?([diouxXeEfFgGcrsa])$/.exec(spec);
  if (!match) throw new FormatError(`unsupported format "%${spec}"`);
  const [, flags = '', widthText = '', precisionText, conversion = 's'] = match;
  const alternate = flags.includes('#');
  const left = flags.includes('-');
  const zero = flags.includes('0') && !left;
  const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const precision = precisionText === undefined ? undefined : Number(precisionText || '0');
  let body: string;
  let numeric = true;
  let negative = false;
  switch (conversion) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
      const n = integerOf(value, conversion);
      negative = n < 0;
      const abs = typeof n === 'bigint' ? (n < 0n ? -n : n) : Math.abs(n);
      const radix = conversion === 'o' ? 8 : conversion === 'x' || conversion === 'X' ? 16 : 10;
      body = abs.toString(radix);
      if (precision !== undefined) body = body.padStart(precision, '0');
      if (alternate && radix === 8) body = `0o${body}`;
      if (alternate && radix === 16) body = `0x${body}`;
      if (conversion === 'X') body = body.toUpperCase();
      break;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const n = floatOf(value);
      negative = n < 0 || Object.is(n, -0);
      const abs = Math.abs(n);
      const p = precision ?? 6;
      if (!Number.isFinite(abs)) body = Number.isNaN(abs) ? 'nan' : 'inf';
      else if (conversion === 'e' || conversion === 'E') body = exponentForm(abs, p, conversion === 'E');
      else if (conversion === 'f' || conversion === 'F') body = abs.toFixed(p) + (alternate && p === 0 ? '.' : '');
      else body = generalForm(abs, p, alternate, conversion === 'G');
      if (conversion === 'F' || conversion === 'E' || conversion === 'G') body = body.toUpperCase();
      break;
    }
    case 'c': {
      numeric = false;
      if (typeof value === 'string' && Array.from(value).length === 1) body = value;
      else if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0x10ffff) body = String.fromCodePoint(value);
      else throw new FormatError('%c requires an int or a unicode character');
      break;
    }
    default: {
      numeric = false;
      body = conversion === 's' ? pythonStr(value) : pythonRepr(value);
      if (precision !== undefined) body = Array.from(body).slice(0, precision).join('');
    }
  }
  const prefix = numeric ? (negative ? '-' : sign) : '';
  const minWidth = widthText === '' ? 0 : Number(widthText);
  const length = Array.from(prefix + body).length;
  if (length >= minWidth) return prefix + body;
  const fill = minWidth - length;
  if (left) return prefix + body + ' '.repeat(fill);
  if (zero && numeric) {
    const alt = /^0[oxX]/.test(body) ? body.slice(0, 2) : '';
    return prefix + alt + '0'.repeat(fill) + body.slice(alt.length);
  }
  return ' '.repeat(fill) + prefix + body;
}

/** `stringformat(value, 'spec')`: Python's `('%' + spec) % value`; '' when the value does not fit the conversion. */
export function stringformat(value: unknown, spec: unknown): string {
  try {
    return pythonPercentFormat(String(spec ?? ''), value instanceof SafeString ? value.value : value);
  } catch (error) {
    if (error instanceof FormatError) return '';
    throw error;
  }
}
