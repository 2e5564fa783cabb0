/**
 * Short ASCII text as bytes, copied char by char into a small array: cheaper than a TextEncoder call, and
 * than Buffer.from with its trip into C++ up to about 32 characters (past 64 the array is allocated off
 * V8's heap and the copy loses). `undefined` when the text is longer than `limit` or not ASCII.
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
