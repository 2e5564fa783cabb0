import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callHttp } from '@manouche/asgi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileResponse } from '../src/index.js';
import { parseRangeHeader } from '../src/file-response.js';
import { makeApp } from './support/app.js';
import { serve } from './support/node-adapter.js';

let dir: string;
let file: string;
const content = 'abcdefghijklmnopqrstuvwxyz0123456789'; // 36 bytes

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'manouche-core-files-'));
  file = join(dir, 'letters.txt');
  await writeFile(file, content);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function appFor(init: ConstructorParameters<typeof FileResponse>[1] = {}, path = () => file) {
  return makeApp([{ route: 'file/', view: () => new FileResponse(path(), init) }], { settings: { ALLOWED_HOSTS: ['testserver', '127.0.0.1'] } });
}

describe('FileResponse', () => {
  it('streams the whole file with type, length, disposition and Accept-Ranges', async () => {
    const res = await callHttp(appFor().app, { path: '/file/' });
    expect(res.status).toBe(200);
    expect(res.text()).toBe(content);
    expect(res.header('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.header('content-length')).toBe('36');
    expect(res.header('content-disposition')).toBe('inline; filename="letters.txt"');
    expect(res.header('accept-ranges')).toBe('bytes');
    expect(res.header('last-modified')).toMatch(/GMT$/);
  });

  it('offers a download under another name, RFC 5987-encoded when not ASCII', async () => {
    expect((await callHttp(appFor({ asAttachment: true, filename: 'say "hi".txt' }).app, { path: '/file/' })).header('content-disposition')).toBe(
      'attachment; filename="say \\"hi\\".txt"',
    );
    expect((await callHttp(appFor({ asAttachment: true, filename: 'café.pdf' }).app, { path: '/file/' })).header('content-disposition')).toBe(
      "attachment; filename*=utf-8''caf%C3%A9.pdf",
    );
    expect((await callHttp(appFor({ filename: 'x.pdf' }).app, { path: '/file/' })).header('content-type')).toBe('application/pdf');
  });

  it('answers a single range with 206 and Content-Range', async () => {
    const res = await callHttp(appFor().app, { path: '/file/', headers: { range: 'bytes=2-5' } });
    expect([res.status, res.text(), res.header('content-range'), res.header('content-length')]).toEqual([206, 'cdef', 'bytes 2-5/36', '4']);
    const suffix = await callHttp(appFor().app, { path: '/file/', headers: { range: 'bytes=-3' } });
    expect([suffix.text(), suffix.header('content-range')]).toEqual(['789', 'bytes 33-35/36']);
    const open = await callHttp(appFor().app, { path: '/file/', headers: { range: 'bytes=30-' } });
    expect(open.text()).toBe('456789');
    const clipped = await callHttp(appFor().app, { path: '/file/', headers: { range: 'bytes=34-100' } });
    expect([clipped.text(), clipped.header('content-range')]).toEqual(['89', 'bytes 34-35/36']);
  });

  it('answers several ranges as multipart/byteranges', async () => {
    const res = await callHttp(appFor().app, { path: '/file/', headers: { range: 'bytes=0-1, 10-12' } });
    expect(res.status).toBe(206);
    const boundary = /^multipart\/byteranges; boundary=(\w+)$/.exec(res.header('content-type')!)![1];
    expect(res.text()).toBe(
      `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-1/36\r\n\r\nab\r\n` +
        `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 10-12/36\r\n\r\nklm\r\n--${boundary}--\r\n`,
    );
    expect(Number(res.header('content-length'))).toBe(res.body.byteLength);
  });

  it('answers 416 with the size when no range is satisfiable', async () => {
    const res = await callHttp(appFor().app, { path: '/file/', headers: { range: 'bytes=40-50' } });
    expect([res.status, res.header('content-range'), res.body.byteLength]).toEqual([416, 'bytes */36', 0]);
  });

  it('ignores malformed ranges, other units and a stale If-Range', async () => {
    for (const range of ['bytes=5-2', 'items=0-1', 'bytes=a-b', 'bytes=-']) {
      const res = await callHttp(appFor().app, { path: '/file/', headers: { range } });
      expect([range, res.status, res.body.byteLength]).toEqual([range, 200, 36]);
    }
    const stale = await callHttp(appFor().app, { path: '/file/', headers: { range: 'bytes=0-1', 'if-range': 'Mon, 01 Jan 2001 00:00:00 GMT' } });
    expect(stale.status).toBe(200);
  });

  it('parses range headers as RFC 9110 says', () => {
    expect(parseRangeHeader('bytes=0-0,-1', 10)).toEqual([
      [0, 0],
      [9, 9],
    ]);
    expect(parseRangeHeader('bytes=-0', 10)).toEqual([]);
    expect(parseRangeHeader(`bytes=${Array.from({ length: 21 }, (_, i) => `${i}-${i}`).join(',')}`, 100)).toBeUndefined();
  });

  it('answers 500 for a missing file, before anything was sent', async () => {
    const { app, logger } = appFor({}, () => join(dir, 'missing.txt'));
    const res = await callHttp(app, { path: '/file/' });
    expect(res.status).toBe(500);
    expect(res.text()).toBe('<h1>Server Error (500)</h1>');
    expect((logger.errors[0]!.error as Error).message).toContain('ENOENT');
  });

  it('serves ranges to a real HTTP client', async () => {
    const server = await serve(appFor().app);
    try {
      const res = await fetch(`${server.url}/file/`, { headers: { range: 'bytes=26-' } });
      expect([res.status, await res.text(), res.headers.get('content-range')]).toEqual([206, '0123456789', 'bytes 26-35/36']);
    } finally {
      await server.close();
    }
  });
});
