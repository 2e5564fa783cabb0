import { afterAll, describe, expect, it } from 'vitest';
import { AsyncConsumer, JsonWebsocketConsumer, RedisChannelLayer, WebsocketConsumer, type ChannelMessage } from '../src/index.js';
import { WebsocketCommunicator } from '../src/testing.js';
import { captureLogger } from './support/capture-logger.js';
import { deletePrefix, redisUrl, skipRedis, uniquePrefix } from './support/redis.js';

// Consumers take their messages from the Redis layer without a receive() per message: these tests pin what
// that path must keep (order, one message at a time, a copy each, 1011 on an exception).
const prefix = uniquePrefix('consumer');
const layers: RedisChannelLayer[] = [];
function layer(): RedisChannelLayer {
  const made = new RedisChannelLayer({ hosts: [redisUrl!], prefix, logger: captureLogger() });
  layers.push(made);
  return made;
}

afterAll(async () => {
  await Promise.all(layers.map((each) => each.close()));
  if (redisUrl) await deletePrefix(redisUrl, prefix);
});

/** Joins group "room"; reports each room message with what it saw, after changing it (a handler may). */
class RoomConsumer extends JsonWebsocketConsumer {
  static override groups = ['room'];
  async roomMessage(message: ChannelMessage) {
    const seen = { text: message.text, tags: Array.isArray(message.tags) ? [...message.tags] : undefined };
    message.text = 'changed by a handler';
    if (Array.isArray(message.tags)) message.tags.push('changed');
    await this.sendJson(seen);
  }
}

async function connected(app: ReturnType<typeof RoomConsumer.asAsgi>, count: number): Promise<WebsocketCommunicator[]> {
  const communicators = Array.from({ length: count }, () => new WebsocketCommunicator(app, '/ws/'));
  for (const communicator of communicators) expect((await communicator.connect()).connected).toBe(true);
  return communicators;
}

describe.skipIf(skipRedis)('consumers on the Redis channel layer', () => {
  it('gives every consumer of both processes its own copy of a group message, flat or nested', async () => {
    const [a, b] = [layer(), layer()];
    const clients = [...(await connected(RoomConsumer.asAsgi({ channelLayer: a }), 3)), ...(await connected(RoomConsumer.asAsgi({ channelLayer: b }), 2))];
    await a.groupSend('room', { type: 'room.message', text: 'flat' });
    await b.groupSend('room', { type: 'room.message', text: 'nested', tags: ['a', 'b'] });
    for (const client of clients) {
      expect(await client.receiveJsonFrom()).toEqual({ text: 'flat' });
      expect(await client.receiveJsonFrom()).toEqual({ text: 'nested', tags: ['a', 'b'] });
    }
    for (const client of clients) await client.disconnect();
  });

  it('handles frames and channel messages one at a time, in arrival order, whether handlers are async or not', async () => {
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    class Ordered extends WebsocketConsumer {
      static override groups = ['ordered'];
      override async receive(text?: string) {
        events.push(`frame ${text} starts`);
        if (text === 'slow') await held;
        events.push(`frame ${text} ends`);
      }
      // Not async: a handler may return nothing at all.
      tickMessage(message: ChannelMessage) {
        events.push(`tick ${message.n}`);
      }
      async tockMessage(message: ChannelMessage) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`tock ${message.n}`);
        await this.sendText(`tock ${message.n}`);
      }
    }
    const redis = layer();
    const client = new WebsocketCommunicator(Ordered.asAsgi({ channelLayer: redis }), '/ws/');
    await client.connect();
    await client.sendTo({ text: 'slow' });
    await redis.groupSend('ordered', { type: 'tick.message', n: 1 });
    await redis.groupSend('ordered', { type: 'tock.message', n: 2 });
    await redis.groupSend('ordered', { type: 'tick.message', n: 3 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Everything waits behind the slow frame.
    expect(events).toEqual(['frame slow starts']);
    release();
    expect(await client.receiveFrom()).toBe('tock 2');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['frame slow starts', 'frame slow ends', 'tick 1', 'tock 2', 'tick 3']);
    await client.disconnect();
  });

  it('closes with 1011 and logs when a handler fails on a message from Redis, and stops taking messages', async () => {
    const logger = captureLogger();
    const handled: number[] = [];
    class Failing extends WebsocketConsumer {
      static override groups = ['failing'];
      boomMessage(message: ChannelMessage) {
        handled.push(message.n as number);
        if (message.n === 1) throw new Error('the handler failed');
      }
    }
    const redis = layer();
    const client = new WebsocketCommunicator(Failing.asAsgi({ channelLayer: redis, logger }), '/ws/');
    await client.connect();
    await redis.groupSend('failing', { type: 'boom.message', n: 1 });
    await redis.groupSend('failing', { type: 'boom.message', n: 2 });
    expect((await client.receiveClose()).code).toBe(1011);
    await client.finished;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handled).toEqual([1]);
    expect(logger.lines.join('\n')).toMatch(/Exception in Failing \(websocket \/ws\/\) while handling "boom.message"; closing with 1011: the handler failed/);
  });

  it("honours a consumer's own dispatch()", async () => {
    const seen: string[] = [];
    class Auditing extends WebsocketConsumer {
      static override groups = ['audited'];
      override async dispatch(message: ChannelMessage) {
        seen.push(message.type);
        await super.dispatch(message);
      }
      async auditMessage(message: ChannelMessage) {
        await this.sendText(String(message.text));
      }
    }
    const redis = layer();
    const client = new WebsocketCommunicator(Auditing.asAsgi({ channelLayer: redis }), '/ws/');
    await client.connect();
    await redis.groupSend('audited', { type: 'audit.message', text: 'seen' });
    expect(await client.receiveFrom()).toBe('seen');
    await client.disconnect();
    expect(seen).toEqual(['websocket.connect', 'audit.message', 'websocket.disconnect']);
  });
});

/** A base consumer on the layer also takes its messages from it (not only WebSocket ones). */
describe.skipIf(skipRedis)('a plain AsyncConsumer on the Redis layer', () => {
  it('receives messages sent to its channel', async () => {
    const redis = layer();
    const got: unknown[] = [];
    let named!: (name: string) => void;
    const channel = new Promise<string>((resolve) => (named = resolve));
    class Worker extends AsyncConsumer {
      async websocketConnect() {
        named(this.channelName!);
      }
      async jobRun(message: ChannelMessage) {
        got.push(message.n);
      }
    }
    const communicator = new WebsocketCommunicator(Worker.asAsgi({ channelLayer: redis }), '/ws/');
    void communicator.connect().catch(() => undefined);
    const name = await channel;
    await redis.send(name, { type: 'job.run', n: 1 });
    await redis.send(name, { type: 'job.run', n: 2 });
    for (let attempt = 0; attempt < 100 && got.length < 2; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(got).toEqual([1, 2]);
  });
});
