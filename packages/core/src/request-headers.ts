import { decodeText } from '@manouche/asgi';
import type { Headers as AsgiHeaders } from '@manouche/asgi';

/** Header bytes as text: plain ASCII (nearly every header) without a TextDecoder call, anything else as UTF-8. */
function headerText(bytes: Uint8Array): string {
  const length = bytes.length;
  if (length > 256) return decodeText(bytes);
  for (let i = 0; i < length; i++) if (bytes[i]! > 0x7f) return decodeText(bytes);
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

/** Whether header name bytes spell `lower` (lower-case), whatever the case of the bytes. */
function nameIs(bytes: Uint8Array, lower: string): boolean {
  const length = bytes.length;
  if (length !== lower.length) return false;
  for (let i = 0; i < length; i++) {
    const code = bytes[i]!;
    if ((code >= 65 && code <= 90 ? code + 32 : code) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The request's headers, read case-insensitively. Repeated headers are joined with ", " by
 * `get` (cookies with "; "), as HTTP allows; `getAll` keeps them apart.
 *
 * @example
 * request.headers.get('Content-Type'); // 'application/json'
 */
export class RequestHeaders implements Iterable<[string, string]> {
  private decoded: Array<[string, string]> | undefined;

  constructor(private readonly raw: AsgiHeaders) {}

  /** Every pair decoded, on first use (iteration, toObject). */
  private get pairs(): Array<[string, string]> {
    this.decoded ??= this.raw.map(([name, value]) => [headerText(name).toLowerCase(), headerText(value)]);
    return this.decoded;
  }

  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    const raw = this.raw;
    let found: string | undefined;
    // Compares the name bytes and decodes only the values asked for: a request reads a few of its headers.
    for (let i = 0; i < raw.length; i++) {
      const pair = raw[i]!;
      if (!nameIs(pair[0], lower)) continue;
      const value = headerText(pair[1]);
      found = found === undefined ? value : `${found}${lower === 'cookie' ? '; ' : ', '}${value}`;
    }
    return found;
  }

  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    const raw = this.raw;
    const values: string[] = [];
    for (let i = 0; i < raw.length; i++) if (nameIs(raw[i]![0], lower)) values.push(headerText(raw[i]![1]));
    return values;
  }

  has(name: string): boolean {
    const lower = name.toLowerCase();
    const raw = this.raw;
    for (let i = 0; i < raw.length; i++) if (nameIs(raw[i]![0], lower)) return true;
    return false;
  }

  /** Header pairs, names lower-case, in arrival order. */
  [Symbol.iterator](): Iterator<[string, string]> {
    return this.pairs[Symbol.iterator]();
  }

  /** Every header as a plain object (repeated ones joined). */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name] of this.pairs) out[name] ??= this.get(name)!;
    return out;
  }
}
