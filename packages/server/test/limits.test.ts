import { once } from 'node:events';
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeText, type AsgiApplication } from '@manouche/asgi';
import { limitsFromSettings, type Server } from '../src/index.js';
import { connect, eventually, rawExchange, start, testCertificate, textApp } from './support.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close({ deadlineMs: 100 })));
});
async function up(...args: Parameters<typeof start>) {
  const server = await start(...args);
  servers.push(server);
  return server;
}

function countingApp(): AsgiApplication & { calls: number } {
  const app = Object.assign(
    async (...args: Parameters<AsgiApplication>) => {
      app.calls += 1;
      await textApp('ok')(...args);
    },
    { calls: 0 },
  );
  return app;
}

const drain = async (receive: Parameters<AsgiApplication>[1]) => {
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request' || !event.more_body) return event;
  }
};

describe('header size limit', () => {
  it('answers 431 to a request head larger than maxHeaderSize, without calling the app', async () => {
    const app = countingApp();
    const server = await up(app, { limits: { maxHeaderSize: 1024 } });
    const { text } = await rawExchange(server.address.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(2000)}\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(app.calls).toBe(0);
  });
});

describe('body size limit', () => {
  it('answers 413 when Content-Length is over maxBodySize, before the app runs', async () => {
    const app = countingApp();
    const server = await up(app, { limits: { maxBodySize: 10 } });
    const res = await fetch(server.url, { method: 'POST', body: 'x'.repeat(11) });
    expect(res.status).toBe(413);
    expect(app.calls).toBe(0);
    expect((await fetch(server.url, { method: 'POST', body: 'x'.repeat(10) })).status).toBe(200);
  });

  it('reads Content-Length and Transfer-Encoding in any case, and no other header of the same length', async () => {
    const bodies: string[] = [];
    const server = await up(
      async (scope, receive, send) => {
        if (scope.type !== 'http') return;
        let body = '';
        for (;;) {
          const event = await receive();
          if (event.type !== 'http.request') break;
          body += new TextDecoder().decode(event.body);
          if (!event.more_body) break;
        }
        bodies.push(body);
        await textApp('ok')(scope, receive, send);
      },
      { limits: { maxBodySize: 10 } },
    );
    const port = server.address.port;
    const tooLarge = await rawExchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nCONTENT-LENGTH: 11\r\n\r\nxxxxxxxxxxx');
    expect(tooLarge.text).toMatch(/^HTTP\/1\.1 413 /);
    const sized = await rawExchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nAccept-Charset: utf-8\r\ncontent-Length: 5\r\nConnection: close\r\n\r\nhello');
    expect(sized.text).toMatch(/^HTTP\/1\.1 200 /);
    const chunked = await rawExchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nTRANSFER-encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n');
    expect(chunked.text).toMatch(/^HTTP\/1\.1 200 /);
    // A same-length name is not taken for a body: the request has none, and the app sees an empty one.
    const bodiless = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nAccept-Charset: 99999\r\nX-Transfer-Encode: chunked\r\nConnection: close\r\n\r\n');
    expect(bodiless.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodies).toEqual(['hello', 'abc', '']);
  });

  it('answers 413 and disconnects the app when a chunked body grows past the limit', async () => {
    let last: string | undefined;
    const server = await up(
      async (scope, receive, send) => {
        if (scope.type !== 'http') return;
        last = (await drain(receive)).type;
        await send({ type: 'http.response.start', status: 200 }).catch(() => undefined);
      },
      { limits: { maxBodySize: 100 } },
    );
    const socket = await connect(server.address.port);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
    for (let i = 0; i < 5; i++) socket.write(`32\r\n${'y'.repeat(50)}\r\n`);
    await eventually(() => received.includes('413'));
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/connection: close/i);
    await eventually(() => last);
    expect(last).toBe('http.disconnect');
    socket.destroy();
  });
});

