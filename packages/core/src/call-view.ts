import type { UrlResolver } from '@manouche/contracts';
import { describeValue } from '@manouche/contracts/text';
import { Http404, ImproperlyConfigured, InvalidResponse } from './errors.js';
import type { MiddlewareHooks } from './middleware.js';
import type { HttpRequest } from './request.js';
import { HttpResponseBase } from './response.js';
import { View, type ViewFunction } from './views.js';

/** The middleware's view and exception hooks, in the order Django calls them. */
export interface ViewHooks {
  /** processView hooks in MIDDLEWARE order. */
  view: Array<NonNullable<MiddlewareHooks['processView']>>;
  /** processException hooks in reverse MIDDLEWARE order. */
  exception: Array<NonNullable<MiddlewareHooks['processException']>>;
}

function isViewClass(view: unknown): view is typeof View {
  return typeof view === 'function' && (view === View || view.prototype instanceof View);
}

/**
 * The centre of the middleware onion (Django's `_get_response`): resolves `request.pathInfo`
 * (Http404 when nothing matches), runs the processView hooks (a response from one skips the
 * view), calls the view with the URL's kwargs, gives a thrown error to the processException
 * hooks (a response from one replaces it), and checks that the view returned a response.
 */
export async function callView(request: HttpRequest, urls: UrlResolver<unknown>, hooks: ViewHooks): Promise<HttpResponseBase> {
  const match = urls.resolve(request.pathInfo);
  if (!match) {
    const notFound = new Http404(`No URL pattern matches '${request.pathInfo}'`);
    notFound.resolverFailed = true;
    throw notFound;
  }
  request.resolverMatch = match;
  const view = (isViewClass(match.view) ? match.view.asView() : match.view) as ViewFunction;
  if (typeof view !== 'function') {
    throw new ImproperlyConfigured(`The URL pattern '${match.route}' maps to ${describeValue(view)}, not a view function or a View class`);
  }
  for (const hook of hooks.view) {
    let early = hook(request, view, match.args, match.kwargs);
    // A hook that answers synchronously (CSRF on a GET) is not awaited: that would cost a tick per hook per request.
    if (typeof (early as PromiseLike<unknown> | null | undefined)?.then === 'function') early = await early;
    if (early) return early as HttpResponseBase;
  }
  let response: unknown;
  try {
    response = view(request, match.kwargs, match.args);
    // A synchronous view's response is used as it is: awaiting it would cost a promise and a tick.
    if (typeof (response as PromiseLike<unknown> | null)?.then === 'function') response = await response;
  } catch (error) {
    for (const hook of hooks.exception) {
      const handled = await hook(request, error);
      if (handled) return handled;
    }
    throw error;
  }
  if (!(response instanceof HttpResponseBase)) {
    throw new InvalidResponse(
      `The view ${view.name || 'anonymous view'} didn't return an HttpResponse object. It returned ${describeValue(response)} instead.`,
    );
  }
  return response;
}
