/**
 * Scale-out, proven with real processes: process A (`manouche runserver`) and process B (the server
 * `manouche build` writes) share one database (PostgreSQL when MANOUCHE_TEST_POSTGRES_URL is set, else one
 * SQLite file) and one Redis. A chat message sent to A reaches a WebSocket client on B; a user who logs in
 * through A is logged in on B; a page cached by A is served from the cache by B; and when Redis is killed and
 * started again, both recover without a restart.
 * Redis here is a private redis-server on a free port, because the shared one must never be killed.
 */
import { createTestDatabase, type TestDatabase } from '@manouche/orm/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleMetaPackage, runNode, tempDir, type MetaPackage } from '../../../packages/manouche/test/support/bundle.js';
import { PrivateRedis } from '../../../packages/channels/test/support/private-redis.js';
import { ChatClient } from './support/client.js';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// CI sets MANOUCHE_TEST_REDIS_URL (and has redis-server); elsewhere the suite is skipped.
const skip = process.env.MANOUCHE_TEST_REDIS_URL ? false : 'MANOUCHE_TEST_REDIS_URL is not set: scale-out test skipped';
if (skip) console.warn(skip);

interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function start(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, command, { cwd, env });
  let output = '';
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command.join(' ')} did not start within 60 s:\n${output}`)), 60_000);
    const poll = setInterval(() => {
      const url = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (url || child.exitCode !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        if (url) resolve({ child, url, output: () => output });
        else reject(new Error(`${command.join(' ')} exited with ${child.exitCode}:\n${output}`));
      }
    }, 50);
  });
}

async function until(condition: () => boolean, what: string, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}:\n${output()}`);
}

