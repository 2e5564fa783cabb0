/** A minimal browser over real HTTP for the blog's tests: keeps cookies, reads the CSRF token from forms. */

export interface Page {
  status: number;
  html: string;
  location: string | null;
}

export class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async get(path: string): Promise<Page> {
    const response = await fetch(`${this.baseUrl}${path}`, { redirect: 'manual', headers: this.cookieHeader() });
    this.remember(response);
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  }

  /** Posts `data` urlencoded, with the CSRF token the last page's form carried (as a browser would). */
  async post(path: string, data: Record<string, string>, csrfFrom?: Page): Promise<Page> {
    const body = new URLSearchParams(data);
    const token = csrfFrom ? /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(csrfFrom.html)?.[1] : undefined;
    if (token) body.set('csrfmiddlewaretoken', token);
    const response = await fetch(`${this.baseUrl}${path}`, { method: 'POST', body, redirect: 'manual', headers: this.cookieHeader() });
    this.remember(response);
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  }
}
