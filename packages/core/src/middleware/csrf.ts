import { whenReady } from '@manouche/contracts';
import { checkCsrf, loadCsrfSecret, markCsrfExempt, sendCsrfSecret } from '../csrf/csrf-protection.js';
import { csrfConfig } from '../csrf/csrf-settings.js';
import { getToken } from '../csrf/csrf-state.js';
import type { Middleware, MiddlewareHandler } from '../middleware.js';
import type { HttpRequest } from '../request.js';
import type { HttpResponseBase } from '../response.js';
import type { ViewFunction } from '../views.js';

/**
 * Django's CsrfViewMiddleware. Every request other than GET, HEAD, OPTIONS and TRACE must carry
 * the token of a page of this site — the `csrfmiddlewaretoken` form field (`<%= it.csrfInput() %>`
 * in a template) or the `X-CSRFToken` header (CSRF_HEADER_NAME) — matching the secret in the
 * `csrftoken` cookie (CSRF_COOKIE_*) or, with CSRF_USE_SESSIONS, in the session. An Origin header
 * must name this site or one of CSRF_TRUSTED_ORIGINS; an HTTPS request without Origin needs a
 * Referer from this site. A refused request gets CSRF_FAILURE_VIEW's 403, which explains the
 * reason when DEBUG is on. The cookie is sent whenever a page used the token, or it was rotated.
 *
 * @example
 * // settings: MIDDLEWARE: [..., 'manouche.contrib.sessions.middleware.SessionMiddleware',
 * //   'manouche.middleware.common.CommonMiddleware', 'manouche.middleware.csrf.CsrfViewMiddleware', ...]
 */
export const CsrfViewMiddleware: Middleware = (getResponse, { settings }) => {
  // Bad CSRF_* settings fail at startup, not on the first request.
  csrfConfig(settings);
  // Both steps are synchronous for a CSRF cookie (no promise); only session storage awaits.
  const respond = (request: HttpRequest) =>
    whenReady(getResponse(request), (response) => {
      const sending = sendCsrfSecret(request, response);
      return sending === undefined ? response : sending.then(() => response);
    });
  const handler: MiddlewareHandler = (request) => {
    const loading = loadCsrfSecret(request);
    return loading === undefined ? respond(request) : loading.then(() => respond(request));
  };
  handler.processView = (request, view) => checkCsrf(request, view);
  return handler;
};

function wrapView<V extends ViewFunction>(
  view: V,
  name: string,
  run: (request: HttpRequest, call: () => Promise<HttpResponseBase>) => Promise<HttpResponseBase>,
): V {
  if (typeof view !== 'function') throw new TypeError(`${name}() needs a view function (request, kwargs) => response, got ${typeof view}`);
  const wrapped = (request: HttpRequest, kwargs: Record<string, unknown>, args?: unknown[]) => run(request, async () => view(request, kwargs, args));
  Object.defineProperty(wrapped, 'name', { value: view.name });
  // Carry the view's own marks (csrfExempt, viewClass, …) over, as Django's functools.wraps does.
  return Object.assign(wrapped, view) as unknown as V;
}

/**
 * Exempts a view (a function, or a View class) from CSRF checks (Django's @csrf_exempt): for
 * webhooks and APIs that authenticate otherwise. `getToken` still works inside it. The mark is the
 * view's own `csrfExempt: true` property, so a wrapper that copies the view's properties keeps it.
 *
 * @example
 * path('hooks/payment/', csrfExempt(paymentWebhook));
 */
export function csrfExempt<V extends object>(view: V): V {
  markCsrfExempt(view);
  return view;
}

/**
 * Protects one view as CsrfViewMiddleware would, for projects without the middleware (Django's
 * @csrf_protect). With the middleware installed too, the request is checked once.
 *
 * @example
 * path('comment/', csrfProtect(postComment));
 */
export function csrfProtect<V extends ViewFunction>(view: V): V {
  return wrapView(view, 'csrfProtect', async (request, call) => {
    await loadCsrfSecret(request);
    const response = (await checkCsrf(request, view)) ?? (await call());
    await sendCsrfSecret(request, response);
    return response;
  });
}

/**
 * Makes sure the view's response sets the CSRF cookie even when its page renders no token (Django's
 * @ensure_csrf_cookie): for pages whose JavaScript reads the cookie to send X-CSRFToken.
 *
 * @example
 * path('app/', ensureCsrfCookie(singlePageApp));
 */
export function ensureCsrfCookie<V extends ViewFunction>(view: V): V {
  return wrapView(view, 'ensureCsrfCookie', async (request, call) => {
    await loadCsrfSecret(request);
    getToken(request);
    const response = await call();
    await sendCsrfSecret(request, response);
    return response;
  });
}

/**
 * Lets a view use `getToken` / `csrf_token` (and sends the cookie when it does) without checking
 * the request (Django's @requires_csrf_token): for views CSRF_FAILURE_VIEW or error handlers use.
 *
 * @example
 * export const csrfFailure = requiresCsrfToken((request, { reason }) => render(request, '403_csrf.html', { reason }, { status: 403 }));
 */
export function requiresCsrfToken<V extends ViewFunction>(view: V): V {
  return wrapView(view, 'requiresCsrfToken', async (request, call) => {
    await loadCsrfSecret(request);
    const response = await call();
    await sendCsrfSecret(request, response);
    return response;
  });
}
