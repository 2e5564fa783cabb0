import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeText, encodeHeaders, encodeText, type AsgiApplication, type HttpScope, type ReceiveEvent } from '@manouche/asgi';
import type { Server } from '../src/index.js';
import { connect, eventually, rawExchange, start, textApp } from './support.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close({ deadlineMs: 100 })));
});
async function up(...args: Parameters<typeof start>) {
  const server = await start(...args);
  servers.push(server);
  return server;
}

describe('HTTP/1.1 scope', () => {
  it('describes the request the way the protocol says: decoded path, raw path, query, lower-case headers, client and server', async () => {
    let seen: HttpScope | undefined;
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      seen = scope;
      await send({ type: 'http.response.start', status: 204 });
      await send({ type: 'http.response.body' });
    });
    const res = await fetch(`${server.url}caf%C3%A9/a%2Fb?x=1&x=2`, { headers: { 'X-Custom': 'Value' } });
    expect(res.status).toBe(204);
    expect(seen!.method).toBe('GET');
    expect(seen!.http_version).toBe('1.1');
    expect(seen!.scheme).toBe('http');
    expect(seen!.path).toBe('/café/a/b');
    expect(decodeText(seen!.raw_path)).toBe('/caf%C3%A9/a%2Fb');
    expect(decodeText(seen!.query_string)).toBe('x=1&x=2');
    const headers = seen!.headers.map(([n, v]) => [decodeText(n), decodeText(v)]);
    expect(headers).toContainEqual(['x-custom', 'Value']);
    expect(headers).toContainEqual(['host', `127.0.0.1:${server.address.port}`]);
    expect(seen!.client?.[0]).toBe('127.0.0.1');
    expect(seen!.server).toEqual(['127.0.0.1', server.address.port]);
    expect(seen!.asgi).toEqual({ version: '3.0', spec_version: '2.4' });
  });

  it('gives each connection its own client, the same frozen pair for every request on it', async () => {
    const clients: HttpScope['client'][] = [];
    const server = await up(
      textApp((scope) => {
        clients.push(scope.client);
        return 'ok';
      }),
    );
    const received: string[] = [];
    const sockets = [await connect(server.address.port), await connect(server.address.port)];
    for (const [i, socket] of sockets.entries()) {
      received[i] = '';
      socket.on('data', (chunk) => (received[i] += chunk.toString()));
      socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n');
      await eventually(() => received[i]!.split('HTTP/1.1 200').length === 3);
    }
    expect(clients).toEqual([
      ['127.0.0.1', sockets[0]!.localPort],
      ['127.0.0.1', sockets[0]!.localPort],
      ['127.0.0.1', sockets[1]!.localPort],
      ['127.0.0.1', sockets[1]!.localPort],
    ]);
    expect(sockets[0]!.localPort).not.toBe(sockets[1]!.localPort);
    // Shared by the requests of a connection, so an app cannot change what the next request sees.
    expect(Object.isFrozen(clients[0])).toBe(true);
    for (const socket of sockets) socket.destroy();
  });

  it('serves several requests on one keep-alive connection', async () => {
    let count = 0;
    const server = await up(textApp(() => `request ${++count}`));
    const socket = await connect(server.address.port);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n');
    await eventually(() => received.includes('request 2'));
    expect(received).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(received).toContain('request 1');
    expect(received).toMatch(/content-length: 9/i);
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });

  it('answers HEAD without a body but with the length the GET would have', async () => {
    const server = await up(textApp('hello'));
    const res = await fetch(server.url, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('5');
    expect(await res.text()).toBe('');
  });
});

describe('response bodies', () => {
  const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const bytesApp: AsgiApplication = async (scope, _receive, send) => {
    if (scope.type !== 'http') return;
    const body = scope.path === '/large' ? Buffer.concat(Array.from({ length: 200 }, () => everyByte)) : everyByte;
    await send({ type: 'http.response.start', status: 200, headers: encodeHeaders({ 'content-type': 'application/octet-stream' }) });
    // Streamed: a large chunk, then a small last one, which is written after the head went out.
    if (scope.path === '/streamed') await send({ type: 'http.response.body', body: everyByte.subarray(0, 100), more_body: true });
    await send({ type: 'http.response.body', body: scope.path === '/streamed' ? everyByte.subarray(100) : body });
  };

  it('delivers every byte value unchanged: in a small body joined to the head, a large one, and a streamed one', async () => {
    const server = await up(bytesApp);
    const small = Buffer.from(await (await fetch(`${server.url}small`)).arrayBuffer());
    expect(small.equals(everyByte)).toBe(true);
    const large = await fetch(`${server.url}large`);
    expect(large.headers.get('content-length')).toBe(String(256 * 200));
    expect(Buffer.from(await large.arrayBuffer()).equals(Buffer.concat(Array.from({ length: 200 }, () => everyByte)))).toBe(true);
    const streamed = await fetch(`${server.url}streamed`);
    expect(streamed.headers.get('transfer-encoding')).toBe('chunked');
    expect(Buffer.from(await streamed.arrayBuffer()).equals(everyByte)).toBe(true);
  });
});

