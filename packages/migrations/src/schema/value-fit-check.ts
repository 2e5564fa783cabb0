import type { Database } from '@manouche/contracts';
import { SchemaError } from '../errors.js';

/** What a column type can hold, as far as a type change could cut or clamp existing values. */
type TypeLimit = { kind: 'length'; max: number } | { kind: 'range'; min: bigint; max: bigint } | { kind: 'digits'; integerDigits: number };

const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  'smallint unsigned': [0n, 65535n],
  integer: [-2147483648n, 2147483647n],
  'integer unsigned': [0n, 4294967295n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
  'bigint unsigned': [0n, 18446744073709551615n],
};

const STRING_TYPES = /^(varchar|char|character varying|text|longtext|mediumtext|tinytext)\b/;
const NUMERIC_TYPES = /^(smallint|integer|bigint|numeric|decimal|double precision|real|float)\b/;

/** The limit a column type (as the schema editors spell it) puts on its values, or undefined when it has none we check. */
function limitOf(type: string): TypeLimit | undefined {
  const normalized = type
    .toLowerCase()
    .replace(/\s+collate\s.*$/, '')
    .trim();
  const varchar = /^(?:var)?char\((\d+)\)$/.exec(normalized);
  if (varchar) return { kind: 'length', max: Number(varchar[1]) };
  const range = INTEGER_RANGES[normalized];
  if (range) return { kind: 'range', min: range[0], max: range[1] };
  const numeric = /^(?:numeric|decimal)\((\d+),\s*(\d+)\)$/.exec(normalized);
  if (numeric) return { kind: 'digits', integerDigits: Number(numeric[1]) - Number(numeric[2]) };
  return undefined;
}

/** Whether `next` holds less than `previous` in the way `next` is limited (so existing values must be checked). */
function narrows(previous: TypeLimit | undefined, next: TypeLimit): boolean {
  if (!previous || previous.kind !== next.kind) return true;
  if (next.kind === 'length') return next.max < (previous as typeof next).max;
  if (next.kind === 'digits') return next.integerDigits < (previous as typeof next).integerDigits;
  const before = previous as typeof next;
  return next.min > before.min || next.max < before.max;
}

/**
 * Refuses a column type change that existing rows would not survive intact, before any DDL runs:
 * a shorter varchar than the longest value, an integer type too small for the smallest or largest
 * value, a numeric with too few integer digits. PostgreSQL's explicit casts cut strings and MySQL in
 * non-strict mode clamps; Django lets the database refuse, and so do we, but by checking first every
 * dialect refuses the same way and the message names the table, column, value and limit.
 */
export async function assertValuesFit(db: Database, table: string, column: string, oldType: string, newType: string): Promise<void> {
  const next = limitOf(newType);
  if (!next) return;
  const from = oldType.toLowerCase().trim();
  if (!narrows(limitOf(from), next)) return;
  const q = (name: string) => db.quoteName(name);
  const where = `column "${column}" of table "${table}"`;
  if (next.kind === 'length') {
    // Any type turned into a varchar goes through its text form (PostgreSQL's integer::varchar(3) cuts '12345' to '123').
    const text = STRING_TYPES.test(from) ? q(column) : db.dialect === 'postgresql' ? `${q(column)}::text` : `CAST(${q(column)} AS CHAR)`;
    const [row] = await db.query<{ longest: unknown }>(`SELECT MAX(CHAR_LENGTH(${text})) AS longest FROM ${q(table)}`);
    const longest = Number(row?.longest ?? 0);
    if (longest > next.max) {
      throw new SchemaError(
        `Cannot change ${where} to ${newType}: its longest value has ${longest} characters, more than the new limit of ${next.max}. ` +
          `The column was left as it is (no value was cut); shorten those values first (a data migration) or keep maxLength at ${longest} or more.`,
      );
    }
    return;
  }
  if (!NUMERIC_TYPES.test(from)) return;
  if (next.kind === 'digits') {
    const bound = 10 ** next.integerDigits;
    const [row] = await db.query<{ largest: unknown }>(`SELECT MAX(ABS(${q(column)})) AS largest FROM ${q(table)}`);
    const largest = row?.largest === null || row?.largest === undefined ? undefined : Number(row.largest);
    if (largest !== undefined && largest >= bound) {
      throw new SchemaError(
        `Cannot change ${where} to ${newType}: it holds ${row!.largest}, which needs more than the ${next.integerDigits} digit(s) before the decimal point the new type allows. ` +
          `The column was left as it is; change those values first or keep more maxDigits.`,
      );
    }
    return;
  }
  const [row] = await db.query<{ low: unknown; high: unknown }>(`SELECT MIN(${q(column)}) AS low, MAX(${q(column)}) AS high FROM ${q(table)}`);
  if (row?.low === null || row?.low === undefined) return;
  const low = toBigInt(row.low, 'floor');
  const high = toBigInt(row.high, 'ceil');
  if (low < next.min || high > next.max) {
    const outside = low < next.min ? row.low : row.high;
    throw new SchemaError(
      `Cannot change ${where} to ${newType}: it holds ${String(outside)}, outside the new type's range ${next.min} to ${next.max}. ` +
        `The column was left as it is (no value was clamped); change those values first or keep the larger integer type.`,
    );
  }
}

/** A numeric value read back from any driver (number, bigint or decimal text) as a bigint, rounded outwards. */
function toBigInt(value: unknown, rounding: 'floor' | 'ceil'): bigint {
  if (typeof value === 'bigint') return value;
  const text = String(value);
  if (/^-?\d+$/.test(text)) return BigInt(text);
  const number = Number(text);
  return BigInt(rounding === 'floor' ? Math.floor(number) : Math.ceil(number));
}

/**
 * Refuses making a column NOT NULL while rows still hold NULL and no default fills them: MySQL in
 * non-strict mode would turn those NULLs into '' or 0 instead of failing.
 */
export async function assertNoNulls(db: Database, table: string, column: string): Promise<void> {
  const q = (name: string) => db.quoteName(name);
  const rows = await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${q(table)} WHERE ${q(column)} IS NULL`);
  const count = Number(rows[0]?.n ?? 0);
  if (count > 0) {
    throw new SchemaError(
      `Cannot make column "${column}" of table "${table}" NOT NULL: ${count} row(s) hold NULL and the field has no default to fill them. ` +
        `The column was left as it is; fill those rows first (a data migration) or give the field a default.`,
    );
  }
}
