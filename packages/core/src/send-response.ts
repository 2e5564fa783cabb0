import type { Headers as AsgiHeaders, Send } from '@manouche/asgi';
import { encodeText } from '@manouche/asgi';
import type { HttpRequest } from './request.js';
import { HttpResponse, type HttpResponseBase } from './response.js';

const NAME_CACHE_LIMIT = 256;

/** A header name's bytes, and the bytes of the last value sent under it. */
interface EncodedField {
  name: Uint8Array;
  lastValue: string;
  lastValueBytes: Uint8Array;
}

// Most headers carry the same value on every response (content-type, x-frame-options, referrer-policy…):
// remembering the last value per name makes their bytes free. The bytes are shared between responses,
// so they must never be written to (servers only read them).
const encodedFields = new Map<string, EncodedField>();

/**
 * A header value as UTF-8 bytes. Values are nearly always short ASCII: those are copied char by
 * char, which is far cheaper than a TextEncoder call per header (it dominated the send path).
 */
function headerValueBytes(text: string): Uint8Array {
  const length = text.length;
  if (length > 128) return encodeText(text);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encodeText(text);
    bytes[i] = code;
  }
  return bytes;
}

/** One header as a gateway pair (`name` is lower-case). */
function headerPair(name: string, value: string): [Uint8Array, Uint8Array] {
  let field = encodedFields.get(name);
  if (field === undefined) {
    field = { name: headerValueBytes(name), lastValue: value, lastValueBytes: headerValueBytes(value) };
    if (encodedFields.size < NAME_CACHE_LIMIT) encodedFields.set(name, field);
  } else if (field.lastValue !== value) {
    field.lastValue = value;
    field.lastValueBytes = headerValueBytes(value);
  }
  return [field.name, field.lastValueBytes];
}

/** The response's headers and cookies as gateway header pairs, in the order they were set. */
export function responseHeaders(response: HttpResponseBase): AsgiHeaders {
  const pairs: AsgiHeaders = [];
  const { fields, setCookies } = response.headers;
  for (const [name, value] of fields) pairs.push(headerPair(name, value));
  for (const cookie of setCookies) pairs.push(headerPair('set-cookie', cookie));
  for (const cookie of response.cookies.values()) pairs.push(headerPair('set-cookie', cookie));
  return pairs;
}

/**
 * Sends a prepared response through the gateway: start, then the body (streamed with
 * `more_body`); HEAD requests and 204/304 responses get no body.
 */
export async function sendResponse(response: HttpResponseBase, request: HttpRequest, send: Send): Promise<void> {
  if (response instanceof HttpResponse && !response.headers.has('content-length')) {
    response.headers.set('content-length', String(response.content.byteLength));
  }
  const bodiless = request.method === 'HEAD' || response.status === 204 || response.status === 304;
  await send({ type: 'http.response.start', status: response.status, headers: responseHeaders(response) });
  if (bodiless) {
    await response.close();
    await send({ type: 'http.response.body', body: new Uint8Array(), more_body: false });
    return;
  }
  if (response instanceof HttpResponse) {
    await send({ type: 'http.response.body', body: response.content, more_body: false });
    return;
  }
  for await (const chunk of response.bodyChunks()) {
    if (chunk.byteLength > 0) await send({ type: 'http.response.body', body: chunk, more_body: true });
  }
  await send({ type: 'http.response.body', body: new Uint8Array(), more_body: false });
}
