import { describe, expect, it } from 'vitest';
import { InMemoryChannelLayer, JsonWebsocketConsumer, URLRouter, path, WebsocketConsumer, DenyConnection, type ChannelMessage } from '../src/index.js';
import { WebsocketCommunicator } from '../src/testing.js';
import { captureLogger } from './support/capture-logger.js';

class EchoConsumer extends WebsocketConsumer {
  override async connect() {
    await this.accept(this.scope.type === 'websocket' && this.scope.subprotocols.includes('chat.v2') ? 'chat.v2' : null);
  }
  override async receive(text?: string, bytes?: Uint8Array) {
    if (text === 'close please') await this.close(4001, 'asked');
    else if (text === 'boom') throw new Error('the handler failed');
    else if (text !== undefined) await this.sendText(`echo: ${text}`);
    else await this.sendBytes(bytes!);
  }
}

describe('WebsocketConsumer', () => {
  it('accepts, echoes text and bytes, and closes with the code it is given', async () => {
    const communicator = new WebsocketCommunicator(EchoConsumer.asAsgi({ channelLayer: null }), '/ws/echo/');
    expect(await communicator.connect()).toEqual({ connected: true, subprotocol: null, closeCode: null });
    await communicator.sendTo({ text: 'hi' });
    expect(await communicator.receiveFrom()).toBe('echo: hi');
    await communicator.sendTo({ bytes: new Uint8Array([1, 2, 3]) });
    expect(await communicator.receiveFrom()).toEqual(new Uint8Array([1, 2, 3]));
    await communicator.sendTo({ text: 'close please' });
    expect(await communicator.receiveClose()).toEqual({ code: 4001, reason: 'asked' });
    await communicator.disconnect(4001);
  });

  it('accepts with the subprotocol the consumer picks', async () => {
    const communicator = new WebsocketCommunicator(EchoConsumer.asAsgi({ channelLayer: null }), '/ws/echo/', { subprotocols: ['chat.v1', 'chat.v2'] });
    expect(await communicator.connect()).toMatchObject({ connected: true, subprotocol: 'chat.v2' });
    await communicator.disconnect();
  });

  it('closes with 1011 and logs the exception when a handler throws', async () => {
    const logger = captureLogger();
    const communicator = new WebsocketCommunicator(EchoConsumer.asAsgi({ channelLayer: null, logger }), '/ws/echo/');
    await communicator.connect();
    await communicator.sendTo({ text: 'boom' });
    expect((await communicator.receiveClose()).code).toBe(1011);
    await communicator.finished;
    expect(logger.lines.join('\n')).toMatch(/Exception in EchoConsumer \(websocket \/ws\/echo\/\) while handling "websocket.receive".*the handler failed/);
  });

  it('refuses the handshake when connect() throws DenyConnection', async () => {
    class Private extends WebsocketConsumer {
      override async connect() {
        throw new DenyConnection();
      }
    }
    const communicator = new WebsocketCommunicator(Private.asAsgi({ channelLayer: null }), '/ws/private/');
    expect(await communicator.connect()).toMatchObject({ connected: false, closeCode: 1000 });
  });

  it('calls disconnect() with the close code and stops', async () => {
    const codes: number[] = [];
    class Tracking extends WebsocketConsumer {
      override async disconnect(code: number) {
        codes.push(code);
      }
    }
    const communicator = new WebsocketCommunicator(Tracking.asAsgi({ channelLayer: null }), '/ws/t/');
    await communicator.connect();
    await communicator.disconnect(1001);
    expect(codes).toEqual([1001]);
  });
});

describe('JsonWebsocketConsumer', () => {
  class Json extends JsonWebsocketConsumer {
    override async receiveJson(content: unknown) {
      await this.sendJson({ got: content });
    }
  }

  it('decodes and encodes JSON', async () => {
    const communicator = new WebsocketCommunicator(Json.asAsgi({ channelLayer: null }), '/ws/json/');
    await communicator.connect();
    await communicator.sendJsonTo({ a: [1, 'b'] });
    expect(await communicator.receiveJsonFrom()).toEqual({ got: { a: [1, 'b'] } });
    await communicator.disconnect();
  });

  it('closes with 1007 and a log line when a text frame is not JSON', async () => {
    const logger = captureLogger();
    const communicator = new WebsocketCommunicator(Json.asAsgi({ channelLayer: null, logger }), '/ws/json/');
    await communicator.connect();
    await communicator.sendTo({ text: '{"a": ' });
    expect(await communicator.receiveClose()).toEqual({ code: 1007, reason: 'invalid JSON' });
    expect(logger.lines.join('\n')).toMatch(/Json \(websocket \/ws\/json\/\): invalid JSON from the client .*closing with 1007/);
    await communicator.disconnect(1007);
  });

  it('closes with 1003 when a binary frame reaches it', async () => {
    const communicator = new WebsocketCommunicator(Json.asAsgi({ channelLayer: null, logger: captureLogger() }), '/ws/json/');
    await communicator.connect();
    await communicator.sendTo({ bytes: new Uint8Array([123]) });
    expect((await communicator.receiveClose()).code).toBe(1003);
    await communicator.disconnect(1003);
  });
});

