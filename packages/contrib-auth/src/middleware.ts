import type { Middleware } from '@manouche/core';
import { AuthConfigurationError } from './errors.js';
import { authSettings } from './auth-settings.js';
import { installLazyUser } from './lazy-user.js';

/**
 * Django's AuthenticationMiddleware (`manouche.contrib.auth.middleware.AuthenticationMiddleware`):
 * sets `request.auser()` (loads the session's user on first call, then cached) and `request.user`
 * (the same user once loaded). Nothing is read before someone asks, so a view that never looks at
 * the user costs no session or user query. Needs SessionMiddleware before it.
 *
 * @example
 * MIDDLEWARE: [..., 'manouche.contrib.sessions.middleware.SessionMiddleware', ..., 'manouche.contrib.auth.middleware.AuthenticationMiddleware', ...]
 */
export const AuthenticationMiddleware: Middleware = (getResponse, { settings }) => {
  authSettings(settings);
  // Not async: it awaits nothing, and an async function returning getResponse's promise costs extra ticks per request.
  return (request) => {
    if (!request.session) {
      throw new AuthConfigurationError(
        "The authentication middleware requires session middleware to be installed. Edit your MIDDLEWARE setting to insert 'manouche.contrib.sessions.middleware.SessionMiddleware' before 'manouche.contrib.auth.middleware.AuthenticationMiddleware'.",
      );
    }
    installLazyUser(request);
    return getResponse(request);
  };
};
