/**
 * The gateway application of the chat project, for any compatible server (`manouche runserver` and
 * `manouche build` serve the same thing). `application` is Channels' ProtocolTypeRouter: ASGI_APPLICATION
 * names it, and its websocket route serves ws/chat/<room>/ behind the origin check and the auth stack,
 * while the project's own application serves http.
 */
import { getAsgiApplication } from 'manouche';
import { AllowedHostsOriginValidator, AuthMiddlewareStack, ProtocolTypeRouter, URLRouter } from 'manouche/channels';
import { websocketUrlpatterns } from '../chat/routing.js';

export const application = ProtocolTypeRouter({
  websocket: AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocketUrlpatterns))),
});

export default getAsgiApplication({
  settingsModule: process.env.MANOUCHE_SETTINGS_MODULE ?? 'mysite.settings',
  baseDir: new URL('..', import.meta.url),
});
