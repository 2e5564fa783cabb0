import type { Dialect } from '@manouche/contracts';
import { instantOf, wallClockAt } from '@manouche/contracts/time';
import type { Field } from './fields/field.js';
import { ValidationError } from './errors.js';
import {
  booleanValue,
  dateParam,
  decimalParam,
  durationParam,
  floatParam,
  integerParam,
  invalidValue,
  textParam,
  timeParam,
  uuidParam,
} from './value-checks.js';

/** What value conversion needs to know about the connection and settings. */
export interface ValueContext {
  dialect: Dialect;
  vendor: string;
  useTz: boolean;
  timeZone: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A Date as `YYYY-MM-DD HH:MM:SS.ffffff`: in UTC when USE_TZ, else the wall clock in TIME_ZONE (Django's naive datetimes). */
export function formatDateTime(date: Date, ctx: ValueContext): string {
  const ms = pad(date.getUTCMilliseconds(), 3);
  if (ctx.useTz || ctx.timeZone === 'UTC') {
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${ms}000`;
  }
  const wall = wallClockAt(date, ctx.timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}.${ms}000`;
}

/** The two digits of `text` at `at` as a number; -1 when one is not a digit. */
function twoDigits(text: string, at: number): number {
  const high = text.charCodeAt(at) - 48;
  const low = text.charCodeAt(at + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

/** Days before the first of each month (1-12) in a common year. */
const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/**
 * `YYYY-MM-DD HH:MM:SS[.ffffff]` (19 to 26 chars) read as UTC milliseconds, digit by digit and with
 * the calendar's arithmetic: rows are read far more often than written, and building an ISO string
 * for Date.parse (or even calling Date.UTC) dominated reading a row. NaN for anything else (other
 * separators, out-of-range fields, days past the month's end, years before 100): the caller then
 * parses the text the slow way.
 */
function utcFromStoredText(text: string): number {
  const length = text.length;
  if (text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Number.NaN;
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (century < 1 || yearInCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return Number.NaN;
  const year = century * 100 + yearInCentury;
  let millisecond = 0;
  if (length > 19) {
    if (text.charCodeAt(19) !== 46 || length === 20) return Number.NaN;
    for (let i = 20; i < length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return Number.NaN;
      if (i < 23) millisecond = millisecond * 10 + digit;
    }
    if (length === 21) millisecond *= 100;
    else if (length === 22) millisecond *= 10;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > monthDays) return Number.NaN;
  // Days since 1970-01-01 in the proleptic Gregorian calendar (477 leap days fell before 1970).
  const before = year - 1;
  const leapDays = Math.floor(before / 4) - Math.floor(before / 100) + Math.floor(before / 400) - 477;
  const days = 365 * (year - 1970) + leapDays + DAYS_BEFORE_MONTH[month] + (month > 2 && leap ? 1 : 0) + day - 1;
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond;
}

/** Parses stored datetime text (UTC when USE_TZ, else the wall clock in TIME_ZONE). */
export function parseDateTime(text: string, ctx: ValueContext): Date {
  // Fast path for what the ORM itself writes in UTC: `YYYY-MM-DD HH:MM:SS[.ffffff]`.
  if ((ctx.useTz || ctx.timeZone === 'UTC') && text.length >= 19 && text.length <= 26 && text.charCodeAt(10) === 32 && text.charCodeAt(4) === 45) {
    let time = utcFromStoredText(text);
    if (Number.isNaN(time)) time = Date.parse(`${text.slice(0, 10)}T${text.slice(11, 23)}Z`);
    if (!Number.isNaN(time)) return new Date(time);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) return new Date(text);
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = match;
  const ms = Number(frac.padEnd(6, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone) {
    if (zone === 'Z') return new Date(utc);
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/[+:-]/g, '');
    return new Date(utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000);
  }
  if (ctx.useTz || ctx.timeZone === 'UTC') return new Date(utc);
  // Naive wall-clock time in TIME_ZONE: the instant whose wall clock matches.
  return instantOf(
    { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s), millisecond: ms },
    ctx.timeZone,
  );
}

/** A decimal value as exact text with the field's decimal places; rejects what is not a number. */
export function normalizeDecimal(value: unknown, decimalPlaces: number, where: string): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError({ [where]: [`"${value}" is not a valid decimal.`] });
    text = value.toFixed(decimalPlaces);
  } else if (typeof value === 'bigint') text = value.toString();
  else text = String(value).trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new ValidationError({ [where]: [`"${String(value)}" is not a valid decimal.`] });
  }
  const [, sign, whole, frac = ''] = match;
  if (frac.length > decimalPlaces && /[1-9]/.test(frac.slice(decimalPlaces))) {
    throw new ValidationError({ [where]: [`Ensure that there are no more than ${decimalPlaces} decimal places.`] });
  }
  const digits = (whole.replace(/^0+(?=\d)/, '') || '0') + (decimalPlaces > 0 ? `.${frac.slice(0, decimalPlaces).padEnd(decimalPlaces, '0')}` : '');
  return (sign === '-' && /[1-9]/.test(digits) ? '-' : '') + digits;
}

/** A JavaScript value as the parameter the field's column takes on this connection; values of the wrong type are an InvalidValueError. */
export function toDbValue(field: Field, value: unknown, ctx: ValueContext): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'auto':
    case 'smallAuto':
    case 'integer':
    case 'smallInteger':
    case 'positiveInteger':
    case 'positiveSmallInteger':
      return integerParam(field, value, false);
    case 'bigAuto':
    case 'bigInteger':
    case 'positiveBigInteger':
      return integerParam(field, value, true);
    case 'float':
      return floatParam(field, value);
    case 'char':
    case 'slug':
    case 'email':
    case 'url':
    case 'text':
      return textParam(field, value);
    case 'boolean': {
      const flag = booleanValue(field, value);
      return ctx.dialect === 'postgresql' ? flag : flag ? 1 : 0;
    }
    case 'dateTime': {
      const date = value instanceof Date ? value : typeof value === 'string' ? parseDateTime(value, ctx) : undefined;
      if (!date || Number.isNaN(date.getTime())) throw invalidValue(field, value, 'a Date or datetime text');
      // PostgreSQL columns are timestamptz: an absolute instant is always right.
      if (ctx.dialect === 'postgresql') return date.toISOString();
      return formatDateTime(date, ctx);
    }
    case 'date':
      return dateParam(field, value);
    case 'time':
      return timeParam(field, value);
    case 'decimal':
      return decimalParam(field, value, () => normalizeDecimal(value, Number(field.options.decimalPlaces ?? 0), field.name));
    case 'duration':
      return durationParam(field, value);
    case 'json':
      return JSON.stringify(value);
    case 'binary':
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (typeof value === 'string') return value;
      throw invalidValue(field, value, 'bytes (a Uint8Array)');
    case 'uuid':
      return uuidParam(field, value);
    default:
      return value;
  }
}

const keepText = (raw: unknown): unknown => (raw === undefined ? null : raw);
const readNumber = (raw: unknown): unknown => (raw === null || raw === undefined ? null : typeof raw === 'number' ? raw : Number(raw));

/**
 * The reader of one selected column, chosen once per compiled query: the commonest types get a
 * function of their own, so reading a row runs no switch on the field's type per value.
 */
export function columnConverter(field: Field, ctx: ValueContext): (raw: unknown) => unknown {
  switch (field.type) {
    case 'char':
    case 'slug':
    case 'email':
    case 'url':
    case 'text':
      return keepText;
    case 'auto':
    case 'bigAuto':
    case 'smallAuto':
    case 'integer':
    case 'smallInteger':
    case 'positiveInteger':
    case 'positiveSmallInteger':
    case 'float':
      return readNumber;
    case 'dateTime':
      if (!field.options.wallClockIn) return (raw) => (raw === null || raw === undefined ? null : raw instanceof Date ? raw : parseDateTime(String(raw), ctx));
      return (raw) => fromDbValue(field, raw, ctx);
    default:
      return (raw) => fromDbValue(field, raw, ctx);
  }
}

/** Field types whose reading gives the same value from an integer beyond 2^53 as from that integer rounded to a double. */
const ROUNDING_SAFE_TYPES = new Set([
  'char',
  'slug',
  'email',
  'url',
  'text',
  'auto',
  'bigAuto',
  'smallAuto',
  'integer',
  'smallInteger',
  'positiveInteger',
  'positiveSmallInteger',
  'float',
  'boolean',
  // Stored datetime text; an integer this large in the column is an Invalid Date either way.
  'dateTime',
  'duration',
]);

/**
 * Whether reading the column needs integers beyond 2^53 exactly (big integers, decimals, relation
 * keys, anything without a field): SQLite then hands them over as BigInt. The other types read
 * integers through Number() or text, so a driver's double gives them the same value for less work.
 */
export function readsIntegersExactly(field: Field | undefined): boolean {
  return field === undefined || !ROUNDING_SAFE_TYPES.has(field.type);
}

/** A value read from the field's column, as the attribute's JavaScript type. */
export function fromDbValue(field: Field, raw: unknown, ctx: ValueContext): unknown {
  if (raw === null || raw === undefined) return null;
  switch (field.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : Number(raw) !== 0;
    case 'dateTime':
      if (raw instanceof Date) return raw;
      // Trunc() results are wall-clock times in a zone (TIME_ZONE under USE_TZ).
      if (field.options.wallClockIn) return parseDateTime(String(raw), { ...ctx, useTz: false, timeZone: String(field.options.wallClockIn) });
      return parseDateTime(String(raw), ctx);
    case 'date':
      return raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).slice(0, 10);
    case 'time':
      return String(raw);
    case 'decimal': {
      const places = Number(field.options.decimalPlaces ?? 0);
      return typeof raw === 'number' ? raw.toFixed(places) : normalizeDecimal(raw, places, field.name);
    }
    case 'duration':
      return Number(raw) / 1000;
    case 'json':
      if (ctx.dialect === 'postgresql' || (ctx.dialect === 'mysql' && ctx.vendor === 'mysql')) return raw;
      return typeof raw === 'string' ? JSON.parse(raw) : raw;
    case 'bigInteger':
    case 'positiveBigInteger':
      return BigInt(raw as string | number);
    case 'auto':
    case 'bigAuto':
    case 'smallAuto':
    case 'integer':
    case 'smallInteger':
    case 'positiveInteger':
    case 'positiveSmallInteger':
    case 'float':
      return typeof raw === 'number' ? raw : Number(raw);
    case 'binary':
      return raw instanceof Uint8Array ? raw : Buffer.from(String(raw));
    default:
      return raw;
  }
}
