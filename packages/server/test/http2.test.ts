import http2 from 'node:http2';
import https from 'node:https';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeText, encodeHeaders, encodeText, type AsgiApplication, type HttpScope } from '@manouche/asgi';
import type { Server } from '../src/index.js';
import { connect, eventually, expectOwnClientPerSession, rawExchange, start, testCertificate } from './support.js';

/** Reports the protocol, echoes the body, and sends a trailer when the client accepts them. */
const app: AsgiApplication = async (scope, receive, send) => {
  if (scope.type === 'websocket') {
    await receive();
    await send({ type: 'websocket.accept' });
    await send({ type: 'websocket.send', text: `ws over ${scope.scheme}` });
    await receive();
    return;
  }
  if (scope.type !== 'http') return;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') break;
    chunks.push(event.body);
    if (!event.more_body) break;
  }
  const trailers = scope.extensions?.['http.response.trailers'] !== undefined;
  await send({
    type: 'http.response.start',
    status: 200,
    trailers,
    headers: encodeHeaders({
      'content-type': 'text/plain',
      'x-host': decodeText(scope.headers.find(([n]) => decodeText(n) === 'host')?.[1] ?? new Uint8Array()),
      connection: 'keep-alive',
    }),
  });
  await send({ type: 'http.response.body', body: encodeText(`${scope.http_version} ${scope.scheme} ${scope.method} ${scope.path} `), more_body: true });
  await send({ type: 'http.response.body', body: Buffer.concat(chunks), more_body: false });
  if (trailers) await send({ type: 'http.response.trailers', headers: encodeHeaders({ 'grpc-status': '0' }) });
};

function h2Request(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body?: string) {
  return new Promise<{ status: number; headers: http2.IncomingHttpHeaders; body: string; trailers: http2.IncomingHttpHeaders }>((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    let text = '';
    let responseHeaders: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    stream.on('response', (h) => (responseHeaders = h));
    stream.on('trailers', (t) => (trailers = t));
    stream.on('data', (c: Buffer) => (text += c.toString()));
    stream.on('end', () => resolve({ status: Number(responseHeaders[':status']), headers: responseHeaders, body: text, trailers }));
    stream.on('error', reject);
    if (body !== undefined) {
      stream.write(body.slice(0, 3));
      stream.end(body.slice(3));
    }
  });
}

describe('HTTP/2 over TLS with ALPN', () => {
  let server: Server;
  const cert = testCertificate();
  beforeAll(async () => {
    server = await start(app, { http2: { tls: cert } });
  });
  afterAll(() => server.close({ deadlineMs: 200 }));

  it('serves HTTP/2 to node:http2 clients, streaming request and response bodies', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const session = http2.connect(server.url, { ca: cert.cert });
    const res = await h2Request(session, { ':method': 'POST', ':path': '/upload' }, 'hello h2');
    expect(res.status).toBe(200);
    expect(res.body).toBe('2 https POST /upload hello h2');
    expect(res.headers['x-host']).toBe(`127.0.0.1:${server.address.port}`);
    session.close();
  });

  it('sends trailers over HTTP/2 when the client says TE: trailers', async () => {
    const session = http2.connect(server.url, { ca: cert.cert });
    const res = await h2Request(session, { ':path': '/grpc', te: 'trailers' });
    expect(res.trailers['grpc-status']).toBe('0');
    session.close();
  });

  it("reports the session's client for every stream, and another session's for its own", async () => {
    const clients: HttpScope['client'][] = [];
    const clientServer = await start(
      async (scope, receive, send) => {
        if (scope.type !== 'http') return;
        clients.push(scope.client);
        await send({ type: 'http.response.start', status: 204 });
        await send({ type: 'http.response.body' });
      },
      { http2: { tls: cert } },
    );
    try {
      const sessions = [http2.connect(clientServer.url, { ca: cert.cert }), http2.connect(clientServer.url, { ca: cert.cert })];
      for (const session of sessions) {
        await Promise.all([h2Request(session, { ':path': '/a' }), h2Request(session, { ':path': '/b' })]);
      }
      expectOwnClientPerSession(sessions, clients);
      for (const session of sessions) session.close();
    } finally {
      await clientServer.close({ deadlineMs: 200 });
    }
  });

  it('multiplexes concurrent streams on one session', async () => {
    const session = http2.connect(server.url, { ca: cert.cert });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => h2Request(session, { ':path': `/s${n}` })));
    expect(results.map((r) => r.body)).toEqual([1, 2, 3, 4, 5].map((n) => `2 https GET /s${n} `));
    session.close();
  });

  it('falls back to HTTP/1.1 for clients that do not offer h2', async () => {
    const body = await new Promise<{ text: string; alpn: string | false | null }>((resolve, reject) => {
      https
        .get(server.url + 'old', { ca: cert.cert }, (res) => {
          const alpn = (res.socket as tls.TLSSocket).alpnProtocol;
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ text, alpn }));
        })
        .on('error', reject);
    });
    expect(body).toEqual({ text: '1.1 https GET /old ', alpn: false });
  });

  it('serves WebSocket over TLS (wss) on the same port', async () => {
    const ws = new WebSocket(server.url.replace('https', 'wss'), { ca: cert.cert });
    const message = await new Promise<string>((resolve, reject) => {
      ws.once('message', (data: Buffer) => resolve(data.toString()));
      ws.once('error', reject);
    });
    expect(message).toBe('ws over wss');
    ws.close();
  });
});

