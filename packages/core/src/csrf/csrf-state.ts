import type { HttpRequest } from '../request.js';
import { maskCsrfSecret, newCsrfSecret } from './csrf-token.js';

/** What CSRF protection knows about one request (Django keeps it in request.META). @internal */
export interface CsrfRequestState {
  /** The secret in use: read from the cookie/session, or made for this request. */
  secret: string | undefined;
  /** The secret must be (re)sent: it is new, rotated, or was used in a page (renews the cookie's expiry). */
  needsUpdate: boolean;
  /** The request was checked (or is safe); a second check by a decorator is skipped. */
  processingDone: boolean;
  /** The secret was read from the cookie/session already. */
  loaded: boolean;
}

/** The CSRF state of `request`, created empty on first use (a field of the request, not a WeakMap entry per request). @internal */
export function csrfStateOf(request: HttpRequest): CsrfRequestState {
  request.csrfState ??= { secret: undefined, needsUpdate: false, processingDone: false, loaded: false };
  return request.csrfState;
}

function addNewSecret(state: CsrfRequestState): string {
  state.secret = newCsrfSecret();
  state.needsUpdate = true;
  return state.secret;
}

/**
 * The CSRF token for a form or an AJAX header: the request's secret, freshly masked (a different
 * string every call). A secret is created when the request has none; either way the
 * CsrfViewMiddleware (or a CSRF decorator) then sends it in the response's cookie (or session)
 * with `Vary: Cookie`, so call it only for pages that need a token. The `csrf_token` template
 * value calls it lazily.
 *
 * @example
 * return new JsonResponse({ csrfToken: getToken(request) });
 */
export function getToken(request: HttpRequest): string {
  const state = csrfStateOf(request);
  if (state.secret === undefined) addNewSecret(state);
  else state.needsUpdate = true;
  return maskCsrfSecret(state.secret!);
}

/**
 * Replaces the request's CSRF secret with a new one, sent with the response; tokens from pages
 * rendered before stop working. Login calls it, so a token planted before login is useless after.
 *
 * @example
 * await login(request, user); // calls rotateToken(request)
 */
export function rotateToken(request: HttpRequest): void {
  addNewSecret(csrfStateOf(request));
}
