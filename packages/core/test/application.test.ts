import type { AsgiApplication, ReceiveEvent, SendEvent, WebSocketScope } from '@manouche/asgi';
import { callHttp, createHttpScope, createWebSocketScope, runLifespan, websocketSession } from '@manouche/asgi/testing';
import { describe, expect, it, vi } from 'vitest';
import { HttpResponse, JsonResponse, reverse, type HttpRequest } from '../src/index.js';
import { makeApp } from './support/app.js';

describe('lifespan', () => {
  it('runs startup and shutdown hooks in order, sharing state with requests', async () => {
    const calls: string[] = [];
    const { app } = makeApp([{ route: 'state/', view: (request: HttpRequest) => new JsonResponse(request.lifespanState) }], {
      onStartup: [
        (state) => {
          calls.push('start 1');
          state.pool = 'ready';
        },
        async () => void calls.push('start 2'),
      ],
      onShutdown: () => void calls.push('stop'),
    });
    const life = runLifespan(app);
    await life.startup();
    expect(life.state).toEqual({ pool: 'ready' });
    expect((await callHttp(app, { path: '/state/', state: life.state })).json()).toEqual({ pool: 'ready' });
    await life.shutdown();
    expect(calls).toEqual(['start 1', 'start 2', 'stop']);
  });

  it('reports a failing startup hook with its message', async () => {
    const { app } = makeApp([], {
      onStartup: () => {
        throw new Error('database unreachable at 127.0.0.1:5432');
      },
    });
    await expect(runLifespan(app).startup()).rejects.toThrow('database unreachable at 127.0.0.1:5432');
  });

  it('reports a failing shutdown hook with its message', async () => {
    const { app } = makeApp([], {
      onShutdown: async () => {
        throw new Error('could not flush the cache');
      },
    });
    const life = runLifespan(app);
    await life.startup();
    await expect(life.shutdown()).rejects.toThrow('could not flush the cache');
  });
});

/** Runs a websocket handshake on a server that supports denial responses; resolves with what the app sent. */
async function denialEvents(app: AsgiApplication, init: Parameters<typeof createWebSocketScope>[0]): Promise<SendEvent[]> {
  const scope: WebSocketScope = { ...createWebSocketScope(init), extensions: { 'websocket.http.response': {} } };
  const sent: SendEvent[] = [];
  let connected = false;
  const receive = async (): Promise<ReceiveEvent> => (connected ? new Promise(() => undefined) : ((connected = true), { type: 'websocket.connect' }));
  await app(scope, receive, async (event) => void sent.push(event));
  return sent;
}

describe('websocket scopes', () => {
  it('refuses the handshake with close 1000 when no handler is configured', async () => {
    const { app } = makeApp([]);
    const ws = websocketSession(app, { path: '/ws/' });
    expect(await ws.connect()).toEqual({ type: 'websocket.close', code: 1000 });
    await ws.finished;
  });

  it('sends a 403 denial response when the server supports it', async () => {
    const { app } = makeApp([]);
    const sent = await denialEvents(app, { path: '/ws/' });
    expect(sent.map((e) => e.type)).toEqual(['websocket.http.response.start', 'websocket.http.response.body']);
    expect((sent[0] as { status: number }).status).toBe(403);
  });

  it('hands websocket scopes to the websocket option', async () => {
    const echo: AsgiApplication = async (_scope, receive, send) => {
      await receive();
      await send({ type: 'websocket.accept' });
      const message = await receive();
      if (message.type === 'websocket.receive') await send({ type: 'websocket.send', text: `echo ${message.text}` });
      await send({ type: 'websocket.close', code: 1000 });
    };
    const { app } = makeApp([], { websocket: echo });
    const ws = websocketSession(app, { path: '/ws/' });
    expect((await ws.connect()).type).toBe('websocket.accept');
    ws.sendText('hi');
    expect(await ws.receive()).toEqual({ type: 'websocket.send', text: 'echo hi' });
  });
});

describe('websocket handshakes and ALLOWED_HOSTS', () => {
  const accepting: AsgiApplication = async (_scope, receive, send) => {
    await receive();
    await send({ type: 'websocket.accept' });
  };

  it('refuses a handshake whose Host is not in ALLOWED_HOSTS before the websocket app runs, and logs it', async () => {
    let ran = false;
    const { app, logger } = makeApp([], { websocket: async (...args) => ((ran = true), accepting(...args)) });
    const ws = websocketSession(app, { path: '/ws/', headers: { host: 'evil.example' } });
    expect(await ws.connect()).toEqual({ type: 'websocket.close', code: 1000 });
    await ws.finished;
    expect(ran).toBe(false);
    expect(logger.warnings).toContain(
      "DisallowedHost: Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to ALLOWED_HOSTS. (WebSocket /ws/)",
    );
  });

  it('answers a 400 denial response where the server supports one', async () => {
    const { app } = makeApp([], { websocket: accepting });
    const sent = await denialEvents(app, { path: '/ws/', headers: { host: 'evil.example' } });
    expect(sent.map((e) => e.type)).toEqual(['websocket.http.response.start', 'websocket.http.response.body']);
    expect((sent[0] as { status: number }).status).toBe(400);
    expect(new TextDecoder().decode((sent[1] as { body: Uint8Array }).body)).toBe('Bad Request (400)');
  });

  it('reads X-Forwarded-Host with USE_X_FORWARDED_HOST, as http requests do', async () => {
    const { app } = makeApp([], { websocket: accepting, settings: { USE_X_FORWARDED_HOST: true, ALLOWED_HOSTS: ['chat.example.com'] } });
    const allowed = websocketSession(app, { path: '/ws/', headers: { host: 'internal:8000', 'x-forwarded-host': 'chat.example.com' } });
    expect((await allowed.connect()).type).toBe('websocket.accept');
    const refused = websocketSession(app, { path: '/ws/', headers: { host: 'chat.example.com', 'x-forwarded-host': 'evil.example' } });
    expect((await refused.connect()).type).toBe('websocket.close');
  });
});

