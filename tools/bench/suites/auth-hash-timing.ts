/**
 * The PBKDF2 part of the auth benchmark, run as a child process (see auth.bench.ts): verifies a
 * password against a `pbkdf2_sha256` hash at the default cost and at Django 4.2's, and prints
 * `{ "<iterations>": medianMs }` as JSON.
 */
import { checkPassword, PBKDF2PasswordHasher } from 'manouche/contrib/auth';

const ROUNDS = Number(process.env.BENCH_HASH_ROUNDS ?? 7);
const password = 'minor swing 1937';
const defaultIterations = new PBKDF2PasswordHasher().iterations;
const result: Record<string, number> = {};
for (const iterations of [defaultIterations, 600_000]) {
  const encoded = await new PBKDF2PasswordHasher().encode(password, 'seasalt2024abcdefghijk', iterations);
  if (!(await checkPassword(password, encoded))) throw new Error(`checkPassword refused its own ${iterations}-iteration hash`);
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    await checkPassword(password, encoded);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  result[String(iterations)] = times[Math.floor(times.length / 2)]!;
}
process.stdout.write(`${JSON.stringify(result)}\n`);
