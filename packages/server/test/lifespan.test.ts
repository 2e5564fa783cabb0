import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { encodeText, type AsgiApplication } from '@manouche/asgi';
import { serve } from '../src/index.js';
import { freePort, memoryLogger, start } from './support.js';

function lifespanApp(hooks: {
  startup?: (state: Record<string, unknown>) => Promise<void> | void;
  shutdown?: () => Promise<void> | void;
  fail?: string;
}): AsgiApplication {
  return async (scope, receive, send) => {
    if (scope.type === 'lifespan') {
      await receive();
      if (hooks.fail) {
        await send({ type: 'lifespan.startup.failed', message: hooks.fail });
        return;
      }
      await hooks.startup?.(scope.state!);
      await send({ type: 'lifespan.startup.complete' });
      await receive();
      await hooks.shutdown?.();
      await send({ type: 'lifespan.shutdown.complete' });
      return;
    }
    if (scope.type !== 'http') return;
    const state = scope.state!;
    const body = JSON.stringify(state);
    state.touched = true;
    await send({ type: 'http.response.start', status: 200 });
    await send({ type: 'http.response.body', body: encodeText(body) });
  };
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('lifespan startup', () => {
  it('completes before the port opens', async () => {
    const port = await freePort();
    let openDuringStartup: boolean | undefined;
    const server = await start(lifespanApp({ startup: async () => void (openDuringStartup = !(await refused(port))) }), { port, lifespan: 'on' });
    expect(openDuringStartup).toBe(false);
    expect(await refused(port)).toBe(false);
    await server.close();
  });

  it('copies the state it filled into each request scope, shallowly', async () => {
    const server = await start(lifespanApp({ startup: (state) => void Object.assign(state, { db: 'connected', nested: { n: 1 } }) }), { lifespan: 'on' });
    const first = await (await fetch(server.url)).json();
    const second = await (await fetch(server.url)).json();
    expect(first).toEqual({ db: 'connected', nested: { n: 1 } });
    expect(second).toEqual(first);
    await server.close();
  });

  it('rejects with the app message and never opens the port when startup fails', async () => {
    const port = await freePort();
    const logger = memoryLogger();
    const error = await serve(lifespanApp({ fail: 'database unreachable' }), { port, logger, accessLog: false, handleSignals: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MANOUCHE_SERVER_LIFESPAN_STARTUP', reason: 'database unreachable' });
    expect(String(error)).toContain('Lifespan startup failed: database unreachable');
    expect(await refused(port)).toBe(true);
  });

  it('continues without lifespan in "auto" mode when the app does not support it', async () => {
    const app: AsgiApplication = async (scope, _r, send) => {
      if (scope.type !== 'http') throw new Error(`unsupported scope ${scope.type}`);
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: encodeText(String(scope.state === undefined)) });
    };
    const server = await start(app, { lifespan: 'auto' });
    expect(await (await fetch(server.url)).text()).toBe('true');
    expect(server.logger.text()).toContain('Lifespan is not supported by the application (unsupported scope lifespan)');
    await server.close();
    await expect(start(app, { lifespan: 'on' })).rejects.toThrow('Lifespan startup failed: unsupported scope lifespan');
  });

  it('logs a protocol violation during lifespan', async () => {
    const app: AsgiApplication = async (scope, receive, send) => {
      if (scope.type !== 'lifespan') return;
      await receive();
      await send({ type: 'lifespan.shutdown.complete' });
    };
    const logger = memoryLogger();
    await expect(serve(app, { port: 0, logger, lifespan: 'on', handleSignals: false })).rejects.toThrow('shutdown answered before startup');
    expect(logger.text()).toContain('lifespan.shutdown.complete: shutdown answered before startup');
  });
});

describe('lifespan shutdown', () => {
  it('runs after close(), once connections are done', async () => {
    const order: string[] = [];
    const server = await start(lifespanApp({ shutdown: () => void order.push('shutdown') }), { lifespan: 'on' });
    await fetch(server.url);
    await server.close();
    order.push('closed');
    expect(order).toEqual(['shutdown', 'closed']);
  });

  it('makes close() reject when the app reports a failed shutdown', async () => {
    const app: AsgiApplication = async (scope, receive, send) => {
      if (scope.type !== 'lifespan') return;
      await receive();
      await send({ type: 'lifespan.startup.complete' });
      await receive();
      await send({ type: 'lifespan.shutdown.failed', message: 'could not flush' });
    };
    const server = await start(app, { lifespan: 'on' });
    await expect(server.close()).rejects.toThrow('Lifespan shutdown failed: could not flush');
  });
});
