import { callHttp } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import {
  DisallowedRedirect,
  HttpResponse,
  HttpResponseNotAllowed,
  HttpResponseNotModified,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  InvalidResponse,
  JsonResponse,
  StreamingHttpResponse,
  type HttpRequest,
  type HttpResponseBase,
} from '../src/index.js';
import { makeApp } from './support/app.js';

function serveOne(response: () => HttpResponseBase | Promise<HttpResponseBase>) {
  return makeApp([{ route: 'r/', view: response }]).app;
}

describe('HttpResponse', () => {
  it('defaults to 200 text/html with a Content-Length', async () => {
    const res = await callHttp(
      serveOne(() => new HttpResponse('<p>héllo</p>')),
      { path: '/r/' },
    );
    expect(res.status).toBe(200);
    expect(res.header('content-type')).toBe('text/html; charset=utf-8');
    expect(res.header('content-length')).toBe(String(Buffer.byteLength('<p>héllo</p>')));
    expect(res.text()).toBe('<p>héllo</p>');
  });

  it('encodes text bodies as UTF-8 whatever their length, a short ASCII one byte for byte', () => {
    for (const text of ['', 'Hello, World!', 'x'.repeat(31) + 'é', 'x'.repeat(32), 'é', '€ and 🎸', 'y'.repeat(33), 'a'.repeat(40) + '✓']) {
      const content = new HttpResponse(text).content;
      expect(Buffer.from(content).equals(Buffer.from(text, 'utf8')), JSON.stringify(text)).toBe(true);
      expect(new HttpResponse(text).text).toBe(text);
    }
  });

  it('takes status, content type and headers, case-insensitively', async () => {
    const response = new HttpResponse('nope', { status: 418, contentType: 'text/plain', headers: { 'X-Custom': 'yes' } });
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(response.reasonPhrase).toBe("I'm a Teapot");
    const res = await callHttp(
      serveOne(() => response),
      { path: '/r/' },
    );
    expect([res.status, res.header('content-type'), res.header('x-custom')]).toEqual([418, 'text/plain', 'yes']);
  });

  it('rejects an impossible status and header values with line breaks', () => {
    expect(() => new HttpResponse('', { status: 99 })).toThrow('HTTP status code must be an integer from 100 to 599, got 99');
    expect(() => new HttpResponse('', { headers: { 'x-bad': 'a\r\nSet-Cookie: evil=1' } })).toThrow();
  });

  it('sends no body for HEAD, but the same headers', async () => {
    const res = await callHttp(
      serveOne(() => new HttpResponse('body')),
      { method: 'HEAD', path: '/r/' },
    );
    expect(res.header('content-length')).toBe('4');
    expect(res.body.byteLength).toBe(0);
  });

  it('sends 304 without a body or content type', async () => {
    const res = await callHttp(
      serveOne(() => new HttpResponseNotModified()),
      { path: '/r/' },
    );
    expect(res.status).toBe(304);
    expect(res.header('content-type')).toBeUndefined();
  });
});

describe('JsonResponse', () => {
  it('serializes objects, bigint ids and dates', async () => {
    const res = await callHttp(
      serveOne(() => new JsonResponse({ id: 1n, huge: 2n ** 70n, at: new Date(0) })),
      { path: '/r/' },
    );
    expect(res.header('content-type')).toBe('application/json');
    expect(res.text()).toBe('{"id":1,"huge":"1180591620717411303424","at":"1970-01-01T00:00:00.000Z"}');
  });

  it('converts bigints wherever they sit: rows, nested arrays, null-prototype objects, class instances and toJSON results', () => {
    class Row {
      constructor(readonly id: bigint) {}
    }
    const rows = [{ id: 3n, tags: [1n, 'x', null], nested: { big: -(2n ** 64n) } }, Object.assign(Object.create(null), { id: 2n })];
    const text = new JsonResponse({ rows, instance: new Row(7n), viaToJSON: { toJSON: () => ({ id: 9n }) } }).text;
    expect(text).toBe('{"rows":[{"id":3,"tags":[1,"x",null],"nested":{"big":"-18446744073709551616"}},{"id":2}],"instance":{"id":7},"viaToJSON":{"id":9}}');
    // the data itself is left unchanged
    expect(rows[0]!.id).toBe(3n);
  });

  it('reports a cycle as JSON.stringify does', () => {
    const cyclic: Record<string, unknown> = { id: 1n };
    cyclic.self = cyclic;
    expect(() => new JsonResponse(cyclic)).toThrow(/circular/i);
  });

  it('refuses non-objects unless safe is false', () => {
    expect(() => new JsonResponse([1, 2])).toThrow(InvalidResponse);
    expect(() => new JsonResponse('x')).toThrow('set the safe option to false');
    expect(new JsonResponse([1, 2], { safe: false }).text).toBe('[1,2]');
  });
});

