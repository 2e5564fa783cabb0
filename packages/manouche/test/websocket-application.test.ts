import { ProtocolTypeRouter } from '@manouche/channels';
import type { AsgiApplication } from '@manouche/asgi';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '@manouche/settings';
import { loadWebsocketApplication } from '../src/websocket-application.js';

const websocket: AsgiApplication = async () => {};
const settingsWith = (value: unknown) => ({ ASGI_APPLICATION: value }) as never;

describe('ASGI_APPLICATION', () => {
  it("gives the router's websocket route to the project's application", async () => {
    const importModule = async (name: string) => (name === 'mysite.asgi' ? { application: ProtocolTypeRouter({ websocket }) } : {});
    expect(await loadWebsocketApplication(settingsWith('mysite.asgi.application'), importModule)).toBe(websocket);
    expect(await loadWebsocketApplication(settingsWith(null), importModule)).toBeUndefined();
  });

  it('refuses a router that routes http itself, and an export that is missing', async () => {
    const importModule = async () => ({ application: ProtocolTypeRouter({ http: websocket, websocket }) });
    await expect(loadWebsocketApplication(settingsWith('mysite.asgi.application'), importModule)).rejects.toThrow(
      "ASGI_APPLICATION 'mysite.asgi.application' routes http itself: leave 'http' out of its ProtocolTypeRouter",
    );
    await expect(loadWebsocketApplication(settingsWith('mysite.asgi.app'), importModule)).rejects.toThrow(
      "ASGI_APPLICATION 'mysite.asgi.app': module 'mysite.asgi' has no export 'app' that is an application (found undefined).",
    );
  });
});

describe('CHANNEL_LAYERS and ASGI_APPLICATION in settings', () => {
  const load = (values: Record<string, unknown>) =>
    loadSettings({ values: { SECRET_KEY: 'x'.repeat(50), ...values }, source: 'mysite/settings.ts', baseDir: '/srv/mysite', env: {} });

  it('default to no layer and no WebSocket application', () => {
    const settings = load({});
    expect(settings.CHANNEL_LAYERS).toEqual({});
    expect(settings.ASGI_APPLICATION).toBeNull();
  });

  it('name a layer without a BACKEND and an ASGI_APPLICATION that is not module.export', () => {
    expect(() => load({ CHANNEL_LAYERS: { default: { CONFIG: {} } } })).toThrow(/CHANNEL_LAYERS[\s\S]*default[\s\S]*an object with a BACKEND string/);
    expect(() => load({ ASGI_APPLICATION: 'application' })).toThrow(/ASGI_APPLICATION[\s\S]*a dotted module path ending in the export name/);
  });
});
