import { describeValue } from '@manouche/contracts/text';
import { InvalidValueError, ValidationError } from './errors.js';
import type { Field } from './fields/field.js';

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const TIME_TEXT = /^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$/;
const UUID_TEXT = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const TRUE_TEXT = new Set(['true', 't', '1', 'True']);
const FALSE_TEXT = new Set(['false', 'f', '0', 'False']);

/** The error for a value a field cannot take: names the model, the field and the value. */
export function invalidValue(field: Field, value: unknown, expected: string): InvalidValueError {
  const model = (field.model as { name?: string } | undefined)?.name ?? 'a model';
  return new InvalidValueError(`Field "${model}.${field.name}" expected ${expected} but got ${describeValue(value)}.`);
}

/** An integer field's parameter: whole numbers, bigints and integer text; anything else is refused. */
export function integerParam(field: Field, value: unknown, big: boolean): number | string {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value;
  } else if (typeof value === 'bigint') {
    return big || !Number.isSafeInteger(Number(value)) ? value.toString() : Number(value);
  } else if (typeof value === 'string' && INTEGER_TEXT.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : BigInt(value.trim()).toString();
  }
  throw invalidValue(field, value, 'an integer');
}

/** A float field's parameter: finite numbers and numeric text. */
export function floatParam(field: Field, value: unknown): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint'
        ? Number(value)
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : Number.NaN;
  if (!Number.isFinite(n)) throw invalidValue(field, value, 'a number');
  return n;
}

/** A boolean field's value: true/false, 1/0, and Django's accepted texts. */
export function booleanValue(field: Field, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    if (TRUE_TEXT.has(value)) return true;
    if (FALSE_TEXT.has(value)) return false;
  }
  throw invalidValue(field, value, 'true or false');
}

/** A text field's parameter: strings, and numbers/booleans as their text (Django calls str()). */
export function textParam(field: Field, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  throw invalidValue(field, value, 'a string');
}

/** A date field's parameter as `YYYY-MM-DD`, from a Date or date (or datetime) text. */
export function dateParam(field: Field, value: unknown): string {
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  } else if (typeof value === 'string') {
    const day = value.slice(0, 10);
    const rest = value.slice(10);
    if (DATE_TEXT.test(day) && (rest === '' || rest[0] === 'T' || rest[0] === ' ') && !Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return day;
  }
  throw invalidValue(field, value, 'a date (YYYY-MM-DD)');
}

/** A time field's parameter: `HH:MM[:SS[.ffffff]]`. */
export function timeParam(field: Field, value: unknown): string {
  if (typeof value === 'string' && TIME_TEXT.test(value)) return value;
  throw invalidValue(field, value, 'a time (HH:MM[:SS[.ffffff]])');
}

/** A uuid field's parameter, lower-cased. */
export function uuidParam(field: Field, value: unknown): string {
  if (typeof value === 'string' && UUID_TEXT.test(value)) return value.toLowerCase();
  throw invalidValue(field, value, 'a UUID');
}

/** A duration (milliseconds) as whole microseconds. */
export function durationParam(field: Field, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
  throw invalidValue(field, value, 'a duration in milliseconds (a number)');
}

/** Runs a decimal conversion, turning its ValidationError into one naming the model and field. */
export function decimalParam(field: Field, value: unknown, convert: () => string): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') throw invalidValue(field, value, 'a decimal number');
  try {
    return convert();
  } catch (error) {
    if (error instanceof ValidationError) throw invalidValue(field, value, `a decimal number (${Object.values(error.messages).flat().join(' ')})`);
    throw error;
  }
}
