/** Channels' origin validators: refuse WebSocket handshakes from pages of other sites. */
import type { AsgiApplication } from '@manouche/asgi';
import type { Settings } from '@manouche/contracts';
import { allowedHostsOriginValidator } from '@manouche/core';
import { projectSettings } from './project-settings.js';

/**
 * Refuses (403) handshakes whose Origin is not in ALLOWED_HOSTS (Channels' AllowedHostsOriginValidator);
 * with no settings given it reads the project's, on the first connection.
 *
 * @example
 * export const application = ProtocolTypeRouter({ websocket: AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocketUrlpatterns))) });
 */
export function AllowedHostsOriginValidator(app: AsgiApplication, settings?: Settings): AsgiApplication {
  let inner: AsgiApplication | undefined;
  return (scope, receive, send) => {
    inner ??= allowedHostsOriginValidator(app, settings ?? projectSettings('AllowedHostsOriginValidator'));
    return inner(scope, receive, send);
  };
}

/** Refuses handshakes from origins outside `allowedOrigins` (Channels' OriginValidator). */
export { originValidator as OriginValidator } from '@manouche/core';
