/**
 * How cached values become bytes and back: Node's structured-clone serializer (v8), which keeps
 * Dates, bigints, Maps, Sets, typed arrays, nested and circular structures, and never runs code
 * while reading (unlike pickle or eval). Whole numbers are stored as plain decimal text so a
 * Redis INCRBY can work on them, as Django's RedisSerializer keeps ints unpickled.
 */
import { deserialize, serialize } from 'node:v8';
import { CacheValueError } from './errors.js';

const INTEGER = /^-?\d{1,20}$/;

/** The bytes of `value` for storage; `where` names the key in errors. */
export function serializeValue(value: unknown, where: string): Buffer {
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return Buffer.from(String(value));
  try {
    return serialize(value);
  } catch (error) {
    throw new CacheValueError(
      `Cannot cache the value of ${where}: ${(error as Error).message}. Cached values must be structured-cloneable (objects, arrays, strings, numbers, bigints, Dates, Maps, Sets, typed arrays; no functions or class instances with private state).`,
      { cause: error },
    );
  }
}

/** The value `serializeValue` stored. */
export function deserializeValue(bytes: Uint8Array): unknown {
  // v8 data starts with its version tag 0xFF, which decimal text never does.
  if (bytes.length > 0 && bytes.length <= 21 && bytes[0] !== 0xff) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (INTEGER.test(text)) {
      const number = Number(text);
      // A counter INCRBY took past 2^53 comes back exact, as a bigint.
      return Number.isSafeInteger(number) ? number : BigInt(text);
    }
  }
  return deserialize(bytes);
}

/** `serializeValue` as base64 text, for stores that hold text (the database cache). */
export function serializeValueToText(value: unknown, where: string): string {
  return serializeValue(value, where).toString('base64');
}

/** The value `serializeValueToText` stored. */
export function deserializeValueFromText(text: string): unknown {
  return deserializeValue(Buffer.from(text, 'base64'));
}