describe('timeouts', () => {
  it('cuts off a slowloris client that never finishes its headers', async () => {
    const app = countingApp();
    const server = await up(app, { limits: { headersTimeout: 300, requestTimeout: 600 } });
    const socket = await connect(server.address.port);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    const closed = once(socket, 'close');
    socket.write('GET / HTTP/1.1\r\n');
    // The client keeps sending header lines: only the server can end this exchange.
    const drip = setInterval(() => socket.writable && socket.write('X-Slow: a\r\n'), 50);
    await closed;
    clearInterval(drip);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(app.calls).toBe(0);
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const server = await up(textApp('ok'), { limits: { keepAliveTimeout: 200 } });
    const socket = await connect(server.address.port);
    const closed = once(socket, 'close');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).not.toMatch(/connection: close/i);
  });

  it('answers 408 when the whole request takes longer than requestTimeout', async () => {
    const server = await up(
      async (scope, receive, send) => {
        if (scope.type !== 'http') return;
        await drain(receive);
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.body' });
      },
      { limits: { requestTimeout: 300, headersTimeout: 300 } },
    );
    const socket = await connect(server.address.port);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc');
    await eventually(() => received.includes('408') || socket.destroyed, 3000);
    expect(received).toMatch(/408/);
    socket.destroy();
  });
});

/** What a raw client got before the server closed its connection. */
function watch(socket: net.Socket): { received: () => string; closed: Promise<unknown> } {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  return { received: () => received, closed: once(socket, 'close') };
}

/** Sends one request on an open connection and resolves with the first response bytes. */
async function ask(socket: net.Socket, path = '/'): Promise<string> {
  let text = '';
  const answered = new Promise<string>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) resolve(text);
    });
    socket.once('close', () => reject(new Error(`connection closed before an answer (got ${JSON.stringify(text)})`)));
  });
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  return answered;
}

describe('silent connections', () => {
  it('closes a connection that sends no byte within headersTimeout, without answering', async () => {
    const app = countingApp();
    const server = await up(app, { limits: { headersTimeout: 200 } });
    const silent = watch(await connect(server.address.port));
    await silent.closed;
    expect(silent.received()).toBe('');
    expect(app.calls).toBe(0);
  });

  it('closes silent connections in cleartext HTTP/2 mode and before the TLS handshake too', async () => {
    const h2c = await up(countingApp(), { http2: true, limits: { headersTimeout: 200 } });
    const tls = await up(countingApp(), { http2: { tls: testCertificate() }, limits: { headersTimeout: 200 } });
    const silent = [watch(await connect(h2c.address.port)), watch(await connect(tls.address.port))];
    await Promise.all(silent.map((connection) => connection.closed));
    expect(silent.map((connection) => connection.received())).toEqual(['', '']);
  });

  it('keeps a keep-alive connection that has spoken open past headersTimeout', async () => {
    const server = await up(textApp('ok'), { limits: { headersTimeout: 200, keepAliveTimeout: 60_000 } });
    const socket = await connect(server.address.port);
    expect(await ask(socket, '/first')).toMatch(/^HTTP\/1\.1 200 /);
    // Idle for several header timeouts: only a connection that never sent a byte is cut.
    await new Promise((resolve) => setTimeout(resolve, 600));
    socket.removeAllListeners('data');
    socket.removeAllListeners('close');
    expect(await ask(socket, '/second')).toMatch(/^HTTP\/1\.1 200 /);
    socket.destroy();
  });
});