describe('URLRouter', () => {
  class RoomConsumer extends JsonWebsocketConsumer {
    override async connect() {
      await this.accept();
      await this.sendJson(this.scope.url_route);
    }
  }
  const router = URLRouter([
    path('ws/chat/<str:roomName>/', RoomConsumer.asAsgi({ channelLayer: null })),
    path('ws/item/<int:id>/', RoomConsumer.asAsgi({ channelLayer: null })),
  ]);

  it('puts the route kwargs, converted like the URLconf, into scope.url_route', async () => {
    const room = new WebsocketCommunicator(router, '/ws/chat/lobby/');
    await room.connect();
    expect(await room.receiveJsonFrom()).toEqual({ kwargs: { roomName: 'lobby' }, args: [] });
    await room.disconnect();
    const item = new WebsocketCommunicator(router, '/ws/item/42/');
    await item.connect();
    expect(await item.receiveJsonFrom()).toEqual({ kwargs: { id: 42 }, args: [] });
    await item.disconnect();
  });

  it('refuses a path that matches no route', async () => {
    const lines: string[] = [];
    const strict = URLRouter([path('ws/item/<int:id>/', RoomConsumer.asAsgi({ channelLayer: null }))], { logger: { warn: (line) => lines.push(line) } });
    const communicator = new WebsocketCommunicator(strict, '/ws/item/not-a-number/');
    expect(await communicator.connect()).toMatchObject({ connected: false });
    expect(lines).toEqual(['No route found for websocket path "/ws/item/not-a-number/": refused.']);
  });
});

describe('consumers on a channel layer', () => {
  class ChatConsumer extends JsonWebsocketConsumer {
    static override groups = ['broadcast'];
    override async receiveJson(content: unknown) {
      await this.channelLayer!.groupSend('broadcast', { type: 'chat.message', text: (content as { text: string }).text });
    }
    async chatMessage(message: ChannelMessage) {
      await this.sendJson({ text: message.text });
    }
  }

  it('joins static groups and dispatches chat.message to chatMessage()', async () => {
    const layer = new InMemoryChannelLayer();
    const app = ChatConsumer.asAsgi({ channelLayer: layer });
    const alice = new WebsocketCommunicator(app, '/ws/');
    const bob = new WebsocketCommunicator(app, '/ws/');
    await alice.connect();
    await bob.connect();
    await alice.sendJsonTo({ text: 'hello' });
    expect(await alice.receiveJsonFrom()).toEqual({ text: 'hello' });
    expect(await bob.receiveJsonFrom()).toEqual({ text: 'hello' });
    await bob.disconnect();
    await alice.sendJsonTo({ text: 'anyone?' });
    expect(await alice.receiveJsonFrom()).toEqual({ text: 'anyone?' });
    await alice.disconnect();
  });

  it('logs a message type without a handler and keeps the connection', async () => {
    const layer = new InMemoryChannelLayer();
    const logger = captureLogger();
    const app = ChatConsumer.asAsgi({ channelLayer: layer, logger });
    const communicator = new WebsocketCommunicator(app, '/ws/');
    await communicator.connect();
    await layer.groupSend('broadcast', { type: 'chat.mesage', text: 'typo' });
    await layer.groupSend('broadcast', { type: 'chat.message', text: 'after' });
    expect(await communicator.receiveJsonFrom()).toEqual({ text: 'after' });
    expect(logger.lines).toEqual([
      'ChatConsumer (websocket /ws/): no handler for message type "chat.mesage": define a method chatMesage(message) on ChatConsumer. The message was dropped.',
    ]);
    await communicator.disconnect();
  });

  it('never dispatches a message to a method that is not a handler', async () => {
    const layer = new InMemoryChannelLayer();
    const logger = captureLogger();
    const communicator = new WebsocketCommunicator(ChatConsumer.asAsgi({ channelLayer: layer, logger }), '/ws/');
    await communicator.connect();
    await layer.groupSend('broadcast', { type: 'close' });
    await layer.groupSend('broadcast', { type: '_private.thing' });
    expect(await communicator.receiveNothing()).toBe(true);
    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[0]).toMatch(/Invalid message type "close"/);
    await communicator.disconnect();
  });
});
