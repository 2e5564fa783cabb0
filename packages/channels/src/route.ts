/** path()/rePath() for routing tables of gateway applications: the URLconf's functions, typed for consumers. */
import type { AsgiApplication } from '@manouche/asgi';
import { path as urlPath, rePath as urlRePath, type Include, type UrlEntry } from '@manouche/routing';

/**
 * A route to a consumer (or any gateway application) with the URLconf's syntax and converters, or an
 * include() of another routing table. Kwargs reach the consumer in `scope.url_route.kwargs`.
 *
 * @example
 * export const websocketUrlpatterns = [path('ws/chat/<str:roomName>/', ChatConsumer.asAsgi())];
 */
export function path(
  route: string,
  target: AsgiApplication | Include<AsgiApplication>,
  options?: { name?: string; kwargs?: Record<string, unknown> },
): UrlEntry<AsgiApplication> {
  return urlPath(route, target as never, options) as UrlEntry<AsgiApplication>;
}

/**
 * A regular-expression route to a consumer; named groups become string kwargs.
 *
 * @example
 * rePath('^ws/chat/(?<roomName>\\w+)/$', ChatConsumer.asAsgi())
 */
export function rePath(
  regex: string | RegExp,
  target: AsgiApplication | Include<AsgiApplication>,
  options?: { name?: string; kwargs?: Record<string, unknown> },
): UrlEntry<AsgiApplication> {
  return urlRePath(regex as string, target as never, options) as UrlEntry<AsgiApplication>;
}

/** Mounts another routing table under a prefix (the URLconf's include()). */
export { include } from '@manouche/routing';
