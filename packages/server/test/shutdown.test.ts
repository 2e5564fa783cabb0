import { describe, expect, it } from 'vitest';
import { encodeText, type AsgiApplication } from '@manouche/asgi';
import { connect, eventually, start } from './support.js';

function slowApp(ms: number, log: string[] = []): AsgiApplication {
  return async (scope, _r, send) => {
    if (scope.type !== 'http') return;
    log.push(`start ${scope.path}`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    await send({ type: 'http.response.start', status: 200 });
    await send({ type: 'http.response.body', body: encodeText(`done ${scope.path}`) });
    log.push(`end ${scope.path}`);
  };
}

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    const log: string[] = [];
    const server = await start(slowApp(300, log));
    const inFlight = fetch(`${server.url}slow`).then((r) => r.text());
    await eventually(() => log.includes('start /slow'));
    const closing = server.close({ deadlineMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(fetch(`${server.url}new`)).rejects.toThrow();
    expect(await inFlight).toBe('done /slow');
    await closing;
  });

  it('tells the in-flight keep-alive connection to close with its response', async () => {
    const log: string[] = [];
    const server = await start(slowApp(200, log));
    const socket = await connect(server.address.port);
    let received = '';
    socket.on('data', (c) => (received += c.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /ka HTTP/1.1\r\nHost: x\r\n\r\n');
    await eventually(() => log.includes('start /ka'));
    await server.close({ deadlineMs: 2000 });
    await closed;
    expect(received).toMatch(/connection: close/i);
    expect(received).toContain('done /ka');
  });

  it('closes idle keep-alive connections at once', async () => {
    const server = await start(slowApp(0), { limits: { keepAliveTimeout: 60_000 } });
    const socket = await connect(server.address.port);
    socket.on('data', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    let answered = '';
    socket.on('data', (c: Buffer) => (answered += c.toString()));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await eventually(() => answered.includes('done /'));
    // keepAliveTimeout is a minute and the deadline far beyond the test's timeout: only closing idle connections ends this.
    await server.close({ deadlineMs: 60_000 });
    await closed;
  });

  it('keeps a request running until the deadline, then cuts it, and its app sees http.disconnect', async () => {
    let seen: string | undefined;
    let sendMore!: () => void;
    const more = new Promise<void>((resolve) => (sendMore = resolve));
    const server = await start(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await receive();
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText('streaming '), more_body: true });
      await more;
      await send({ type: 'http.response.body', body: encodeText('after close began'), more_body: true });
      seen = (await receive()).type;
    });
    const res = await fetch(server.url);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    const closing = server.close({ deadlineMs: 300 });
    // Shutdown has begun, yet the running request may still stream until the deadline.
    sendMore();
    while (!text.includes('after close began')) text += decoder.decode((await reader.read()).value);
    expect(seen).toBeUndefined();
    await closing;
    await expect(reader.read()).rejects.toThrow();
    await eventually(() => seen);
    expect(seen).toBe('http.disconnect');
  });

  it('resolves `closed` and returns the same promise from repeated close() calls', async () => {
    const server = await start(slowApp(0));
    const a = server.close();
    const b = server.close();
    expect(a).toBe(b);
    await a;
    await server.closed;
  });
});
