/** The Redis server tests use: MANOUCHE_TEST_REDIS_URL (CI sets it and fails when unreachable); elsewhere they skip. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const redisUrl = process.env.MANOUCHE_TEST_REDIS_URL;
export const skipRedis = redisUrl ? false : 'MANOUCHE_TEST_REDIS_URL is not set: Redis channel-layer tests skipped';
if (skipRedis) console.warn(skipRedis);

/** A key prefix no other test file or run uses. */
export function uniquePrefix(file: string): string {
  return `test-channels-${file}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `prefix` (never FLUSHALL: other suites share the server). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
