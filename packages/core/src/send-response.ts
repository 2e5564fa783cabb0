import type { Headers as AsgiHeaders, HttpResponseStartEvent, Send } from '@manouche/asgi';
import { encodeText } from '@manouche/asgi';
import { asciiBytes } from './ascii-bytes.js';
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
  // Set-Cookie values run past 100 characters; the loop stays cheaper than the encoder well beyond that.
  return asciiBytes(text, 1024) ?? encodeText(text);
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

/** The bytes of the header sent at one position of the header list, with the strings they were made from. */
interface SentField {
  name: string;
  value: string;
  nameBytes: Uint8Array;
  valueBytes: Uint8Array;
}

const REMEMBERED_POSITIONS = 32;
// Responses of one view set the same headers in the same order, mostly the same strings: the bytes
// sent last at a position are reused when name and value are those again (two string compares, no
// Map lookup). Each response gets its own pairs, so a wrapper that replaces a pair's value in place
// changes that response only; the bytes are shared and must never be written to.
const sentFields: SentField[] = [];

function pairAt(position: number, name: string, value: string): [Uint8Array, Uint8Array] {
  const sent = sentFields[position];
  if (sent !== undefined && sent.name === name && sent.value === value) return [sent.nameBytes, sent.valueBytes];
  const pair = headerPair(name, value);
  if (position < REMEMBERED_POSITIONS) sentFields[position] = { name, value, nameBytes: pair[0], valueBytes: pair[1] };
  return pair;
}

/** The response's headers and cookies as gateway header pairs, in the order they were set. */
export function responseHeaders(response: HttpResponseBase): AsgiHeaders {
  const { fieldNames, fieldValues, setCookies } = response.headers;
  // Sized up front: growing the array push by push showed in profiles.
  const count = fieldNames.length;
  const pairs: AsgiHeaders = new Array(count);
  for (let i = 0; i < count; i++) pairs[i] = pairAt(i, fieldNames[i]!, fieldValues[i]!);
  for (const cookie of setCookies) pairs.push(headerPair('set-cookie', cookie));
  if (response.hasCookies) for (const cookie of response.cookies.values()) pairs.push(headerPair('set-cookie', cookie));
  return pairs;
}

/**
 * The `http.response.start` event of a prepared response (a missing content-length added). Kept apart
 * from sending: an error here can still be answered with an error page, one after it cannot.
 */
export function responseStart(response: HttpResponseBase): HttpResponseStartEvent {
  if (response instanceof HttpResponse) response.headers.setDefaultValid('content-length', String(response.content.byteLength));
  return { type: 'http.response.start', status: response.status, headers: responseHeaders(response) };
}

function isBodiless(response: HttpResponseBase, request: HttpRequest): boolean {
  return request.method === 'HEAD' || response.status === 204 || response.status === 304;
}

/** The body of a response sent in one event (an HttpResponse that has one), else undefined: sendResponse does the rest. */
export function wholeBody(response: HttpResponseBase, request: HttpRequest): Uint8Array | undefined {
  return response instanceof HttpResponse && !isBodiless(response, request) ? response.content : undefined;
}

/**
 * Sends a prepared response through the gateway: `start` (from responseStart), then the body
 * (streamed with `more_body`); HEAD requests and 204/304 responses get no body.
 */
export async function sendResponse(response: HttpResponseBase, request: HttpRequest, start: HttpResponseStartEvent, send: Send): Promise<void> {
  await send(start);
  if (isBodiless(response, request)) {
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