describe('redirects', () => {
  it('sends 302 and 301 with an encoded Location', () => {
    const temporary = new HttpResponseRedirect('/blog/café/?q=a b');
    expect([temporary.status, temporary.url]).toEqual([302, '/blog/caf%C3%A9/?q=a%20b']);
    expect(new HttpResponsePermanentRedirect('https://example.com/').status).toBe(301);
  });

  it('refuses schemes other than http, https and ftp', () => {
    expect(() => new HttpResponseRedirect('javascript:alert(1)')).toThrow(DisallowedRedirect);
    expect(() => new HttpResponseRedirect('data:text/html,x')).toThrow("Unsafe redirect to URL with protocol 'data'");
  });

  it('lists permitted methods on 405', () => {
    expect(new HttpResponseNotAllowed(['get', 'post']).headers.get('allow')).toBe('GET, POST');
  });
});

describe('StreamingHttpResponse', () => {
  it('sends each chunk as its own body event', async () => {
    async function* rows() {
      yield 'a,b\n';
      yield new TextEncoder().encode('1,2\n');
    }
    const res = await callHttp(
      serveOne(() => new StreamingHttpResponse(rows(), { contentType: 'text/csv' })),
      { path: '/r/' },
    );
    expect(res.text()).toBe('a,b\n1,2\n');
    expect(res.header('content-length')).toBeUndefined();
    const bodies = res.events.filter((e) => e.type === 'http.response.body');
    expect(bodies.map((e) => (e as { more_body?: boolean }).more_body)).toEqual([true, true, false]);
  });

  it('closes the iterable without reading it for HEAD', async () => {
    const events: string[] = [];
    async function* rows() {
      try {
        events.push('read');
        yield 'row';
      } finally {
        events.push('closed');
      }
    }
    const res = await callHttp(
      serveOne(() => new StreamingHttpResponse(rows())),
      { method: 'HEAD', path: '/r/' },
    );
    expect(res.body.byteLength).toBe(0);
    expect(events).toEqual([]);
    const started = rows();
    await started.next();
    await new StreamingHttpResponse(started).close();
    expect(events).toEqual(['read', 'closed']);
  });

  it('ends the response abruptly (the app throws) when the stream fails after it started', async () => {
    async function* failing() {
      yield 'partial';
      throw new Error('stream broke');
    }
    const { app, logger } = makeApp([{ route: 'r/', view: () => new StreamingHttpResponse(failing()) }]);
    await expect(callHttp(app, { path: '/r/' })).rejects.toThrow('stream broke');
    expect(logger.errors[0]!.message).toBe('Error while sending the response to GET /r/');
  });
});

