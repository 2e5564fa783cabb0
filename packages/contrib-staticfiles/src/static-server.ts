/**
 * Serves static files in front of an application, with no web server required (what WhiteNoise
 * does for Django): ETag/Last-Modified with 304s, single byte ranges, Content-Type, long-lived
 * immutable caching for content-hashed names, and precompressed `.br`/`.gz` variants chosen by
 * Accept-Encoding. Names are looked up, never joined blindly: `..`, encoded `%2e%2e`, absolute
 * paths, NUL bytes and symlinks leading out of the root all answer 404.
 */
import { createReadStream, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AsgiApplication, HttpScope, Receive, Send } from '@manouche/asgi';
import { contentType as mimeContentType } from 'mime-types';
import parseRange from 'range-parser';
import { isSafeName } from './finders.js';

/** One representation of a file on disk (the file itself or a compressed variant). */
interface Representation {
  readonly absolute: string;
  readonly size: number;
  readonly etag: string;
  readonly encoding?: 'br' | 'gzip';
  /** The bytes, once read, for files small enough to keep in memory. */
  cached?: Buffer;
}

/** A file the server can send. */
interface StaticEntry {
  readonly identity: Representation;
  readonly br?: Representation;
  readonly gzip?: Representation;
  readonly lastModified: string;
  readonly mtimeMs: number;
  readonly contentType: string;
  readonly cacheControl: string;
}

/**
 * Where a name's file is: its path and the root it must stay inside.
 *
 * @example
 * serveStaticFiles(app, { prefix: '/media/', resolve: (name): ResolvedFile => ({ absolute: path.join(mediaRoot, name), root: mediaRoot }) });
 */
export interface ResolvedFile {
  readonly absolute: string;
  readonly root: string;
}

/**
 * How a static server finds files.
 *
 * @example
 * serveStaticFiles(app, { prefix: '/static/', root: '/srv/mysite/staticfiles', isImmutable: (name) => /\.[0-9a-f]{12}\./.test(name), maxAge: 300 });
 */
export interface StaticServerOptions {
  /** The URL prefix served (STATIC_URL or MEDIA_URL), with its trailing slash. */
  prefix: string;
  /**
   * Production: a folder scanned once at startup (STATIC_ROOT after collectstatic). Only files
   * present then are served, which makes traversal impossible by construction.
   */
  root?: string;
  /** Development: finds a name on each request (the finders, or MEDIA_ROOT), so new files appear at once. */
  resolve?: (name: string) => ResolvedFile | undefined;
  /** Names that carry a content hash and may be cached for a year (`Cache-Control: immutable`). */
  isImmutable?: (name: string) => boolean;
  /** max-age in seconds for other names; 60 by default (WhiteNoise's). */
  maxAge?: number;
  /** Files up to this size are kept in memory after the first request (production only); 1 MiB by default. */
  memoryCacheBytes?: number;
}

const ONE_YEAR = 31536000;
const CHUNK = 64 * 1024;
const encoder = new TextEncoder();

function contentTypeOf(name: string): string {
  return mimeContentType(path.posix.extname(name) || 'bin') || 'application/octet-stream';
}

function etagOf(info: Stats, suffix = ''): string {
  return `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${suffix}"`;
}

