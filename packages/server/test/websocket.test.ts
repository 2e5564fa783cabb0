import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeText, encodeHeaders, encodeText, type AsgiApplication, type Send, type WebSocketReceiveEvents, type WebSocketScope } from '@manouche/asgi';
import type { Server } from '../src/index.js';
import { eventually, rawExchange, start } from './support.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close({ deadlineMs: 200 })));
});
async function up(...args: Parameters<typeof start>) {
  const server = await start(...args);
  servers.push(server);
  return server;
}
const wsUrl = (server: Server, path = '/ws') => `${server.url.replace('http', 'ws')}${path.slice(1)}`;

/** Accepts, then echoes text and bytes until the client leaves; records what it saw. */
function echoApp(seen: { scope?: WebSocketScope; disconnect?: WebSocketReceiveEvents } = {}): AsgiApplication {
  return async (scope, receive, send) => {
    if (scope.type !== 'websocket') return;
    seen.scope = scope;
    expect(await receive()).toEqual({ type: 'websocket.connect' });
    await send({ type: 'websocket.accept', subprotocol: scope.subprotocols.includes('chat') ? 'chat' : null, headers: encodeHeaders({ 'x-accepted': 'yes' }) });
    for (;;) {
      const event = await receive();
      if (event.type === 'websocket.disconnect') {
        seen.disconnect = event;
        return;
      }
      if (event.type !== 'websocket.receive') continue;
      if (event.text === 'close-4001') {
        await send({ type: 'websocket.close', code: 4001, reason: 'asked to' });
        return;
      }
      if (event.text != null) await send({ type: 'websocket.send', text: `echo: ${event.text}` });
      else await send({ type: 'websocket.send', bytes: event.bytes! });
    }
  };
}

function open(
  url: string,
  protocols?: string[],
  options: WebSocket.ClientOptions = {},
): Promise<{ ws: WebSocket; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    let headers: Record<string, string | string[] | undefined> = {};
    ws.once('upgrade', (res) => (headers = res.headers));
    ws.once('open', () => resolve({ ws, headers }));
    ws.once('error', reject);
  });
}
const nextMessage = (ws: WebSocket) =>
  new Promise<{ data: Buffer; isBinary: boolean }>((resolve) => ws.once('message', (data: Buffer, isBinary) => resolve({ data, isBinary })));
const closeOf = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

describe('WebSocket handshake', () => {
  it('accepts with the subprotocol and extra headers the app chose, and builds a websocket scope', async () => {
    const seen: { scope?: WebSocketScope } = {};
    const server = await up(echoApp(seen));
    const { ws, headers } = await open(`${wsUrl(server, '/chat/room?x=1')}`, ['chat', 'other']);
    expect(ws.protocol).toBe('chat');
    expect(headers['x-accepted']).toBe('yes');
    expect(seen.scope!.type).toBe('websocket');
    expect(seen.scope!.scheme).toBe('ws');
    expect(seen.scope!.path).toBe('/chat/room');
    expect(decodeText(seen.scope!.query_string)).toBe('x=1');
    expect(seen.scope!.subprotocols).toEqual(['chat', 'other']);
    expect(seen.scope!.extensions).toEqual({ 'websocket.http.response': {} });
    ws.close();
  });

  it('answers 403 when the app closes before accepting', async () => {
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'websocket') return;
      await receive();
      await send({ type: 'websocket.close' });
    });
    const error = await open(wsUrl(server)).catch((e: Error) => e);
    expect(String(error)).toContain('Unexpected server response: 403');
  });

  it('sends the denial response (websocket.http.response.*) the app streams instead of accepting', async () => {
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'websocket') return;
      await receive();
      await send({ type: 'websocket.http.response.start', status: 401, headers: encodeHeaders({ 'www-authenticate': 'Bearer' }) });
      await send({ type: 'websocket.http.response.body', body: encodeText('log in '), more_body: true });
      await send({ type: 'websocket.http.response.body', body: encodeText('first') });
    });
    const status = await new Promise<{ status: number; body: string; auth: unknown }>((resolve, reject) => {
      const ws = new WebSocket(wsUrl(server));
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body, auth: res.headers['www-authenticate'] }));
      });
      ws.on('error', reject);
    });
    expect(status).toEqual({ status: 401, body: 'log in first', auth: 'Bearer' });
  });

  it('answers 500 and logs when the app returns without accepting', async () => {
    const server = await up(async (scope, receive) => {
      if (scope.type === 'websocket') await receive();
    });
    const error = await open(wsUrl(server)).catch((e: Error) => e);
    expect(String(error)).toContain('500');
    expect(server.logger.text()).toContain('returned without accepting or closing WebSocket /ws');
  });

  it('answers 400 to a malformed handshake without calling the app', async () => {
    let calls = 0;
    const server = await up(async () => {
      calls += 1;
    });
    const { text } = await rawExchange(
      server.address.port,
      'GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n\r\n',
    );
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(calls).toBe(0);
  });
});

