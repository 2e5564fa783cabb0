import { randomInt } from 'node:crypto';

const VALID_KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new random session key: 32 characters from [a-z0-9], as Django's.
 *
 * @example
 * newSessionKey(); // 'q8x3k0c2m9v1b7n4z6l5j0h2g8f3d1s7'
 */
export function newSessionKey(): string {
  let key = '';
  for (let i = 0; i < 32; i++) key += VALID_KEY_CHARS[randomInt(VALID_KEY_CHARS.length)];
  return key;
}

/**
 * Whether a key a client sent can be a session key at all (Django's `_validate_session_key`).
 *
 * @example
 * isValidSessionKey('q8x3k0c2m9v1b7n4z6l5j0h2g8f3d1s7'); // true
 * isValidSessionKey('../etc/passwd'); // false
 */
export function isValidSessionKey(key: string | null | undefined): key is string {
  return typeof key === 'string' && key.length >= 8 && key.length <= 40 && /^[a-z0-9]+$/.test(key);
}
