/** The Client's cookies: set by responses' Set-Cookie headers, sent back on every request. */

/**
 * Cookie name → value, kept between requests like a browser would (one host, every path).
 *
 * @example
 * client.cookies.set('django_language', 'fr');
 * client.cookies.get('sessionid'); // the session key after a login
 */
export class CookieJar {
  private readonly values = new Map<string, string>();

  /** Applies one Set-Cookie header: stores the value, or deletes it when it has expired. */
  apply(setCookie: string): void {
    const [pair = '', ...attributes] = setCookie.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    let expired = false;
    for (const attribute of attributes) {
      const [key = '', raw = ''] = attribute.split('=');
      const lower = key.trim().toLowerCase();
      if (lower === 'max-age' && Number(raw.trim()) <= 0) expired = true;
      if (lower === 'expires' && Date.parse(raw.trim()) < Date.now()) expired = true;
    }
    if (expired) this.values.delete(name);
    else this.values.set(name, safeDecode(value));
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  delete(name: string): void {
    this.values.delete(name);
  }

  clear(): void {
    this.values.clear();
  }

  /** Every cookie as an object. */
  toObject(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  /** The Cookie request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.values.size === 0) return undefined;
    return [...this.values].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
