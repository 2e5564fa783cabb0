import { callHttp, createHttpScope } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { HttpRequest, HttpResponse, JsonResponse, type ViewFunction } from '../src/index.js';
import { makeApp } from './support/app.js';

/** Calls a single view at /probe/ and returns what it answered. */
function probe(view: ViewFunction, settings: Record<string, unknown> = {}, handWired?: Record<string, unknown>) {
  return makeApp([{ route: 'probe/', view }], { settings, handWired });
}

describe('request line, query and headers', () => {
  it('exposes method, path, repeated query keys and case-insensitive headers', async () => {
    const { app } = probe(
      (request) =>
        new JsonResponse({
          method: request.method,
          path: request.path,
          pathInfo: request.pathInfo,
          last: request.query.get('tag'),
          all: request.query.getAll('tag'),
          missing: request.query.get('nope') ?? null,
          agent: request.headers.get('USER-AGENT'),
          accept: request.headers.get('accept'),
          fullPath: request.getFullPath(),
        }),
    );
    const res = await callHttp(app, {
      method: 'post',
      path: '/probe/?tag=a&tag=b+c',
      headers: [
        ['User-Agent', 'vitest'],
        ['Accept', 'text/html'],
        ['Accept', 'application/json'],
      ],
    });
    expect(res.json()).toEqual({
      method: 'POST',
      path: '/probe/',
      pathInfo: '/probe/',
      last: 'b c',
      all: ['a', 'b c'],
      missing: null,
      agent: 'vitest',
      accept: 'text/html, application/json',
      fullPath: '/probe/?tag=a&tag=b+c',
    });
  });

  it('resolves the path below the root path', async () => {
    const { app } = probe((request) => new JsonResponse({ path: request.path, pathInfo: request.pathInfo }));
    const res = await callHttp(app, { path: '/mount/probe/', rootPath: '/mount' });
    expect(res.json()).toEqual({ path: '/mount/probe/', pathInfo: '/probe/' });
  });

  it('parses cookies', async () => {
    const { app } = probe((request) => new JsonResponse({ ...request.cookies }));
    const res = await callHttp(app, { path: '/probe/', headers: { cookie: 'a=1; theme=dark%20blue' } });
    expect(res.json()).toEqual({ a: '1', theme: 'dark blue' });
  });
});

describe('request body', () => {
  it('reads text and JSON bodies sent in several chunks', async () => {
    const { app } = probe(async (request) => new JsonResponse({ text: await request.text(), json: await request.json() }));
    const res = await callHttp(app, { method: 'POST', path: '/probe/', body: ['{"a":', ' [1, 2]}'] });
    expect(res.json()).toEqual({ text: '{"a": [1, 2]}', json: { a: [1, 2] } });
  });

  it('answers 400 for a body that is not valid JSON', async () => {
    const { app } = probe(async (request) => new JsonResponse({ json: await request.json() }));
    const res = await callHttp(app, { method: 'POST', path: '/probe/', body: '{nope' });
    expect(res.status).toBe(400);
    expect(res.text()).toBe('<h1>Bad Request (400)</h1>');
  });

  it('parses an urlencoded form with repeated keys', async () => {
    const { app } = probe(async (request) => {
      const post = await request.post();
      return new JsonResponse({ title: post.get('title'), tags: post.getAll('tag'), files: (await request.files()).size });
    });
    const res = await callHttp(app, {
      method: 'POST',
      path: '/probe/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'title=Gypsy+jazz&tag=a&tag=%C3%A9',
    });
    expect(res.json()).toEqual({ title: 'Gypsy jazz', tags: ['a', 'é'], files: 0 });
  });

  it('gives empty form data for other content types', async () => {
    const { app } = probe(async (request) => new JsonResponse({ size: (await request.post()).size }));
    const res = await callHttp(app, { method: 'POST', path: '/probe/', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.json()).toEqual({ size: 0 });
  });

  it('answers 413 when Content-Length announces more than DATA_UPLOAD_MAX_MEMORY_SIZE', async () => {
    const { app, logger } = probe(async (request) => new HttpResponse(await request.text()), { DATA_UPLOAD_MAX_MEMORY_SIZE: 10 });
    const res = await callHttp(app, { method: 'POST', path: '/probe/', headers: { 'content-length': '11' }, body: '01234567890' });
    expect(res.status).toBe(413);
    expect(logger.warnings[0]).toContain('RequestDataTooBig: Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.');
  });

  it('answers 413 when a chunked body grows past the limit without a Content-Length', async () => {
    const { app } = probe(async (request) => new HttpResponse(await request.text()), { DATA_UPLOAD_MAX_MEMORY_SIZE: 10 });
    const res = await callHttp(app, { method: 'POST', path: '/probe/', body: ['012345', '67890'] });
    expect(res.status).toBe(413);
  });

  it('accepts a body of exactly the limit, and any size when the limit is null', async () => {
    const exact = probe(async (request) => new HttpResponse(await request.text()), { DATA_UPLOAD_MAX_MEMORY_SIZE: 10 });
    expect((await callHttp(exact.app, { method: 'POST', path: '/probe/', body: '0123456789' })).text()).toBe('0123456789');
    const unlimited = probe(async (request) => new HttpResponse(String((await request.body()).byteLength)), { DATA_UPLOAD_MAX_MEMORY_SIZE: null });
    expect((await callHttp(unlimited.app, { method: 'POST', path: '/probe/', body: 'x'.repeat(5_000_000) })).text()).toBe('5000000');
  });

  it('answers 400 when an urlencoded form has more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS', async () => {
    const { app, logger } = probe(async (request) => new HttpResponse(String((await request.post()).size)), { DATA_UPLOAD_MAX_NUMBER_FIELDS: 2 });
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await callHttp(app, { method: 'POST', path: '/probe/', headers, body: 'a=1&b=2' })).text()).toBe('2');
    const res = await callHttp(app, { method: 'POST', path: '/probe/', headers, body: 'a=1&b=2&c=3' });
    expect(res.status).toBe(400);
    expect(logger.warnings.at(-1)).toContain('DATA_UPLOAD_MAX_NUMBER_FIELDS');
  });
});

