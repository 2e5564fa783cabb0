/**
 * login(scope, user) and logout(scope) over a real WebSocket: a consumer behind AuthMiddlewareStack on a real
 * server logs a user in and out, and the sessions it saves are the ones the HTTP side (SessionMiddleware +
 * AuthenticationMiddleware on the same database) reads. The consumer is the README's (examples/account-consumer.ts).
 */
import type { Settings } from '@manouche/contracts';
import { User } from '@manouche/contrib-auth';
import { HttpResponse, type HttpRequest } from '@manouche/core';
import { serve, type Server } from '@manouche/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { migratedDatabase, serveAuth, testSettings } from '../../contrib-auth/test/support.js';
import { AccountConsumer } from '../examples/account-consumer.js';
import { login, logout, AuthMiddlewareStack } from '../src/auth.js';
import { ChannelsConfigurationError, configureChannels, URLRouter, path } from '../src/index.js';

interface Reply {
  user: string | null;
  sessionKey?: string | null;
  error?: string;
}

class Socket {
  private readonly replies: Reply[] = [];
  private waiting: ((reply: Reply) => void) | undefined;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const reply = JSON.parse(data.toString()) as Reply;
      if (this.waiting) this.waiting(reply);
      else this.replies.push(reply);
    });
  }
  ask(content: Record<string, string>): Promise<Reply> {
    this.ws.send(JSON.stringify(content));
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      this.waiting = (reply) => {
        this.waiting = undefined;
        resolve(reply);
      };
    });
  }
}

let testDb: Awaited<ReturnType<typeof migratedDatabase>>;
let settings: Settings;
let wsServer: Server;
let http: Awaited<ReturnType<typeof serveAuth>>;

beforeAll(async () => {
  testDb = await migratedDatabase('sqlite');
  settings = testSettings({ ALLOWED_HOSTS: ['127.0.0.1'] });
  await configureChannels(settings);
  await User.objects.createUser('alice', null, 'a long enough password');
  wsServer = await serve(AuthMiddlewareStack(URLRouter([path('ws/account/', AccountConsumer.asAsgi({ channelLayer: null }))])), {
    host: '127.0.0.1',
    port: 0,
    announce: false,
    handleSignals: false,
    lifespan: 'off',
  });
  http = await serveAuth(settings, {
    'whoami/': async (request: HttpRequest) => {
      const user = await request.auser!();
      return new HttpResponse(user.isAuthenticated ? user.getUsername() : 'anonymous');
    },
  });
});
afterAll(async () => {
  await wsServer?.close({ deadlineMs: 1000 });
  await http?.close();
  await testDb?.drop();
});

function connect(sessionKey?: string | null): Promise<Socket> {
  const ws = new WebSocket(`ws://127.0.0.1:${wsServer.address.port}/ws/account/`, {
    headers: { origin: 'http://127.0.0.1', ...(sessionKey ? { cookie: `sessionid=${sessionKey}` } : {}) },
  });
  const socket = new Socket(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
  });
}

async function httpUser(sessionKey: string): Promise<string> {
  const response = await fetch(`${http.url}/whoami/`, { headers: { cookie: `sessionid=${sessionKey}` } });
  return response.text();
}

describe('login(scope, user) and logout(scope) on a WebSocket', () => {
  it('logs the user in on the connection under a new session key that HTTP requests then share', async () => {
    const socket = await connect();
    expect(await socket.ask({ action: 'whoami' })).toEqual({ user: null, sessionKey: null });
    expect(await socket.ask({ action: 'login', username: 'alice', password: 'wrong' })).toMatchObject({ user: null, error: 'wrong username or password' });

    const loggedIn = await socket.ask({ action: 'login', username: 'alice', password: 'a long enough password' });
    expect(loggedIn.user).toBe('alice');
    expect(loggedIn.sessionKey).toMatch(/^[a-z0-9]{32}$/);
    // scope.user stays the logged-in user for the rest of the connection.
    expect(await socket.ask({ action: 'whoami' })).toEqual({ user: 'alice', sessionKey: loggedIn.sessionKey });
    // The saved session is the one HTTP requests and new connections read.
    expect(await httpUser(loggedIn.sessionKey!)).toBe('alice');
    const again = await connect(loggedIn.sessionKey);
    expect(await again.ask({ action: 'whoami' })).toEqual({ user: 'alice', sessionKey: loggedIn.sessionKey });
    socket.ws.close();
    again.ws.close();
  });

  it('rotates the session key of a connection that already had a session, so the old key is worthless', async () => {
    const first = await connect();
    const { sessionKey: oldKey } = await first.ask({ action: 'login', username: 'alice', password: 'a long enough password' });
    first.ws.close();
    const socket = await connect(oldKey);
    const { sessionKey: newKey, user } = await socket.ask({ action: 'login', username: 'alice', password: 'a long enough password' });
    expect(user).toBe('alice');
    expect(newKey).not.toBe(oldKey);
    expect(await httpUser(oldKey!)).toBe('anonymous');
    expect(await httpUser(newKey!)).toBe('alice');
    socket.ws.close();
  });

  it('logs the user out: scope.user becomes anonymous and the stored session is gone', async () => {
    const first = await connect();
    const { sessionKey } = await first.ask({ action: 'login', username: 'alice', password: 'a long enough password' });
    first.ws.close();
    const socket = await connect(sessionKey);
    expect((await socket.ask({ action: 'whoami' })).user).toBe('alice');
    // The consumer saves the new, empty session: it gets a key of its own.
    const loggedOut = await socket.ask({ action: 'logout' });
    expect(loggedOut.user).toBeNull();
    expect(loggedOut.sessionKey).not.toBe(sessionKey);
    expect(await socket.ask({ action: 'whoami' })).toEqual({ user: null, sessionKey: loggedOut.sessionKey });
    expect(await httpUser(sessionKey!)).toBe('anonymous');
    expect(await httpUser(loggedOut.sessionKey!)).toBe('anonymous');
    socket.ws.close();
  });

  it('needs the session middleware and a user, and says so', async () => {
    const user = await User.objects.get({ username: 'alice' });
    await expect(login({}, user)).rejects.toThrow(ChannelsConfigurationError);
    await expect(login({}, user)).rejects.toThrow(/login\(\) needs scope.session: put the consumer behind SessionMiddlewareStack or AuthMiddlewareStack/);
    await expect(logout({})).rejects.toThrow(/logout\(\) needs scope.session/);
    const session = { session: { sessionKey: null } };
    await expect(login(session)).rejects.toThrow(/login\(scope, user\) needs a user/);
  });
});
