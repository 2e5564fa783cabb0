/** The body of a test request: urlencoded form data, multipart with files, JSON, or raw bytes. */
import { randomBytes } from 'node:crypto';
import { TestToolsError } from './errors.js';

/**
 * A file to upload: `{ name, content, contentType }`.
 *
 * @example
 * await client.post('/upload/', { title: 'Logo', file: { name: 'logo.png', content: pngBytes, contentType: 'image/png' } });
 */
export interface UploadFile {
  name: string;
  content: string | Uint8Array;
  contentType?: string;
}

/**
 * A form field value: text, a number, a file, or a list of them (a multi-valued field).
 *
 * @example
 * await client.post('/search/', { q: 'django', page: 2, tags: ['web', 'python'] });
 */
export type FormValue = string | number | boolean | UploadFile | ReadonlyArray<string | number | boolean | UploadFile>;

/** Request data: form fields, or anything JSON when the content type is JSON. */
export type RequestData = Record<string, FormValue> | string | Uint8Array | unknown;

function isFile(value: unknown): value is UploadFile {
  return typeof value === 'object' && value !== null && 'name' in value && 'content' in value;
}

/** `?a=1&b=2` for GET data (empty string when there is none). */
export function encodeQuery(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data !== 'object') throw new TestToolsError(`GET data must be an object of query parameters, got ${typeof data}.`);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params.toString();
}

/** The encoded body and its Content-Type. Multipart is Django's default for test POSTs, as in Django. */
export function encodeBody(data: unknown, contentType: string | undefined): { body: Uint8Array; contentType: string } {
  const encoder = new TextEncoder();
  if (data === undefined || data === null) return { body: new Uint8Array(), contentType: contentType ?? 'application/octet-stream' };
  if (typeof data === 'string') return { body: encoder.encode(data), contentType: contentType ?? 'application/octet-stream' };
  if (data instanceof Uint8Array) return { body: data, contentType: contentType ?? 'application/octet-stream' };
  if (contentType && /json/i.test(contentType)) return { body: encoder.encode(JSON.stringify(data)), contentType };
  if (contentType === 'application/x-www-form-urlencoded') return { body: encoder.encode(encodeQuery(data)), contentType };
  if (contentType && !contentType.startsWith('multipart/form-data')) {
    throw new TestToolsError(
      `Cannot encode an object as ${contentType}: pass a string or bytes, or use application/json, application/x-www-form-urlencoded or multipart/form-data.`,
    );
  }
  const boundary = `BoUnDaRy${randomBytes(8).toString('hex')}`;
  const parts: Uint8Array[] = [];
  const push = (text: string) => parts.push(encoder.encode(text));
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isFile(item)) {
        push(
          `--${boundary}\r\nContent-Disposition: form-data; name="${key}"; filename="${item.name}"\r\nContent-Type: ${item.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        );
        parts.push(typeof item.content === 'string' ? encoder.encode(item.content) : item.content);
        push('\r\n');
      } else {
        push(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${String(item)}\r\n`);
      }
    }
  }
  push(`--${boundary}--\r\n`);
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
