/** Routing of connections by path with the URLconf's syntax (Channels' URLRouter). */
import type { AsgiApplication, Receive, Send } from '@manouche/asgi';
import { createResolver, type Resolver, type UrlConf } from '@manouche/routing';
import type { ConsumerScope } from './consumer.js';

async function refuse(receive: Receive, send: Send): Promise<void> {
  const event = await receive();
  if (event.type !== 'websocket.connect') return;
  // Closing before accept is the protocol's refusal: the server answers the handshake with 403.
  await send({ type: 'websocket.close', code: 1000 });
}

/**
 * Routes websocket (or http) connections to applications by path, with `path()`/`rePath()`/`include()`
 * from the routing layer: the same syntax and converters as the URLconf. The match goes into
 * `scope.url_route` (`{ kwargs, args }`). A path that matches nothing is refused (403) with a log line.
 *
 * @example
 * const websocketUrlpatterns = [path('ws/chat/<str:roomName>/', ChatConsumer.asAsgi())];
 * const websocket = URLRouter(websocketUrlpatterns);
 */
export function URLRouter(routes: UrlConf<any>, options: { logger?: { warn(message: string): void } } = {}): AsgiApplication {
  let resolver: Promise<Resolver<AsgiApplication>> | undefined;
  return async (scope, receive, send) => {
    if (scope.type === 'lifespan') return;
    const routing = await (resolver ??= createResolver<AsgiApplication>(routes as UrlConf<AsgiApplication>));
    const inner = scope as ConsumerScope & { path: string };
    const match = routing.resolve(inner.path);
    if (!match) {
      (options.logger ?? { warn: (message: string) => process.stderr.write(`${message}\n`) }).warn(
        `No route found for ${scope.type} path ${JSON.stringify(inner.path)}: refused.`,
      );
      if (scope.type === 'websocket') return refuse(receive, send);
      return;
    }
    const outer = inner.url_route;
    const routed: ConsumerScope = {
      ...inner,
      url_route: { kwargs: { ...(outer?.kwargs ?? {}), ...match.kwargs }, args: [...(outer?.args ?? []), ...match.args] },
    };
    return match.view(routed as never, receive, send);
  };
}
