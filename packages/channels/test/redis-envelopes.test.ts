import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisChannelLayer } from '../src/index.js';
import { captureLogger } from './support/capture-logger.js';
import { deletePrefix, redisUrl, skipRedis, uniquePrefix } from './support/redis.js';

// What a process does with each envelope on its Redis list, whatever the channel list it names looked like last time.
const prefix = uniquePrefix('envelopes');
const opened: Array<{ close(): unknown }> = [];
afterAll(async () => {
  for (const each of opened) await each.close();
  if (redisUrl) await deletePrefix(redisUrl, prefix);
});

function setUp() {
  const log = captureLogger();
  const layer = new RedisChannelLayer({ hosts: [redisUrl!], prefix, logger: log });
  const raw = new Redis(redisUrl!);
  opened.push(layer, { close: () => raw.disconnect() });
  /** Pushes an envelope as another process would, straight onto the list of `channel`'s process. */
  const push = (channel: string, envelope: string) => raw.rpush(`${prefix}:ch:${channel.slice(0, channel.indexOf('!') + 1)}`, envelope);
  return { layer, log, push };
}

const later = () => Date.now() + 60_000;

describe.skipIf(skipRedis)('envelopes from Redis', () => {
  it('stops delivering to a channel discarded between two messages naming the same channels, and reaches one opened since', async () => {
    const { layer, push } = setUp();
    const [kept, discarded] = [await layer.newChannel(), await layer.newChannel()];
    const late = `${kept.slice(0, kept.indexOf('!') + 1)}late`;
    const names = JSON.stringify([kept, discarded, late]);
    await push(kept, `{"c":${names},"x":${later()},"m":{"type":"a.b","n":1}}`);
    expect(await layer.receive(kept)).toEqual({ type: 'a.b', n: 1 });
    expect(await layer.receive(discarded)).toEqual({ type: 'a.b', n: 1 });
    layer.discardChannel(discarded);
    // Nobody received on `late` yet: it was skipped; receiving on it now opens it, and the next message reaches it.
    const onLate = layer.receive(late);
    await push(kept, `{"c":${names},"x":${later()},"m":{"type":"a.b","n":2}}`);
    expect(await layer.receive(kept)).toEqual({ type: 'a.b', n: 2 });
    expect(await onLate).toEqual({ type: 'a.b', n: 2 });
    // The discarded channel got nothing more: receiving on it opens a fresh, empty channel.
    const onDiscarded = layer.receive(discarded);
    const nothing = Symbol('nothing');
    expect(await Promise.race([onDiscarded, new Promise((resolve) => setTimeout(() => resolve(nothing), 100))])).toBe(nothing);
  });

  it('reads envelopes whose fields come in another order, and drops expired ones and ones that are not JSON with a log line', async () => {
    const { layer, log, push } = setUp();
    const channel = await layer.newChannel();
    await push(channel, 'not json');
    await push(channel, `{"c":${JSON.stringify([channel])},"x":${Date.now() - 1},"m":{"type":"old.message"}}`);
    await push(channel, `{"x":${later()},"m":{"type":"reordered.message","nested":{"a":[1]}},"c":${JSON.stringify([channel])}}`);
    expect(await layer.receive(channel)).toEqual({ type: 'reordered.message', nested: { a: [1] } });
    expect(log.lines).toEqual([expect.stringMatching(/dropped a message that is not JSON from .*:ch:specific\.[0-9a-f]+!: Unexpected token/)]);
  });
});
