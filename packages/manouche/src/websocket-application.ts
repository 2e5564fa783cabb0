/** ASGI_APPLICATION: the project's ProtocolTypeRouter, whose websocket route serves the project's WebSockets. */
import type { AsgiApplication } from '@manouche/asgi';
import type { Settings } from '@manouche/contracts';
import { ProjectSetupError } from './errors.js';
import type { ImportModule } from './setup.js';

/**
 * Loads the application ASGI_APPLICATION names (`mysite.asgi.application`: module `mysite.asgi`, export
 * `application`) and returns its websocket route, or undefined when the setting is null. The project's own
 * application keeps serving http, so the router must not route http itself.
 */
export async function loadWebsocketApplication(settings: Settings, importModule: ImportModule): Promise<AsgiApplication | undefined> {
  const dotted = settings.ASGI_APPLICATION;
  if (dotted === null || dotted === undefined) return undefined;
  if (typeof dotted !== 'string' || !dotted.includes('.'))
    throw new ProjectSetupError(`ASGI_APPLICATION must be 'module.export', such as 'mysite.asgi.application'; got ${JSON.stringify(dotted)}.`);
  const cut = dotted.lastIndexOf('.');
  const [moduleName, exportName] = [dotted.slice(0, cut), dotted.slice(cut + 1)];
  const module = await importModule(moduleName);
  const router = module[exportName] as (AsgiApplication & { routes?: { http?: unknown; websocket?: AsgiApplication } }) | undefined;
  if (typeof router !== 'function') {
    throw new ProjectSetupError(
      `ASGI_APPLICATION '${dotted}': module '${moduleName}' has no export '${exportName}' that is an application (found ${typeof router}). Export a ProtocolTypeRouter({ websocket: ... }) under that name.`,
    );
  }
  if (!router.routes) return router;
  if (router.routes.http) {
    throw new ProjectSetupError(
      `ASGI_APPLICATION '${dotted}' routes http itself: leave 'http' out of its ProtocolTypeRouter; the project's application serves http (with its middleware, static files and error pages).`,
    );
  }
  return router.routes.websocket;
}
