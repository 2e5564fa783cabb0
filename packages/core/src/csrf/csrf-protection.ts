/**
 * The three steps of CSRF protection that CsrfViewMiddleware and the CSRF view decorators share
 * (Django's process_request, process_view and process_response of CsrfViewMiddleware).
 */
import { stderrLogger } from '../exception-response.js';
import { RequestAborted } from '../errors.js';
import type { HttpRequest } from '../request.js';
import type { HttpResponseBase } from '../response.js';
import { loadCsrfFailureView } from './csrf-failure.js';
import { CSRF_REASONS, CsrfRejection, checkReferer, originVerified, trustedOrigins, type TrustedOrigins } from './csrf-origin.js';
import { csrfConfig, displayHeaderName, type CsrfConfig } from './csrf-settings.js';
import { csrfStateOf, type CsrfRequestState } from './csrf-state.js';
import { InvalidStoredSecret, readCookieSecret, readCsrfSecret, saveCsrfSecret } from './csrf-storage.js';
import { csrfTokenFormatProblem, csrfTokenMatches, newCsrfSecret } from './csrf-token.js';

/**
 * The form field a page's token is posted in.
 *
 * @example
 * const token = (await request.post()).get(CSRF_FORM_FIELD); // the field {% csrf_token %} writes
 */
export const CSRF_FORM_FIELD = 'csrfmiddlewaretoken';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const trustedBySettings = new WeakMap<CsrfConfig, TrustedOrigins>();

/**
 * Marks a view (function or View class) as exempt from CSRF checks with an own `csrfExempt: true`
 * property, Django's attribute: a decorator that copies the view's own properties onto its wrapper
 * (as functools.wraps does) keeps the exemption. @internal
 */
export function markCsrfExempt(view: object): void {
  Object.defineProperty(view, 'csrfExempt', { value: true, enumerable: true, configurable: true, writable: true });
}

function isExempt(view: unknown): boolean {
  if ((typeof view !== 'function' && typeof view !== 'object') || view === null) return false;
  const marked = view as { csrfExempt?: unknown; viewClass?: { csrfExempt?: unknown } };
  return marked.csrfExempt === true || marked.viewClass?.csrfExempt === true;
}

function trustedFor(config: CsrfConfig): TrustedOrigins {
  let trusted = trustedBySettings.get(config);
  if (!trusted) {
    trusted = trustedOrigins(config.trustedOrigins);
    trustedBySettings.set(config, trusted);
  }
  return trusted;
}

/** Reads the client's secret into the request's CSRF state, once; a malformed cookie is replaced by a new secret. */
export function loadCsrfSecret(request: HttpRequest): Promise<void> | undefined {
  const state = csrfStateOf(request);
  if (state.loaded) return undefined;
  state.loaded = true;
  const config = csrfConfig(request.settings);
  if (config.useSessions) {
    return readCsrfSecret(request, config).then(
      (secret) => keepStoredSecret(state, secret),
      (error: unknown) => replaceUnreadableSecret(state, error),
    );
  }
  // The cookie is read synchronously: only a secret kept in the session needs an await (and a promise per request).
  let secret: string | undefined;
  try {
    secret = readCookieSecret(request, config);
  } catch (error) {
    replaceUnreadableSecret(state, error);
    return undefined;
  }
  keepStoredSecret(state, secret);
  return undefined;
}

function keepStoredSecret(state: CsrfRequestState, secret: string | undefined): void {
  if (secret !== undefined && state.secret === undefined) state.secret = secret;
}

/** An unreadable stored secret is replaced by a new one, sent with the response. */
function replaceUnreadableSecret(state: CsrfRequestState, error: unknown): void {
  if (!(error instanceof InvalidStoredSecret)) throw error;
  state.secret = newCsrfSecret();
  state.needsUpdate = true;
}