describe('cookies', () => {
  it('sets cookies with every option, Expires derived from maxAge', async () => {
    const res = await callHttp(
      serveOne(() =>
        new HttpResponse('')
          .setCookie('theme', 'dark blue', { maxAge: 3600, domain: 'example.com', secure: true, httpOnly: true, sameSite: 'Lax' })
          .setCookie('__Host-id', '1'),
      ),
      { path: '/r/' },
    );
    const cookies = res.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value);
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(/^theme=dark%20blue; Max-Age=3600; Domain=example.com; Path=\/; Expires=.+ GMT; HttpOnly; Secure; SameSite=Lax$/);
    expect(cookies[1]).toBe('__Host-id=1; Path=/; Secure');
  });

  it('deletes a cookie by expiring it', () => {
    const response = new HttpResponse('').deleteCookie('theme', { path: '/blog/' });
    expect(response.cookies.get('theme')).toBe('theme=; Max-Age=0; Path=/blog/; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  });

  it('rejects an unknown sameSite value and an invalid cookie name', () => {
    expect(() => new HttpResponse('').setCookie('a', 'b', { sameSite: 'sometimes' as never })).toThrow(
      `Cookie "a": sameSite must be 'Lax', 'Strict' or 'None', got "sometimes"`,
    );
    expect(() => new HttpResponse('').setCookie('bad name', 'b')).toThrow('Cookie "bad name" cannot be set');
  });
});

describe('signed cookies', () => {
  const routes = [
    { route: 'set/', view: () => new HttpResponse('').setSignedCookie('visits', '3', { salt: 'counter' }) },
    {
      route: 'get/',
      view: (request: HttpRequest) => {
        const options = { salt: request.query.get('salt') ?? 'counter', maxAge: Number(request.query.get('maxAge') ?? 60) };
        return new JsonResponse({ value: request.getSignedCookie('visits', options) ?? null });
      },
    },
  ];

  async function signedValue(secret = 'first-secret'): Promise<string> {
    const { app } = makeApp(routes, { settings: { SECRET_KEY: secret } });
    const header = (await callHttp(app, { path: '/set/' })).header('set-cookie')!;
    return header.split(';')[0]!.slice('visits='.length);
  }

  it('round-trips a value signed with SECRET_KEY', async () => {
    const { app } = makeApp(routes, { settings: { SECRET_KEY: 'first-secret' } });
    const value = await signedValue();
    expect(decodeURIComponent(value)).toMatch(/^3:[0-9A-Za-z]+:[\w-]+$/);
    expect((await callHttp(app, { path: '/get/', headers: { cookie: `visits=${value}` } })).json()).toEqual({ value: '3' });
    expect((await callHttp(app, { path: '/get/' })).json()).toEqual({ value: null });
  });

  it('rejects a tampered value, another salt and another SECRET_KEY with 500 BadSignature', async () => {
    const value = decodeURIComponent(await signedValue());
    const { app, logger } = makeApp(routes, { settings: { SECRET_KEY: 'first-secret' } });
    const tampered = `4${value.slice(1)}`;
    expect((await callHttp(app, { path: '/get/', headers: { cookie: `visits=${encodeURIComponent(tampered)}` } })).status).toBe(500);
    expect((await callHttp(app, { path: '/get/?salt=other', headers: { cookie: `visits=${encodeURIComponent(value)}` } })).status).toBe(500);
    const other = makeApp(routes, { settings: { SECRET_KEY: 'second-secret' } });
    expect((await callHttp(other.app, { path: '/get/', headers: { cookie: `visits=${encodeURIComponent(value)}` } })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).name).toBe('BadSignature');
  });

  it('expires after maxAge and returns the default instead of throwing when one is given', async () => {
    const value = await signedValue();
    const { app, logger } = makeApp(
      [
        ...routes,
        {
          route: 'default/',
          view: (request: HttpRequest) => new JsonResponse({ value: request.getSignedCookie('visits', { salt: 'counter', maxAge: -1, default: 'fallback' }) }),
        },
      ],
      { settings: { SECRET_KEY: 'first-secret' } },
    );
    expect((await callHttp(app, { path: '/get/?maxAge=-1', headers: { cookie: `visits=${value}` } })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).name).toBe('SignatureExpired');
    expect((await callHttp(app, { path: '/default/', headers: { cookie: `visits=${value}` } })).json()).toEqual({ value: 'fallback' });
  });

  it('needs a key outside a request', () => {
    expect(() => new HttpResponse('').setSignedCookie('a', 'b')).toThrow('Cookie "a" cannot be signed: no SECRET_KEY');
    expect(new HttpResponse('').setSignedCookie('a', 'b', { key: 'k' }).cookies.get('a')).toMatch(/^a=b%3A/);
  });
});