function statFile(file: string): Stats | undefined {
  try {
    const info = statSync(file);
    return info.isFile() ? info : undefined;
  } catch {
    return undefined;
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function buildEntry(name: string, absolute: string, info: Stats, options: StaticServerOptions, variants: boolean): StaticEntry {
  const variant = (suffix: 'br' | 'gz'): Representation | undefined => {
    if (!variants) return undefined;
    const file = `${absolute}.${suffix}`;
    const stats = statFile(file);
    return stats ? { absolute: file, size: stats.size, etag: etagOf(info, `-${suffix}`), encoding: suffix === 'br' ? 'br' : 'gzip' } : undefined;
  };
  const immutable = options.isImmutable?.(name) ?? false;
  return {
    identity: { absolute, size: info.size, etag: etagOf(info) },
    br: variant('br'),
    gzip: variant('gz'),
    lastModified: new Date(Math.floor(info.mtimeMs / 1000) * 1000).toUTCString(),
    mtimeMs: info.mtimeMs,
    contentType: contentTypeOf(name),
    cacheControl:
      options.resolve && !options.root ? 'no-cache' : immutable ? `max-age=${ONE_YEAR}, public, immutable` : `max-age=${options.maxAge ?? 60}, public`,
  };
}

/** Every file under `root` by name; symlinks are followed only while they stay inside the root. */
function scanRoot(root: string, options: StaticServerOptions): Map<string, StaticEntry> {
  const entries = new Map<string, StaticEntry>();
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return entries;
  }
  const names: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      let real: string;
      try {
        real = realpathSync(full);
      } catch {
        continue;
      }
      if (!isInside(realRoot, real)) continue;
      const info = statSync(real);
      if (info.isDirectory()) walk(full, name);
      else if (info.isFile()) names.push(name);
    }
  };
  walk(realRoot, '');
  const all = new Set(names);
  for (const name of names) {
    // A `.gz`/`.br` beside its original is a variant of it, and is also served under its own name.
    const absolute = path.join(realRoot, ...name.split('/'));
    entries.set(name, buildEntry(name, absolute, statSync(absolute), options, all.has(`${name}.br`) || all.has(`${name}.gz`)));
  }
  return entries;
}

function requestHeader(scope: HttpScope, wanted: string): string | undefined {
  for (const [name, value] of scope.headers) {
    if (name.length === wanted.length && Buffer.from(name).toString('latin1').toLowerCase() === wanted) return Buffer.from(value).toString('latin1');
  }
  return undefined;
}

function accepts(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().split(';');
    if (token!.trim().toLowerCase() !== coding) continue;
    const q = params.map((param) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param)).find(Boolean);
    return !q || Number(q[1]) > 0;
  }
  return false;
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

function notModified(scope: HttpScope, entry: StaticEntry, representation: Representation): boolean {
  const ifNoneMatch = requestHeader(scope, 'if-none-match');
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, representation.etag);
  const ifModifiedSince = requestHeader(scope, 'if-modified-since');
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(entry.mtimeMs / 1000) * 1000 <= since;
}

async function sendPlain(send: Send, status: number, text: string, extra: Array<[string, string]> = []): Promise<void> {
  const body = encoder.encode(text);
  const headers: Array<[string, string]> = [['content-type', 'text/plain; charset=utf-8'], ['content-length', String(body.length)], ...extra];
  await send({ type: 'http.response.start', status, headers: headers.map(([n, v]) => [encoder.encode(n), encoder.encode(v)]) });
  await send({ type: 'http.response.body', body });
}

async function sendFile(send: Send, representation: Representation, start: number, end: number, cacheLimit: number): Promise<void> {
  const length = end - start + 1;
  if (representation.size <= cacheLimit) {
    representation.cached ??= await readFile(representation.absolute);
    await send({
      type: 'http.response.body',
      body: start === 0 && end === representation.size - 1 ? representation.cached : representation.cached.subarray(start, end + 1),
    });
    return;
  }
  if (length === 0) {
    await send({ type: 'http.response.body', body: new Uint8Array() });
    return;
  }
  const stream = createReadStream(representation.absolute, { start, end, highWaterMark: CHUNK });
  let sent = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    sent += chunk.length;
    await send({ type: 'http.response.body', body: chunk, more_body: sent < length });
  }
  if (sent < length) await send({ type: 'http.response.body', body: new Uint8Array() });
}

/**
 * Wraps `inner` so requests under `options.prefix` are answered from static files; everything
 * else goes to `inner`. GET and HEAD only (405 otherwise); a name that is not there is a 404.
 *
 * @example
 * const app = serveStaticFiles(projectApp, { prefix: '/static/', root: '/srv/mysite/staticfiles', isImmutable: (name) => hashed.has(name) });
 */
