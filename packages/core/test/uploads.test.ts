import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callHttp } from '@manouche/asgi/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JsonResponse, type HttpRequest } from '../src/index.js';
import { makeApp } from './support/app.js';
import { serve } from './support/node-adapter.js';

const BOUNDARY = '----manouche-test-boundary';

function multipart(parts: Array<{ name: string; value?: string; filename?: string; type?: string; content?: string | Buffer }>): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename !== undefined || part.type !== undefined ? `\r\nContent-Type: ${part.type ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content ?? part.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const headers = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

let tempDir: string;
beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'manouche-core-uploads-'));
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

async function describeUpload(request: HttpRequest) {
  const { post, files } = await request.formData();
  const out: Record<string, unknown> = { title: post.get('title'), tags: post.getAll('tag') };
  for (const [field, file] of files) {
    out[field] = {
      name: file.name,
      type: file.contentType,
      size: file.size,
      inMemory: file.inMemory,
      temp: file.temporaryFilePath,
      text: (await file.text()).slice(0, 20),
    };
  }
  return new JsonResponse(out);
}

describe('multipart uploads', () => {
  it('parses fields and keeps a small file in memory', async () => {
    const { app } = makeApp([{ route: 'upload/', view: describeUpload }]);
    const body = multipart([
      { name: 'title', value: 'Minor swing' },
      { name: 'tag', value: 'a' },
      { name: 'tag', value: 'b' },
      { name: 'score', filename: 'score.txt', type: 'text/plain', content: 'C6 Am6 Dm6 G7' },
      { name: 'empty', filename: '', content: '' },
    ]);
    const res = await callHttp(app, { method: 'POST', path: '/upload/', headers, body: [body.subarray(0, 50), body.subarray(50)] });
    expect(res.json()).toEqual({
      title: 'Minor swing',
      tags: ['a', 'b'],
      score: { name: 'score.txt', type: 'text/plain', size: 13, inMemory: true, text: 'C6 Am6 Dm6 G7' },
    });
  });

  it('streams a file over FILE_UPLOAD_MAX_MEMORY_SIZE to FILE_UPLOAD_TEMP_DIR and deletes it after the response', async () => {
    const { app } = makeApp([{ route: 'upload/', view: describeUpload }], {
      settings: { FILE_UPLOAD_MAX_MEMORY_SIZE: 1000, FILE_UPLOAD_TEMP_DIR: tempDir },
    });
    const big = Buffer.alloc(300_000, 'x');
    const body = multipart([{ name: 'big', filename: 'big.bin', content: big }]);
    const chunks = Array.from({ length: Math.ceil(body.length / 16_384) }, (_, i) => body.subarray(i * 16_384, (i + 1) * 16_384));
    const res = await callHttp(app, { method: 'POST', path: '/upload/', headers, body: chunks });
    const info = res.json<{ big: { size: number; inMemory: boolean; temp: string; text: string } }>().big;
    expect(info).toMatchObject({ size: 300_000, inMemory: false, text: 'x'.repeat(20) });
    expect(info.temp.startsWith(tempDir)).toBe(true);
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('deletes temporary files even when the view fails', async () => {
    const { app } = makeApp(
      [
        {
          route: 'upload/',
          view: async (request: HttpRequest) => {
            await request.formData();
            throw new Error('boom');
          },
        },
      ],
      { settings: { FILE_UPLOAD_MAX_MEMORY_SIZE: 10, FILE_UPLOAD_TEMP_DIR: tempDir } },
    );
    const res = await callHttp(app, {
      method: 'POST',
      path: '/upload/',
      headers,
      body: multipart([{ name: 'f', filename: 'f.txt', content: 'x'.repeat(100) }]),
    });
    expect(res.status).toBe(500);
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('answers 500 naming the cause when FILE_UPLOAD_TEMP_DIR does not exist', async () => {
    const missing = join(tempDir, 'does-not-exist');
    const { app, logger } = makeApp([{ route: 'upload/', view: describeUpload }], {
      settings: { FILE_UPLOAD_MAX_MEMORY_SIZE: 10, FILE_UPLOAD_TEMP_DIR: missing },
    });
    const res = await callHttp(app, {
      method: 'POST',
      path: '/upload/',
      headers,
      body: multipart([{ name: 'f', filename: 'f.txt', content: 'x'.repeat(100) }]),
    });
    expect(res.status).toBe(500);
    expect((logger.errors[0]!.error as Error).message).toContain(`ENOENT: no such file or directory, open '${missing}/manouche-upload-`);
  });

  it('removes a partly written temporary file when a later part breaks a limit', async () => {
    const { app } = makeApp([{ route: 'upload/', view: describeUpload }], {
      settings: { FILE_UPLOAD_MAX_MEMORY_SIZE: 10, FILE_UPLOAD_TEMP_DIR: tempDir, DATA_UPLOAD_MAX_MEMORY_SIZE: 50 },
    });
    const body = multipart([
      { name: 'f', filename: 'f.txt', content: 'x'.repeat(5000) },
      { name: 'title', value: 'y'.repeat(100) },
    ]);
    expect((await callHttp(app, { method: 'POST', path: '/upload/', headers, body })).status).toBe(413);
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('answers 413 when the form fields exceed DATA_UPLOAD_MAX_MEMORY_SIZE, files not counted', async () => {
    const { app } = makeApp([{ route: 'upload/', view: describeUpload }], { settings: { DATA_UPLOAD_MAX_MEMORY_SIZE: 100 } });
    const small = multipart([
      { name: 'title', value: 'ok' },
      { name: 'f', filename: 'f.bin', content: Buffer.alloc(5000) },
    ]);
    expect((await callHttp(app, { method: 'POST', path: '/upload/', headers, body: small })).status).toBe(200);
    const tooBig = multipart([{ name: 'title', value: 'x'.repeat(200) }]);
    expect((await callHttp(app, { method: 'POST', path: '/upload/', headers, body: tooBig })).status).toBe(413);
  });

  it('answers 400 for more files than DATA_UPLOAD_MAX_NUMBER_FILES', async () => {
    const { app, logger } = makeApp([{ route: 'upload/', view: describeUpload }], { settings: { DATA_UPLOAD_MAX_NUMBER_FILES: 1 } });
    const body = multipart([
      { name: 'a', filename: 'a.txt', content: 'a' },
      { name: 'b', filename: 'b.txt', content: 'b' },
    ]);
    expect((await callHttp(app, { method: 'POST', path: '/upload/', headers, body })).status).toBe(400);
    expect(logger.warnings.at(-1)).toContain('DATA_UPLOAD_MAX_NUMBER_FILES');
  });

  it('answers 400 for a multipart body without a boundary, naming the problem in DEBUG', async () => {
    const { app } = makeApp([{ route: 'upload/', view: describeUpload }], { settings: { DEBUG: true } });
    const res = await callHttp(app, { method: 'POST', path: '/upload/', headers: { 'content-type': 'multipart/form-data' }, body: 'junk' });
    expect(res.status).toBe(400);
    expect(res.text()).toContain('Malformed multipart/form-data body');
  });

  it('refuses the raw body after the form was streamed, but parses a form after the body was read', async () => {
    const { app } = makeApp(
      [
        {
          route: 'after-form/',
          view: async (request: HttpRequest) => {
            await request.formData();
            return new JsonResponse({ body: (await request.body()).byteLength });
          },
        },
        {
          route: 'after-body/',
          view: async (request: HttpRequest) => {
            const size = (await request.body()).byteLength;
            return new JsonResponse({ size, title: (await request.post()).get('title') });
          },
        },
      ],
      { settings: { DEBUG: true } },
    );
    const body = multipart([{ name: 'title', value: 'Nuages' }]);
    const refused = await callHttp(app, { method: 'POST', path: '/after-form/', headers, body });
    expect(refused.status).toBe(500);
    expect(refused.text()).toContain('RawPostDataException');
    const fine = await callHttp(app, { method: 'POST', path: '/after-body/', headers, body });
    expect(fine.json()).toEqual({ size: body.length, title: 'Nuages' });
  });

  async function describeParts(request: HttpRequest) {
    const { post, files } = await request.formData();
    return new JsonResponse({ data: post.getAll('data'), empty: post.getAll('empty'), files: [...files].map(([field]) => field) });
  }

  it('parses an application/octet-stream part without a filename as a field, as Django does, over a real socket', async () => {
    const { app } = makeApp([{ route: 'parts/', view: describeParts }], { settings: { ALLOWED_HOSTS: ['127.0.0.1'] } });
    const server = await serve(app);
    try {
      const body = multipart([
        { name: 'data', type: 'application/octet-stream', content: 'raw bytes, no filename' },
        { name: 'empty', filename: '', content: '' },
        { name: 'doc', filename: 'doc.bin', content: 'a real file' },
      ]);
      const res = await fetch(`${server.url}/parts/`, { method: 'POST', headers, body });
      expect(await res.json()).toEqual({ data: ['raw bytes, no filename'], empty: [''], files: ['doc'] });
    } finally {
      await server.close();
    }
  });

  it('counts such a part against DATA_UPLOAD_MAX_MEMORY_SIZE and DATA_UPLOAD_MAX_NUMBER_FIELDS, not the file limits', async () => {
    const octet = (content: string) => ({ name: 'data', type: 'application/octet-stream', content });
    const big = makeApp([{ route: 'parts/', view: describeParts }], { settings: { DATA_UPLOAD_MAX_MEMORY_SIZE: 100 } });
    expect((await callHttp(big.app, { method: 'POST', path: '/parts/', headers, body: multipart([octet('x'.repeat(50))]) })).status).toBe(200);
    expect((await callHttp(big.app, { method: 'POST', path: '/parts/', headers, body: multipart([octet('x'.repeat(200))]) })).status).toBe(413);

    const many = makeApp([{ route: 'parts/', view: describeParts }], { settings: { DATA_UPLOAD_MAX_NUMBER_FIELDS: 2, DATA_UPLOAD_MAX_NUMBER_FILES: 1 } });
    const two = await callHttp(many.app, {
      method: 'POST',
      path: '/parts/',
      headers,
      body: multipart([octet('a'), { name: 'data', value: 'b' }, { name: 'doc', filename: 'doc.bin', content: 'f' }]),
    });
    // In the order sent, although the octet-stream value is read as a stream and the plain field is not.
    expect(two.json()).toEqual({ data: ['a', 'b'], empty: [], files: ['doc'] });
    const three = await callHttp(many.app, {
      method: 'POST',
      path: '/parts/',
      headers,
      body: multipart([octet('a'), { name: 'title', value: 'b' }, octet('c')]),
    });
    expect(three.status).toBe(400);
    expect(many.logger.warnings.at(-1)).toContain('DATA_UPLOAD_MAX_NUMBER_FIELDS');
  });

  it('accepts an upload from a real HTTP client over a socket', async () => {
    const { app } = makeApp([{ route: 'upload/', view: describeUpload }], {
      settings: { ALLOWED_HOSTS: ['127.0.0.1'], FILE_UPLOAD_MAX_MEMORY_SIZE: 1024, FILE_UPLOAD_TEMP_DIR: tempDir },
    });
    const server = await serve(app);
    try {
      const form = new FormData();
      form.append('title', 'Djangology');
      form.append('photo', new Blob([new Uint8Array(200_000).fill(65)], { type: 'image/png' }), 'photo.png');
      const res = await fetch(`${server.url}/upload/`, { method: 'POST', body: form });
      expect(await res.json()).toMatchObject({
        title: 'Djangology',
        photo: { name: 'photo.png', type: 'image/png', size: 200_000, inMemory: false, text: 'A'.repeat(20) },
      });
      // The response reaches the client before the app's cleanup runs: wait for it.
      await vi.waitFor(async () => expect(await readdir(tempDir)).toEqual([]));
    } finally {
      await server.close();
    }
  });
});
