/** Which Redis the tests use: MANOUCHE_TEST_REDIS_URL; in CI a missing one fails, elsewhere the suite skips with a reason. */
import { randomBytes } from 'node:crypto';

export interface RedisTarget {
  url: string;
  skip?: string;
}

export function testRedis(env: NodeJS.ProcessEnv = process.env): RedisTarget {
  const url = env.MANOUCHE_TEST_REDIS_URL;
  if (url) return { url };
  if (env.CI === 'true' || env.CI === '1') return { url: 'redis://127.0.0.1:6379/0' };
  return { url: '', skip: 'MANOUCHE_TEST_REDIS_URL is not set: Redis tests skipped' };
}

/** A KEY_PREFIX no other test file or run shares, so concurrent suites never touch each other's keys. */
export function uniquePrefix(file: string): string {
  return `manouche-test:${file}:${randomBytes(4).toString('hex')}`;
}
