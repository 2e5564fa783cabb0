/**
 * The logged-in user on WebSocket connections (Channels' AuthMiddleware and AuthMiddlewareStack, login and
 * logout), from contrib-auth.
 */
import type { AsgiApplication } from '@manouche/asgi';
import type { Settings } from '@manouche/contracts';
import { type AbstractBaseUser, getUser as getRequestUser, login as loginRequest, logout as logoutRequest } from '@manouche/contrib-auth';
import type { SessionStore } from '@manouche/contrib-sessions';
import type { HttpRequest } from '@manouche/core';
import { ChannelsConfigurationError } from './errors.js';
import { projectSettings } from './project-settings.js';
import { SessionMiddlewareStack } from './sessions.js';

/**
 * The user of a connection's session, or an AnonymousUser (Channels' get_user(scope)); needs `scope.session`.
 *
 * @example
 * const user = await getUser(this.scope);
 */
export async function getUser(scope: { session?: unknown }, settings?: Settings): Promise<Awaited<ReturnType<typeof getRequestUser>>> {
  return getRequestUser(connectionRequest(scope, 'getUser', settings));
}

/**
 * The scope of a connection behind the session (and auth) middleware.
 *
 * @example
 * const user = await getUser(this.scope satisfies AuthScope); // scope.session set by SessionMiddleware
 */
export interface AuthScope {
  session?: unknown;
  user?: unknown;
  [key: string]: unknown;
}

/**
 * Options of {@link login}.
 *
 * @example
 * await login(this.scope, user, { backend: 'manouche.contrib.auth.backends.ModelBackend' });
 */
export interface LoginOptions {
  /** The AUTHENTICATION_BACKENDS entry to record; needed with several backends unless `authenticate()` returned the user. */
  backend?: string;
  /** The project's settings (those `configureChannels()` was given by default). */
  settings?: Settings;
}

// contrib-auth's login/logout/getUser read a request's session, settings and user only; a connection offers all three.
function connectionRequest(scope: AuthScope, what: string, settings?: Settings): HttpRequest {
  if (!scope.session) {
    throw new ChannelsConfigurationError(
      `${what}() needs scope.session: put the consumer behind SessionMiddlewareStack or AuthMiddlewareStack in the project's asgi.ts.`,
    );
  }
  return { session: scope.session as SessionStore, settings: settings ?? projectSettings(what), user: scope.user } as unknown as HttpRequest;
}

/**
 * Logs `user` in on this connection (Channels' `login(scope, user)`): the session gets a new key (no session
 * fixation) holding the user's id, backend and session hash, `scope.user` becomes the user, and
 * `userLoggedIn` is sent. The session is not saved: call `await this.scope.session.save()` after it. The
 * browser's cookie still names the old key (a WebSocket cannot set cookies), so the login holds for this
 * connection and for whatever the consumer hands the new `scope.session.sessionKey` to; pages log in over HTTP.
 *
 * @example
 * override async receiveJson(content: { username: string; password: string }) {
 *   const user = await authenticate(null, content);
 *   if (user) {
 *     await login(this.scope, user);
 *     await (this.scope.session as SessionStore).save();
 *   }
 * }
 */
export async function login(scope: AuthScope, user?: AbstractBaseUser | null, options: LoginOptions = {}): Promise<void> {
  const request = connectionRequest(scope, 'login', options.settings);
  const target = user ?? (scope.user as AbstractBaseUser | undefined);
  if (!target || !(target as { isAuthenticated?: boolean }).isAuthenticated) {
    throw new TypeError('login(scope, user) needs a user: pass one (from authenticate()) or put a logged-in user in scope.user.');
  }
  await loginRequest(request, target, options.backend);
  scope.user = target;
}

/**
 * Logs the connection's user out (Channels' `logout(scope)`): `userLoggedOut` is sent, the session is flushed
 * (its stored data deleted, a new empty session started) and `scope.user` becomes an AnonymousUser. Call
 * `await this.scope.session.save()` after it if the consumer stores anything in the new session.
 *
 * @example
 * await logout(this.scope);
 */
export async function logout(scope: AuthScope, settings?: Settings): Promise<void> {
  const request = connectionRequest(scope, 'logout', settings);
  await logoutRequest(request);
  scope.user = request.user;
}

/**
 * Puts the session's user into `scope.user` before the consumer starts (an AnonymousUser when nobody is logged in).
 *
 * @example
 * const websocket = CookieMiddleware(SessionMiddleware(AuthMiddleware(URLRouter(websocketUrlpatterns))));
 */
export function AuthMiddleware(inner: AsgiApplication, settings?: Settings): AsgiApplication {
  return async (scope, receive, send) => {
    if (scope.type === 'lifespan') return inner(scope, receive, send);
    const user = await getUser(scope as { session?: unknown }, settings);
    return inner({ ...scope, user } as unknown as typeof scope, receive, send);
  };
}

/**
 * Cookies, session and user on the scope (Channels' AuthMiddlewareStack).
 *
 * @example
 * export const application = ProtocolTypeRouter({
 *   websocket: AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocketUrlpatterns))),
 * });
 */
export function AuthMiddlewareStack(inner: AsgiApplication, settings?: Settings): AsgiApplication {
  return SessionMiddlewareStack(AuthMiddleware(inner, settings), settings);
}
