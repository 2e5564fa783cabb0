import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { encodeText } from '@manouche/asgi';
import { guessContentType } from './mime-types.js';
import type { HttpRequest } from './request.js';
import { HttpResponseBase, type ResponseInit } from './response.js';

/**
 * Options of {@link FileResponse}.
 *
 * @example
 * return new FileResponse(invoice.path, { asAttachment: true, filename: `invoice-${invoice.number}.pdf`, contentType: 'application/pdf' });
 */
export interface FileResponseInit extends Omit<ResponseInit, 'contentType'> {
  /** Content-Disposition: attachment (a download) instead of inline. */
  asAttachment?: boolean;
  /** The name the client sees; defaults to the file's base name. */
  filename?: string;
  /** Defaults to a guess from the file name's extension. */
  contentType?: string;
}

type ByteRange = [start: number, end: number];

/** Beyond this many ranges the Range header is ignored and the whole file is sent. */
const MAX_RANGES = 20;

/**
 * Parses a Range header against a file of `size` bytes: `undefined` to ignore it (not bytes,
 * malformed, too many), `[]` when nothing is satisfiable (416), else inclusive ranges.
 */
export function parseRangeHeader(header: string, size: number): ByteRange[] | undefined {
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match) return undefined;
  const specs = match[1]!.split(',').map((part) => part.trim());
  if (specs.length > MAX_RANGES) return undefined;
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const parts = /^(\d*)-(\d*)$/.exec(spec);
    if (!parts || (parts[1] === '' && parts[2] === '')) return undefined;
    if (parts[1] === '') {
      const suffix = Number(parts[2]);
      if (suffix > 0 && size > 0) ranges.push([Math.max(0, size - suffix), size - 1]);
      continue;
    }
    const start = Number(parts[1]);
    const end = parts[2] === '' ? size - 1 : Math.min(Number(parts[2]), size - 1);
    if (parts[2] !== '' && Number(parts[2]) < start) return undefined;
    if (start < size) ranges.push([start, end]);
  }
  return ranges;
}

/** Django's content_disposition_header: quoted ASCII names, RFC 5987 `filename*` for the rest. */
export function contentDisposition(asAttachment: boolean, filename: string): string {
  const kind = asAttachment ? 'attachment' : 'inline';
  if ([...filename].every((char) => char.charCodeAt(0) < 128)) return `${kind}; filename="${filename.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `${kind}; filename*=utf-8''${encodeURIComponent(filename)}`;
}

/**
 * Streams a file from disk, with Content-Type, Content-Length, Content-Disposition and Range
 * requests (206 Partial Content, multipart/byteranges for several ranges, 416 when unsatisfiable).
 * The file is opened when the response is sent; a missing file is then a 500 like any error.
 *
 * @example
 * return new FileResponse('/srv/media/report.pdf', { asAttachment: true, filename: 'report-2024.pdf' });
 */
export class FileResponse extends HttpResponseBase {
  readonly streaming = true;
  private body: () => AsyncIterable<Uint8Array> = async function* () {};

  constructor(
    /** The file's path on disk. */
    readonly path: string,
    private readonly init: FileResponseInit = {},
  ) {
    super({ ...init, contentType: init.contentType ?? guessContentType(init.filename ?? path) });
  }

  override async prepare(request: HttpRequest): Promise<void> {
    const info = await stat(this.path);
    const size = info.size;
    const contentType = this.headers.get('content-type')!;
    this.headers.set('content-disposition', contentDisposition(this.init.asAttachment ?? false, this.init.filename ?? basename(this.path)));
    this.headers.set('accept-ranges', 'bytes');
    this.headers.set('last-modified', info.mtime.toUTCString());
    const rangeHeader = request.headers.get('range');
    const ifRange = request.headers.get('if-range');
    const rangeApplies =
      rangeHeader !== undefined &&
      this.status === 200 &&
      ['GET', 'HEAD'].includes(request.method) &&
      (ifRange === undefined || ifRange === info.mtime.toUTCString());
    const ranges = rangeApplies ? parseRangeHeader(rangeHeader, size) : undefined;
    if (ranges === undefined) {
      this.headers.set('content-length', String(size));
      this.body = () => fileChunks(this.path);
      return;
    }
    if (ranges.length === 0) {
      this.status = 416;
      this.headers.set('content-range', `bytes */${size}`);
      this.headers.set('content-length', '0');
      this.body = async function* () {};
      return;
    }
    this.status = 206;
    if (ranges.length === 1) {
      const [start, end] = ranges[0]!;
      this.headers.set('content-range', `bytes ${start}-${end}/${size}`);
      this.headers.set('content-length', String(end - start + 1));
      this.body = () => fileChunks(this.path, start, end);
      return;
    }
    const boundary = randomBytes(12).toString('hex');
    const partHead = ranges.map(([start, end]) =>
      encodeText(`--${boundary}\r\nContent-Type: ${contentType}\r\nContent-Range: bytes ${start}-${end}/${size}\r\n\r\n`),
    );
    const crlf = encodeText('\r\n');
    const closing = encodeText(`--${boundary}--\r\n`);
    const length = ranges.reduce((sum, [start, end], i) => sum + partHead[i]!.byteLength + (end - start + 1) + crlf.byteLength, closing.byteLength);
    this.headers.set('content-type', `multipart/byteranges; boundary=${boundary}`);
    this.headers.set('content-length', String(length));
    const path = this.path;
    this.body = async function* () {
      for (const [i, [start, end]] of ranges.entries()) {
        yield partHead[i]!;
        yield* fileChunks(path, start, end);
        yield crlf;
      }
      yield closing;
    };
  }

  bodyChunks(): AsyncIterable<Uint8Array> {
    return this.body();
  }
}

async function* fileChunks(path: string, start?: number, end?: number): AsyncIterable<Uint8Array> {
  for await (const chunk of createReadStream(path, { start, end })) yield chunk as Uint8Array;
}
