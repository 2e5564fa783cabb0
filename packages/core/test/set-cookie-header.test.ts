import { serialize } from 'cookie';
import { describe, expect, it } from 'vitest';
import { setCookieHeader } from '../src/set-cookie-header.js';

describe('setCookieHeader', () => {
  const cases = [
    {},
    { path: '/' },
    { path: '/admin/', domain: 'example.com', httpOnly: true, secure: true, sameSite: 'strict' as const },
    { path: '/', maxAge: 31449600, expires: new Date(Date.UTC(2027, 11, 5, 12, 54, 46, 789)), sameSite: 'lax' as const },
    { maxAge: 0, expires: new Date(0), sameSite: 'none' as const },
  ];

  it.each(cases)('writes what cookie.serialize writes for %o', (options) => {
    for (const value of ['uVqu1QwX0pMSGS6ZeoJvlUVNRbn0qpJE', '', 'a b;c=d', 'é€']) {
      expect(setCookieHeader('csrftoken', value, options)).toBe(serialize('csrftoken', value, options));
      // the second call comes from the cached suffix
      expect(setCookieHeader('csrftoken', value, options)).toBe(serialize('csrftoken', value, options));
    }
  });

  it('keeps Expires to the second it falls in', () => {
    const first = setCookieHeader('s', 'v', { expires: new Date(Date.UTC(2030, 0, 1, 0, 0, 0, 100)) });
    const later = setCookieHeader('s', 'v', { expires: new Date(Date.UTC(2030, 0, 1, 0, 0, 1, 0)) });
    expect(first).toBe('s=v; Expires=Tue, 01 Jan 2030 00:00:00 GMT');
    expect(later).toBe('s=v; Expires=Tue, 01 Jan 2030 00:00:01 GMT');
  });

  it('refuses what the library refuses, every time', () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => setCookieHeader('bad name', 'v', {})).toThrow(/argument name is invalid/);
      expect(() => setCookieHeader('s', 'v', { domain: 'bad domain' })).toThrow(/option domain is invalid/);
      expect(() => setCookieHeader('s', 'v', { expires: new Date(Number.NaN) })).toThrow(/option expires is invalid/);
      expect(() => setCookieHeader('s', 'v', { maxAge: 1.5 })).toThrow(/option maxAge is invalid/);
    }
    expect(() => setCookieHeader('s', '\uD800', {})).toThrow(URIError);
  });
});