describe('cleartext HTTP/2 with prior knowledge', () => {
  let server: Server;
  beforeAll(async () => {
    server = await start(app, { http2: true });
  });
  afterAll(() => server.close({ deadlineMs: 200 }));

  it('serves HTTP/2 to a client that starts with the preface', async () => {
    const session = http2.connect(server.url);
    const res = await h2Request(session, { ':method': 'POST', ':path': '/h2c' }, 'plain');
    expect(res.body).toBe('2 http POST /h2c plain');
    session.close();
  });

  it('still serves HTTP/1.1 and WebSocket on the same port', async () => {
    const res = await fetch(`${server.url}h1`, { method: 'POST', body: 'x' });
    expect(await res.text()).toBe('1.1 http POST /h1 x');
    const ws = new WebSocket(server.url.replace('http', 'ws'));
    const message = await new Promise<string>((resolve) => ws.once('message', (d: Buffer) => resolve(d.toString())));
    expect(message).toBe('ws over ws');
    ws.close();
  });

  it('gives the app the scope of an HTTP/2 request, with :authority as host', async () => {
    let seen: HttpScope | undefined;
    const inner = await start(
      async (scope, _r, send) => {
        if (scope.type !== 'http') return;
        seen = scope;
        await send({ type: 'http.response.start', status: 204 });
        await send({ type: 'http.response.body' });
      },
      { http2: true },
    );
    const session = http2.connect(inner.url);
    await h2Request(session, { ':path': '/p?q=1' });
    session.close();
    await inner.close({ deadlineMs: 100 });
    expect(seen!.http_version).toBe('2');
    expect(decodeText(seen!.query_string)).toBe('q=1');
    expect(seen!.headers.some(([n]) => decodeText(n).startsWith(':'))).toBe(false);
    expect(seen!.headers.map(([n, v]) => [decodeText(n), decodeText(v)])).toContainEqual(['host', `127.0.0.1:${inner.address.port}`]);
  });
});

describe('HTTP/2 limits and shutdown', () => {
  it('answers 413 to an HTTP/2 request whose body is over maxBodySize', async () => {
    const server = await start(app, { http2: true, limits: { maxBodySize: 8 } });
    const session = http2.connect(server.url);
    const res = await h2Request(session, { ':method': 'POST', ':path': '/big' }, 'more than eight bytes');
    expect(res.status).toBe(413);
    session.close();
    await server.close({ deadlineMs: 200 });
  });

  it('lets an in-flight HTTP/2 stream finish during a graceful shutdown', async () => {
    let started = false;
    const slow: AsgiApplication = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText('finished') });
    };
    const server = await start(slow, { http2: { tls: testCertificate() } });
    const session = http2.connect(server.url, { ca: testCertificate().cert });
    const pending = h2Request(session, { ':path': '/slow' });
    await eventually(() => started);
    await server.close({ deadlineMs: 3000 });
    expect((await pending).body).toBe('finished');
    session.destroy();
  });
});

