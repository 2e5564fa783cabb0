/**
 * The CSRF secret and the masked tokens made from it, in Django's format: the secret is 32
 * characters of [a-zA-Z0-9]; a token is a fresh 32-character mask followed by the secret shifted
 * by the mask, character by character, so every rendered page carries a different token
 * (which defeats BREACH-style compression attacks) while all of them unmask to the same secret.
 */
import { randomFillSync, timingSafeEqual } from 'node:crypto';

/** Length of the secret kept in the cookie (or session). */
export const CSRF_SECRET_LENGTH = 32;
/** Length of a masked token (mask + cipher). */
export const CSRF_TOKEN_LENGTH = 2 * CSRF_SECRET_LENGTH;
/** The characters secrets, masks and tokens are made of. */
export const CSRF_ALLOWED_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const INVALID_CHAR = /[^a-zA-Z0-9]/;
const BASE = CSRF_ALLOWED_CHARS.length;
/** Character code → index in CSRF_ALLOWED_CHARS. */
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE; i++) INDEX[CSRF_ALLOWED_CHARS.charCodeAt(i)] = i;
/** Random bytes below this are used (byte % 62 is then uniform); the rest are drawn again. */
const UNBIASED_LIMIT = 256 - (256 % BASE);

/** Why a secret or token was refused; the phrase completes "CSRF cookie …" or "CSRF token from … …". */
export type TokenFormatProblem = 'has incorrect length' | 'has invalid characters';

// Random bytes are drawn from the CSPRNG 4 KiB at a time: one call per ~100 tokens instead of one per token.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomByte(): number {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++]!;
}

// Tokens are built as char codes in this scratch array and made a string once: concatenating 32 or
// 64 one-char strings was the biggest part of rendering a CSRF-protected form.
const scratch = new Uint8Array(CSRF_TOKEN_LENGTH);
const ALLOWED_CODES = Uint8Array.from(CSRF_ALLOWED_CHARS, (char) => char.charCodeAt(0));

function fillRandomChars(from: number, to: number): void {
  for (let i = from; i < to; ) {
    const byte = randomByte();
    if (byte < UNBIASED_LIMIT) scratch[i++] = ALLOWED_CODES[byte % BASE]!;
  }
}

function scratchText(length: number): string {
  return String.fromCharCode.apply(null, scratch.subarray(0, length) as unknown as number[]);
}

/** A new random secret: 32 characters drawn uniformly from CSRF_ALLOWED_CHARS with the system's CSPRNG. */
export function newCsrfSecret(): string {
  fillRandomChars(0, CSRF_SECRET_LENGTH);
  return scratchText(CSRF_SECRET_LENGTH);
}

/** A masked token for `secret`: a new mask each call. */
export function maskCsrfSecret(secret: string): string {
  fillRandomChars(0, CSRF_SECRET_LENGTH);
  for (let i = 0; i < CSRF_SECRET_LENGTH; i++) {
    scratch[CSRF_SECRET_LENGTH + i] = ALLOWED_CODES[(INDEX[secret.charCodeAt(i)]! + INDEX[scratch[i]!]!) % BASE]!;
  }
  return scratchText(CSRF_TOKEN_LENGTH);
}

/** The secret inside a masked token (assumes {@link csrfTokenFormatProblem} found nothing and the length is 64). */
export function unmaskCsrfToken(token: string): string {
  const mask = token.slice(0, CSRF_SECRET_LENGTH);
  const cipher = token.slice(CSRF_SECRET_LENGTH);
  let secret = '';
  for (let i = 0; i < CSRF_SECRET_LENGTH; i++) {
    secret += CSRF_ALLOWED_CHARS[(INDEX[cipher.charCodeAt(i)]! - INDEX[mask.charCodeAt(i)]! + BASE) % BASE];
  }
  return secret;
}

/** What is wrong with a secret or token's shape (length 32 or 64, only [a-zA-Z0-9]), or undefined when nothing is. */
export function csrfTokenFormatProblem(token: string): TokenFormatProblem | undefined {
  if (token.length !== CSRF_TOKEN_LENGTH && token.length !== CSRF_SECRET_LENGTH) return 'has incorrect length';
  if (INVALID_CHAR.test(token)) return 'has invalid characters';
  return undefined;
}

/**
 * Whether a well-formed token from the request (masked, or a bare secret as JavaScript may read it
 * from the cookie) carries `secret`; compared in constant time.
 */
export function csrfTokenMatches(token: string, secret: string): boolean {
  const candidate = token.length === CSRF_TOKEN_LENGTH ? unmaskCsrfToken(token) : token;
  const left = Buffer.from(candidate);
  const right = Buffer.from(secret);
  return left.length === right.length && timingSafeEqual(left, right);
}
