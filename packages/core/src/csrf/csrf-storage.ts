/** Where the CSRF secret lives between requests: a cookie (default), or the session with CSRF_USE_SESSIONS. */
import { ImproperlyConfigured } from '../errors.js';
import { patchVaryHeaders } from '../vary-header.js';
import type { HttpRequest } from '../request.js';
import type { HttpResponseBase } from '../response.js';
import type { CsrfConfig } from './csrf-settings.js';
import { CSRF_TOKEN_LENGTH, csrfTokenFormatProblem, unmaskCsrfToken, type TokenFormatProblem } from './csrf-token.js';

/**
 * The session key the secret is kept under with CSRF_USE_SESSIONS (Django's).
 *
 * @example
 * // with CSRF_USE_SESSIONS = true the secret lives in the session, not a cookie
 * await request.session.get(CSRF_SESSION_KEY);
 */
export const CSRF_SESSION_KEY = '_csrftoken';

/**
 * What CSRF needs of `request.session` (the sessions app provides it): an async key-value store.
 *
 * @example
 * // what CSRF_USE_SESSIONS needs: SessionMiddleware's request.session fits
 * const store: CsrfSessionStore = request.session;
 */
export interface CsrfSessionStore {
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
}

/** The secret stored for the request has the wrong shape. @internal */
export class InvalidStoredSecret extends Error {
  constructor(readonly problem: TokenFormatProblem) {
    super(`CSRF cookie ${problem}.`);
  }
}

function sessionOf(request: HttpRequest): CsrfSessionStore {
  const session = (request as unknown as { session?: CsrfSessionStore }).session;
  if (!session || typeof session.get !== 'function' || typeof session.set !== 'function') {
    throw new ImproperlyConfigured(
      "CSRF_USE_SESSIONS is enabled, but request.session is not set. Add 'manouche.contrib.sessions' to INSTALLED_APPS and " +
        "put 'manouche.contrib.sessions.middleware.SessionMiddleware' before 'manouche.middleware.csrf.CsrfViewMiddleware' in MIDDLEWARE.",
    );
  }
  return session;
}

/** A stored secret as the middleware uses it: a 64-character (masked, as Django before 4.1 stored it) one is unmasked. */
function unmaskedSecret(secret: string | undefined): string | undefined {
  if (secret === undefined) return undefined;
  return secret.length === CSRF_TOKEN_LENGTH ? unmaskCsrfToken(secret) : secret;
}

/** The secret of the CSRF cookie (undefined when none); a malformed cookie is an InvalidStoredSecret. */
export function readCookieSecret(request: HttpRequest, config: CsrfConfig): string | undefined {
  const secret = request.cookies[config.cookieName];
  if (secret !== undefined) {
    const problem = csrfTokenFormatProblem(secret);
    if (problem) throw new InvalidStoredSecret(problem);
  }
  return unmaskedSecret(secret);
}

/** The secret the client holds (undefined when none), from the session with CSRF_USE_SESSIONS, else the cookie. */
export async function readCsrfSecret(request: HttpRequest, config: CsrfConfig): Promise<string | undefined> {
  if (!config.useSessions) return readCookieSecret(request, config);
  const stored = await sessionOf(request).get(CSRF_SESSION_KEY);
  return unmaskedSecret(typeof stored === 'string' ? stored : undefined);
}

/** Sends `secret` to the client: a cookie with the CSRF_COOKIE_* settings and `Vary: Cookie`, or the session. */
export async function saveCsrfSecret(request: HttpRequest, response: HttpResponseBase, secret: string, config: CsrfConfig): Promise<void> {
  if (config.useSessions) {
    const session = sessionOf(request);
    if ((await session.get(CSRF_SESSION_KEY)) !== secret) await session.set(CSRF_SESSION_KEY, secret);
    return;
  }
  response.setCookie(config.cookieName, secret, {
    maxAge: config.cookieAge,
    domain: config.cookieDomain,
    path: config.cookiePath,
    secure: config.cookieSecure,
    httpOnly: config.cookieHttpOnly,
    sameSite: config.cookieSameSite,
  });
  patchVaryHeaders(response, ['Cookie']);
}