describe('a client that goes away', () => {
  it('stops reading the body and answers 400 (nobody is listening)', async () => {
    const { app } = probe(async (request) => new HttpResponse(await request.text()));
    const sent: unknown[] = [];
    const events = [{ type: 'http.request' as const, body: new TextEncoder().encode('part'), more_body: true }, { type: 'http.disconnect' as const }];
    const { createHttpScope } = await import('@manouche/asgi/testing');
    await app(
      createHttpScope({ method: 'POST', path: '/probe/' }),
      async () => events.shift()!,
      async (event) => void sent.push(event),
    );
    expect(sent[0]).toMatchObject({ type: 'http.response.start', status: 400 });
  });
});

describe('security helpers', () => {
  const view: ViewFunction = (request) =>
    new JsonResponse({
      secure: request.isSecure(),
      scheme: request.scheme,
      host: request.getHost(),
      uri: request.buildAbsoluteUri(),
      other: request.buildAbsoluteUri('../x?y=1'),
    });

  it('builds absolute URIs from the validated host', async () => {
    const { app } = probe(view, { ALLOWED_HOSTS: ['.example.com'] });
    const res = await callHttp(app, { path: '/probe/?q=1', headers: { host: 'www.example.com:8000' } });
    expect(res.json()).toEqual({
      secure: false,
      scheme: 'http',
      host: 'www.example.com:8000',
      uri: 'http://www.example.com:8000/probe/?q=1',
      other: 'http://www.example.com:8000/x?y=1',
    });
  });

  it('trusts SECURE_PROXY_SSL_HEADER only when configured', async () => {
    const plain = probe(view, { ALLOWED_HOSTS: ['*'] });
    expect((await callHttp(plain.app, { path: '/probe/', headers: { 'x-forwarded-proto': 'https' } })).json()).toMatchObject({ secure: false });
    const proxied = probe(view, { ALLOWED_HOSTS: ['*'], SECURE_PROXY_SSL_HEADER: ['HTTP_X_FORWARDED_PROTO', 'https'] });
    expect((await callHttp(proxied.app, { path: '/probe/', headers: { 'x-forwarded-proto': 'https, http' } })).json()).toMatchObject({
      secure: true,
      scheme: 'https',
    });
    expect((await callHttp(proxied.app, { path: '/probe/', headers: { 'x-forwarded-proto': 'http' }, scheme: 'https' })).json()).toMatchObject({
      secure: false,
    });
    expect((await callHttp(proxied.app, { path: '/probe/', scheme: 'https' })).json()).toMatchObject({ secure: true });
  });

  it('uses X-Forwarded-Host only with USE_X_FORWARDED_HOST, still validated', async () => {
    const headers = { host: 'internal:8000', 'x-forwarded-host': 'www.example.com' };
    const direct = probe(view, { ALLOWED_HOSTS: ['internal', 'www.example.com'] });
    expect((await callHttp(direct.app, { path: '/probe/', headers })).json()).toMatchObject({ host: 'internal:8000' });
    const forwarded = probe(view, { ALLOWED_HOSTS: ['internal', 'www.example.com'], USE_X_FORWARDED_HOST: true });
    expect((await callHttp(forwarded.app, { path: '/probe/', headers })).json()).toMatchObject({ host: 'www.example.com' });
    const refused = probe(view, { ALLOWED_HOSTS: ['internal'], USE_X_FORWARDED_HOST: true });
    expect((await callHttp(refused.app, { path: '/probe/', headers })).status).toBe(400);
  });

  it('rejects a malformed SECURE_PROXY_SSL_HEADER with a message naming the setting', async () => {
    const { app, logger } = probe(view, { ALLOWED_HOSTS: ['*'] }, { SECURE_PROXY_SSL_HEADER: 'X-Forwarded-Proto' });
    expect((await callHttp(app, { path: '/probe/' })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).message).toContain('SECURE_PROXY_SSL_HEADER must be a [header, value] pair');
  });

  it('throws DisallowedHost from getHost for a host outside ALLOWED_HOSTS', () => {
    const request = (host: string, settings: Record<string, unknown>) =>
      new HttpRequest(
        {
          type: 'http',
          asgi: { version: '3.0', spec_version: '2.4' },
          http_version: '1.1',
          method: 'GET',
          scheme: 'http',
          path: '/',
          raw_path: new Uint8Array(),
          query_string: new Uint8Array(),
          root_path: '',
          headers: [[new TextEncoder().encode('host'), new TextEncoder().encode(host)]],
          client: null,
          server: null,
        },
        async () => ({ type: 'http.disconnect' }),
        { settings: settings as never, urls: { resolve: () => null, reverse: () => '', describePatterns: () => [] } },
      );
    expect(() => request('evil.com', { ALLOWED_HOSTS: ['example.com'] }).getHost()).toThrow(
      "Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS.",
    );
    expect(() => request('bad host!', { ALLOWED_HOSTS: ['*'] }).getHost()).toThrow('The domain name provided is not valid according to RFC 1034/1035.');
    expect(request('Example.COM.', { ALLOWED_HOSTS: ['example.com'] }).getHost()).toBe('Example.COM.');
    expect(request('localhost:8000', { DEBUG: true, ALLOWED_HOSTS: [] }).getHost()).toBe('localhost:8000');
    expect(request('[::1]:8000', { DEBUG: true, ALLOWED_HOSTS: [] }).getHost()).toBe('[::1]:8000');
    expect(() => request('localhost', { DEBUG: false, ALLOWED_HOSTS: [] }).getHost()).toThrow(/You may need to add 'localhost' to ALLOWED_HOSTS/);
    expect(request('proxy.example.com', { ALLOWED_HOSTS: ['proxy.example.com'] }).getHost()).toBe('proxy.example.com');
    expect(() => request('sub.example.com', { ALLOWED_HOSTS: ['example.com'] }).getHost()).toThrow(/sub\.example\.com/);
  });
});

