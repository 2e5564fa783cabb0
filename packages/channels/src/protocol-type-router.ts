/** Routing of connections by protocol (Channels' ProtocolTypeRouter). */
import type { AsgiApplication } from '@manouche/asgi';
import { ChannelsConfigurationError } from './errors.js';

/**
 * The applications by scope type.
 *
 * @example
 * const routes: ProtocolRoutes = { websocket: AuthMiddlewareStack(URLRouter(websocketUrlpatterns)) };
 * export const application = ProtocolTypeRouter(routes);
 */
export interface ProtocolRoutes {
  http?: AsgiApplication;
  websocket?: AsgiApplication;
  /** Lifespan events; without it they go to `http` (which owns the project's startup and shutdown). */
  lifespan?: AsgiApplication;
}

/**
 * A gateway application that routes by scope type, with its table readable (the meta-package's setup() reads `routes`).
 *
 * @example
 * const application: ProtocolTypeRouterApplication = ProtocolTypeRouter({ websocket: URLRouter(websocketUrlpatterns) });
 * application.routes.websocket; // the WebSocket application
 */
export type ProtocolTypeRouterApplication = AsgiApplication & { readonly routes: Readonly<ProtocolRoutes> };

const KNOWN = new Set(['http', 'websocket', 'lifespan']);

/**
 * Sends each connection to the application for its protocol. In a project, ASGI_APPLICATION names a
 * router without `http`: the project's own Django-style application serves http.
 *
 * @example
 * export const application = ProtocolTypeRouter({
 *   websocket: allowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocketUrlpatterns)), settings),
 * });
 */
export function ProtocolTypeRouter(routes: ProtocolRoutes): ProtocolTypeRouterApplication {
  for (const key of Object.keys(routes)) {
    if (!KNOWN.has(key)) throw new ChannelsConfigurationError(`ProtocolTypeRouter: unknown protocol "${key}"; expected http, websocket or lifespan.`);
    if (typeof routes[key as keyof ProtocolRoutes] !== 'function')
      throw new ChannelsConfigurationError(
        `ProtocolTypeRouter: "${key}" must be a gateway application (a function), got ${typeof routes[key as keyof ProtocolRoutes]}.`,
      );
  }
  const app: AsgiApplication = async (scope, receive, send) => {
    if (scope.type === 'lifespan') {
      const target = routes.lifespan ?? routes.http;
      if (target) return target(scope, receive, send);
      // Nobody needs the lifespan: complete it so servers start.
      for (;;) {
        const event = await receive();
        if (event.type === 'lifespan.startup') await send({ type: 'lifespan.startup.complete' });
        else if (event.type === 'lifespan.shutdown') return send({ type: 'lifespan.shutdown.complete' });
      }
    }
    const target = routes[scope.type];
    if (!target)
      throw new ChannelsConfigurationError(
        `No application configured for scope type "${scope.type}" in ProtocolTypeRouter (it has ${Object.keys(routes).join(', ') || 'nothing'}).`,
      );
    return target(scope, receive, send);
  };
  return Object.assign(app, { routes: Object.freeze({ ...routes }) });
}
