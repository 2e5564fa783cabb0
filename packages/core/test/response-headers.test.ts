import { callHttp } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { HttpResponse, InvalidResponse, JsonResponse, ResponseHeaders, type HttpResponseBase } from '../src/index.js';
import { checkedOnFirstUse } from '../src/response-headers.js';
import { makeApp } from './support/app.js';

function serveOne(response: () => HttpResponseBase) {
  return makeApp([{ route: 'r/', view: response }]).app;
}

describe('ResponseHeaders', () => {
  it('reads, replaces and deletes headers whatever the case of their name', () => {
    const headers = new ResponseHeaders({ 'Cache-Control': 'no-store' });
    expect(headers.get('cache-control')).toBe('no-store');
    headers.set('CACHE-CONTROL', 'max-age=60');
    expect([...headers]).toEqual([['cache-control', 'max-age=60']]);
    expect(headers.has('Cache-control')).toBe(true);
    headers.delete('cache-control');
    expect(headers.has('cache-control')).toBe(false);
    expect(headers.get('cache-control')).toBeNull();
  });

  it('joins appended values with commas but keeps every Set-Cookie apart, as the standard Headers does', () => {
    const headers = new ResponseHeaders([
      ['Vary', 'Cookie'],
      ['Set-Cookie', 'a=1'],
    ]);
    headers.append('vary', 'Accept-Encoding');
    headers.append('set-cookie', 'b=2');
    expect(headers.get('vary')).toBe('Cookie, Accept-Encoding');
    expect(headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect([...headers.entries()]).toEqual([
      ['vary', 'Cookie, Accept-Encoding'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
  });

  it('copies a standard Headers object and drops whitespace around values', () => {
    const headers = new ResponseHeaders(new Headers({ 'X-A': '  padded\t' }));
    expect(headers.get('x-a')).toBe('padded');
    const seen: string[] = [];
    headers.forEach((value, name) => {
      seen.push(`${name}=${value}`);
    });
    expect(seen).toEqual(['x-a=padded']);
  });

  it('refuses a value with a newline, which would inject a header, naming the header', () => {
    const response = new HttpResponse('');
    expect(() => response.headers.set('X-Next', '/ok\r\nSet-Cookie: admin=1')).toThrow(InvalidResponse);
    expect(() => response.headers.append('X-Next', 'a\nb')).toThrow('Header "X-Next" can\'t contain newlines or NUL');
    expect(() => new HttpResponse('', { headers: { Location: 'x\0y' } })).toThrow(InvalidResponse);
  });

  it('refuses a name that is not an HTTP token', () => {
    expect(() => new ResponseHeaders({ 'X Bad': '1' })).toThrow('Invalid header name "X Bad"');
    expect(() => new HttpResponse('').headers.set('x:y', '1')).toThrow(InvalidResponse);
  });

  it('sends the headers in the order they were first set, with the cookies after them', async () => {
    const res = await callHttp(
      serveOne(() => {
        const response = new HttpResponse('ok', { headers: { 'X-Second': '2' } });
        response.headers.set('x-first', '1');
        response.headers.set('X-Second', 'two');
        response.setCookie('theme', 'dark');
        return response;
      }),
      { path: '/r/' },
    );
    const names = res.headers.map(([name]) => name);
    expect(names).toEqual(['x-second', 'content-type', 'x-first', 'content-length', 'set-cookie']);
    expect(res.header('x-second')).toBe('two');
    expect(res.header('set-cookie')).toBe('theme=dark; Path=/');
  });

  it('sends the value each response set even when the previous response under that name differed', async () => {
    let n = 0;
    const app = serveOne(() => new HttpResponse('', { headers: { 'X-Count': String(++n % 2) } }));
    const values: Array<string | undefined> = [];
    for (let i = 0; i < 3; i++) values.push((await callHttp(app, { path: '/r/' })).header('x-count'));
    expect(values).toEqual(['1', '0', '1']);
  });
});

describe('JsonResponse serialization', () => {
  it('serializes data without bigints as JSON.stringify does, spacing included', () => {
    const data = { title: 'Hello', tags: ['a', 'b'], at: new Date(0), nested: { n: 1.5, none: null } };
    expect(new JsonResponse(data).text).toBe(JSON.stringify(data));
    expect(new JsonResponse(data, { space: 2 }).text).toBe(JSON.stringify(data, null, 2));
  });

  it('turns bigints deep in arrays into numbers, or strings past the safe range', () => {
    const rows = [
      { id: 1n, title: 'a' },
      { id: 2n ** 60n, title: 'b' },
    ];
    expect(new JsonResponse(rows, { safe: false }).text).toBe('[{"id":1,"title":"a"},{"id":"1152921504606846976","title":"b"}]');
  });

  it("gives the user's replacer the bigints already converted", () => {
    const response = new JsonResponse({ id: 7n, secret: 's' }, { replacer: (key, value) => (key === 'secret' ? undefined : value) });
    expect(response.text).toBe('{"id":7}');
  });

  it('still fails on data JSON cannot represent, such as a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => new JsonResponse(cyclic)).toThrow(TypeError);
  });
});

describe('ResponseHeaders order and defaults', () => {
  it('keeps the place of a replaced header, and puts a deleted one set again last', () => {
    const headers = new ResponseHeaders({ 'X-A': '1', 'X-B': '2', 'X-C': '3' });
    headers.set('x-b', 'two');
    headers.delete('X-A');
    headers.set('x-a', 'one');
    expect([...headers.keys()]).toEqual(['x-b', 'x-c', 'x-a']);
    expect([...headers.values()]).toEqual(['two', '3', 'one']);
    expect(headers.get('X-C')).toBe('3');
  });

  it('setDefault sets a header only when the response has none under that name, whatever its case', () => {
    const headers = new ResponseHeaders({ 'X-Frame-Options': 'SAMEORIGIN' });
    headers.setDefault('x-frame-options', 'DENY');
    headers.setDefault('Referrer-Policy', 'same-origin');
    headers.setDefault('set-cookie', 'a=1');
    headers.setDefault('Set-Cookie', 'b=2');
    expect([...headers]).toEqual([
      ['x-frame-options', 'SAMEORIGIN'],
      ['referrer-policy', 'same-origin'],
      ['set-cookie', 'a=1'],
    ]);
  });

  it('setDefault checks the name and value it sets, and leaves nothing behind when they are refused', () => {
    const headers = new ResponseHeaders();
    expect(() => headers.setDefault('X Bad', '1')).toThrow('Invalid header name "X Bad"');
    expect(() => headers.setDefault('x-next', 'a\r\nb')).toThrow(InvalidResponse);
    expect([...headers]).toEqual([]);
  });

  it('setDefaultNamed, for names spelled by the caller, still checks the value and sets only when absent', () => {
    const headers = new ResponseHeaders({ 'X-Frame-Options': 'SAMEORIGIN' });
    headers.setDefaultNamed('x-frame-options', 'DENY');
    expect(() => headers.setDefaultNamed('referrer-policy', 'origin\r\nx-injected: 1')).toThrow('Header "referrer-policy" can\'t contain newlines or NUL');
    headers.setDefaultNamed('referrer-policy', ' same-origin ');
    expect([...headers]).toEqual([
      ['x-frame-options', 'SAMEORIGIN'],
      ['referrer-policy', 'same-origin'],
    ]);
    expect(() => new HttpResponse('', { contentType: 'text/html\nx-injected: 1' })).toThrow(InvalidResponse);
  });

  it('checkedOnFirstUse checks a middleware value once, and refuses a bad one on every use', () => {
    const good = checkedOnFirstUse('x-frame-options', ' DENY ');
    expect([good(), good()]).toEqual(['DENY', 'DENY']);
    const bad = checkedOnFirstUse('referrer-policy', 'origin\r\nx-injected: 1');
    expect(bad).toThrow('Header "referrer-policy" can\'t contain newlines or NUL');
    expect(bad).toThrow(InvalidResponse);
  });

  it('sends each response its own headers when views alternate different names and values at the same positions', async () => {
    let n = 0;
    const app = serveOne(() =>
      ++n % 2 === 0
        ? new HttpResponse('even', { headers: { 'X-Even': '1' }, contentType: 'text/plain' })
        : new HttpResponse('odd', { headers: { 'X-Odd': '1' } }),
    );
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await callHttp(app, { path: '/r/' });
      seen.push(res.headers.map(([name, value]) => `${name}=${value}`).join(' '));
    }
    const odd = 'x-odd=1 content-type=text/html; charset=utf-8 content-length=3';
    const even = 'x-even=1 content-type=text/plain content-length=4';
    expect(seen).toEqual([odd, even, odd, even]);
  });
});

describe('header pairs sent to the gateway', () => {
  it('gives each response its own pairs: a wrapper that replaces a value in place changes that response only', async () => {
    const inner = serveOne(() => new HttpResponse('ok', { headers: { 'X-Tag': 'plain' } }));
    let rewrite = true;
    // An ASGI wrapper that rewrites the first response's x-tag in place, as a header-editing middleware might.
    const app: typeof inner = (scope, receive, send) =>
      inner(scope, receive, (event) => {
        if (rewrite && event.type === 'http.response.start') {
          for (const pair of event.headers ?? []) if (new TextDecoder().decode(pair[0]) === 'x-tag') pair[1] = new TextEncoder().encode('rewritten');
        }
        return send(event);
      });
    const first = await callHttp(app, { path: '/r/' });
    rewrite = false;
    const second = await callHttp(app, { path: '/r/' });
    expect(first.headers).toContainEqual(['x-tag', 'rewritten']);
    expect(second.headers).toContainEqual(['x-tag', 'plain']);
  });
});
