import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelsConfigurationError, RedisChannelLayer } from '../src/index.js';
import { shardOf } from '../src/layers/redis-hosts.js';
import { captureLogger } from './support/capture-logger.js';
import { PrivateRedis, skipPrivateRedis } from './support/private-redis.js';

if (skipPrivateRedis) console.warn(skipPrivateRedis);

async function keysOf(url: string, pattern: string): Promise<string[]> {
  const client = new Redis(url);
  try {
    return (await client.keys(pattern)).sort();
  } finally {
    client.disconnect();
  }
}

describe('which host holds a name', () => {
  it("maps names onto the hosts as channels_redis' consistent hash does (CRC-32 onto 4096 slots)", () => {
    // Expected values computed with Python: int((binascii.crc32(name) & 0xFFF) / (4096 / hosts)).
    expect(['chat_lobby', 'chat_kitchen', 'specific.abc!'].map((name) => shardOf(name, 2))).toEqual([1, 0, 1]);
    expect(['chat_lobby', 'chat_kitchen', 'specific.abc!'].map((name) => shardOf(name, 3))).toEqual([1, 0, 2]);
    expect(shardOf('anything', 1)).toBe(0);
  });

  it('rejects hosts that are not Redis URLs, an empty list and a host listed twice, naming CONFIG.hosts', () => {
    expect(() => new RedisChannelLayer({ hosts: ['127.0.0.1:6379'], alias: 'default' })).toThrow(
      /CONFIG.hosts of the Redis channel layer 'default' must hold redis:\/\/ or rediss:\/\/ URLs .*got "127.0.0.1:6379"/,
    );
    expect(() => new RedisChannelLayer({ hosts: [] })).toThrow(ChannelsConfigurationError);
    expect(() => new RedisChannelLayer({ hosts: ['redis://a:6379', 'redis://a:6379'] })).toThrow(/lists redis:\/\/a:6379 twice/);
  });
});

describe.skipIf(skipPrivateRedis)('the Redis channel layer sharded over two Redis servers', () => {
  let first: PrivateRedis;
  let second: PrivateRedis;
  const layers: RedisChannelLayer[] = [];

  beforeAll(async () => {
    [first, second] = await Promise.all([PrivateRedis.start(), PrivateRedis.start()]);
  });
  afterAll(async () => {
    await Promise.all(layers.map((layer) => layer.close()));
    await Promise.all([first?.kill(), second?.kill()]);
  });

  function open(hosts: Array<string | readonly [string, number]>, logger = captureLogger()): RedisChannelLayer {
    const layer = new RedisChannelLayer({ hosts, prefix: 'sharded', logger });
    layers.push(layer);
    return layer;
  }

  it('keeps each group on the server its name hashes to and delivers group messages across processes', async () => {
    // Two processes listing the same hosts (one as a URL, one as Channels' [host, port] pair).
    const a = open([first.url, second.url]);
    const b = open([first.url, ['127.0.0.1', second.port]]);
    const onA = await a.newChannel();
    const onB = await b.newChannel();
    const groups = Array.from({ length: 12 }, (_, index) => `room-${index}`);
    for (const group of groups) {
      await a.groupAdd(group, onA);
      await b.groupAdd(group, onB);
    }

    const held = [await keysOf(first.url, 'sharded:group:*'), await keysOf(second.url, 'sharded:group:*')];
    expect(held[0]!.length).toBeGreaterThan(0);
    expect(held[1]!.length).toBeGreaterThan(0);
    for (const group of groups) expect(held[shardOf(group, 2)]).toContain(`sharded:group:${group}`);
    expect(held[0]!.length + held[1]!.length).toBe(groups.length);

    for (const group of groups) {
      await b.groupSend(group, { type: 'chat.message', group });
      expect(await a.receive(onA)).toEqual({ type: 'chat.message', group });
      expect(await b.receive(onB)).toEqual({ type: 'chat.message', group });
    }
    await b.groupDiscard('room-0', onB);
    await a.groupSend('room-0', { type: 'chat.message', group: 'room-0', after: 'discard' });
    expect(await a.receive(onA)).toEqual({ type: 'chat.message', group: 'room-0', after: 'discard' });
    await b.groupSend('room-1', { type: 'chat.message', next: true });
    // B left room-0, so its next message is the one to room-1.
    expect(await b.receive(onB)).toEqual({ type: 'chat.message', next: true });
  });

  it('sends to a process-specific channel and to a shared channel through the host of its name', async () => {
    const a = open([first.url, second.url]);
    const b = open([first.url, second.url]);
    const onB = await b.newChannel();
    await a.send(onB, { type: 'direct.message', n: 1 });
    expect(await b.receive(onB)).toEqual({ type: 'direct.message', n: 1 });

    const jobs = ['jobs-0', 'jobs-1', 'jobs-2', 'jobs-3'];
    for (const channel of jobs) await a.send(channel, { type: 'job.run', channel });
    for (const channel of jobs) {
      const where = shardOf(channel, 2) === 0 ? first : second;
      expect(await keysOf(where.url, `sharded:ch:${channel}`)).toEqual([`sharded:ch:${channel}`]);
      expect(await b.receive(channel)).toEqual({ type: 'job.run', channel });
    }
  });

  it('re-adds only the groups a restarted server held, and delivers to every group again', async () => {
    const log = captureLogger();
    const a = open([first.url, second.url], log);
    const b = open([first.url, second.url]);
    const onA = await a.newChannel();
    const groups = Array.from({ length: 12 }, (_, index) => `lobby-${index}`);
    for (const group of groups) await a.groupAdd(group, onA);
    // Ask for something so that A's connections to both servers are open.
    await a.groupSend(groups[0]!, { type: 'warm.up' });
    expect(await a.receive(onA)).toEqual({ type: 'warm.up' });
    const onSecond = groups.filter((group) => shardOf(group, 2) === 1).length;
    expect(onSecond).toBeGreaterThan(0);

    await second.kill();
    await second.start();
    for (let attempt = 0; attempt < 400 && !log.lines.some((line) => line.includes('re-added')); attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(log.lines).toContain(`Channel layer (Redis 127.0.0.1:${second.port}): re-added ${onSecond} group memberships of this process.`);
    for (const group of groups) {
      await b.groupSend(group, { type: 'chat.message', group });
      expect(await a.receive(onA)).toEqual({ type: 'chat.message', group });
    }
  });
});