describe('one header limit for HTTP/1.1 and HTTP/2', () => {
  let server: Server;
  let session: http2.ClientHttp2Session;
  beforeAll(async () => {
    server = await start(app, { http2: true });
    // node:http2 clients refuse to send a header block over 64 KiB unless told otherwise.
    session = http2.connect(server.url, { maxSendHeaderBlockLength: 1024 * 1024 });
  });
  afterAll(async () => {
    session.destroy();
    await server.close({ deadlineMs: 200 });
  });
  const headerOf = (bytes: number) => ({ 'x-big': 'a'.repeat(bytes) });

  it('answers 431 to a 20 KiB header over HTTP/1.1 and over HTTP/2, first stream of the session included', async () => {
    const overH1 = await rawExchange(server.address.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expect(overH1.text).toMatch(/^HTTP\/1\.1 431 /);
    // The first request goes out before the client has acknowledged the server's SETTINGS.
    const fresh = http2.connect(server.url, { maxSendHeaderBlockLength: 1024 * 1024 });
    const first = await h2Request(fresh, { ':path': '/first', ...headerOf(20 * 1024) });
    expect(first.status).toBe(431);
    expect(first.body).toBe('Request Header Fields Too Large');
    fresh.close();
    expect((await h2Request(session, { ':path': '/later', ...headerOf(20 * 1024) })).status).toBe(431);
  });

  it('serves a header just under the limit on both protocols', async () => {
    expect((await fetch(`${server.url}ok`, { headers: headerOf(15 * 1024) })).status).toBe(200);
    expect((await h2Request(session, { ':path': '/ok', ...headerOf(15 * 1024) })).status).toBe(200);
  });

  it('answers a 70 KiB header with 431 on its stream while other streams on the connection carry on', async () => {
    const stream = session.request({ ':method': 'POST', ':path': '/in-flight' });
    let body = '';
    stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
    const inFlight = new Promise<string>((resolve, reject) => {
      let status = '';
      stream.on('response', (headers) => (status = String(headers[':status'])));
      stream.on('end', () => resolve(`${status} ${body}`));
      stream.on('error', reject);
    });
    stream.write('first half, ');

    const rejected = await h2Request(session, { ':path': '/huge', ...headerOf(70 * 1024) });
    expect(rejected.status).toBe(431);

    stream.end('second half');
    expect(await inFlight).toBe('200 2 http POST /in-flight first half, second half');
    expect((await h2Request(session, { ':path': '/after' })).status).toBe(200);
    expect(session.destroyed).toBe(false);
  });
});

describe('HTTP/1.1 fallback limits over TLS', () => {
  it('answers 431 to an oversized head on the HTTP/1.1 fallback', async () => {
    const cert = testCertificate();
    const server = await start(app, { http2: { tls: cert }, limits: { maxHeaderSize: 1024 } });
    const text = await new Promise<string>((resolve) => {
      const socket = tls.connect({ port: server.address.port, host: '127.0.0.1', ca: cert.cert, servername: 'localhost' }, () => {
        socket.write(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(4000)}\r\n\r\n`);
      });
      let out = '';
      socket.on('data', (c: Buffer) => (out += c.toString()));
      socket.on('close', () => resolve(out));
      socket.on('error', () => resolve(out));
    });
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    await server.close({ deadlineMs: 200 });
  });
});

describe('cleartext protocol detection', () => {
  it('waits for enough bytes to tell a slow "P" of POST from the HTTP/2 preface', async () => {
    const server = await start(app, { http2: true });
    const socket = await connect(server.address.port);
    let received = '';
    socket.on('data', (c: Buffer) => (received += c.toString()));
    socket.write('P');
    await new Promise((resolve) => setTimeout(resolve, 30));
    socket.write('OST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi');
    await eventually(() => received.endsWith('0\r\n\r\n'));
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toContain('1.1 http POST /slow ');
    expect(received).toContain('\r\nhi\r\n');
    socket.destroy();
    await server.close({ deadlineMs: 200 });
  });
});
