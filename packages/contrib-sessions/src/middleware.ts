import { patchVaryHeaders, type Middleware } from '@manouche/core';
import './request-session.js';
import { sessionEngine } from './engines.js';
import type { SessionStoreSettings } from './session-base.js';

/**
 * Django's SessionMiddleware (`manouche.contrib.sessions.middleware.SessionMiddleware`): gives
 * every request a lazily loaded `request.session` from the SESSION_COOKIE_NAME cookie, and after
 * the view saves it when it was modified (or always with SESSION_SAVE_EVERY_REQUEST), sets or
 * deletes the cookie, and adds `Vary: Cookie` when the session was read.
 *
 * @example
 * MIDDLEWARE: ['manouche.middleware.security.SecurityMiddleware', 'manouche.contrib.sessions.middleware.SessionMiddleware', …]
 */
export const SessionMiddleware: Middleware = (getResponse, { settings }) => {
  const config = settings as unknown as SessionStoreSettings & Record<string, unknown>;
  const Store = sessionEngine(config);
  const cookieName = typeof config.SESSION_COOKIE_NAME === 'string' ? config.SESSION_COOKIE_NAME : 'sessionid';
  const cookiePath = typeof config.SESSION_COOKIE_PATH === 'string' ? config.SESSION_COOKIE_PATH : '/';
  const cookieDomain = typeof config.SESSION_COOKIE_DOMAIN === 'string' ? config.SESSION_COOKIE_DOMAIN : undefined;
  const sameSite = (config.SESSION_COOKIE_SAMESITE === undefined ? 'Lax' : (config.SESSION_COOKIE_SAMESITE ?? undefined)) as
    | 'Lax'
    | 'Strict'
    | 'None'
    | undefined;
  const secure = config.SESSION_COOKIE_SECURE === true;
  const httpOnly = config.SESSION_COOKIE_HTTPONLY !== false;
  const saveEveryRequest = config.SESSION_SAVE_EVERY_REQUEST === true;

  return async (request) => {
    const sentKey = request.cookies[cookieName];
    const session = new Store(sentKey ?? null, config);
    request.session = session;
    const response = await getResponse(request);

    if (session.accessed) patchVaryHeaders(response, ['Cookie']);
    if (sentKey !== undefined && session.isEmpty()) {
      response.deleteCookie(cookieName, { path: cookiePath, domain: cookieDomain, sameSite });
      patchVaryHeaders(response, ['Cookie']);
      return response;
    }
    if ((session.modified || saveEveryRequest) && !session.isEmpty() && response.status !== 500) {
      await session.save();
      const browserSession = await session.getExpireAtBrowserClose();
      const maxAge = browserSession ? undefined : await session.getExpiryAge();
      response.setCookie(cookieName, session.sessionKey!, { maxAge, path: cookiePath, domain: cookieDomain, secure, httpOnly, sameSite });
    }
    return response;
  };
};
