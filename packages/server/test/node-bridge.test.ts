import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeText, encodeHeaders, encodeText, type AsgiApplication, type HttpScope } from '@manouche/asgi';
import { callHttp } from '@manouche/asgi/testing';
import { fromNodeHandler, toNodeHandler, type Server } from '../src/index.js';
import { expectOwnClientPerSession, memoryLogger, start } from './support.js';

const servers: Array<{ close(): unknown }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const echoApp: AsgiApplication = async (scope, receive, send) => {
  if (scope.type !== 'http') return;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') break;
    chunks.push(event.body);
    if (!event.more_body) break;
  }
  await send({ type: 'http.response.start', status: 201, headers: encodeHeaders({ 'x-path': scope.path, 'x-query': decodeText(scope.query_string) }) });
  await send({ type: 'http.response.body', body: Buffer.concat(chunks) });
};

describe('toNodeHandler', () => {
  it('mounts a gateway app in a plain node:http server', async () => {
    const server = http.createServer(toNodeHandler(echoApp));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise((resolve) => server.close(resolve)) });
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/items?id=3`, { method: 'PUT', body: 'payload' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-path')).toBe('/items');
    expect(res.headers.get('x-query')).toBe('id=3');
    expect(await res.text()).toBe('payload');
  });

  it('reports the client of the HTTP/2 session a stream came on, mounted in node:http2', async () => {
    const clients: HttpScope['client'][] = [];
    const server = http2.createServer(
      toNodeHandler(async (scope, _receive, send) => {
        if (scope.type !== 'http') return;
        clients.push(scope.client);
        await send({ type: 'http.response.start', status: 204 });
        await send({ type: 'http.response.body' });
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const { port } = server.address() as AddressInfo;
    const sessions = [http2.connect(`http://127.0.0.1:${port}`), http2.connect(`http://127.0.0.1:${port}`)];
    for (const session of sessions) {
      for (const path of ['/a', '/b']) {
        await new Promise<void>((resolve, reject) => {
          const stream = session.request({ ':path': path });
          stream.on('error', reject).on('end', resolve).resume();
        });
      }
    }
    expectOwnClientPerSession(sessions, clients);
    for (const session of sessions) session.close();
  });

  it('works as middleware inside a connect-style chain and logs app errors without leaking them', async () => {
    const logger = memoryLogger();
    const gateway = toNodeHandler(
      async () => {
        throw new Error('private detail');
      },
      { logger },
    );
    const chain = (req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/node') res.end('plain node');
      else gateway(req, res);
    };
    const server = http.createServer(chain);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise((resolve) => server.close(resolve)) });
    const { port } = server.address() as AddressInfo;
    expect(await (await fetch(`http://127.0.0.1:${port}/node`)).text()).toBe('plain node');
    const res = await fetch(`http://127.0.0.1:${port}/app`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('private detail');
    expect(logger.text()).toContain('private detail');
  });

  it('reports an Express mount point as root_path and keeps the full path', async () => {
    let seen: { path: string; root: string } | undefined;
    const gateway = toNodeHandler(async (scope, _r, send) => {
      if (scope.type !== 'http') return;
      seen = { path: scope.path, root: scope.root_path };
      await send({ type: 'http.response.start', status: 204 });
      await send({ type: 'http.response.body' });
    });
    // What express.use('/mount', handler) does to the request before calling the handler.
    const server = http.createServer((req, res) => {
      Object.assign(req, { originalUrl: req.url, baseUrl: '/mount', url: req.url!.slice('/mount'.length) });
      gateway(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise((resolve) => server.close(resolve)) });
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/mount/inner/page?x=1`);
    expect(seen).toEqual({ path: '/mount/inner/page', root: '/mount' });
  });
});

describe('fromNodeHandler', () => {
  /** A tiny connect-style handler: routes, reads the body, calls next() or next(error). */
  const handler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => {
    if (req.url === '/echo') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, body, host: req.headers.host, ip: req.socket.remoteAddress }));
      });
    } else if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('a');
      setTimeout(() => res.end('b'), 10);
    } else if (req.url === '/fail') {
      next!(new Error('handler failed'));
    } else if (req.url === '/throw') {
      throw new Error('handler threw');
    } else {
      next!();
    }
  };

  it('serves a Node handler as a gateway app over a real server', async () => {
    const server: Server = await start(fromNodeHandler(handler));
    servers.push(server);
    const res = await fetch(`${server.url}echo`, { method: 'POST', body: 'hello' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ method: 'POST', body: 'hello', host: `127.0.0.1:${server.address.port}`, ip: '127.0.0.1' });
    expect(await (await fetch(`${server.url}stream`)).text()).toBe('ab');
  });

  it('answers 500 for next(error) and for a throw, logging the error', async () => {
    const logger = memoryLogger();
    const app = fromNodeHandler(handler, { logger });
    const failed = await callHttp(app, { path: '/fail' });
    expect(failed.status).toBe(500);
    expect(failed.text()).toBe('Internal Server Error');
    expect((await callHttp(app, { path: '/throw' })).status).toBe(500);
    expect(logger.text()).toContain('Exception in the Node handler for GET /fail');
    expect(logger.text()).toContain('handler threw');
  });

  it('answers 404 when the handler falls through with next()', async () => {
    const res = await callHttp(fromNodeHandler(handler), { path: '/missing' });
    expect(res.status).toBe(404);
    expect(res.text()).toBe('Cannot GET /missing');
  });

  it('round-trips: a gateway app, bridged to Node and back, still answers', async () => {
    const server: Server = await start(fromNodeHandler(toNodeHandler(echoApp) as never));
    servers.push(server);
    const res = await fetch(`${server.url}x?y=1`, { method: 'POST', body: encodeText('round') });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('round');
  });
});
