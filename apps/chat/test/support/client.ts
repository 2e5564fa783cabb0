/** A browser-less client for the chat's tests: HTTP with a cookie jar shared across servers, and WebSockets carrying those cookies. */
import { WebSocket } from 'ws';

export interface Page {
  status: number;
  html: string;
  location: string | null;
}

export class ChatClient {
  private readonly cookies = new Map<string, string>();

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  /** The Cookie header a browser would send. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(url: string): Promise<Page> {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    this.remember(response);
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  }

  /** Posts a form with the CSRF token of `csrfFrom`, as a browser would. */
  async post(url: string, data: Record<string, string>, csrfFrom: Page): Promise<Page> {
    const body = new URLSearchParams(data);
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(csrfFrom.html)?.[1];
    if (token) body.set('csrfmiddlewaretoken', token);
    const response = await fetch(url, { method: 'POST', body, redirect: 'manual', headers: { cookie: this.cookieHeader(), origin: new URL(url).origin } });
    this.remember(response);
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  }

  /** Logs in through the login form of the server at `baseUrl`. */
  async login(baseUrl: string, username: string, password: string): Promise<void> {
    const form = await this.get(`${baseUrl}/accounts/login/`);
    const done = await this.post(`${baseUrl}/accounts/login/`, { username, password }, form);
    if (done.status !== 302) throw new Error(`login as ${username} failed with ${done.status}`);
  }

  /** Opens a WebSocket to `baseUrl` + path, sending this client's cookies and the page's Origin. */
  socket(baseUrl: string, path: string, origin = baseUrl): Promise<ChatSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, { headers: { origin, cookie: this.cookieHeader() } });
    const socket = new ChatSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`handshake refused with ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }
}

/** A connected chat socket whose messages queue until read. */
export class ChatSocket {
  private readonly messages: unknown[] = [];
  private waiter: ((message: unknown) => void) | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as unknown;
      if (this.waiter) {
        const waiter = this.waiter;
        this.waiter = undefined;
        waiter(message);
      } else this.messages.push(message);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  say(message: string): void {
    this.ws.send(JSON.stringify({ message }));
  }

  /** The next message, or an error after `timeoutMs`. */
  next(timeoutMs = 10_000): Promise<unknown> {
    const queued = this.messages.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no chat message within ${timeoutMs} ms`)), timeoutMs);
      this.waiter = (message) => {
        clearTimeout(timer);
        resolve(message);
      };
    });
  }

  close(): void {
    this.ws.close();
  }
}