describe('connection limit', () => {
  it('closes connections beyond maxConnections at once and accepts again when one leaves', async () => {
    const app = countingApp();
    const server = await up(app, { limits: { maxConnections: 2, headersTimeout: 60_000 } });
    const first = await connect(server.address.port);
    const second = await connect(server.address.port);
    // Node accepts in order: the third is accepted after the first two, over the limit, and closed unanswered.
    const third = watch(await connect(server.address.port));
    await third.closed;
    expect(third.received()).toBe('');
    expect(server.logger.text()).toContain('Refused a connection: maxConnections (2) connections are open (1 refused so far)');
    expect(await ask(first)).toMatch(/^HTTP\/1\.1 200 /);

    second.destroy();
    // Once the server has seen the second one close, a new connection is served again.
    const answer = await eventually(
      async () => {
        const next = await connect(server.address.port);
        try {
          return await ask(next);
        } finally {
          next.destroy();
        }
      },
      5_000,
      'a connection accepted after one left',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(app.calls).toBe(2);
    first.destroy();
  });

  it('rejects a negative maxConnections and takes 0 as no limit', async () => {
    await expect(start(textApp('x'), { limits: { maxConnections: -1 } })).rejects.toThrow(
      'Invalid server option "limits.maxConnections": expected an integer >= 0, got -1',
    );
    const server = await up(textApp('ok'), { limits: { maxConnections: 0 } });
    const sockets = await Promise.all(Array.from({ length: 5 }, () => connect(server.address.port)));
    expect(await Promise.all(sockets.map((socket) => ask(socket)))).toEqual(Array(5).fill(expect.stringMatching(/^HTTP\/1\.1 200 /)));
    for (const socket of sockets) socket.destroy();
  });
});

describe('request body data rate', () => {
  const echoLength: AsgiApplication = async (scope, receive, send) => {
    if (scope.type !== 'http') return;
    let length = 0;
    for (;;) {
      const event = await receive();
      if (event.type !== 'http.request') {
        bodyEvents.push(event.type);
        return;
      }
      length += event.body.length;
      if (!event.more_body) break;
    }
    await send({ type: 'http.response.start', status: 200 });
    await send({ type: 'http.response.body', body: encodeText(`read ${length}`) });
  };
  const bodyEvents: string[] = [];

  /**
   * Declares a 100,000-byte body and sends it one byte every 20 ms (50 bytes/s: over half an hour in all) until
   * the server closes the connection; resolves with what came back and how many body bytes went out.
   */
  async function trickle(port: number): Promise<{ received: string; dripped: number }> {
    const socket = await connect(port);
    const client = watch(socket);
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n');
    let dripped = 0;
    const drip = setInterval(() => socket.writable && socket.write('x', () => (dripped += 1)), 20);
    await client.closed;
    clearInterval(drip);
    return { received: client.received(), dripped };
  }

  it('answers 408, closes the connection and disconnects the app when a body trickles in below minBodyRate', async () => {
    bodyEvents.length = 0;
    const server = await up(echoLength, { limits: { minBodyRate: 1000, minBodyRateGracePeriod: 200 } });
    const { received, dripped } = await trickle(server.address.port);
    expect(dripped).toBeLessThan(100000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toMatch(/connection: close/i);
    await eventually(() => bodyEvents.length > 0);
    expect(bodyEvents).toEqual(['http.disconnect']);
  });

  it('does not count the time the app spends before reading the body against the client', async () => {
    const server = await up(
      async (scope, receive, send) => {
        // Busy for several grace periods before the first receive(): the body sits waiting, the client is not to blame.
        await new Promise((resolve) => setTimeout(resolve, 600));
        await echoLength(scope, receive, send);
      },
      { limits: { minBodyRate: 1_000_000, minBodyRateGracePeriod: 100 } },
    );
    const res = await fetch(server.url, { method: 'POST', body: 'y'.repeat(5000) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('read 5000');
  });

  it('ends the connection after the response when the app leaves a trickling body unread', async () => {
    const server = await up(textApp('not reading'), { limits: { minBodyRate: 0 } });
    const { received, dripped } = await trickle(server.address.port);
    // Closed while the client still had most of its body to send, not after it finished.
    expect(dripped).toBeLessThan(100000);
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toMatch(/connection: close/i);
  });
});

describe('malformed requests', () => {
  it.each([
    ['a garbage request line', 'HELLO\r\n\r\n'],
    ['a bad header line', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'],
    ['HTTP/1.1 without Host', 'GET / HTTP/1.1\r\n\r\n'],
    ['conflicting Content-Length and Transfer-Encoding', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ])('answers 400 to %s and never calls the app', async (_what, request) => {
    const app = countingApp();
    const server = await up(app);
    const { text } = await rawExchange(server.address.port, request);
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(app.calls).toBe(0);
  });
});

describe('malformed bodies', () => {
  it('answers 400 to an invalid chunk size and gives the app http.disconnect instead of the bad bytes', async () => {
    let event: string | undefined;
    const server = await up(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      event = (await drain(receive)).type;
      await send({ type: 'http.response.start', status: 200 }).catch(() => undefined);
    });
    const { text } = await rawExchange(server.address.port, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    await eventually(() => event);
    expect(event).toBe('http.disconnect');
  });
});

describe('application failures', () => {
  it('answers 500 with no internals when the app throws, and logs the error with method and path', async () => {
    const server = await up(async () => {
      throw new Error('secret database password is hunter2');
    });
    const res = await fetch(`${server.url}boom`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toBe('Internal Server Error');
    expect(body).not.toContain('hunter2');
    expect(server.logger.text()).toContain('Exception in the application for POST /boom');
    expect(server.logger.text()).toContain('hunter2');
  });

  it('answers 500 and logs method and path when the app returns without responding', async () => {
    const server = await up(async () => undefined);
    const res = await fetch(`${server.url}silent?x=1`);
    expect(res.status).toBe(500);
    expect(server.logger.text()).toContain('The application returned without sending a response for GET /silent');
  });

  it('answers 500 when the app hands back the promise of its start event without sending the body', async () => {
    const server = await up((scope, _r, send) => (scope.type === 'http' ? send({ type: 'http.response.start', status: 200 }) : Promise.resolve()));
    const res = await fetch(`${server.url}half`);
    expect(res.status).toBe(500);
    expect(server.logger.text()).toContain('The application returned without completing its response for GET /half');
  });

  it('serves a whole response from an app that hands back the promise of its last send', async () => {
    const server = await up((scope, _r, send) => {
      if (scope.type !== 'http') return Promise.resolve();
      void send({ type: 'http.response.start', status: 200, headers: [[encodeText('content-type'), encodeText('text/plain')]] });
      return send({ type: 'http.response.body', body: encodeText('whole') });
    });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(server.url);
      expect([res.status, await res.text()]).toEqual([200, 'whole']);
    }
    expect(server.logger.text()).not.toMatch(/application|error/i);
  });

  it('answers 500 when the app started a response but never sent its body', async () => {
    const server = await up(async (scope, _r, send) => {
      if (scope.type === 'http') await send({ type: 'http.response.start', status: 200 });
    });
    expect((await fetch(server.url)).status).toBe(500);
    expect(server.logger.text()).toContain('without completing its response for GET /');
  });

  it('cuts the connection when the app throws after the body started, so the client sees a truncated response', async () => {
    const server = await up(async (scope, _r, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText('half'), more_body: true });
      throw new Error('midway');
    });
    const res = await fetch(server.url);
    await expect(res.text()).rejects.toThrow();
    expect(server.logger.text()).toContain('midway');
  });

  it('logs the protocol error from @manouche/asgi naming the event and field, and answers 500', async () => {
    const server = await up(async (scope, _r, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start' } as never);
    });
    const res = await fetch(server.url);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('Internal Server Error');
    const log = server.logger.text();
    expect(log).toContain('http.response.start: missing required field "status"');
    expect(log.match(/Protocol error/g)).toHaveLength(1);
  });

  it('logs a body sent after more_body: false', async () => {
    const server = await up(async (scope, _r, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText('a') });
      await send({ type: 'http.response.body', body: encodeText('b') });
    });
    const res = await fetch(server.url);
    expect(await res.text()).toBe('a');
    await eventually(() => server.logger.text().includes('send after close'));
  });

  it('answers 500 when the app sends a header the HTTP layer refuses', async () => {
    const server = await up(async (scope, _r, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200, headers: [[encodeText('x-bad'), encodeText('a\nb')]] });
      await send({ type: 'http.response.body', body: encodeText('x') });
    });
    const res = await fetch(server.url);
    expect(res.status).toBe(500);
    expect(server.logger.text()).toContain('Exception in the application for GET /');
  });
});

