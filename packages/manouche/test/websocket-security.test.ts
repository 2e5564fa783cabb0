/** WebSocket handshakes through the real server and core: ALLOWED_HOSTS and the Origin check, over raw sockets. */
import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AsgiApplication } from '@manouche/asgi';
import { allowedHostsOriginValidator, createApplication } from '@manouche/core';
import { createResolver } from '@manouche/routing';
import { serve, type Server } from '@manouche/server';
import { loadSettings } from '@manouche/settings';

const chat: AsgiApplication = async (scope, receive, send) => {
  if (scope.type !== 'websocket') return;
  await receive();
  await send({ type: 'websocket.accept' });
  await receive();
};

/** Sends a WebSocket handshake on a raw connection and returns the status line the server answers with. */
async function handshake(port: number, headers: Record<string, string>): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const lines = Object.entries({
    upgrade: 'websocket',
    connection: 'Upgrade',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'sec-websocket-version': '13',
    ...headers,
  });
  socket.write(`GET /ws/ HTTP/1.1\r\n${lines.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`);
  while (!text.includes('\r\n')) await once(socket, 'data');
  socket.destroy();
  return text.slice(0, text.indexOf('\r\n'));
}

describe('WebSocket handshakes over the real server', () => {
  let server: Server;
  let warnings: string[];
  beforeAll(async () => {
    const settings = loadSettings({
      values: { ALLOWED_HOSTS: ['chat.example.com'], SECRET_KEY: 'x'.repeat(50) },
      source: 'test',
      baseDir: process.cwd(),
      env: {},
    });
    warnings = [];
    const app = createApplication({
      settings,
      urls: await createResolver([]),
      websocket: allowedHostsOriginValidator(chat, settings),
      logger: { error: () => undefined, warn: (message) => void warnings.push(message) },
    });
    server = await serve(app, { port: 0, accessLog: false, handleSignals: false, announce: false, lifespan: 'off' });
  });
  afterAll(() => server.close({ deadlineMs: 200 }));

  it('accepts a handshake whose Host and Origin are allowed', async () => {
    expect(await handshake(server.address.port, { host: 'chat.example.com', origin: 'https://chat.example.com' })).toBe('HTTP/1.1 101 Switching Protocols');
  });

  it('refuses a Host outside ALLOWED_HOSTS with 400 before the consumer runs, and logs it', async () => {
    expect(await handshake(server.address.port, { host: 'evil.example', origin: 'https://chat.example.com' })).toMatch(/^HTTP\/1\.1 400 /);
    expect(warnings.some((line) => line.includes("Invalid HTTP_HOST header: 'evil.example'"))).toBe(true);
  });

  it('refuses a cross-site Origin with 403', async () => {
    expect(await handshake(server.address.port, { host: 'chat.example.com', origin: 'https://evil.example' })).toMatch(/^HTTP\/1\.1 403 /);
  });
});
