import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HttpResponse } from '@manouche/core';
import { callHttp, websocketSession } from '@manouche/asgi/testing';
import { main } from '../examples/hello-app.js';
import { timing } from '../examples/timing-middleware.js';
import { pinned, sameAsHosts } from '../examples/websocket-origin.js';
import { makeApp } from './support/app.js';

/** Whether a handshake from `origin` (with Host chat.example.com) is accepted. */
async function handshake(app: Parameters<typeof websocketSession>[0], origin: string): Promise<string> {
  return (await websocketSession(app, { path: '/ws/', headers: { host: 'chat.example.com', origin } }).connect()).type;
}

/** Every ```ts block of the README must be one of these files, verbatim (after the file's first comment line). */
const EXAMPLES = ['hello-app.ts', 'websocket-origin.ts', 'timing-middleware.ts', 'csrf-form.ts'];

describe('README example', () => {
  it('serves the hand-written URLconf through createApplication', async () => {
    expect(await main()).toEqual([
      '/ → 302 /hello/Django/',
      '/hello/Django/ → 200 Hello, Django! (GET)',
      '/ping → 301 /ping/',
      '/ping/ → 200 {"pong":true}',
      '/nowhere/ → 404 <!doctype html>',
    ]);
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/hello-app.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.split('\n').slice(1).join('\n').trim());
  });
});

describe('the README WebSocket Origin example', () => {
  it('admits the pinned origins and ALLOWED_HOSTS, and closes every other handshake before accept', async () => {
    expect(await handshake(pinned, 'https://chat.example.com')).toBe('websocket.accept');
    expect(await handshake(pinned, 'http://rooms.example.org:8000')).toBe('websocket.accept');
    expect(await handshake(pinned, 'https://evil.example')).toBe('websocket.close');
    expect(await handshake(sameAsHosts, 'https://chat.example.com')).toBe('websocket.accept');
    expect(await handshake(sameAsHosts, 'https://example.org')).toBe('websocket.close');
  });
});

describe('the README MIDDLEWARE example', () => {
  it('adds its header to every response and leaves the view and its errors alone', async () => {
    const { app } = makeApp([{ route: 'x/', view: () => new HttpResponse('ok') }], { middleware: [timing] });
    const res = await callHttp(app, { path: '/x/' });
    expect([res.status, res.text(), res.header('server-timing')]).toEqual([200, 'ok', 'app']);
  });
});

describe('the README', () => {
  it('shows no TypeScript block that is not an example file a test runs', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const examples = EXAMPLES.map((name) =>
      readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8')
        .split('\n')
        .slice(1)
        .join('\n')
        .trim(),
    );
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(examples, block.slice(0, 80)).toContain(block);
  });
});
