import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Argon2PasswordHasher,
  checkPassword,
  makePassword,
  MAXIMUM_PASSWORD_LENGTH,
  PBKDF2PasswordHasher,
  PBKDF2SHA1PasswordHasher,
  ScryptPasswordHasher,
  type PasswordHasher,
} from '../src/hashers.js';
import { InvalidPasswordError } from '../src/errors.js';

interface Vector {
  algorithm: string;
  password: string;
  salt: string;
  params: Record<string, number>;
  encoded: string;
}
const data = JSON.parse(readFileSync(new URL('./data/django-password-vectors.json', import.meta.url), 'utf8')) as {
  vectors: Vector[];
  checkOnly: Array<{ password: string; encoded: string }>;
};

function hasherFor(vector: Vector): PasswordHasher {
  switch (vector.algorithm) {
    case 'pbkdf2_sha256':
      return Object.assign(new PBKDF2PasswordHasher(), { iterations: vector.params.iterations });
    case 'pbkdf2_sha1':
      return Object.assign(new PBKDF2SHA1PasswordHasher(), { iterations: vector.params.iterations });
    case 'argon2':
      return Object.assign(new Argon2PasswordHasher(), {
        timeCost: vector.params.time_cost,
        memoryCost: vector.params.memory_cost,
        parallelism: vector.params.parallelism,
      });
    case 'scrypt':
      return Object.assign(new ScryptPasswordHasher(), {
        workFactor: vector.params.work_factor,
        blockSize: vector.params.block_size,
        parallelism: vector.params.parallelism,
      });
    default:
      throw new Error(`no hasher for ${vector.algorithm}`);
  }
}

const ALL_HASHERS = [
  'manouche.contrib.auth.hashers.PBKDF2PasswordHasher',
  'manouche.contrib.auth.hashers.PBKDF2SHA1PasswordHasher',
  'manouche.contrib.auth.hashers.Argon2PasswordHasher',
  'manouche.contrib.auth.hashers.ScryptPasswordHasher',
];

describe('passwords hashed by Django (test/data/django-password-vectors.json)', () => {
  it.each(data.vectors.map((v) => [`${v.algorithm} ${JSON.stringify(v.params)} ${JSON.stringify(v.password)}`, v] as const))(
    'accepts %s and rejects a wrong password',
    async (_, vector) => {
      expect(await checkPassword(vector.password, vector.encoded, { hashers: ALL_HASHERS })).toBe(true);
      expect(await checkPassword(`${vector.password}x`, vector.encoded, { hashers: ALL_HASHERS })).toBe(false);
    },
  );

  it.each(data.vectors.map((v) => [`${v.algorithm} ${JSON.stringify(v.params)} ${JSON.stringify(v.password)}`, v] as const))(
    'produces the identical string for %s with the same salt and cost',
    async (_, vector) => {
      expect(await makePassword(vector.password, { salt: vector.salt, hasher: hasherFor(vector) })).toBe(vector.encoded);
    },
  );

  it("accepts a password Django 4.2's make_password stored with its default cost", async () => {
    for (const { password, encoded } of data.checkOnly) expect(await checkPassword(password, encoded)).toBe(true);
  });
});

describe('hashing', () => {
  it('stores pbkdf2_sha256 with 1,000,000 iterations (Django 5.2) and a 22-character salt by default', async () => {
    const encoded = await makePassword('s3cret');
    expect(encoded).toMatch(/^pbkdf2_sha256\$1000000\$[A-Za-z0-9]{22}\$[A-Za-z0-9+/]{43}=$/);
    expect(await checkPassword('s3cret', encoded)).toBe(true);
  });

  it('asks for an upgrade when the password was stored with another hasher or cost', async () => {
    const upgraded: string[] = [];
    const old = data.vectors.find((v) => v.algorithm === 'pbkdf2_sha256' && v.params.iterations === 600000)!;
    expect(await checkPassword(old.password, old.encoded, { setter: (p) => upgraded.push(p) })).toBe(true);
    const scrypt = data.vectors.find((v) => v.algorithm === 'scrypt' && v.params.parallelism === 1)!;
    expect(await checkPassword(scrypt.password, scrypt.encoded, { hashers: ALL_HASHERS, setter: (p) => upgraded.push(p) })).toBe(true);
    expect(upgraded).toEqual([old.password, scrypt.password]);
    const current = await makePassword('fresh');
    expect(await checkPassword('fresh', current, { setter: (p) => upgraded.push(p) })).toBe(true);
    expect(upgraded).toHaveLength(2);
  });

  it('treats an unknown hasher prefix, a malformed hash and an unusable password as no match', async () => {
    expect(await checkPassword('x', 'bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuv')).toBe(false);
    expect(await checkPassword('x', 'pbkdf2_sha256$notanumber$salt$hash')).toBe(false);
    expect(await checkPassword('x', '!unusable')).toBe(false);
    expect(await checkPassword('x', null)).toBe(false);
    expect(await makePassword(null)).toMatch(/^!.{40}$/);
  });

  it('refuses passwords over 4096 characters before hashing them', async () => {
    const long = 'a'.repeat(MAXIMUM_PASSWORD_LENGTH + 1);
    await expect(makePassword(long)).rejects.toThrow(InvalidPasswordError);
    await expect(makePassword(long)).rejects.toThrow('at most 4096');
    const stored = await makePassword('a'.repeat(MAXIMUM_PASSWORD_LENGTH));
    expect(await checkPassword(long, stored)).toBe(false);
  });
});
