import { isThenable, type Awaitable, type ResolverMatch, type UrlResolver } from '@manouche/contracts';
import { describeValue } from '@manouche/contracts/text';
import { Http404, ImproperlyConfigured, InvalidResponse } from './errors.js';
import type { ExceptionResponder } from './exception-response.js';
import type { MiddlewareHooks } from './middleware.js';
import type { HttpRequest } from './request.js';
import { HttpResponseBase } from './response.js';
import { View, type ViewFunction } from './views.js';

/**
 * What the view step needs besides the request, made once per handler: the middleware's hooks, in the
 * order Django calls them, and the responder for errors.
 */
export interface ViewStep {
  /** processView hooks in MIDDLEWARE order. */
  view: Array<NonNullable<MiddlewareHooks['processView']>>;
  /** processException hooks in reverse MIDDLEWARE order. */
  exception: Array<NonNullable<MiddlewareHooks['processException']>>;
  /** The response for an error that no hook answers. */
  toResponse: ExceptionResponder;
}

function isViewClass(view: unknown): view is typeof View {
  return typeof view === 'function' && (view === View || view.prototype instanceof View);
}

/**
 * The centre of the middleware onion (Django's `_get_response`): resolves `request.pathInfo`
 * (Http404 when nothing matches), runs the processView hooks (a response from one skips the
 * view), calls the view with the URL's kwargs, gives a thrown error to the processException
 * hooks (a response from one replaces it), and checks that the view returned a response.
 * Synchronous hooks and views are answered synchronously: awaiting them would cost a promise
 * and a tick per step per request. It never throws nor rejects: an error that no hook answers
 * becomes `step.toResponse`'s response, in the same step (no reaction of its own for an async view).
 */
export function callView(request: HttpRequest, urls: UrlResolver<unknown>, step: ViewStep): Awaitable<HttpResponseBase> {
  let view: ViewFunction;
  let match: ResolverMatch<unknown>;
  try {
    const resolved = urls.resolve(request.pathInfo);
    if (!resolved) {
      const notFound = new Http404(`No URL pattern matches '${request.pathInfo}'`);
      notFound.resolverFailed = true;
      throw notFound;
    }
    match = resolved;
    request.resolverMatch = match;
    view = (isViewClass(match.view) ? match.view.asView() : match.view) as ViewFunction;
    if (typeof view !== 'function') {
      throw new ImproperlyConfigured(`The URL pattern '${match.route}' maps to ${describeValue(view)}, not a view function or a View class`);
    }
  } catch (error) {
    return step.toResponse(request, error);
  }
  return viewHooksFrom(0, request, view, match, step);
}

/** The processView hooks from `first` on, then the view unless a hook answered; never throws nor rejects. */
function viewHooksFrom(first: number, request: HttpRequest, view: ViewFunction, match: ResolverMatch<unknown>, step: ViewStep): Awaitable<HttpResponseBase> {
  try {
    for (let i = first; i < step.view.length; i++) {
      const early = step.view[i]!(request, view, match.args, match.kwargs);
      if (isThenable(early)) {
        return Promise.resolve(early).then(
          (answer) => (answer ? (answer as HttpResponseBase) : viewHooksFrom(i + 1, request, view, match, step)),
          (error: unknown) => step.toResponse(request, error),
        );
      }
      if (early) return early as HttpResponseBase;
    }
  } catch (error) {
    return step.toResponse(request, error);
  }
  return runView(request, view, match, step);
}

function runView(request: HttpRequest, view: ViewFunction, match: ResolverMatch<unknown>, step: ViewStep): Awaitable<HttpResponseBase> {
  let response: unknown;
  try {
    response = view(request, match.kwargs, match.args);
  } catch (error) {
    return answeredByHooks(request, error, step);
  }
  if (!isThenable(response)) return checkedResponse(request, view, response, step);
  return Promise.resolve(response).then(
    (resolved) => checkedResponse(request, view, resolved, step),
    (error: unknown) => answeredByHooks(request, error, step),
  );
}

/** A view's error through the processException hooks; the response for it when none answers. */
function answeredByHooks(request: HttpRequest, error: unknown, step: ViewStep): Promise<HttpResponseBase> {
  return exceptionHooks(request, error, step).then(undefined, (unanswered: unknown) => step.toResponse(request, unanswered));
}

/** The processException hooks in turn: the first response replaces the error, else it goes on. */
async function exceptionHooks(request: HttpRequest, error: unknown, step: ViewStep): Promise<HttpResponseBase> {
  for (const hook of step.exception) {
    const handled = await hook(request, error);
    if (handled) return handled;
  }
  throw error;
}

/** The view's response, or the response for an InvalidResponse naming the view when it returned something else. */
function checkedResponse(request: HttpRequest, view: ViewFunction, response: unknown, step: ViewStep): Awaitable<HttpResponseBase> {
  if (response instanceof HttpResponseBase) return response;
  const invalid = new InvalidResponse(
    `The view ${view.name || 'anonymous view'} didn't return an HttpResponse object. It returned ${describeValue(response)} instead.`,
  );
  return step.toResponse(request, invalid);
}