describe('header values', () => {
  /** x-value as a request with these value bytes reads it, with get and getAll. */
  const read = (bytes: number[]) => {
    const scope = createHttpScope({ path: '/' });
    const headers = [...scope.headers, [new TextEncoder().encode('x-value'), new Uint8Array(bytes)] as [Uint8Array, Uint8Array]];
    const request = new HttpRequest({ ...scope, headers }, async () => ({ type: 'http.disconnect' }), {
      settings: {} as never,
      urls: { resolve: () => null, reverse: () => '', describePatterns: () => [] },
    });
    return [request.headers.get('x-value'), request.headers.getAll('x-value')[0]];
  };

  it("decodes each request's own value when requests send different bytes at the same position, UTF-8 included", () => {
    const ascii = [...new TextEncoder().encode('abc')];
    expect(read(ascii)).toEqual(['abc', 'abc']);
    expect(read([...new TextEncoder().encode('abd')])).toEqual(['abd', 'abd']);
    expect(read(ascii)).toEqual(['abc', 'abc']);
    expect(read([0xc3, 0xa9])).toEqual(['é', 'é']);
    // The byte of 'é' in latin-1 is not UTF-8: it must not be taken for the 'é' decoded before.
    expect(read([0xe9])).toEqual(['\ufffd', '\ufffd']);
    expect(read([])).toEqual(['', '']);
  });
});
