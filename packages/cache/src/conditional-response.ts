/**
 * Conditional requests (RFC 9110 section 13, Django's get_conditional_response): If-Match,
 * If-Unmodified-Since, If-None-Match and If-Modified-Since checked in the RFC's order against a
 * resource's ETag and Last-Modified, answering 304 Not Modified or 412 Precondition Failed.
 */
import { createHash } from 'node:crypto';
import { HttpResponse, HttpResponseNotModified, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { parseHttpDate } from './http-date.js';

const ETAG = /^((?:W\/)?"[^"]*")$/;

/**
 * The entity tags of an If-Match / If-None-Match header; `['*']` for `*`; malformed ones are skipped.
 *
 * @example
 * parseEtags('"v1", W/"v2", bad'); // ['"v1"', 'W/"v2"']
 * parseEtags('*'); // ['*']
 */
export function parseEtags(header: string | null | undefined): string[] {
  const text = (header ?? '').trim();
  if (text === '*') return ['*'];
  return text
    .split(',')
    .map((tag) => ETAG.exec(tag.trim())?.[1])
    .filter((tag): tag is string => tag !== undefined);
}

/**
 * `tag` as a quoted entity tag (left alone when it already is one, weak or strong).
 *
 * @example
 * quoteEtag('v42'); // '"v42"'
 * quoteEtag('W/"v42"'); // 'W/"v42"' (left alone)
 */
export function quoteEtag(tag: string): string {
  return ETAG.test(tag) ? tag : `"${tag}"`;
}

/**
 * Sets ETag to the quoted MD5 of a non-empty, non-streaming body (Django's set_response_etag).
 *
 * @example
 * const response = new HttpResponse('hello');
 * setResponseEtag(response); // ETag: "5d41402abc4b2a76b9719d911017c592"
 */
export function setResponseEtag(response: HttpResponseBase): void {
  if (response instanceof HttpResponse && !response.streaming && response.content.byteLength > 0) {
    response.headers.set('etag', quoteEtag(createHash('md5').update(response.content).digest('hex')));
  }
}

const weakless = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

function ifMatchPasses(target: string | undefined, tags: string[]): boolean {
  if (!target) return false; // If-Match: * needs the resource to exist.
  if (tags.length === 1 && tags[0] === '*') return true;
  if (target.startsWith('W/')) return false; // Strong comparison.
  return tags.includes(target);
}

function ifNoneMatchPasses(target: string | undefined, tags: string[]): boolean {
  if (!target) return true;
  if (tags.length === 1 && tags[0] === '*') return false;
  return !tags.map(weakless).includes(weakless(target));
}

/** The headers a 304 keeps from the full response (RFC 9110 section 15.4.5, and Last-Modified). */
const NOT_MODIFIED_HEADERS = ['cache-control', 'content-location', 'date', 'etag', 'expires', 'last-modified', 'vary'];

function notModified(response: HttpResponseBase | undefined): HttpResponseBase {
  const reply = new HttpResponseNotModified();
  if (response) {
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) reply.headers.set(name, value);
    }
    // Cookies go out with a 304 too, as the cookie specification asks.
    for (const [name, header] of response.cookies) reply.cookies.set(name, header);
  }
  return reply;
}

function preconditionFailed(): HttpResponseBase {
  return new HttpResponse('', { status: 412 });
}

/**
 * What a resource looks like for the checks: its quoted ETag and Last-Modified (epoch seconds).
 *
 * @example
 * const state: ResourceState = { etag: '"v42"', lastModified: Math.floor(post.updated.getTime() / 1000) };
 * return getConditionalResponse(request, state) ?? render(request, 'blog/post/detail.html', { post });
 */
export interface ResourceState {
  etag?: string;
  lastModified?: number;
}

/**
 * Checks the request's preconditions against the resource: the 304 or 412 response when one
 * decides, else `response` (undefined when none was given). With a response, only 2xx
 * responses are checked.
 *
 * @example
 * const early = getConditionalResponse(request, { etag: '"v42"' });
 * if (early) return early;
 */
export function getConditionalResponse(request: HttpRequest, state: ResourceState, response?: HttpResponseBase): HttpResponseBase | undefined {
  if (response && !(response.status >= 200 && response.status < 300)) return response;
  const { etag, lastModified } = state;
  const ifMatch = parseEtags(request.headers.get('if-match'));
  const ifUnmodifiedSince = parseHttpDate(request.headers.get('if-unmodified-since'));
  const ifNoneMatch = parseEtags(request.headers.get('if-none-match'));
  const ifModifiedSince = parseHttpDate(request.headers.get('if-modified-since'));
  const safe = request.method === 'GET' || request.method === 'HEAD';

  if (ifMatch.length > 0 && !ifMatchPasses(etag, ifMatch)) return preconditionFailed();
  if (ifMatch.length === 0 && ifUnmodifiedSince !== undefined && !(lastModified !== undefined && lastModified <= ifUnmodifiedSince))
    return preconditionFailed();
  if (ifNoneMatch.length > 0 && !ifNoneMatchPasses(etag, ifNoneMatch)) return safe ? notModified(response) : preconditionFailed();
  if (ifNoneMatch.length === 0 && ifModifiedSince !== undefined && safe && lastModified !== undefined && lastModified <= ifModifiedSince)
    return notModified(response);
  return response;
}