/** A GET carrying `host` as its Host header, as a load balancer in front of both processes passes the public host. */
function getWithHost(url: string, host: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe.skipIf(skip)('the chat on two processes sharing the database and Redis', () => {
  let meta: MetaPackage;
  let dir: string;
  let redis: PrivateRedis;
  let testDb: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    meta = await bundleMetaPackage();
    dir = tempDir('manouche-chat-');
    for (const entry of ['mysite', 'chat', 'package.json', 'manage.mjs']) cpSync(path.join(appDir, entry), path.join(dir, entry), { recursive: true });
    meta.linkInto(dir);
    redis = await PrivateRedis.start();
    const dialect = process.env.MANOUCHE_TEST_POSTGRES_URL ? 'postgresql' : 'sqlite';
    testDb = await createTestDatabase(dialect);
    const db = testDb.settings as { NAME: string; HOST?: string; PORT?: number | string; USER?: string; PASSWORD?: string };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MANOUCHE_SETTINGS_MODULE: undefined,
      REDIS_URL: redis.url,
      CHAT_REDIS_PREFIX: `scale-${randomBytes(4).toString('hex')}`,
      ...(dialect === 'postgresql'
        ? {
            DATABASE_URL: `postgres://${encodeURIComponent(db.USER ?? 'postgres')}${db.PASSWORD ? `:${encodeURIComponent(db.PASSWORD)}` : ''}@${db.HOST ?? '127.0.0.1'}:${db.PORT ?? 5432}/${db.NAME}`,
          }
        : { CHAT_SQLITE_PATH: db.NAME }),
      MANOUCHE_SUPERUSER_USERNAME: 'dave',
      MANOUCHE_SUPERUSER_EMAIL: 'dave@example.com',
      MANOUCHE_SUPERUSER_PASSWORD: 'a long scale-out password',
    };
    for (const argv of [['migrate', '--no-input'], ['createsuperuser', '--no-input'], ['build']]) {
      const result = await runNode(meta.file('bin'), argv, { cwd: dir, env, timeoutMs: 120_000 });
      if (result.code !== 0) throw new Error(`manouche ${argv.join(' ')} failed:\n${result.stdout}${result.stderr}`);
    }
    [a, b] = await Promise.all([
      start([meta.file('bin'), 'runserver', '127.0.0.1:0', '--noreload'], dir, env),
      start(['dist/server.mjs', '127.0.0.1:0'], dir, env),
    ]);
  }, 240_000);

  afterAll(async () => {
    for (const server of [a, b]) {
      if (!server || server.child.exitCode !== null) continue;
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
    await redis?.kill();
    await testDb?.drop();
    meta?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a message sent to process A to a client connected to process B', async () => {
    const onA = await new ChatClient().socket(a.url, '/ws/chat/scale/');
    const onB = await new ChatClient().socket(b.url, '/ws/chat/scale/');
    onA.say('from A');
    expect(await onB.next()).toEqual({ message: 'from A', author: 'anonymous' });
    expect(await onA.next()).toEqual({ message: 'from A', author: 'anonymous' });
    onB.say('from B');
    expect(await onA.next()).toEqual({ message: 'from B', author: 'anonymous' });
    onA.close();
    onB.close();
    // The history is in the shared database, so either process shows it.
    expect((await new ChatClient().get(`${a.url}/chat/scale/`)).html).toMatch(/from A<\/li>\s*<li><b>anonymous<\/b>: from B/);
  });

  it('keeps a user who logged in through process A logged in on process B, pages and WebSockets alike', async () => {
    const dave = new ChatClient();
    await dave.login(a.url, 'dave', 'a long scale-out password');
    expect((await dave.get(`${b.url}/chat/`)).html).toContain('signed in as <span id="username">dave</span>');
    const onB = await dave.socket(b.url, '/ws/chat/members/');
    const watcher = await new ChatClient().socket(a.url, '/ws/chat/members/');
    onB.say('signed on B');
    expect(await watcher.next()).toEqual({ message: 'signed on B', author: 'dave' });
    onB.close();
    watcher.close();
  });

  it('serves a page cached by process A from the shared cache on process B, without running the view again', async () => {
    const onA = await new ChatClient().socket(a.url, '/ws/chat/before-cache/');
    onA.say('a room the feed lists');
    await onA.next();
    onA.close();
    const fromA = await getWithHost(`${a.url}/chat/rooms.json`, 'localhost');
    expect(fromA.status).toBe(200);
    expect(fromA.headers['cache-control']).toBe('max-age=30');
    const cached = JSON.parse(fromA.body) as { rooms: string[]; generatedAt: string };
    expect(cached.rooms).toContain('before-cache');

    // A room that starts after A cached the feed: the database has it, the cached feed does not.
    const onB = await new ChatClient().socket(b.url, '/ws/chat/after-cache/');
    onB.say('a room the cached feed does not list');
    await onB.next();
    onB.close();
    const fromB = await getWithHost(`${b.url}/chat/rooms.json`, 'localhost');
    expect(fromB.status).toBe(200);
    // The same rendering, down to its timestamp: B's view did not run.
    expect(JSON.parse(fromB.body)).toEqual(cached);
    expect(fromB.headers.expires).toBe(fromA.headers.expires);

    // Another host is another URL, so another cache entry: B renders it, and sees the new room.
    const fresh = JSON.parse((await getWithHost(`${b.url}/chat/rooms.json`, '127.0.0.1')).body) as { rooms: string[]; generatedAt: string };
    expect(fresh.rooms).toContain('after-cache');
    expect(fresh.generatedAt).not.toBe(cached.generatedAt);
  });

  it('recovers on both processes, without a restart, after Redis is killed and started again', async () => {
    const onA = await new ChatClient().socket(a.url, '/ws/chat/restart/');
    const onB = await new ChatClient().socket(b.url, '/ws/chat/restart/');
    onA.say('before');
    expect(await onB.next()).toEqual({ message: 'before', author: 'anonymous' });
    expect(await onA.next()).toEqual({ message: 'before', author: 'anonymous' });

    await redis.kill();
    await until(
      () => a.output().includes('lost the writer connection') && b.output().includes('lost the writer connection'),
      'both processes to notice',
      () => a.output() + b.output(),
    );
    await redis.start();
    // Redis came back empty; each process puts its connections back into their groups.
    await until(
      () => /re-added \d+ group memberships/.test(a.output()) && /re-added \d+ group memberships/.test(b.output()),
      'both processes to restore their groups',
      () => a.output() + b.output(),
    );

    onB.say('after');
    expect(await onA.next()).toEqual({ message: 'after', author: 'anonymous' });
    expect(await onB.next()).toEqual({ message: 'after', author: 'anonymous' });
    // Nothing was delivered twice: the next message is the next one said.
    onA.say('again');
    expect(await onB.next()).toEqual({ message: 'again', author: 'anonymous' });
    expect(await onA.next()).toEqual({ message: 'again', author: 'anonymous' });
    expect(a.output()).toMatch(/Channel layer 'default' \(Redis 127\.0\.0\.1:\d+\): lost the writer connection .*never resent or duplicated/);
    onA.close();
    onB.close();
  });
});
