import type { AsgiApplication } from '@manouche/asgi';
import { callHttp, websocketSession } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { allowedHostsOriginValidator, originValidator } from '../src/index.js';
import { testSettings } from './support/app.js';

function acceptingApp(): AsgiApplication & { handshakes: number } {
  const app = Object.assign(
    async (...[scope, receive, send]: Parameters<AsgiApplication>) => {
      if (scope.type === 'http') {
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.body' });
        return;
      }
      if (scope.type !== 'websocket') return;
      app.handshakes += 1;
      await receive();
      await send({ type: 'websocket.accept' });
    },
    { handshakes: 0 },
  );
  return app;
}

async function handshake(app: AsgiApplication, origin: string | undefined): Promise<string> {
  const ws = websocketSession(app, { path: '/ws/', headers: origin === undefined ? {} : { origin } });
  return (await ws.connect()).type;
}

describe('originValidator', () => {
  it('accepts origins matching a host pattern on any scheme and port, subdomains with a leading dot', async () => {
    const inner = acceptingApp();
    const app = originValidator(inner, ['example.com', '.example.org']);
    expect(await handshake(app, 'https://example.com')).toBe('websocket.accept');
    expect(await handshake(app, 'http://example.com:8000')).toBe('websocket.accept');
    expect(await handshake(app, 'https://chat.example.org')).toBe('websocket.accept');
    expect(await handshake(app, 'https://example.org')).toBe('websocket.accept');
    expect(inner.handshakes).toBe(4);
  });

  it('refuses other origins, a missing Origin and "null" before the app runs', async () => {
    const inner = acceptingApp();
    const app = originValidator(inner, ['example.com', '.example.org']);
    for (const origin of ['https://evil.example', 'https://example.com.evil.example', 'https://notexample.org', 'null', undefined]) {
      expect(await handshake(app, origin), String(origin)).toBe('websocket.close');
    }
    expect(inner.handshakes).toBe(0);
  });

  it('matches scheme, host and port when an entry is a whole origin, with default ports filled in', async () => {
    const app = originValidator(acceptingApp(), ['https://chat.example.com', 'http://.example.net:8000']);
    expect(await handshake(app, 'https://chat.example.com')).toBe('websocket.accept');
    expect(await handshake(app, 'https://chat.example.com:443')).toBe('websocket.accept');
    expect(await handshake(app, 'http://chat.example.com')).toBe('websocket.close');
    expect(await handshake(app, 'https://chat.example.com:8443')).toBe('websocket.close');
    expect(await handshake(app, 'http://a.example.net:8000')).toBe('websocket.accept');
    expect(await handshake(app, 'http://a.example.net')).toBe('websocket.close');
  });

  it('lets "*" admit every origin, a missing one included', async () => {
    const app = originValidator(acceptingApp(), ['*']);
    expect(await handshake(app, 'https://anywhere.example')).toBe('websocket.accept');
    expect(await handshake(app, undefined)).toBe('websocket.accept');
  });

  it('passes http scopes through untouched', async () => {
    const app = originValidator(acceptingApp(), []);
    expect((await callHttp(app, { path: '/', headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });

  it('names a malformed entry when the validator is built', () => {
    expect(() => originValidator(acceptingApp(), ['https://exa mple.com/path'])).toThrow(
      'Invalid allowed origin "https://exa mple.com/path" given to originValidator(): expected a host pattern',
    );
  });
});

describe('allowedHostsOriginValidator', () => {
  it('takes the allowed origins from ALLOWED_HOSTS', async () => {
    const app = allowedHostsOriginValidator(acceptingApp(), testSettings({ ALLOWED_HOSTS: ['.example.com'] }));
    expect(await handshake(app, 'https://www.example.com')).toBe('websocket.accept');
    expect(await handshake(app, 'https://evil.example')).toBe('websocket.close');
  });

  it('allows the local names with DEBUG on and ALLOWED_HOSTS empty, as Django does for Host', async () => {
    const app = allowedHostsOriginValidator(acceptingApp(), testSettings({ DEBUG: true, ALLOWED_HOSTS: [] }));
    expect(await handshake(app, 'http://localhost:8000')).toBe('websocket.accept');
    expect(await handshake(app, 'http://127.0.0.1:8000')).toBe('websocket.accept');
    expect(await handshake(app, 'http://[::1]:8000')).toBe('websocket.accept');
    expect(await handshake(app, 'http://192.168.1.5:8000')).toBe('websocket.close');
  });
});
