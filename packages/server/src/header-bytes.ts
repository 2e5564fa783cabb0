/**
 * Conversions between Node's latin-1 header strings and the protocol's bytes. Latin-1 maps
 * each byte to one char code, so the bytes an app sends reach the wire unchanged.
 */
import type { Headers } from '@manouche/asgi';

const nameCache = new Map<string, Uint8Array>();

/**
 * @internal A latin-1 string to bytes. Short strings (most header values and paths) are copied
 * into a small on-heap array: much cheaper than `Buffer.from`, which dominated the per-request profile.
 */
export function latin1Bytes(text: string): Uint8Array {
  const length = text.length;
  if (length > 64) return Buffer.from(text, 'latin1');
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
const NAME_CACHE_LIMIT = 512;

/** @internal Lower-cased header name bytes; common names are encoded once and reused. */
export function headerNameBytes(rawName: string): Uint8Array {
  let bytes = nameCache.get(rawName);
  if (bytes === undefined) {
    bytes = latin1Bytes(rawName.toLowerCase());
    if (nameCache.size < NAME_CACHE_LIMIT) nameCache.set(rawName, bytes);
  }
  return bytes;
}

// The header names of the last request, by position, and their bytes: clients send the same headers in the
// same order, so an equality test finds most names without hashing a fresh string for the cache lookup.
const lastNames: string[] = [];
const lastNameBytes: Uint8Array[] = [];
const REMEMBERED_NAMES = 64;

function headerNameBytesAt(position: number, rawName: string): Uint8Array {
  if (lastNames[position] === rawName) return lastNameBytes[position]!;
  const bytes = headerNameBytes(rawName);
  if (position < REMEMBERED_NAMES) {
    lastNames[position] = rawName;
    lastNameBytes[position] = bytes;
  }
  return bytes;
}

/** @internal Bytes to a latin-1 string, without copying the bytes. */
export function latin1(bytes: Uint8Array): string {
  if (bytes.length < 48) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** The text last decoded at one position of a header list, and a copy of the bytes it was decoded from. */
export class RememberedText {
  private readonly copy: Uint8Array;
  // 32-bit views of the bytes and of the copy when the bytes start 4-byte aligned: the compare then takes
  // 4 bytes a step, and a char-by-char compare was most of writeHead's cost.
  private readonly words: Uint32Array | null = null;
  private readonly copyWords: Uint32Array | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    readonly text: string,
  ) {
    this.copy = new Uint8Array(bytes);
    const wordCount = bytes.length >> 2;
    if (wordCount > 0 && bytes.byteOffset % 4 === 0) {
      this.words = new Uint32Array(bytes.buffer, bytes.byteOffset, wordCount);
      this.copyWords = new Uint32Array(this.copy.buffer, 0, wordCount);
    }
  }

  /** Whether `bytes` hold what `text` was decoded from (an app may have rewritten them in place since). */
  matches(bytes: Uint8Array): boolean {
    const copy = this.copy;
    const length = bytes.length;
    if (length !== copy.length) return false;
    let i = 0;
    // The views read the same memory as `bytes` only when it is the very array they were made for.
    const words = this.words;
    if (bytes === this.bytes && words !== null) {
      const copyWords = this.copyWords!;
      for (let w = 0; w < copyWords.length; w++) if (words[w] !== copyWords[w]) return false;
      i = copyWords.length << 2;
    }
    for (; i < length; i++) if (bytes[i] !== copy[i]) return false;
    return true;
  }
}

const REMEMBERED_POSITIONS = 64;

/**
 * @internal Decodes response header bytes, remembering what was decoded at each position of the
 * header list. Applications send mostly the same headers in the same order (core shares their bytes
 * between responses), so most fields are compared rather than decoded. The compare is with a copy of
 * the bytes, so it stays right for an app that rewrites a buffer in place.
 */
export class HeaderMemo<R extends RememberedText> {
  private readonly remembered: R[] = [];

  constructor(private readonly remember: (bytes: Uint8Array, text: string) => R) {}

  /** What is remembered for `bytes` at `position`, decoded afresh when they changed. */
  at(position: number, bytes: Uint8Array): R {
    const known = this.remembered[position];
    // biome-ignore lint/complexity/useOptionalChain: `known?.matches()` measured slower here, on every header of every response.
    if (known !== undefined && known.matches(bytes)) return known;
    const fresh = this.remember(bytes, latin1(bytes));
    if (position < REMEMBERED_POSITIONS) this.remembered[position] = fresh;
    return fresh;
  }
}

/** @internal A remembered response header name, with what is asked of every name worked out once. */
export class RememberedName extends RememberedText {
  readonly lower: string;
  readonly isContentLength: boolean;

  constructor(bytes: Uint8Array, text: string) {
    super(bytes, text);
    this.lower = text.toLowerCase();
    this.isContentLength = this.lower === 'content-length';
  }
}

/**
 * @internal Node `rawHeaders` (`[name, value, name, value, ...]`) to protocol headers; HTTP/2
 * pseudo-headers are dropped and `:authority` becomes `host` when the client sent no host.
 */
export function rawHeadersToBytes(raw: string[], http2: boolean): Headers {
  const headers: Headers = [];
  let authority: string | undefined;
  let hasHost = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (http2 && name.charCodeAt(0) === 58 /* ':' */) {
      if (name === ':authority') authority = raw[i + 1];
      continue;
    }
    if (http2 && name === 'host') hasHost = true;
    headers.push([headerNameBytesAt(i >> 1, name), latin1Bytes(raw[i + 1]!)]);
  }
  if (http2 && !hasHost && authority !== undefined) headers.unshift([headerNameBytes('host'), latin1Bytes(authority)]);
  return headers;
}

/** @internal What `declaredBodyLength` answers for a request with a Transfer-Encoding: a body of unknown length. */
export const UNKNOWN_LENGTH = -1;

/**
 * @internal The body a request head declares, read from Node's `rawHeaders`: its Content-Length (0 without
 * one), or UNKNOWN_LENGTH when it has a Transfer-Encoding (node's parser refuses a request with both).
 * Not from `req.headers`, which node builds as an object on first use: one more object per request.
 */
export function declaredBodyLength(raw: string[]): number {
  let length = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // Lower-cased only at the right length: nearly every header name is passed over at the first test.
    if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') return UNKNOWN_LENGTH;
    if (name.length === 14 && name.toLowerCase() === 'content-length') length = Number(raw[i + 1]);
  }
  return length;
}

/** @internal Whether a header name (lower-case bytes) equals `name` (lower-case ASCII). */
export function nameIs(bytes: Uint8Array, name: string): boolean {
  if (bytes.length !== name.length) return false;
  for (let i = 0; i < bytes.length; i++) {
    let c = bytes[i]!;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== name.charCodeAt(i)) return false;
  }
  return true;
}

const HTTP1_HEAD_OVERHEAD = ' HTTP/1.1\r\n\r\n'.length;

/**
 * @internal The size of an HTTP/2 request head (Node `rawHeaders`, pseudo-headers included) written as
 * HTTP/1.1 — `GET /path HTTP/1.1`, `host: ...` and one `name: value` line per header — so that one
 * `maxHeaderSize` means the same for both protocols. Header strings are latin-1: one char, one byte.
 */
export function http2HeadSize(raw: string[]): number {
  let size = HTTP1_HEAD_OVERHEAD;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    if (name.charCodeAt(0) !== 58 /* ':' */) size += name.length + value.length + 4;
    else if (name === ':method' || name === ':path') size += value.length + 1;
    else if (name === ':authority') size += 'host'.length + value.length + 4;
  }
  return size;
}