describe('WebSocket messages', () => {
  it('carries text and binary both ways', async () => {
    const server = await up(echoApp());
    const { ws } = await open(wsUrl(server));
    ws.send('hello');
    const text = await nextMessage(ws);
    expect(text.isBinary).toBe(false);
    expect(text.data.toString()).toBe('echo: hello');
    ws.send(Buffer.from([0, 1, 2, 255]));
    const bin = await nextMessage(ws);
    expect(bin.isBinary).toBe(true);
    expect([...bin.data]).toEqual([0, 1, 2, 255]);
    ws.close();
  });

  it('passes close codes both ways', async () => {
    const seen: { disconnect?: WebSocketReceiveEvents } = {};
    const server = await up(echoApp(seen));
    const a = (await open(wsUrl(server))).ws;
    const closed = closeOf(a);
    a.send('close-4001');
    expect(await closed).toEqual({ code: 4001, reason: 'asked to' });

    const b = (await open(wsUrl(server))).ws;
    b.close(4321, 'bye');
    await eventually(() => seen.disconnect);
    expect(seen.disconnect).toEqual({ type: 'websocket.disconnect', code: 4321, reason: 'bye' });
  });

  it('closes with 1009 when a message is larger than wsMaxPayload, and tells the app', async () => {
    const seen: { disconnect?: WebSocketReceiveEvents } = {};
    const server = await up(echoApp(seen), { limits: { wsMaxPayload: 1024 } });
    const { ws } = await open(wsUrl(server));
    const closed = closeOf(ws);
    ws.send('x'.repeat(2048));
    expect((await closed).code).toBe(1009);
    await eventually(() => seen.disconnect);
    expect((seen.disconnect as { code: number }).code).toBe(1009);
  });

  it('closes with 1011 and logs when the app throws after accepting', async () => {
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'websocket') return;
      await receive();
      await send({ type: 'websocket.accept' });
      await receive();
      throw new Error('handler broke');
    });
    const { ws } = await open(wsUrl(server));
    const closed = closeOf(ws);
    ws.send('anything');
    expect((await closed).code).toBe(1011);
    expect(server.logger.text()).toContain('handler broke');
  });

  it('pauses reading from a client that floods an app which does not read, then resumes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let received = 0;
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'websocket') return;
      await receive();
      await send({ type: 'websocket.accept' });
      await gate;
      for (;;) {
        const event = await receive();
        if (event.type !== 'websocket.receive') return;
        received += 1;
        if (received === 500) await send({ type: 'websocket.send', text: 'all' });
      }
    });
    const { ws } = await open(wsUrl(server));
    for (let i = 0; i < 500; i++) ws.send(`m${i}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    expect((await nextMessage(ws)).data.toString()).toBe('all');
    ws.close();
  });
});

describe('WebSocket keepalive', () => {
  it('pings clients and drops one that stops answering pongs', async () => {
    const server = await up(echoApp(), { limits: { wsPingInterval: 300 } });
    const healthy = (await open(wsUrl(server))).ws;
    let pings = 0;
    healthy.on('ping', () => (pings += 1));
    const silent = (await open(wsUrl(server), undefined, { autoPong: false })).ws;
    const closed = closeOf(silent);
    expect((await closed).code).toBe(1006);
    expect(pings).toBeGreaterThan(0);
    expect(healthy.readyState).toBe(WebSocket.OPEN);
    healthy.close();
  });
});

describe('WebSocket on shutdown', () => {
  it('closes open connections with 1001 and the app sees the disconnect', async () => {
    const seen: { disconnect?: WebSocketReceiveEvents } = {};
    const server = await start(echoApp(seen));
    const { ws } = await open(wsUrl(server));
    const closed = closeOf(ws);
    await server.close({ deadlineMs: 1000 });
    expect((await closed).code).toBe(1001);
    expect((seen.disconnect as { code: number }).code).toBe(1001);
  });
});

describe('WebSocket after the client left', () => {
  it('rejects send() with ClientDisconnectedError so a producer stops, without logging an exception', async () => {
    let sendError: unknown;
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'websocket') return;
      await receive();
      await send({ type: 'websocket.accept' });
      try {
        for (;;) {
          await send({ type: 'websocket.send', text: 'tick' });
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      } catch (error) {
        sendError = error;
        throw error;
      }
    });
    const { ws } = await open(wsUrl(server));
    await nextMessage(ws);
    ws.terminate();
    await eventually(() => sendError);
    expect(sendError).toMatchObject({ code: 'MANOUCHE_SERVER_CLIENT_DISCONNECTED' });
    expect(server.logger.text()).not.toContain('Exception');
  });
});

describe('WebSocket broadcast to many connections', () => {
  /** Accepts, then hands its send to `sends` so the test can drive every connection from one place. */
  function registerApp(sends: Send[]): AsgiApplication {
    return async (scope, receive, send) => {
      if (scope.type !== 'websocket') return;
      await receive();
      await send({ type: 'websocket.accept' });
      sends.push(send);
      while ((await receive()).type !== 'websocket.disconnect');
    };
  }
  const collect = (ws: WebSocket, count: number) =>
    new Promise<Array<string | Buffer>>((resolve) => {
      const seen: Array<string | Buffer> = [];
      ws.on('message', (data: Buffer, isBinary) => {
        seen.push(isBinary ? data : data.toString('utf8'));
        if (seen.length === count) resolve(seen);
      });
    });

  it('delivers each text intact to every connection when the same and different texts alternate in one turn', async () => {
    const sends: Send[] = [];
    const server = await up(registerApp(sends));
    const clients = await Promise.all([0, 1, 2].map(() => open(wsUrl(server))));
    await eventually(() => sends.length === 3);
    // Sizes on each side of the 7-bit, 16-bit and 64-bit length forms, and multi-byte UTF-8.
    const texts = ['hé ✓', 'x'.repeat(125), 'y'.repeat(126), 'z'.repeat(65_535), 'w'.repeat(65_536), '', 'hé ✓'];
    const received = clients.map(({ ws }) => collect(ws, texts.length * 2));
    for (const text of texts) {
      // One text to every client (a group message), then a text only this client gets, all in the same turn.
      for (const send of sends) void send({ type: 'websocket.send', text });
      sends.forEach((send, index) => void send({ type: 'websocket.send', text: `only ${index}` }));
    }
    const expected = (index: number) => texts.flatMap((text) => [text, `only ${index}`]);
    expect(await Promise.all(received)).toEqual([expected(0), expected(1), expected(2)]);
    for (const { ws } of clients) ws.close();
  });

  it('keeps text, binary and the close frame in the order the app sent them within one turn', async () => {
    const sends: Send[] = [];
    const server = await up(registerApp(sends));
    const { ws } = await open(wsUrl(server));
    await eventually(() => sends.length === 1);
    const received = collect(ws, 3);
    const closed = closeOf(ws);
    const send = sends[0]!;
    void send({ type: 'websocket.send', text: 'first' });
    void send({ type: 'websocket.send', bytes: new Uint8Array([1, 2, 3]) });
    void send({ type: 'websocket.send', text: 'first' });
    void send({ type: 'websocket.close', code: 4002, reason: 'done' });
    expect(await received).toEqual(['first', Buffer.from([1, 2, 3]), 'first']);
    expect(await closed).toEqual({ code: 4002, reason: 'done' });
  });
});
