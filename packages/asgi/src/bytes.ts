const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * UTF-8 encodes a string into the protocol's byte form.
 *
 * @example
 * await send({ type: 'http.response.body', body: encodeText('hello') });
 */
export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Decodes protocol bytes as UTF-8 (latin-1 is not used: header values are UTF-8 here).
 *
 * @example
 * const path = decodeText(scope.raw_path); // '/caf%C3%A9/'
 */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Builds protocol headers from a plain object or entries.
 *
 * @example
 * await send({ type: 'http.response.start', status: 200, headers: encodeHeaders({ 'Content-Type': 'text/plain' }) });
 */
export function encodeHeaders(headers: Record<string, string> | Array<[string, string]>): Array<[Uint8Array, Uint8Array]> {
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.map(([name, value]) => [encoder.encode(name.toLowerCase()), encoder.encode(value)]);
}

/**
 * Reads protocol headers as `[name, value]` strings (names already lower-case).
 *
 * @example
 * const host = decodeHeaders(scope.headers).find(([name]) => name === 'host')?.[1];
 */
export function decodeHeaders(headers: Array<[Uint8Array, Uint8Array]>): Array<[string, string]> {
  return headers.map(([name, value]) => [decoder.decode(name), decoder.decode(value)]);
}

/**
 * Joins body chunks into one array.
 *
 * @example
 * const body = concatBytes([encodeText('hello, '), encodeText('world')]);
 */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
