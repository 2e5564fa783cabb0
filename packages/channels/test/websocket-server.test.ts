import { serve, type Server } from '@manouche/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { JsonWebsocketConsumer, URLRouter, WebsocketConsumer, path } from '../src/index.js';
import { captureLogger } from './support/capture-logger.js';

const FRAME = 'x'.repeat(16 * 1024);
const log = captureLogger();

/** Sends `count` frames, one per turn of the event loop, like a producer fed by a channel layer. */
class FloodConsumer extends WebsocketConsumer {
  static override sendBufferLimit = 256 * 1024;
  private stopped = false;
  override async connect() {
    await this.accept();
    const count = Number(new URLSearchParams(String.fromCharCode(...(this.scope as { query_string: Uint8Array }).query_string)).get('count'));
    void (async () => {
      for (let i = 0; i < count && !this.stopped; i += 1) {
        await this.sendText(FRAME);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (!this.stopped) await this.sendText('done');
    })();
  }
  override async disconnect() {
    this.stopped = true;
  }
}

class JsonEcho extends JsonWebsocketConsumer {
  override async receiveJson(content: unknown) {
    await this.sendJson(content);
  }
}

let server: Server;
beforeAll(async () => {
  const router = URLRouter([
    path('ws/flood/', FloodConsumer.asAsgi({ channelLayer: null, logger: log })),
    path('ws/json/', JsonEcho.asAsgi({ channelLayer: null, logger: log })),
  ]);
  server = await serve(router, { host: '127.0.0.1', port: 0, announce: false, handleSignals: false, limits: { wsMaxPayload: 64 * 1024 } });
});
afterAll(async () => {
  await server.close({ deadlineMs: 1000 });
});

function open(path: string): Promise<WebSocket> {
  const client = new WebSocket(`ws://127.0.0.1:${server.address.port}${path}`, { headers: { origin: 'http://127.0.0.1' } });
  return new Promise((resolve, reject) => {
    client.once('open', () => resolve(client));
    client.once('error', reject);
  });
}

function closed(client: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe('a consumer behind the real server', () => {
  it('streams far more than its send buffer limit to a client that keeps reading', async () => {
    // The listener goes on before the handshake completes: frames may arrive in the same read as the 101.
    const client = new WebSocket(`ws://127.0.0.1:${server.address.port}/ws/flood/?count=2000`);
    let frames = 0;
    const finished = new Promise<void>((resolve) =>
      client.on('message', (data) => {
        if (data.toString() === 'done') resolve();
        else frames += 1;
      }),
    );
    await finished;
    expect(frames).toBe(2000);
    client.close();
  });

  it('closes a client that stops reading with 1013 once its send buffer is full, and logs it', async () => {
    const client = await open('/ws/flood/?count=100000');
    client.pause();
    for (let attempt = 0; attempt < 600 && !log.lines.some((line) => line.includes('reads too slowly')); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(log.lines.join('\n')).toMatch(
      /FloodConsumer \(websocket \/ws\/flood\/\): the client reads too slowly \(\d+ bytes waiting, sendBufferLimit 262144\); closing with 1013/,
    );
    const closing = closed(client);
    let frames = 0;
    client.on('message', () => (frames += 1));
    client.resume();
    expect(await closing).toEqual({ code: 1013, reason: 'send buffer full' });
    // What reached the client is bounded: kernel buffers plus the server's high-water mark, not the 100,000 frames produced.
    expect(frames).toBeLessThan(100_000);
  });

  it('refuses a frame over the server limit with 1009', async () => {
    const client = await open('/ws/json/');
    const closing = closed(client);
    client.send(JSON.stringify({ big: 'y'.repeat(70 * 1024) }));
    expect((await closing).code).toBe(1009);
  });

  it('closes with 1007 when a JSON consumer receives text that is not JSON', async () => {
    const client = await open('/ws/json/');
    const closing = closed(client);
    client.send('{not json');
    expect(await closing).toEqual({ code: 1007, reason: 'invalid JSON' });
  });
});
