import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisChannelLayer, MessageLost } from '../src/index.js';
import { captureLogger } from './support/capture-logger.js';
import { PrivateRedis } from './support/private-redis.js';
import { redisUrl } from './support/redis.js';

// Redis tests run where MANOUCHE_TEST_REDIS_URL is set (CI); this suite restarts a private redis-server, never the shared one.
const skip = redisUrl ? false : 'MANOUCHE_TEST_REDIS_URL is not set: Redis reconnect tests skipped';
if (skip) console.warn(skip);

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.skipIf(skip)('the Redis channel layer when Redis restarts', () => {
  it('reconnects, restores its group memberships, reports the outage in log lines and never duplicates a message', async () => {
    const redis = await PrivateRedis.start();
    cleanups.push(() => redis.kill());
    const logA = captureLogger();
    const logB = captureLogger();
    const a = new RedisChannelLayer({ hosts: [redis.url], prefix: 'reconnect', logger: logA, alias: 'default' });
    const b = new RedisChannelLayer({ hosts: [redis.url], prefix: 'reconnect', logger: logB, alias: 'default' });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const onA = await a.newChannel();
    const onB = await b.newChannel();
    await a.groupAdd('room', onA);
    await b.groupAdd('room', onB);
    await b.groupSend('room', { type: 'chat.message', n: 1 });
    expect(await a.receive(onA)).toEqual({ type: 'chat.message', n: 1 });
    expect(await b.receive(onB)).toEqual({ type: 'chat.message', n: 1 });

    await redis.kill();
    await until(
      () => logA.lines.some((line) => line.includes('lost the writer connection')) && logB.lines.some((line) => line.includes('lost the reader connection')),
      'both layers to notice',
    );
    await redis.start();
    // Redis came back empty: each process puts its own channels back into their groups.
    await until(() => [logA, logB].every((log) => log.lines.some((line) => line.includes('re-added 1 group memberships'))), 'memberships to be restored');

    await a.groupSend('room', { type: 'chat.message', n: 2 });
    await a.groupSend('room', { type: 'chat.message', n: 3 });
    expect(await a.receive(onA)).toEqual({ type: 'chat.message', n: 2 });
    expect(await a.receive(onA)).toEqual({ type: 'chat.message', n: 3 });
    expect(await b.receive(onB)).toEqual({ type: 'chat.message', n: 2 });
    expect(await b.receive(onB)).toEqual({ type: 'chat.message', n: 3 });
    expect(logA.lines.join('\n')).toMatch(/Channel layer 'default' \(Redis 127\.0\.0\.1:\d+\): lost the writer connection .*never resent or duplicated/);
  });

  it('rejects a send cut off by the outage with MessageLost and a log line instead of retrying it', async () => {
    const redis = await PrivateRedis.start();
    cleanups.push(() => redis.kill());
    const log = captureLogger();
    const layer = new RedisChannelLayer({ hosts: [redis.url], prefix: 'lost', logger: log });
    cleanups.push(() => layer.close());
    const channel = await layer.newChannel();
    await layer.send(channel, { type: 'warm.up' });
    expect(await layer.receive(channel)).toEqual({ type: 'warm.up' });
    // A send in flight when the server dies: writes are paused, so the command is written and its reply never comes.
    const admin = new Redis(redis.url);
    await admin.client('PAUSE', 10_000, 'WRITE');
    admin.disconnect();
    const sending = layer.send('worker-jobs', { type: 'job.run', n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await redis.kill();
    await redis.start();
    // ioredis fails the cut-off command once it has reconnected, instead of resending it.
    await expect(sending).rejects.toThrow(MessageLost);
    expect(log.lines.join('\n')).toMatch(/a "job.run" message to channel worker-jobs was lost: .*It is not retried, so it is never delivered twice/);
    await layer.send('worker-jobs', { type: 'job.run', n: 2 });
    expect(await layer.receive('worker-jobs')).toEqual({ type: 'job.run', n: 2 });
  });
});
