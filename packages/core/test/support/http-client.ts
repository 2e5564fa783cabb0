/** A small browser-like HTTP client over node:http for tests: keeps cookies, sends any header (Origin, Referer). */
import { request as httpRequest } from 'node:http';

export interface ClientResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Set-Cookie values of this response by cookie name (value only). */
  setCookies: Record<string, string>;
  /** The raw Set-Cookie headers. */
  rawSetCookies: string[];
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** A form body (urlencoded) or a raw string. */
  form?: Record<string, string>;
  body?: string;
}

/** A client against one base URL with a cookie jar. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request(path: string, options: RequestOptions = {}): Promise<ClientResponse> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { ...options.headers };
    let body = options.body;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    if (this.cookies.size > 0 && !Object.keys(headers).some((name) => name.toLowerCase() === 'cookie')) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: options.method ?? 'GET', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const rawSetCookies = res.headers['set-cookie'] ?? [];
          const setCookies: Record<string, string> = {};
          for (const line of rawSetCookies) {
            const [pair] = line.split(';');
            const eq = pair!.indexOf('=');
            const name = pair!.slice(0, eq).trim();
            const value = pair!.slice(eq + 1).trim();
            setCookies[name] = value;
            if (/max-age=0\b/i.test(line) || value === '') this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), setCookies, rawSetCookies });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(path, { method: 'POST', form, headers });
  }
}
