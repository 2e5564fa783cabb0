import { describe, expect, it } from 'vitest';
import { concatBytes, decodeHeaders, decodeText, encodeHeaders, encodeText, type AsgiApplication } from '../src/index.js';
import { callHttp, createHttpScope, runLifespan, websocketSession } from '../src/testing.js';

const echoApp: AsgiApplication = async (scope, receive, send) => {
  if (scope.type !== 'http') return;
  const chunks: Uint8Array[] = [];
  let count = 0;
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') break;
    chunks.push(event.body);
    count += 1;
    if (!event.more_body) break;
  }
  const info = { method: scope.method, path: scope.path, query: decodeText(scope.query_string), chunks: count, state: scope.state ?? null };
  await send({
    type: 'http.response.start',
    status: 201,
    headers: encodeHeaders({ 'Content-Type': 'application/json', 'X-Body': decodeText(concatBytes(chunks)) }),
  });
  await send({ type: 'http.response.body', body: encodeText(JSON.stringify(info)) });
};

describe('callHttp', () => {
  it('delivers the request body in chunks with more_body and collects the response', async () => {
    const res = await callHttp(echoApp, { method: 'post', path: '/caf%C3%A9/?a=1&a=2', body: ['he', 'llo'], state: { db: 'x' } });
    expect(res.status).toBe(201);
    expect(res.header('x-body')).toBe('hello');
    expect(res.json()).toEqual({ method: 'POST', path: '/café/', query: 'a=1&a=2', chunks: 2, state: { db: 'x' } });
  });

  it('rejects when the app breaks the protocol', async () => {
    const bad: AsgiApplication = async (_scope, _receive, send) => {
      await send({ type: 'http.response.body', body: encodeText('x') });
    };
    await expect(callHttp(bad)).rejects.toThrow('body sent before http.response.start');
  });

  it('rejects when the app returns without responding', async () => {
    await expect(callHttp(async () => undefined)).rejects.toThrow('returned without sending http.response.start');
  });

  it('tells a long-polling app that the client disconnected after the response', async () => {
    let sawDisconnect = false;
    const app: AsgiApplication = async (_scope, receive, send) => {
      await receive();
      await send({ type: 'http.response.start', status: 204 });
      await send({ type: 'http.response.body' });
      sawDisconnect = (await receive()).type === 'http.disconnect';
    };
    await callHttp(app);
    expect(sawDisconnect).toBe(true);
  });

  it('collects trailers', async () => {
    const app: AsgiApplication = async (_scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 200, trailers: true });
      await send({ type: 'http.response.body', body: encodeText('x') });
      await send({ type: 'http.response.trailers', headers: encodeHeaders({ 'x-sum': '42' }) });
    };
    expect((await callHttp(app)).trailers).toEqual([['x-sum', '42']]);
  });
});

describe('createHttpScope', () => {
  it('adds a Host header, splits the query and keeps the raw path', () => {
    const scope = createHttpScope({ path: '/a%20b?x=1' });
    expect(scope.path).toBe('/a b');
    expect(decodeText(scope.raw_path)).toBe('/a%20b');
    expect(decodeText(scope.query_string)).toBe('x=1');
    expect(decodeHeaders(scope.headers)).toEqual([['host', 'testserver']]);
    expect(scope.asgi.version).toBe('3.0');
  });

  it('keeps a malformed percent escape as written instead of throwing', () => {
    expect(createHttpScope({ path: '/%E0%A4%A' }).path).toBe('/%E0%A4%A');
  });
});

describe('websocketSession', () => {
  const echo: AsgiApplication = async (scope, receive, send) => {
    if (scope.type !== 'websocket') return;
    await receive();
    if (scope.path === '/private') {
      await send({ type: 'websocket.http.response.start', status: 403, headers: [] });
      await send({ type: 'websocket.http.response.body', body: encodeText('forbidden') });
      return;
    }
    await send({ type: 'websocket.accept', subprotocol: scope.subprotocols[0] ?? null });
    for (;;) {
      const event = await receive();
      if (event.type === 'websocket.disconnect') return;
      if (event.type === 'websocket.receive') {
        if (event.text === 'bye') {
          await send({ type: 'websocket.close', code: 4000, reason: 'asked' });
          return;
        }
        await send(event.text != null ? { type: 'websocket.send', text: event.text } : { type: 'websocket.send', bytes: event.bytes ?? null });
      }
    }
  };

  it('accepts with a subprotocol and echoes text and bytes', async () => {
    const ws = websocketSession(echo, { path: '/ws', subprotocols: ['chat'] });
    expect(await ws.connect()).toEqual({ type: 'websocket.accept', subprotocol: 'chat' });
    ws.sendText('hi');
    expect(await ws.receive()).toEqual({ type: 'websocket.send', text: 'hi' });
    ws.sendBytes(new Uint8Array([7]));
    expect(await ws.receive()).toEqual({ type: 'websocket.send', bytes: new Uint8Array([7]) });
    ws.sendText('bye');
    expect(await ws.receive()).toEqual({ type: 'websocket.close', code: 4000, reason: 'asked' });
    await ws.finished;
  });

  it('surfaces a denial response', async () => {
    const ws = websocketSession(echo, { path: '/private' });
    expect(await ws.connect()).toMatchObject({ type: 'websocket.http.response.start', status: 403 });
    expect(await ws.receive()).toMatchObject({ type: 'websocket.http.response.body' });
  });

  it('ends the app when the client disconnects', async () => {
    const ws = websocketSession(echo, { path: '/ws' });
    await ws.connect();
    ws.disconnect(1001);
    await expect(ws.finished).resolves.toBeUndefined();
  });

  it('times out waiting for an event that never comes, saying what it waited for', async () => {
    const ws = websocketSession(echo, { path: '/ws' });
    await ws.connect();
    await expect(ws.receive(20)).rejects.toThrow('timed out after 20 ms waiting for a websocket event from the app');
    ws.disconnect();
  });
});

describe('runLifespan', () => {
  it('runs startup and shutdown and exposes the state the app filled', async () => {
    const events: string[] = [];
    const app: AsgiApplication = async (scope, receive, send) => {
      if (scope.type !== 'lifespan') return;
      for (;;) {
        const event = await receive();
        events.push(event.type);
        if (event.type === 'lifespan.startup') {
          scope.state!.pool = 'ready';
          await send({ type: 'lifespan.startup.complete' });
        } else if (event.type === 'lifespan.shutdown') {
          await send({ type: 'lifespan.shutdown.complete' });
          return;
        }
      }
    };
    const life = runLifespan(app);
    await life.startup();
    expect(life.state.pool).toBe('ready');
    await life.shutdown();
    expect(events).toEqual(['lifespan.startup', 'lifespan.shutdown']);
  });

  it("rejects startup with the app's message when it fails", async () => {
    const app: AsgiApplication = async (_scope, receive, send) => {
      await receive();
      await send({ type: 'lifespan.startup.failed', message: 'database unreachable' });
    };
    await expect(runLifespan(app).startup()).rejects.toThrow('database unreachable');
  });

  it('rejects when the app returns or throws instead of answering', async () => {
    await expect(runLifespan(async () => undefined).startup()).rejects.toThrow('returned without sending lifespan.startup.complete');
    await expect(
      runLifespan(async () => {
        throw new Error('boom');
      }).startup(),
    ).rejects.toThrow('boom');
  });
});
