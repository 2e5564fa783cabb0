/** The logged-in user on WebSocket connections (Channels' AuthMiddleware and AuthMiddlewareStack), from contrib-auth. */
import type { AsgiApplication } from '@manouche/asgi';
import type { Settings } from '@manouche/contracts';
import { getUser as getRequestUser } from '@manouche/contrib-auth';
import type { SessionStore } from '@manouche/contrib-sessions';
import type { HttpRequest } from '@manouche/core';
import { projectSettings } from './project-settings.js';
import { SessionMiddlewareStack } from './sessions.js';

/**
 * The user of a connection's session, or an AnonymousUser (Channels' get_user(scope)); needs `scope.session`.
 *
 * @example
 * const user = await getUser(this.scope);
 */
export async function getUser(scope: { session?: unknown }, settings?: Settings): Promise<Awaited<ReturnType<typeof getRequestUser>>> {
  if (!scope.session) throw new TypeError('getUser() needs scope.session: put the consumer behind SessionMiddleware or AuthMiddlewareStack.');
  // contrib-auth reads a request's session and settings only; a connection offers both.
  const request = { session: scope.session as SessionStore, settings: settings ?? projectSettings('getUser') } as unknown as HttpRequest;
  return getRequestUser(request);
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
