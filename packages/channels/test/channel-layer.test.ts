import { afterAll, describe, expect, it } from 'vitest';
import { ChannelFull, InMemoryChannelLayer, InvalidChannelName, RedisChannelLayer, type ChannelLayer } from '../src/index.js';
import { captureLogger } from './support/capture-logger.js';
import { deletePrefix, redisUrl, skipRedis, uniquePrefix } from './support/redis.js';

const prefix = uniquePrefix('layer');
const opened: ChannelLayer[] = [];
const layers = [
  { name: 'in-memory', skip: false as const, make: (options: Record<string, unknown> = {}) => new InMemoryChannelLayer(options), shared: false },
  {
    name: 'Redis',
    skip: skipRedis,
    make: (options: Record<string, unknown> = {}) => new RedisChannelLayer({ hosts: [redisUrl!], prefix, logger: captureLogger(), ...options }),
    shared: true,
  },
];

function open<L extends ChannelLayer>(layer: L): L {
  opened.push(layer);
  return layer;
}

afterAll(async () => {
  await Promise.all(opened.map((layer) => layer.close()));
  if (redisUrl) await deletePrefix(redisUrl, prefix);
});

describe.each(layers)('the $name channel layer', ({ skip, make, shared }) => {
  it.skipIf(skip)('sends to a channel and receives in order', async () => {
    const layer = open(make());
    const channel = await layer.newChannel();
    await layer.send(channel, { type: 'test.message', n: 1 });
    await layer.send(channel, { type: 'test.message', n: 2 });
    expect(await layer.receive(channel)).toEqual({ type: 'test.message', n: 1 });
    expect(await layer.receive(channel)).toEqual({ type: 'test.message', n: 2 });
  });

  it.skipIf(skip)('delivers a group message to every member and stops after groupDiscard', async () => {
    const layer = open(make());
    const [a, b] = [await layer.newChannel(), await layer.newChannel()];
    await layer.groupAdd('room-1', a);
    await layer.groupAdd('room-1', b);
    await layer.groupSend('room-1', { type: 'chat.message', text: 'one' });
    expect(await layer.receive(a)).toEqual({ type: 'chat.message', text: 'one' });
    expect(await layer.receive(b)).toEqual({ type: 'chat.message', text: 'one' });
    await layer.groupDiscard('room-1', b);
    await layer.groupSend('room-1', { type: 'chat.message', text: 'two' });
    await layer.send(b, { type: 'direct.message' });
    expect(await layer.receive(a)).toEqual({ type: 'chat.message', text: 'two' });
    expect(await layer.receive(b)).toEqual({ type: 'direct.message' });
  });

  it.skipIf(skip)('throws ChannelFull when a channel is at capacity', async () => {
    const layer = open(make({ capacity: 2, processCapacity: 2 }));
    const channel = shared ? 'worker-jobs' : await layer.newChannel();
    await layer.send(channel, { type: 'job.run', n: 1 });
    await layer.send(channel, { type: 'job.run', n: 2 });
    await expect(layer.send(channel, { type: 'job.run', n: 3 })).rejects.toThrow(ChannelFull);
    expect(await layer.receive(channel)).toEqual({ type: 'job.run', n: 1 });
    await layer.send(channel, { type: 'job.run', n: 4 });
  });

  it.skipIf(skip)('drops messages older than the expiry', async () => {
    const layer = open(make({ expiry: 0.05 }));
    const channel = shared ? 'expiring-jobs' : await layer.newChannel();
    await layer.send(channel, { type: 'old.message' });
    await new Promise((resolve) => setTimeout(resolve, 120));
    await layer.send(channel, { type: 'new.message' });
    expect(await layer.receive(channel)).toEqual({ type: 'new.message' });
  });

  it.skipIf(skip)('forgets group members after the group expiry', async () => {
    const layer = open(make({ groupExpiry: 0.05 }));
    const [old, fresh] = [await layer.newChannel(), await layer.newChannel()];
    await layer.groupAdd('expiring', old);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await layer.groupAdd('expiring', fresh);
    await layer.groupSend('expiring', { type: 'group.message' });
    await layer.send(old, { type: 'direct.message' });
    expect(await layer.receive(fresh)).toEqual({ type: 'group.message' });
    expect(await layer.receive(old)).toEqual({ type: 'direct.message' });
  });

  it.skipIf(skip)('rejects group names with illegal characters or 100 characters and more', async () => {
    const layer = open(make());
    const channel = await layer.newChannel();
    await expect(layer.groupAdd('chat room!', channel)).rejects.toThrow(InvalidChannelName);
    await expect(layer.groupSend('chat/room', { type: 'a.b' })).rejects.toThrow(
      'Invalid group name "chat/room": a group name must be a non-empty string shorter than 100 characters of ASCII letters, digits, hyphens, underscores or periods.',
    );
    await expect(layer.groupAdd('x'.repeat(100), channel)).rejects.toThrow(InvalidChannelName);
    await expect(layer.groupAdd('ok_Name-1.2', channel)).resolves.toBeUndefined();
  });

  it.skipIf(skip)('refuses a message without a type', async () => {
    const layer = open(make());
    const channel = await layer.newChannel();
    await expect(layer.send(channel, { text: 'no type' } as never)).rejects.toThrow(/needs a string "type"/);
  });

  it.skipIf(skip)('gives each newChannel() a distinct name', async () => {
    const layer = open(make());
    const names = new Set(await Promise.all(Array.from({ length: 50 }, () => layer.newChannel())));
    expect(names.size).toBe(50);
  });
});

describe.skipIf(skipRedis)('the Redis channel layer across processes', () => {
  it('delivers one group message to members held by two layers (two processes) sharing Redis', async () => {
    const a = open(new RedisChannelLayer({ hosts: [redisUrl!], prefix }));
    const b = open(new RedisChannelLayer({ hosts: [redisUrl!], prefix }));
    const [a1, a2, b1] = [await a.newChannel(), await a.newChannel(), await b.newChannel()];
    for (const channel of [a1, a2]) await a.groupAdd('shared-room', channel);
    await b.groupAdd('shared-room', b1);
    await b.groupSend('shared-room', { type: 'chat.message', text: 'from b' });
    expect(await a.receive(a1)).toEqual({ type: 'chat.message', text: 'from b' });
    expect(await a.receive(a2)).toEqual({ type: 'chat.message', text: 'from b' });
    expect(await b.receive(b1)).toEqual({ type: 'chat.message', text: 'from b' });
    await b.send(a2, { type: 'direct.message' });
    expect(await a.receive(a2)).toEqual({ type: 'direct.message' });
  });
});