export function serveStaticFiles(inner: AsgiApplication, options: StaticServerOptions): AsgiApplication {
  const prefix = options.prefix.endsWith('/') ? options.prefix : `${options.prefix}/`;
  const table = options.root ? scanRoot(options.root, options) : undefined;
  const cacheLimit = table ? (options.memoryCacheBytes ?? 1024 * 1024) : -1;

  const lookup = (name: string): StaticEntry | undefined => {
    if (!isSafeName(name)) return undefined;
    if (table) return table.get(name);
    const resolved = options.resolve?.(name);
    if (!resolved) return undefined;
    let real: string;
    let realRoot: string;
    try {
      real = realpathSync(resolved.absolute);
      realRoot = realpathSync(resolved.root);
    } catch {
      return undefined;
    }
    if (!isInside(realRoot, real)) return undefined;
    const info = statFile(real);
    return info ? buildEntry(name, real, info, options, true) : undefined;
  };

  return async (scope, receive: Receive, send: Send) => {
    if (scope.type !== 'http' || !scope.path.startsWith(prefix)) return inner(scope, receive, send);
    const name = scope.path.slice(prefix.length);
    const entry = lookup(name);
    if (!entry) return sendPlain(send, 404, 'Not Found\n');
    if (scope.method !== 'GET' && scope.method !== 'HEAD') return sendPlain(send, 405, 'Method Not Allowed\n', [['allow', 'GET, HEAD']]);

    const rangeHeader = requestHeader(scope, 'range');
    const acceptEncoding = requestHeader(scope, 'accept-encoding');
    // Ranges are served from the file itself, so byte offsets mean the same for every client.
    const representation =
      rangeHeader === undefined && entry.br && accepts(acceptEncoding, 'br')
        ? entry.br
        : rangeHeader === undefined && entry.gzip && accepts(acceptEncoding, 'gzip')
          ? entry.gzip
          : entry.identity;
    const headers: Array<[string, string]> = [
      ['content-type', entry.contentType],
      ['last-modified', entry.lastModified],
      ['etag', representation.etag],
      ['cache-control', entry.cacheControl],
      ['accept-ranges', 'bytes'],
    ];
    if (entry.br || entry.gzip) headers.push(['vary', 'Accept-Encoding']);
    if (representation.encoding) headers.push(['content-encoding', representation.encoding]);
    const start = (status: number, extra: Array<[string, string]>) =>
      send({ type: 'http.response.start', status, headers: [...headers, ...extra].map(([n, v]) => [encoder.encode(n), encoder.encode(v)]) });

    if (notModified(scope, entry, representation)) {
      await start(304, []);
      await send({ type: 'http.response.body', body: new Uint8Array() });
      return;
    }

    let first = 0;
    let last = representation.size - 1;
    let status = 200;
    const extra: Array<[string, string]> = [];
    if (rangeHeader !== undefined && representation === entry.identity) {
      const ifRange = requestHeader(scope, 'if-range');
      const rangeApplies = ifRange === undefined || ifRange.trim() === entry.identity.etag || ifRange.trim() === entry.lastModified;
      const ranges = rangeApplies ? parseRange(entry.identity.size, rangeHeader, { combine: true }) : -2;
      if (ranges === -1) {
        await start(416, [
          ['content-range', `bytes */${entry.identity.size}`],
          ['content-length', '0'],
        ]);
        await send({ type: 'http.response.body', body: new Uint8Array() });
        return;
      }
      // Several ranges, a malformed header or a failed If-Range: the whole file (RFC 9110 allows ignoring Range).
      if (Array.isArray(ranges) && ranges.type === 'bytes' && ranges.length === 1) {
        first = ranges[0]!.start;
        last = ranges[0]!.end;
        status = 206;
        extra.push(['content-range', `bytes ${first}-${last}/${entry.identity.size}`]);
      }
    }
    extra.push(['content-length', String(Math.max(0, last - first + 1))]);
    await start(status, extra);
    if (scope.method === 'HEAD') {
      await send({ type: 'http.response.body', body: new Uint8Array() });
      return;
    }
    await sendFile(send, representation, first, last, cacheLimit);
  };
}
