import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { BadSignature, SignatureExpired } from './errors.js';

/**
 * Options for {@link sign} and {@link unsign}.
 *
 * @example
 * const options: SigningOptions = { key: settings.SECRET_KEY, salt: 'newsletter.unsubscribe' };
 * unsign(sign(user.email, options), options); // user.email
 */
export interface SigningOptions {
  /** The secret, usually SECRET_KEY. */
  key: string;
  /** Separates uses of one key: a value signed with one salt never verifies with another. */
  salt?: string;
}

const SEPARATOR = ':';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function toBase62(value: number): string {
  let n = Math.floor(value);
  let out = '';
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out;
}

function fromBase62(text: string): number {
  let n = 0;
  for (const char of text) {
    const digit = BASE62.indexOf(char);
    if (digit === -1) return Number.NaN;
    n = n * 62 + digit;
  }
  return n;
}

function signature(value: string, { key, salt = '' }: SigningOptions): string {
  // Derive a per-salt key first (Django's salted_hmac), so salts cannot be confused with values.
  const derived = createHash('sha256').update(`manouche.core.signing${salt}signer${key}`).digest();
  return createHmac('sha256', derived).update(value).digest('base64url');
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Signs `value` with HMAC-SHA256 and a timestamp: `value:timestamp:signature`.
 *
 * @example
 * const token = sign('42', { key: settings.SECRET_KEY, salt: 'password-reset' });
 */
export function sign(value: string, options: SigningOptions, now = Date.now()): string {
  if (!options.key) throw new BadSignature('Cannot sign without a key: SECRET_KEY is empty');
  const stamped = `${value}${SEPARATOR}${toBase62(now / 1000)}`;
  return `${stamped}${SEPARATOR}${signature(stamped, options)}`;
}

/**
 * Verifies a value made by {@link sign} and returns the original. Throws BadSignature when it was
 * tampered with, SignatureExpired when older than `maxAge` seconds.
 *
 * @example
 * const id = unsign(token, { key: settings.SECRET_KEY, salt: 'password-reset', maxAge: 3600 });
 */
export function unsign(signed: string, options: SigningOptions & { maxAge?: number }, now = Date.now()): string {
  const last = signed.lastIndexOf(SEPARATOR);
  if (last === -1) throw new BadSignature('No ":" found in the signed value');
  const stamped = signed.slice(0, last);
  if (!constantTimeEqual(signed.slice(last + 1), signature(stamped, options))) {
    throw new BadSignature('Signature does not match (the value was changed, or signed with another key or salt)');
  }
  const stampAt = stamped.lastIndexOf(SEPARATOR);
  const timestamp = fromBase62(stamped.slice(stampAt + 1));
  if (stampAt === -1 || Number.isNaN(timestamp)) throw new BadSignature('The signed value has no valid timestamp');
  if (options.maxAge !== undefined) {
    const age = now / 1000 - timestamp;
    if (age > options.maxAge) throw new SignatureExpired(`Signature age ${Math.floor(age)} > ${options.maxAge} seconds`);
  }
  return stamped.slice(0, stampAt);
}