describe('options', () => {
  it('rejects an unknown limit and a bad port with errors naming the option', async () => {
    await expect(start(textApp('x'), { limits: { maxHeaderSize: -1 } })).rejects.toThrow(
      'Invalid server option "limits.maxHeaderSize": expected an integer >= 1, got -1',
    );
    await expect(start(textApp('x'), { limits: { bogus: 1 } as never })).rejects.toThrow('limits.bogus');
    await expect(start(textApp('x'), { port: 1.5 })).rejects.toMatchObject({ code: 'MANOUCHE_SERVER_OPTION' });
  });

  it('reads the SERVER_LIMITS setting as limits, naming the setting in errors', () => {
    expect(limitsFromSettings({ SERVER_LIMITS: { maxConnections: 500, minBodyRate: 0 } })).toEqual({ maxConnections: 500, minBodyRate: 0 });
    expect(limitsFromSettings({})).toEqual({});
    expect(limitsFromSettings(undefined)).toEqual({});
    expect(() => limitsFromSettings({ SERVER_LIMITS: { headersTimeout: 0 } })).toThrow(
      'Invalid server option "settings.SERVER_LIMITS.headersTimeout": expected an integer >= 1, got 0',
    );
    expect(() => limitsFromSettings({ SERVER_LIMITS: [1] })).toThrow('"settings.SERVER_LIMITS": expected an object');
  });

  it('reports a port already in use with the address', async () => {
    const first = await up(textApp('x'));
    await expect(start(textApp('x'), { port: first.address.port })).rejects.toThrow(`Cannot listen on 127.0.0.1:${first.address.port}`);
  });
});
