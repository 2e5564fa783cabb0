import type { Middleware } from '@manouche/core';
import { AuthConfigurationError } from './errors.js';
import { authSettings } from './auth-settings.js';
import { getUser } from './login.js';
import type { AnonymousUser } from './anonymous-user.js';
import type { AbstractBaseUser } from './models.js';
import './request-user.js';

/**
 * Django's AuthenticationMiddleware (`manouche.contrib.auth.middleware.AuthenticationMiddleware`):
 * sets `request.auser()` (loads the session's user once) and `request.user`, resolved before the
 * view. A visitor without a session cookie costs no query. Needs SessionMiddleware before it.
 *
 * @example
 * MIDDLEWARE: [..., 'manouche.contrib.sessions.middleware.SessionMiddleware', ..., 'manouche.contrib.auth.middleware.AuthenticationMiddleware', ...]
 */
export const AuthenticationMiddleware: Middleware = (getResponse, { settings }) => {
  authSettings(settings);
  return async (request) => {
    if (!request.session) {
      throw new AuthConfigurationError(
        "The authentication middleware requires session middleware to be installed. Edit your MIDDLEWARE setting to insert 'manouche.contrib.sessions.middleware.SessionMiddleware' before 'manouche.contrib.auth.middleware.AuthenticationMiddleware'.",
      );
    }
    let loading: Promise<AbstractBaseUser | AnonymousUser> | undefined;
    request.auser = () => (loading ??= getUser(request));
    request.user = await request.auser();
    return getResponse(request);
  };
};
