import { pbkdf2, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AuthConfigurationError, InvalidPasswordError, UnknownPasswordHasher } from './errors.js';

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: string,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * Passwords longer than this are refused before hashing (Django's historic 4096 cap), so a huge one costs nothing.
 *
 * @example
 * await checkPassword('x'.repeat(MAXIMUM_PASSWORD_LENGTH + 1), user.password); // false, without hashing
 */
export const MAXIMUM_PASSWORD_LENGTH = 4096;
/**
 * Stored passwords starting with this are unusable (Django's `!`).
 *
 * @example
 * await user.setUnusablePassword();
 * user.password.startsWith(UNUSABLE_PASSWORD_PREFIX); // true: '!' followed by random characters
 */
export const UNUSABLE_PASSWORD_PREFIX = '!';
const SALT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random string from [a-zA-Z0-9] (Django's get_random_string). */
export function randomString(length: number, chars = SALT_CHARS): string {
  let out = '';
  for (let i = 0; i < length; i++) out += chars[randomInt(chars.length)];
  return out;
}

/** Compares two strings in time that does not depend on where they differ. */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/**
 * A password hasher: Django's stored format `<algorithm>$…`, so passwords move between Django
 * and Manouche unchanged. Subclass one to change its cost (and register it under a new name).
 *
 * @example
 * const hasher: PasswordHasher = identifyHasher(user.password);
 * hasher.algorithm; // 'pbkdf2_sha256'
 */
export abstract class PasswordHasher {
  /** The prefix of stored passwords (`pbkdf2_sha256`). */
  abstract readonly algorithm: string;
  /** Bits of entropy of generated salts. */
  readonly saltEntropy = 128;

  /** A new random salt of at least {@link saltEntropy} bits. */
  salt(): string {
    return randomString(Math.ceil(this.saltEntropy / Math.log2(SALT_CHARS.length)));
  }

  /** Hashes `password` with `salt` into the stored format. */
  abstract encode(password: string, salt: string): Promise<string>;
  /** Whether `password` matches `encoded` (constant-time). */
  abstract verify(password: string, encoded: string): Promise<boolean>;
  /** Whether `encoded` was made with other costs than this hasher's current ones (upgrade on login). */
  abstract mustUpdate(encoded: string): boolean;

  protected checkSalt(salt: string): void {
    if (!salt || salt.includes('$')) throw new InvalidPasswordError(`${this.constructor.name}: the salt must be given and cannot contain '$'`);
  }

  protected saltTooShort(salt: string): boolean {
    return salt.length * Math.log2(SALT_CHARS.length) < this.saltEntropy;
  }
}

/**
 * PBKDF2 with HMAC-SHA256 (`pbkdf2_sha256`), Django 5.2's default: 1,000,000 iterations.
 *
 * @example
 * PASSWORD_HASHERS: ['manouche.contrib.auth.hashers.PBKDF2PasswordHasher'], // stored as 'pbkdf2_sha256$1000000$<salt>$<hash>'
 */
export class PBKDF2PasswordHasher extends PasswordHasher {
  readonly algorithm: string = 'pbkdf2_sha256';
  /** Django 5.2 LTS's count (5.0: 720000, 5.1: 870000). */
  iterations = 1_000_000;
  protected digest: 'sha256' | 'sha1' = 'sha256';

  async encode(password: string, salt: string, iterations = this.iterations): Promise<string> {
    this.checkSalt(salt);
    const keyLength = this.digest === 'sha256' ? 32 : 20;
    const hash = (await pbkdf2Async(password, salt, iterations, keyLength, this.digest)).toString('base64');
    return `${this.algorithm}$${iterations}$${salt}$${hash}`;
  }

  private decode(encoded: string): { iterations: number; salt: string } {
    const [algorithm, iterations, salt, hash] = encoded.split('$');
    const count = Number(iterations);
    if (algorithm !== this.algorithm || !Number.isSafeInteger(count) || count < 1 || !salt || hash === undefined) {
      throw new UnknownPasswordHasher(`Stored password is not in the ${this.algorithm}$<iterations>$<salt>$<hash> format`);
    }
    return { iterations: count, salt };
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const { iterations, salt } = this.decode(encoded);
    return constantTimeEquals(encoded, await this.encode(password, salt, iterations));
  }

  mustUpdate(encoded: string): boolean {
    const { iterations, salt } = this.decode(encoded);
    return iterations !== this.iterations || this.saltTooShort(salt);
  }
}

/**
 * PBKDF2 with HMAC-SHA1 (`pbkdf2_sha1`), for passwords moved from older setups.
 *
 * @example
 * PASSWORD_HASHERS: ['manouche.contrib.auth.hashers.PBKDF2PasswordHasher', 'manouche.contrib.auth.hashers.PBKDF2SHA1PasswordHasher'], // old pbkdf2_sha1 hashes upgraded at login
 */
export class PBKDF2SHA1PasswordHasher extends PBKDF2PasswordHasher {
  override readonly algorithm = 'pbkdf2_sha1';
  protected override digest = 'sha1' as const;
}

const ARGON2ID = 2;
type Argon2Module = typeof import('@node-rs/argon2');
let argon2: Promise<Argon2Module> | undefined;

/** @node-rs/argon2 (a native addon), loaded on first use as Django loads argon2-cffi: projects that never meet an argon2 hash never load it. */
function loadArgon2(): Promise<Argon2Module> {
  argon2 ??= import('@node-rs/argon2').catch((error: unknown) => {
    argon2 = undefined;
    throw new AuthConfigurationError(`Argon2PasswordHasher needs the @node-rs/argon2 package, which could not be loaded: ${(error as Error).message}`);
  });
  return argon2;
}

/**
 * Argon2id (`argon2$argon2id$v=19$m=…,t=…,p=…$salt$hash`) on @node-rs/argon2, with Django's costs.
 *
 * @example
 * PASSWORD_HASHERS: ['manouche.contrib.auth.hashers.Argon2PasswordHasher', 'manouche.contrib.auth.hashers.PBKDF2PasswordHasher'],
 * // new hashes: 'argon2$argon2id$v=19$m=102400,t=2,p=8$<salt>$<hash>'
 */
export class Argon2PasswordHasher extends PasswordHasher {
  readonly algorithm = 'argon2';
  timeCost = 2;
  memoryCost = 102_400;
  parallelism = 8;
  /** Bytes of hash, as argon2-cffi's default that Django uses. */
  hashLength = 16;

  async encode(password: string, salt: string): Promise<string> {
    this.checkSalt(salt);
    const phc = await (await loadArgon2()).hash(password, {
      salt: Buffer.from(salt, 'utf8'),
      timeCost: this.timeCost,
      memoryCost: this.memoryCost,
      parallelism: this.parallelism,
      outputLen: this.hashLength,
      algorithm: ARGON2ID,
    });
    return `${this.algorithm}${phc}`;
  }

  private decode(encoded: string): { variety: string; m: number; t: number; p: number; salt: string; hash: string } {
    const parts = encoded.split('$');
    const params = /^m=(\d+),t=(\d+),p=(\d+)$/.exec(parts[3] ?? '');
    if (parts[0] !== this.algorithm || parts.length !== 6 || !/^v=\d+$/.test(parts[2] ?? '') || !params) {
      throw new UnknownPasswordHasher('Stored password is not in the argon2$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash> format');
    }
    return {
      variety: parts[1]!,
      m: Number(params[1]),
      t: Number(params[2]),
      p: Number(params[3]),
      salt: Buffer.from(parts[4]!, 'base64').toString('latin1'),
      hash: parts[5]!,
    };
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    this.decode(encoded);
    const { verify } = await loadArgon2();
    try {
      return await verify(encoded.slice(this.algorithm.length), password);
    } catch {
      return false;
    }
  }

  mustUpdate(encoded: string): boolean {
    const decoded = this.decode(encoded);
    const hashBytes = Buffer.from(decoded.hash, 'base64').length;
    return (
      decoded.variety !== 'argon2id' ||
      decoded.t !== this.timeCost ||
      decoded.m !== this.memoryCost ||
      decoded.p !== this.parallelism ||
      hashBytes !== this.hashLength ||
      this.saltTooShort(decoded.salt)
    );
  }
}

/**
 * scrypt (`scrypt$<n>$<salt>$<r>$<p>$<hash>`) on node:crypto, with Django's costs (n=2^14, r=8, p=1).
 *
 * @example
 * await new ScryptPasswordHasher().encode('s3cret', randomString(22)); // 'scrypt$16384$<salt>$8$1$<hash>'
 */
export class ScryptPasswordHasher extends PasswordHasher {
  readonly algorithm = 'scrypt';
  workFactor = 2 ** 14;
  blockSize = 8;
  parallelism = 1;

  async encode(password: string, salt: string, n = this.workFactor, r = this.blockSize, p = this.parallelism): Promise<string> {
    this.checkSalt(salt);
    const hash = await scryptAsync(password, salt, 64, { N: n, r, p, maxmem: 256 * n * r * p + 32 * 1024 * 1024 });
    return `${this.algorithm}$${n}$${salt}$${r}$${p}$${hash.toString('base64')}`;
  }

  private decode(encoded: string): { n: number; salt: string; r: number; p: number } {
    const [algorithm, n, salt, r, p, hash] = encoded.split('$');
    const numbers = [n, r, p].map(Number);
    if (algorithm !== this.algorithm || !salt || hash === undefined || numbers.some((value) => !Number.isSafeInteger(value) || value < 1)) {
      throw new UnknownPasswordHasher('Stored password is not in the scrypt$<n>$<salt>$<r>$<p>$<hash> format');
    }
    return { n: numbers[0]!, salt, r: numbers[1]!, p: numbers[2]! };
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const { n, salt, r, p } = this.decode(encoded);
    if (n > 2 ** 20 || r > 64 || p > 64) return false;
    return constantTimeEquals(encoded, await this.encode(password, salt, n, r, p));
  }

  mustUpdate(encoded: string): boolean {
    const { n, r, p } = this.decode(encoded);
    return n !== this.workFactor || r !== this.blockSize || p !== this.parallelism;
  }
}

const HASHERS = new Map<string, () => PasswordHasher>([
  ['manouche.contrib.auth.hashers.PBKDF2PasswordHasher', () => new PBKDF2PasswordHasher()],
  ['manouche.contrib.auth.hashers.PBKDF2SHA1PasswordHasher', () => new PBKDF2SHA1PasswordHasher()],
  ['manouche.contrib.auth.hashers.Argon2PasswordHasher', () => new Argon2PasswordHasher()],
  ['manouche.contrib.auth.hashers.ScryptPasswordHasher', () => new ScryptPasswordHasher()],
]);

/**
 * Makes a hasher available to PASSWORD_HASHERS under `name` (a subclass with other costs, or
 * another algorithm).
 *
 * @example
 * class FastPBKDF2 extends PBKDF2PasswordHasher { override iterations = 1000; }
 * registerPasswordHasher('myproject.hashers.FastPBKDF2', () => new FastPBKDF2());
 */
export function registerPasswordHasher(name: string, create: () => PasswordHasher): void {
  HASHERS.set(name, create);
}

const DEFAULT_HASHERS = [...HASHERS.keys()];
let cached: { names: readonly string[]; hashers: PasswordHasher[] } | undefined;

/**
 * The PASSWORD_HASHERS instances, preferred first. An unknown name is an error naming the known ones.
 *
 * @example
 * getHashers().map((hasher) => hasher.algorithm); // ['pbkdf2_sha256', 'pbkdf2_sha1', 'argon2', 'scrypt']
 */
export function getHashers(names: readonly string[] = DEFAULT_HASHERS): PasswordHasher[] {
  if (cached && cached.names === names) return cached.hashers;
  if (names.length === 0) throw new AuthConfigurationError('PASSWORD_HASHERS must list at least one hasher.');
  const hashers = names.map((name) => {
    const create = HASHERS.get(name);
    if (create) return create();
    const manouche = name.replace(/^django\./, 'manouche.');
    const hint = name.startsWith('django.') && HASHERS.has(manouche) ? ` Write '${manouche}': Django's names are not used in Manouche.` : '';
    throw new AuthConfigurationError(
      `PASSWORD_HASHERS entry '${name}' is not a known password hasher.${hint} Known hashers: ${[...HASHERS.keys()].join(', ')}.`,
    );
  });
  cached = { names, hashers };
  return hashers;
}

/**
 * The hasher whose algorithm made `encoded`; a prefix PASSWORD_HASHERS does not list is UnknownPasswordHasher.
 *
 * @example
 * identifyHasher('pbkdf2_sha256$1000000$salt$hash').algorithm; // 'pbkdf2_sha256'
 */
export function identifyHasher(encoded: string, names?: readonly string[]): PasswordHasher {
  const algorithm = encoded.split('$', 1)[0]!;
  const hasher = getHashers(names).find((candidate) => candidate.algorithm === algorithm);
  if (!hasher) throw new UnknownPasswordHasher(`Unknown password hashing algorithm '${algorithm}'. Did you specify it in the PASSWORD_HASHERS setting?`);
  return hasher;
}

/**
 * Whether a stored password can ever match (not null, not `!…`).
 *
 * @example
 * isPasswordUsable(user.password); // true
 * isPasswordUsable('!Xk2…'); // false: set by setUnusablePassword()
 */
export function isPasswordUsable(encoded: string | null | undefined): boolean {
  return typeof encoded === 'string' && !encoded.startsWith(UNUSABLE_PASSWORD_PREFIX);
}

function checkPasswordArgument(password: unknown): asserts password is string {
  if (typeof password !== 'string') throw new InvalidPasswordError(`A password must be a string, got ${password === null ? 'null' : typeof password}.`);
  if (password.length > MAXIMUM_PASSWORD_LENGTH) {
    throw new InvalidPasswordError(`The password is ${password.length} characters long; at most ${MAXIMUM_PASSWORD_LENGTH} are accepted.`);
  }
}

/**
 * Hashes a password for storage with the preferred hasher (or `hasher`), Django's make_password.
 * `null` gives an unusable password.
 *
 * @example
 * user.password = await makePassword('correct horse battery staple');
 */
export async function makePassword(
  password: string | null,
  options: { salt?: string; hasher?: PasswordHasher; hashers?: readonly string[] } = {},
): Promise<string> {
  if (password === null) return UNUSABLE_PASSWORD_PREFIX + randomString(40);
  checkPasswordArgument(password);
  const hasher = options.hasher ?? getHashers(options.hashers)[0]!;
  return hasher.encode(password, options.salt ?? hasher.salt());
}

/**
 * Whether `password` matches the stored `encoded` one (Django's check_password). When it matches
 * but was stored with another hasher or other costs than the preferred ones, `setter` is called
 * with the password so the caller can store a fresh hash. Unknown algorithms, malformed hashes
 * and over-long passwords are simply no match.
 *
 * @example
 * const ok = await checkPassword('s3cret', user.password, { setter: (raw) => user.setPassword(raw).then(() => user.save()) });
 */
export async function checkPassword(
  password: string | null | undefined,
  encoded: string | null | undefined,
  options: { setter?: (password: string) => unknown; hashers?: readonly string[] } = {},
): Promise<boolean> {
  if (typeof password !== 'string' || password.length > MAXIMUM_PASSWORD_LENGTH || !isPasswordUsable(encoded)) return false;
  let hasher: PasswordHasher;
  let matches: boolean;
  try {
    hasher = identifyHasher(encoded!, options.hashers);
    matches = await hasher.verify(password, encoded!);
  } catch (error) {
    if (error instanceof UnknownPasswordHasher) return false;
    throw error;
  }
  if (matches && options.setter) {
    const preferred = getHashers(options.hashers)[0]!;
    if (preferred.algorithm !== hasher.algorithm || hasher.mustUpdate(encoded!)) await options.setter(password);
  }
  return matches;
}
