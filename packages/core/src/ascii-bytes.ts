/**
 * Short ASCII text as bytes, copied char by char into a small array: much cheaper than a TextEncoder
 * call, and than Buffer.from with its trip into C++, for the short strings of every response (header
 * values, small bodies). `undefined` when the text is longer than `limit` or not ASCII.
 */
export function asciiBytes(text: string, limit: number): Uint8Array | undefined {
  const length = text.length;
  if (length > limit) return undefined;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return undefined;
    bytes[i] = code;
  }
  return bytes;
}