describe('response headers', () => {
  it('sends each response the header values it was given, when an app reuses and rewrites the same header buffers', async () => {
    // The server remembers header text per position between responses: a buffer rewritten in place must not get stale text.
    const name = encodeText('x-served-for');
    const value = new Uint8Array(5);
    const app: AsgiApplication = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      value.set(encodeText(scope.path.slice(1, 6).padEnd(5, '-')));
      await send({ type: 'http.response.start', status: 200, headers: [[name, value]] });
      await send({ type: 'http.response.body', body: encodeText('ok') });
    };
    const server = await up(app);
    for (const path of ['alpha', 'bravo', 'alpha', 'delta']) {
      expect((await fetch(`${server.url}${path}`)).headers.get('x-served-for')).toBe(path);
    }
    // Headers in a different order and number on the next response.
    const ordered: AsgiApplication = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      const headers = encodeHeaders(scope.path === '/one' ? { 'x-a': '1', 'x-b': '2' } : { 'x-b': '3', 'x-c': '4', 'x-a': '5' });
      await send({ type: 'http.response.start', status: 200, headers });
      await send({ type: 'http.response.body', body: encodeText('ok') });
    };
    const second = await up(ordered);
    const one = await fetch(`${second.url}one`);
    expect([one.headers.get('x-a'), one.headers.get('x-b'), one.headers.get('x-c')]).toEqual(['1', '2', null]);
    const two = await fetch(`${second.url}two`);
    expect([two.headers.get('x-a'), two.headers.get('x-b'), two.headers.get('x-c')]).toEqual(['5', '3', '4']);
  });
  it('adds content-length by what a reused name buffer spells now, not what it spelled on the last response', async () => {
    // The server remembers per position whether a name is content-length: a name rewritten in place must be looked at again.
    const name = new Uint8Array(14);
    const app: AsgiApplication = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      name.set(encodeText(scope.path === '/length' ? 'content-length' : 'x-other-header'));
      await send({ type: 'http.response.start', status: 200, headers: [[name, encodeText('2')]] });
      await send({ type: 'http.response.body', body: encodeText('ok') });
    };
    const server = await up(app);
    for (const path of ['length', 'other', 'length', 'other']) {
      const { text } = await rawExchange(server.address.port, `GET /${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(text.match(/^content-length: 2\r$/gim)).toHaveLength(1);
      expect(text).not.toMatch(/transfer-encoding/i);
      if (path === 'other') expect(text).toMatch(/^x-other-header: 2\r$/im);
    }
  });
  it('sends a header rewritten in place past its first 4 bytes, and one whose bytes sit at an odd offset', async () => {
    // Aligned bytes are compared 4 at a time with the text remembered for them, the rest byte by byte.
    const long = encodeText('value-0000-end');
    const backing = new Uint8Array(9);
    const odd = backing.subarray(1, 9);
    const app: AsgiApplication = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      const tag = scope.path.slice(1);
      long.set(encodeText(tag), 6);
      odd.set(encodeText(`odd-${tag}`));
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [
          [encodeText('x-long'), long],
          [encodeText('x-odd'), odd],
        ],
      });
      await send({ type: 'http.response.body', body: encodeText('ok') });
    };
    const server = await up(app);
    for (const tag of ['1111', '2222', '2223', '3222']) {
      const res = await fetch(`${server.url}${tag}`);
      expect([res.headers.get('x-long'), res.headers.get('x-odd')]).toEqual([`value-${tag}-end`, `odd-${tag}`]);
    }
  });
});

describe('request headers', () => {
  it('gives each request its own header names when consecutive requests send different headers in the same positions', async () => {
    const seen: string[][] = [];
    const server = await up(async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      seen.push(scope.headers.map(([name, value]) => `${decodeText(name)}=${decodeText(value)}`));
      await send({ type: 'http.response.start', status: 204 });
      await send({ type: 'http.response.body' });
    });
    const heads = ['X-One: 1\r\nX-Two: 2', 'X-One: 1\r\nX-Three: 3', 'x-three: 3\r\nX-One: 1'];
    const request = heads.map((head) => `GET / HTTP/1.1\r\nHost: h\r\n${head}\r\n\r\n`).join('');
    const { text } = await rawExchange(server.address.port, request, 500);
    expect(text.match(/HTTP\/1\.1 204/g)).toHaveLength(3);
    expect(seen).toEqual([
      ['host=h', 'x-one=1', 'x-two=2'],
      ['host=h', 'x-one=1', 'x-three=3'],
      ['host=h', 'x-three=3', 'x-one=1'],
    ]);
  });
});

describe('request bodies', () => {
  it('delivers a chunked upload as http.request events with more_body, ending with more_body false', async () => {
    const events: Array<{ body: string; more: boolean }> = [];
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      for (;;) {
        const event = await receive();
        if (event.type !== 'http.request') break;
        events.push({ body: decodeText(event.body), more: event.more_body });
        if (!event.more_body) break;
      }
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText(events.map((e) => e.body).join('')) });
    });
    const socket = await connect(server.address.port);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.write('POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    await eventually(() => events.length === 1);
    socket.write('6\r\n world\r\n0\r\n\r\n');
    await eventually(() => received.includes('hello world'));
    expect(events[0]).toEqual({ body: 'hello', more: true });
    expect(events.at(-1)!.more).toBe(false);
    expect(events.map((e) => e.body).join('')).toBe('hello world');
    socket.destroy();
  });

  it('gives a bodiless request one empty http.request event with more_body false', async () => {
    const events: ReceiveEvent[] = [];
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      events.push(await receive());
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body' });
    });
    await fetch(server.url);
    expect(events).toEqual([{ type: 'http.request', body: new Uint8Array(0), more_body: false }]);
  });

  it('reads a JSON body sent by fetch', async () => {
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      const chunks: Uint8Array[] = [];
      for (;;) {
        const event = await receive();
        if (event.type !== 'http.request') break;
        chunks.push(event.body);
        if (!event.more_body) break;
      }
      const data = JSON.parse(Buffer.concat(chunks).toString()) as { n: number };
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText(String(data.n * 2)) });
    });
    const res = await fetch(server.url, { method: 'POST', body: JSON.stringify({ n: 21 }), headers: { 'content-type': 'application/json' } });
    expect(await res.text()).toBe('42');
  });
});

describe('streamed responses', () => {
  it('streams body events to the client as they are sent', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = await up(async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText('first,'), more_body: true });
      await gate;
      await send({ type: 'http.response.body', body: encodeText('second'), more_body: false });
    });
    const res = await fetch(server.url);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(decodeText(first.value!)).toBe('first,');
    release();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decodeText(r.value);
    expect(rest).toBe('second');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
  });

  it('sends http.disconnect when the client goes away mid-response, and send() then rejects', async () => {
    let disconnected: ReceiveEvent | undefined;
    let sendError: unknown;
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await receive();
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText('partial'), more_body: true });
      disconnected = await receive();
      try {
        await send({ type: 'http.response.body', body: encodeText('late'), more_body: true });
      } catch (error) {
        sendError = error;
      }
    });
    const socket = await connect(server.address.port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    socket.destroy();
    await eventually(() => sendError !== undefined);
    expect(disconnected).toEqual({ type: 'http.disconnect' });
    expect((sendError as { code: string }).code).toBe('MANOUCHE_SERVER_CLIENT_DISCONNECTED');
    expect(server.logger.text()).not.toContain('Exception');
  });

  it('returns http.disconnect from receive() once the response is complete', async () => {
    let after: ReceiveEvent | undefined;
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await receive();
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText('done') });
      after = await receive();
    });
    expect(await (await fetch(server.url)).text()).toBe('done');
    await eventually(() => after);
    expect(after).toEqual({ type: 'http.disconnect' });
  });
});

describe('trailers', () => {
  const trailerApp: AsgiApplication = async (scope, _receive, send) => {
    if (scope.type !== 'http') return;
    const accepted = scope.extensions?.['http.response.trailers'] !== undefined;
    await send({ type: 'http.response.start', status: 200, trailers: accepted, headers: encodeHeaders({ 'content-type': 'text/plain' }) });
    await send({ type: 'http.response.body', body: encodeText('body'), more_body: false });
    if (accepted) await send({ type: 'http.response.trailers', headers: encodeHeaders({ 'x-checksum': 'abc123' }) });
  };

  it('offers the trailers extension and sends trailers when the client says TE: trailers', async () => {
    const server = await up(trailerApp);
    const { text } = await rawExchange(server.address.port, 'GET / HTTP/1.1\r\nHost: x\r\nTE: trailers\r\nConnection: close\r\n\r\n');
    expect(text).toMatch(/transfer-encoding: chunked/i);
    expect(text).toMatch(/4\r\nbody\r\n0\r\nx-checksum: abc123\r\n\r\n$/i);
  });

  it('does not offer the extension when the client did not ask for trailers', async () => {
    const server = await up(trailerApp);
    const { text } = await rawExchange(server.address.port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(text).not.toContain('x-checksum');
    expect(text).toMatch(/content-length: 4/i);
  });

  it('receives trailers through node:http as a client', async () => {
    const server = await up(trailerApp);
    const trailers = await new Promise<Record<string, string | undefined>>((resolve, reject) => {
      http
        .get(server.url, { headers: { te: 'trailers' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.trailers));
        })
        .on('error', reject);
    });
    expect(trailers['x-checksum']).toBe('abc123');
  });
});