async function tokenFromRequest(request: HttpRequest, config: CsrfConfig): Promise<{ token: string; source: string }> {
  let token = '';
  if (request.method === 'POST') {
    try {
      token = (await request.post()).get(CSRF_FORM_FIELD) ?? '';
    } catch (error) {
      // The client went away mid-body: answer 403 (if anyone still listens) rather than 500.
      if (!(error instanceof RequestAborted)) throw error;
    }
  }
  if (token !== '') return { token, source: 'POST' };
  const header = request.headers.get(config.headerName);
  if (header === undefined) throw new CsrfRejection(CSRF_REASONS.tokenMissing);
  return { token: header, source: `the '${displayHeaderName(config.headerSetting)}' HTTP header` };
}

async function checkToken(request: HttpRequest, config: CsrfConfig): Promise<void> {
  // Read the stored secret again rather than the state's: rotateToken() may have replaced the state's.
  let secret: string | undefined;
  try {
    secret = await readCsrfSecret(request, config);
  } catch (error) {
    if (error instanceof InvalidStoredSecret) throw new CsrfRejection(error.message);
    throw error;
  }
  if (secret === undefined) throw new CsrfRejection(CSRF_REASONS.noCsrfCookie);
  const { token, source } = await tokenFromRequest(request, config);
  const problem = csrfTokenFormatProblem(token);
  if (problem) throw new CsrfRejection(`CSRF token from ${source} ${problem}.`);
  if (!csrfTokenMatches(token, secret)) throw new CsrfRejection(`CSRF token from ${source} incorrect.`);
}

async function reject(request: HttpRequest, reason: string, config: CsrfConfig): Promise<HttpResponseBase> {
  const view = await loadCsrfFailureView(config.failureView, request.context.importModule);
  const response = await view(request, { reason });
  (request.context.logger ?? stderrLogger).warn(`Forbidden (${reason}): ${request.path}`);
  return response;
}

/**
 * Checks an unsafe request (anything but GET, HEAD, OPTIONS, TRACE) before `view` runs: Origin
 * against the host and CSRF_TRUSTED_ORIGINS, the Referer for HTTPS without Origin, then the token
 * from the `csrfmiddlewaretoken` field or the CSRF_HEADER_NAME header against the secret.
 * Returns the failure view's 403 response, or undefined when the request may go on.
 */
export function checkCsrf(request: HttpRequest, view: unknown): Promise<HttpResponseBase | undefined> | undefined {
  const state = csrfStateOf(request);
  if (state.processingDone || isExempt(view)) return undefined;
  // Safe methods are answered without a promise: they are most requests.
  if (SAFE_METHODS.has(request.method)) {
    state.processingDone = true;
    return undefined;
  }
  return checkUnsafeRequest(request, state);
}

/** Origin (or Referer over HTTPS) and token checks of a POST, PUT, PATCH or DELETE. */
async function checkUnsafeRequest(request: HttpRequest, state: CsrfRequestState): Promise<HttpResponseBase | undefined> {
  const config = csrfConfig(request.settings);
  try {
    const origin = request.headers.get('origin');
    if (origin !== undefined) {
      if (!originVerified(request, origin, trustedFor(config))) throw new CsrfRejection(CSRF_REASONS.badOrigin(origin));
    } else if (request.isSecure()) {
      // Without Origin, an HTTPS request must come from an HTTPS page of this site: otherwise a
      // man-in-the-middle on plain HTTP could plant a cookie and post a matching token.
      checkReferer(request, config, trustedFor(config));
    }
    await checkToken(request, config);
  } catch (error) {
    if (error instanceof CsrfRejection) return reject(request, error.reason, config);
    throw error;
  }
  state.processingDone = true;
  return undefined;
}

/** Sends the secret with the response when it is new, rotated or was used for a token this request. */
export function sendCsrfSecret(request: HttpRequest, response: HttpResponseBase): Promise<void> | undefined {
  const state = csrfStateOf(request);
  if (!state.needsUpdate || state.secret === undefined) return undefined;
  state.needsUpdate = false;
  return saveCsrfSecret(request, response, state.secret, csrfConfig(request.settings));
}
