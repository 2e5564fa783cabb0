import { decodeText } from '@manouche/asgi';
import type { Headers as AsgiHeaders } from '@manouche/asgi';

/** Header bytes as text: plain ASCII (nearly every header) without a TextDecoder call, anything else as UTF-8. */
function headerText(bytes: Uint8Array): string {
  return asciiText(bytes) ?? decodeText(bytes);
}

/** The text of ASCII bytes, or undefined when there is another byte (or too many for one call). */
function asciiText(bytes: Uint8Array): string | undefined {
  const length = bytes.length;
  if (length > 256) return undefined;
  for (let i = 0; i < length; i++) if (bytes[i]! > 0x7f) return undefined;
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

/** Whether `bytes` spell `text` char for char. */
function spells(bytes: Uint8Array, text: string): boolean {
  const length = bytes.length;
  if (length !== text.length) return false;
  for (let i = 0; i < length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

const REMEMBERED_POSITIONS = 32;
// A client sends the same headers in the same order on every request, mostly the same values (Host
// first): the ASCII text decoded last at each position of the list is reused when the bytes spell it
// again, a compare instead of a new string (and getHost's memo then matches by identity).
const textsAt: string[] = [];

/** The text of the value bytes at `position` of a request's header list. */
function valueText(position: number, bytes: Uint8Array): string {
  const known = textsAt[position];
  if (known !== undefined && spells(bytes, known)) return known;
  const ascii = asciiText(bytes);
  if (ascii === undefined) return decodeText(bytes);
  if (position < REMEMBERED_POSITIONS) textsAt[position] = ascii;
  return ascii;
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
      const value = valueText(i, pair[1]);
      found = found === undefined ? value : `${found}${lower === 'cookie' ? '; ' : ', '}${value}`;
    }
    return found;
  }

  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    const raw = this.raw;
    const values: string[] = [];
    for (let i = 0; i < raw.length; i++) if (nameIs(raw[i]![0], lower)) values.push(valueText(i, raw[i]![1]));
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
