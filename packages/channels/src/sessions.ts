/**
 * Sessions on WebSocket connections (Channels' CookieMiddleware, SessionMiddleware and SessionMiddlewareStack):
 * the handshake's cookies and the project's session store, as the HTTP side sees them.
 */
import type { AsgiApplication, Headers } from '@manouche/asgi';
import type { Settings } from '@manouche/contracts';
import { sessionEngine, type SessionStoreSettings } from '@manouche/contrib-sessions';
import { parse as parseCookies } from 'cookie';
import { projectSettings } from './project-settings.js';

function cookieHeader(headers: Headers): string {
  const decoder = new TextDecoder('latin1');
  return headers.flatMap(([name, value]) => (decoder.decode(name).toLowerCase() === 'cookie' ? [decoder.decode(value)] : [])).join('; ');
}

/**
 * Puts the handshake's cookies into `scope.cookies` (name → value).
 *
 * @example
 * const websocket = CookieMiddleware(URLRouter(websocketUrlpatterns));
 */
export function CookieMiddleware(inner: AsgiApplication): AsgiApplication {
  return (scope, receive, send) => {
    if (scope.type === 'lifespan') return inner(scope, receive, send);
    const parsed = parseCookies(cookieHeader(scope.headers));
    const cookies = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return inner({ ...scope, cookies } as unknown as typeof scope, receive, send);
  };
}

/**
 * Puts the session of the SESSION_COOKIE_NAME cookie into `scope.session`, loaded lazily from SESSION_ENGINE
 * (needs CookieMiddleware outside it). A consumer that changes the session calls `await this.scope.session.save()`.
 *
 * @example
 * const websocket = CookieMiddleware(SessionMiddleware(URLRouter(websocketUrlpatterns)));
 */
export function SessionMiddleware(inner: AsgiApplication, settings?: Settings): AsgiApplication {
  return (scope, receive, send) => {
    if (scope.type === 'lifespan') return inner(scope, receive, send);
    const config = (settings ?? projectSettings('SessionMiddleware')) as unknown as SessionStoreSettings & Record<string, unknown>;
    const Store = sessionEngine(config);
    const cookieName = typeof config.SESSION_COOKIE_NAME === 'string' ? config.SESSION_COOKIE_NAME : 'sessionid';
    const cookies = (scope as { cookies?: Record<string, string> }).cookies;
    if (!cookies) throw new TypeError('SessionMiddleware needs scope.cookies: wrap it in CookieMiddleware, or use SessionMiddlewareStack.');
    return inner({ ...scope, session: new Store(cookies[cookieName] ?? null, config) } as unknown as typeof scope, receive, send);
  };
}

/**
 * CookieMiddleware around SessionMiddleware: `scope.cookies` and `scope.session`.
 *
 * @example
 * export const application = ProtocolTypeRouter({ websocket: SessionMiddlewareStack(URLRouter(websocketUrlpatterns)) });
 */
export function SessionMiddlewareStack(inner: AsgiApplication, settings?: Settings): AsgiApplication {
  return CookieMiddleware(SessionMiddleware(inner, settings));
}
