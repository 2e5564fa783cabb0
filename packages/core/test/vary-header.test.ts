import { describe, expect, it } from 'vitest';
import { HttpResponse } from '../src/index.js';
import { hasVaryHeader, patchVaryHeaders } from '../src/vary-header.js';

function varyAfter(initial: string | undefined, add: string[]): string | null {
  const response = new HttpResponse('');
  if (initial !== undefined) response.headers.set('vary', initial);
  patchVaryHeaders(response, add);
  return response.headers.get('vary');
}

describe('patchVaryHeaders', () => {
  it('sets, appends and keeps each name once whatever its case', () => {
    expect(varyAfter(undefined, ['Cookie'])).toBe('Cookie');
    expect(varyAfter('Accept-Encoding', ['Cookie'])).toBe('Accept-Encoding, Cookie');
    expect(varyAfter('accept-encoding,  COOKIE', ['Cookie'])).toBe('accept-encoding, COOKIE');
    expect(varyAfter(undefined, ['Cookie', 'cookie', 'Accept-Language'])).toBe('Cookie, Accept-Language');
  });

  it('tells a name apart from a longer one that contains it', () => {
    expect(varyAfter('X-Cookie-Id', ['Cookie'])).toBe('X-Cookie-Id, Cookie');
  });

  it('makes Vary just * when * is among the names', () => {
    expect(varyAfter('Cookie, *', ['Accept'])).toBe('*');
    expect(varyAfter('Accept', ['*'])).toBe('*');
  });

  it('hasVaryHeader matches whole names, case-insensitively', () => {
    const response = new HttpResponse('');
    patchVaryHeaders(response, ['X-Cookie-Id']);
    expect(hasVaryHeader(response, 'cookie')).toBe(false);
    patchVaryHeaders(response, ['Cookie']);
    expect(hasVaryHeader(response, 'COOKIE')).toBe(true);
  });
});
