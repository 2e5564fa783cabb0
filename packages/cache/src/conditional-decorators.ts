/**
 * Conditional view processing (Django's @condition, @etag, @last_modified): compute a
 * resource's ETag and/or last modification before the view runs and answer 304 / 412 without
 * running it when the request's preconditions say so.
 */
import type { HttpRequest } from '@manouche/core';
import { getConditionalResponse, quoteEtag } from './conditional-response.js';
import { httpDate } from './http-date.js';
import { wrapView, type AnyView } from './view-decorators.js';

/** Computes a value from the view's arguments (request, kwargs, args). */
type ResourceFunction<T> = (request: HttpRequest, kwargs: Record<string, unknown>, args?: unknown[]) => T | null | undefined | Promise<T | null | undefined>;

/**
 * Options of {@link condition}.
 *
 * @example
 * const options: ConditionOptions = { etag: (request, { slug }) => Post.objects.get({ slug }).then((p) => String(p.version)) };
 * path('post/<slug:slug>/', condition(options)(postDetail));
 */
export interface ConditionOptions {
  /** The resource's entity tag (quoted or not); null/undefined when there is none. */
  etag?: ResourceFunction<string>;
  /** When the resource last changed (a Date or epoch milliseconds); null/undefined when unknown. */
  lastModified?: ResourceFunction<Date | number>;
}

/**
 * Answers conditional GET/HEAD with 304 and failed preconditions with 412 before running the
 * view, and adds ETag / Last-Modified to the view's GET/HEAD responses.
 *
 * @example
 * const latest = (request: HttpRequest, { slug }: Record<string, unknown>) => Post.objects.filter({ slug }).latest('updated').then((p) => p.updated);
 * path('post/<slug:slug>/', condition({ lastModified: latest })(postDetail));
 */
export function condition(options: ConditionOptions): <V extends AnyView>(view: V) => V {
  return (view) =>
    wrapView(view, 'condition', async (request, call, rest) => {
      const kwargs = (rest[0] ?? {}) as Record<string, unknown>;
      const args = (rest[1] ?? []) as unknown[];
      const tag = options.etag ? await options.etag(request, kwargs, args) : undefined;
      const etag = tag === null || tag === undefined ? undefined : quoteEtag(tag);
      const modified = options.lastModified ? await options.lastModified(request, kwargs, args) : undefined;
      const lastModified =
        modified === null || modified === undefined ? undefined : Math.floor((modified instanceof Date ? modified.getTime() : modified) / 1000);
      const early = getConditionalResponse(request, { etag, lastModified });
      const response = early ?? (await call());
      if (request.method === 'GET' || request.method === 'HEAD') {
        if (lastModified !== undefined && !response.headers.has('last-modified')) response.headers.set('last-modified', httpDate(lastModified));
        if (etag !== undefined && !response.headers.has('etag')) response.headers.set('etag', etag);
      }
      return response;
    });
}

/**
 * `condition({ etag: fn })` (Django's @etag).
 *
 * @example
 * path('feed/', etag((request) => feedVersion())(feed));
 */
export function etag(fn: ResourceFunction<string>): <V extends AnyView>(view: V) => V {
  return condition({ etag: fn });
}

/**
 * `condition({ lastModified: fn })` (Django's @last_modified).
 *
 * @example
 * path('about/', lastModified(() => aboutPageUpdatedAt)(about));
 */
export function lastModified(fn: ResourceFunction<Date | number>): <V extends AnyView>(view: V) => V {
  return condition({ lastModified: fn });
}
