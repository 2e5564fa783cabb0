import { describe, expect, it } from 'vitest';
import { HttpResponse } from '@manouche/core';
import {
  addNeverCacheHeaders,
  getMaxAge,
  hasVaryHeader,
  httpDate,
  parseEtags,
  parseHttpDate,
  patchCacheControl,
  patchResponseHeaders,
  patchVaryHeaders,
  quoteEtag,
} from '../src/index.js';

describe('Cache-Control, Expires and Vary', () => {
  it('adds directives, keeps the smaller max-age, and lets private and public replace each other', () => {
    const response = new HttpResponse('');
    response.headers.set('cache-control', 'public, max-age=300');
    patchCacheControl(response, { maxAge: 600, mustRevalidate: true });
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    patchCacheControl(response, { private: true, maxAge: 60 });
    expect(response.headers.get('cache-control')).toBe('max-age=60, must-revalidate, private');
    expect(getMaxAge(response)).toBe(60);
    patchCacheControl(response, { mustRevalidate: false });
    expect(response.headers.get('cache-control')).toBe('max-age=60, private');
  });

  it('sets Expires once and max-age, never below zero', () => {
    const response = new HttpResponse('');
    patchResponseHeaders(response, -10);
    expect(response.headers.get('cache-control')).toBe('max-age=0');
    const expires = parseHttpDate(response.headers.get('expires'));
    expect(expires).toBeTypeOf('number');
    response.headers.set('expires', 'Thu, 01 Jan 2026 00:00:00 GMT');
    patchResponseHeaders(response, 30);
    expect(response.headers.get('expires')).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
  });

  it('marks a response never to be cached', () => {
    const response = new HttpResponse('');
    addNeverCacheHeaders(response);
    expect(response.headers.get('cache-control')).toBe('max-age=0, no-cache, no-store, must-revalidate, private');
    expect(response.headers.has('expires')).toBe(true);
  });

  it('adds Vary headers once whatever their case, and collapses to * when one is *', () => {
    const response = new HttpResponse('');
    response.headers.set('vary', 'Accept-Encoding');
    patchVaryHeaders(response, ['cookie', 'ACCEPT-ENCODING', 'Accept-Language']);
    expect(response.headers.get('vary')).toBe('Accept-Encoding, cookie, Accept-Language');
    expect(hasVaryHeader(response, 'Cookie')).toBe(true);
    expect(hasVaryHeader(response, 'User-Agent')).toBe(false);
    patchVaryHeaders(response, ['*']);
    expect(response.headers.get('vary')).toBe('*');
  });
});

describe('entity tags and HTTP dates', () => {
  it('parses If-None-Match lists, *, weak tags, and skips malformed ones', () => {
    expect(parseEtags('"a", W/"b",  c, "d"')).toEqual(['"a"', 'W/"b"', '"d"']);
    expect(parseEtags(' * ')).toEqual(['*']);
    expect(parseEtags(undefined)).toEqual([]);
    expect(quoteEtag('abc')).toBe('"abc"');
    expect(quoteEtag('W/"abc"')).toBe('W/"abc"');
  });

  it('reads the three HTTP date forms and refuses anything else', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(784111777);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(784111777);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(784111777);
    expect(parseHttpDate('2026-12-06')).toBeUndefined();
    expect(httpDate(784111777)).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
  });
});