describe('request handling', () => {
  it('gives each request its own view instance and context', async () => {
    const seen: unknown[] = [];
    const { app } = makeApp([{ route: 'x/', view: (request: HttpRequest) => (seen.push(request.resolverMatch?.route), new HttpResponse('ok')) }]);
    await Promise.all([callHttp(app, { path: '/x/' }), callHttp(app, { path: '/x/' })]);
    expect(seen).toEqual(['x/', 'x/']);
  });
});

describe('the per-request context', () => {
  it('keeps concurrent applications apart for reverse and redirect', async () => {
    const { redirect } = await import('../src/index.js');
    // Each view waits until both are inside their views, so the two requests overlap.
    let arrived = 0;
    let bothInside!: () => void;
    const overlap = new Promise<void>((resolve) => (bothInside = resolve));
    const make = (prefix: string) =>
      makeApp([
        { route: `${prefix}/target/`, view: () => new HttpResponse(''), name: 'target' },
        {
          route: 'go/',
          view: async () => {
            if (++arrived === 2) bothInside();
            await overlap;
            return redirect('target');
          },
        },
      ]).app;
    const [a, b] = await Promise.all([callHttp(make('a'), { path: '/go/' }), callHttp(make('b'), { path: '/go/' })]);
    expect([a.header('location'), b.header('location')]).toEqual(['/a/target/', '/b/target/']);
  });
});

describe('sending a whole response', () => {
  const hello = () => new HttpResponse('hello');

  it('sends the body right after the start, and settles only once both sends have', async () => {
    const { app } = makeApp([{ route: 'r/', view: hello }]);
    const events: string[] = [];
    let startDone: () => void = () => undefined;
    const handled = app(
      createHttpScope({ path: '/r/' }),
      async () => ({ type: 'http.disconnect' }),
      (event: SendEvent) => {
        events.push(event.type);
        return event.type === 'http.response.start' ? new Promise<void>((resolve) => (startDone = resolve)) : Promise.resolve();
      },
    );
    let settled = false;
    void handled.then(() => (settled = true));
    await vi.waitFor(() => expect(events).toEqual(['http.response.start', 'http.response.body']));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    startDone();
    await handled;
  });

  it('logs a failed start once and fails with it, the failed body send handled too', async () => {
    const { app, logger } = makeApp([{ route: 'r/', view: hello }]);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const send = (event: SendEvent) => Promise.reject(new Error(event.type === 'http.response.start' ? 'start refused' : 'client gone'));
      await expect(app(createHttpScope({ path: '/r/' }), async () => ({ type: 'http.disconnect' }), send)).rejects.toThrow('start refused');
      await new Promise((resolve) => setTimeout(resolve, 5));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(logger.errors.map((entry) => entry.message)).toEqual(['Error while sending the response to GET /r/']);
  });

  it('hands back the gateway’s own fulfilled promise for a synchronous page, and leaves the request at once', async () => {
    const app = await makeApp([{ route: 'r/', view: hello }]).ready;
    const accepted = Promise.resolve();
    const events: string[] = [];
    const send = (event: SendEvent) => {
      events.push(event.type);
      return accepted;
    };
    const receive = async () => ({ type: 'http.disconnect' }) as const;
    await app(createHttpScope({ path: '/r/' }), receive, send);
    // Seen fulfilled once: from now on the app returns it without a reaction of its own.
    expect(app(createHttpScope({ path: '/r/' }), receive, send)).toBe(accepted);
    expect(events).toEqual(['http.response.start', 'http.response.body', 'http.response.start', 'http.response.body']);
    // The request is over when the app returns: reverse() outside a request finds no URLconf.
    expect(() => reverse('r')).toThrow(/needs the URLconf/);
  });

  it.each([
    ['synchronous', hello],
    ['asynchronous', async () => hello()],
  ])('still logs and fails a send that fails after earlier ones were fulfilled (%s view)', async (_kind, view) => {
    const { ready, logger } = makeApp([{ route: 'r/', view }]);
    const app = await ready;
    const accepted = Promise.resolve();
    const receive = async () => ({ type: 'http.disconnect' }) as const;
    await app(createHttpScope({ path: '/r/' }), receive, () => accepted);
    const failing = (event: SendEvent) => (event.type === 'http.response.body' ? Promise.reject(new Error('client gone')) : accepted);
    await expect(app(createHttpScope({ path: '/r/' }), receive, failing)).rejects.toThrow('client gone');
    expect(logger.errors.map((entry) => entry.message)).toEqual(['Error while sending the response to GET /r/']);
  });

  it('logs a failed body send once and fails with it', async () => {
    const { app, logger } = makeApp([{ route: 'r/', view: hello }]);
    const send = (event: SendEvent) => (event.type === 'http.response.body' ? Promise.reject(new Error('client gone')) : Promise.resolve());
    await expect(app(createHttpScope({ path: '/r/' }), async () => ({ type: 'http.disconnect' }), send)).rejects.toThrow('client gone');
    expect(logger.errors).toHaveLength(1);
    expect((logger.errors[0]!.error as Error).message).toBe('client gone');
  });
});
