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

/** The digits of `text` from `start` to `end` as a number; -1 when one is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `YYYY-MM-DD HH:MM:SS[.ffffff]` (19 to 26 chars) read as UTC, digit by digit: rows are read far
 * more often than written, and building an ISO string for Date.parse dominated reading a row.
 * NaN for anything else (other separators, out-of-range fields, days past the month's end, years
 * before 100 that Date.UTC would read as 19xx): the caller then parses the text as before.
 */
function utcFromStoredText(text: string): number {
  const length = text.length;
  if (text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Number.NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  let millisecond = 0;
  if (length > 19) {
    if (text.charCodeAt(19) !== 46 || length === 20 || digitsAt(text, 20, length) < 0) return Number.NaN;
    const fraction = text.slice(20, 23);
    millisecond = Number(fraction.length === 3 ? fraction : fraction.padEnd(3, '0'));
  }
  const time = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // Date.UTC rolls 31 February over into March; such text takes the slow path as before.
  return day <= 28 || new Date(time).getUTCDate() === day ? time : Number.NaN;
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
