import { request } from 'node:http';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AsgiApplication } from '@manouche/asgi';
import { serve, type Server } from '@manouche/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectstaticCommand, readManifest, withProjectStaticFiles } from '../src/index.js';
import { captureIo, commandContext, makeStaticProject, type StaticProject } from './support/static-project.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(server: Server, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: rawPath, method, headers: { host: 'localhost', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const fallback: AsgiApplication = async (scope, _receive, send) => {
  if (scope.type !== 'http') return;
  await send({ type: 'http.response.start', status: 200, headers: [[Buffer.from('content-type'), Buffer.from('text/plain')]] });
  await send({ type: 'http.response.body', body: Buffer.from(`app:${scope.path}`) });
};

const CSS = 'body { color: #123456; }\n'.repeat(200);

describe('production serving from STATIC_ROOT', () => {
  let project: StaticProject;
  let server: Server;
  let hashedCss: string;
  beforeAll(async () => {
    project = makeStaticProject({ DEBUG: false });
    project.write('polls/static/polls/style.css', CSS);
    project.write('polls/static/polls/images/background.png', Buffer.from('not really a png, but bytes'));
    project.write('outside/secret.txt', 'top secret');
    await collectstaticCommand.run(commandContext(project.project, captureIo(), { noinput: true, verbosity: 0 }));
    const root = project.project.settings.STATIC_ROOT as string;
    symlinkSync(path.join(project.dir, 'outside'), path.join(root, 'escape'));
    symlinkSync(path.join(project.dir, 'outside/secret.txt'), path.join(root, 'secret-link.txt'));
    hashedCss = readManifest(root).paths['polls/style.css']!;
    server = await serve(withProjectStaticFiles(project.project, fallback), { port: 0, accessLog: false, lifespan: 'off' });
  });
  afterAll(async () => {
    await server?.close();
    project?.cleanup();
  });

  it('serves a hashed name with its type, length and a one-year immutable Cache-Control', async () => {
    const res = await get(server, `/static/${hashedCss}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(CSS.length));
    expect(res.headers['cache-control']).toBe('max-age=31536000, public, immutable');
    expect(res.body.toString()).toBe(CSS);
    expect(res.headers['vary']).toBe('Accept-Encoding');
  });

  it('gives unhashed names a short max-age', async () => {
    const res = await get(server, '/static/polls/style.css');
    expect(res.headers['cache-control']).toBe('max-age=60, public');
  });

  it('answers a conditional request with 304 and no body, by ETag and by date', async () => {
    const first = await get(server, `/static/${hashedCss}`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const byEtag = await get(server, `/static/${hashedCss}`, { 'if-none-match': etag });
    expect(byEtag.status).toBe(304);
    expect(byEtag.body.length).toBe(0);
    expect(byEtag.headers.etag).toBe(etag);
    const byDate = await get(server, `/static/${hashedCss}`, { 'if-modified-since': first.headers['last-modified'] as string });
    expect(byDate.status).toBe(304);
    const stale = await get(server, `/static/${hashedCss}`, { 'if-none-match': '"other"' });
    expect(stale.status).toBe(200);
  });

  it('serves a byte range with 206 and Content-Range, and 416 past the end', async () => {
    const res = await get(server, `/static/${hashedCss}`, { range: 'bytes=10-19', 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 10-19/${CSS.length}`);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(CSS.slice(10, 20));
    const suffix = await get(server, `/static/${hashedCss}`, { range: 'bytes=-5' });
    expect(suffix.body.toString()).toBe(CSS.slice(-5));
    const outside = await get(server, `/static/${hashedCss}`, { range: `bytes=${CSS.length + 10}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${CSS.length}`);
    const ifRangeStale = await get(server, `/static/${hashedCss}`, { range: 'bytes=0-1', 'if-range': '"stale"' });
    expect(ifRangeStale.status).toBe(200);
  });

  it('picks brotli, then gzip, then the plain file from Accept-Encoding', async () => {
    const br = await get(server, `/static/${hashedCss}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(CSS);
    const gzip = await get(server, `/static/${hashedCss}`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(CSS);
    expect(gzip.headers.etag).not.toBe(br.headers.etag);
    const plain = await get(server, `/static/${hashedCss}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(CSS);
  });

  it('answers HEAD with headers only and other methods with 405', async () => {
    const head = await get(server, `/static/${hashedCss}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(CSS.length));
    const post = await get(server, `/static/${hashedCss}`, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('answers 404 to every path traversal attempt', async () => {
    const corpus = [
      '/static/../package.json',
      '/static/polls/../../outside/secret.txt',
      '/static/%2e%2e/outside/secret.txt',
      '/static/%2E%2E/%2e%2e/outside/secret.txt',
      '/static/polls/%2e%2e%2f%2e%2e%2foutside/secret.txt',
      '/static/..%2f..%2foutside%2fsecret.txt',
      '/static/..%5c..%5coutside%5csecret.txt',
      '/static//etc/passwd',
      `/static/${encodeURIComponent(path.join(project.dir, 'outside/secret.txt'))}`,
      '/static/%2fetc%2fpasswd',
      '/static/polls/style.css%00.png',
      '/static/polls/style.css%00',
      '/static/escape/secret.txt',
      '/static/secret-link.txt',
      '/static/./polls/style.css',
      '/static/polls//style.css',
      '/static/',
      '/static/polls',
    ];
    for (const raw of corpus) {
      const res = await get(server, raw);
      expect({ raw, status: res.status }).toEqual({ raw, status: 404 });
      expect(res.body.toString()).not.toContain('top secret');
    }
  });

  it('hands every other path to the application', async () => {
    const res = await get(server, '/polls/');
    expect(res.body.toString()).toBe('app:/polls/');
  });
});

describe('development serving (DEBUG on)', () => {
  let project: StaticProject;
  let server: Server;
  beforeAll(async () => {
    project = makeStaticProject({ DEBUG: true, STATICFILES_DIRS: ['assets'], MEDIA_URL: '/media/', MEDIA_ROOT: 'uploads' });
    project.write('polls/static/polls/style.css', 'li a { color: green; }');
    project.write('uploads/avatars/me.txt', 'avatar');
    project.write('outside/secret.txt', 'top secret');
    symlinkSync(path.join(project.dir, 'outside/secret.txt'), project.write('uploads/placeholder', '') + '-link');
    server = await serve(withProjectStaticFiles(project.project, fallback), { port: 0, accessLog: false, lifespan: 'off' });
  });
  afterAll(async () => {
    await server?.close();
    project?.cleanup();
  });

  it('serves files from the finders at STATIC_URL, including ones added after startup', async () => {
    const res = await get(server, '/static/polls/style.css');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('li a { color: green; }');
    expect(res.headers['cache-control']).toBe('no-cache');
    project.write('assets/polls/new.js', 'let x = 1;');
    expect((await get(server, '/static/polls/new.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('serves MEDIA_URL from MEDIA_ROOT, never through a symlink out of it', async () => {
    expect((await get(server, '/media/avatars/me.txt')).body.toString()).toBe('avatar');
    expect((await get(server, '/media/placeholder-link')).status).toBe(404);
    expect((await get(server, '/media/../outside/secret.txt')).status).toBe(404);
    expect((await get(server, '/media/%2e%2e/outside/secret.txt')).status).toBe(404);
  });

  it('leaves STATIC_URL to the application when static serving is turned off (--nostatic)', async () => {
    const off = await serve(withProjectStaticFiles(project.project, fallback, { static: false }), { port: 0, accessLog: false, lifespan: 'off' });
    try {
      expect((await get(off, '/static/polls/style.css')).body.toString()).toBe('app:/static/polls/style.css');
    } finally {
      await off.close();
    }
  });
});
