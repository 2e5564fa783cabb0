/**
 * The chat through a real server in this process: pages, the WebSocket route ASGI_APPLICATION declares,
 * the origin check, sessions and users on the connection, broadcast to a room, and messages kept in the
 * database — on SQLite, and on PostgreSQL and MariaDB when their URLs are set.
 */
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { managementCommands, setup } from 'manouche';
import { resolveProjectModule, runCli } from 'manouche/cli';
import type { CommandIO, Project } from 'manouche/contracts';
import { User } from 'manouche/contrib/auth';
import { serve, type Server } from 'manouche/server';
import { loadSettings } from 'manouche/settings';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message } from '../chat/models.js';
import settingsModule from '../mysite/settings.js';
import { ChatClient } from './support/client.js';

const baseDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const importModule = async (specifier: string) => (await import(resolveProjectModule(baseDir, specifier))) as Record<string, unknown>;

async function migrate(project: Project): Promise<void> {
  let stderr = '';
  const io: Partial<CommandIO> = { stdout: { write: () => true }, stderr: { write: (text: string) => ((stderr += text), true) }, interactive: false };
  const kept: Project = Object.assign(Object.create(project) as Project, { close: async () => {} });
  const commands = [...managementCommands(), ...project.apps.getAppConfigs().flatMap((app) => app.commands ?? [])];
  const code = await runCli(['migrate', '--no-input'], { commands, loadProject: async () => kept, io, cwd: baseDir, env: {} });
  if (code !== 0) throw new Error(`migrate failed: ${stderr}`);
}

describe.each(testDatabaseTargets())('the chat on $dialect', ({ dialect, skip }) => {
  let testDb: TestDatabase | undefined;
  let project: Project;
  let server: Server | undefined;
  let base = '';

  beforeAll(async () => {
    if (skip) return;
    testDb = await createTestDatabase(dialect);
    const settings = loadSettings({
      values: {
        ...settingsModule,
        DATABASES: { default: testDb.settings },
        CHANNEL_LAYERS: { default: { BACKEND: 'manouche.channels.layers.InMemoryChannelLayer' } },
        CACHES: { default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } },
      },
      source: 'mysite/settings.ts',
      baseDir,
      env: {},
    });
    project = await setup({ settings, baseDir, settingsModule: 'mysite.settings', importModule });
    await migrate(project);
    server = await serve(await project.application(), { host: '127.0.0.1', port: 0, announce: false, accessLog: false, handleSignals: false, lifespan: 'off' });
    base = server.url.replace(/\/$/, '');
  });

  afterAll(async () => {
    await server?.close();
    await project?.close();
    await testDb?.drop();
  });

  it.skipIf(Boolean(skip))(`broadcasts a message to everyone in the room and keeps it${skip ? ` (${skip})` : ''}`, async () => {
    const room = `lobby-${dialect}`;
    const [alice, bob, elsewhere] = [new ChatClient(), new ChatClient(), new ChatClient()];
    const a = await alice.socket(base, `/ws/chat/${room}/`);
    const b = await bob.socket(base, `/ws/chat/${room}/`);
    const other = await elsewhere.socket(base, `/ws/chat/${room}-other/`);
    a.say('hello room');
    expect(await a.next()).toEqual({ message: 'hello room', author: 'anonymous' });
    expect(await b.next()).toEqual({ message: 'hello room', author: 'anonymous' });
    other.say('only here');
    expect(await other.next()).toEqual({ message: 'only here', author: 'anonymous' });
    b.say('hi alice');
    expect(await a.next()).toEqual({ message: 'hi alice', author: 'anonymous' });
    expect((await Message.objects.filter({ room })).map((message) => message.text)).toEqual(['hello room', 'hi alice']);
    for (const socket of [a, b, other]) socket.close();

    const page = await alice.get(`${base}/chat/${room}/`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<b>anonymous<\/b>: hello room<\/li>\s*<li><b>anonymous<\/b>: hi alice/);
    expect(page.html).toContain(`new WebSocket(scheme + window.location.host + '/ws/chat/' + roomName + '/')`);
    const index = await alice.get(`${base}/chat/`);
    expect(index.html).toContain(`<a href="/chat/${room}/">${room}</a>`);
  });

  it.skipIf(Boolean(skip))('puts the logged-in user on the connection', async () => {
    await User.objects.createUser(`carol-${dialect}`, null, 'a long chat password');
    const carol = new ChatClient();
    await carol.login(base, `carol-${dialect}`, 'a long chat password');
    const socket = await carol.socket(base, '/ws/chat/members/');
    socket.say('signed message');
    expect(await socket.next()).toEqual({ message: 'signed message', author: `carol-${dialect}` });
    socket.close();
    expect((await carol.get(`${base}/chat/`)).html).toContain(`signed in as <span id="username">carol-${dialect}</span>`);
  });

  it.skipIf(Boolean(skip))('refuses a handshake from another site, and a room name that is not a slug', async () => {
    const client = new ChatClient();
    await expect(client.socket(base, '/ws/chat/lobby/', 'https://evil.example')).rejects.toThrow('handshake refused with 403');
    await expect(client.socket(base, '/ws/chat/not%20a%20slug/')).rejects.toThrow('handshake refused with 403');
  });

  it.skipIf(Boolean(skip))('answers a malformed message with an error and closes on text that is not JSON with 1007', async () => {
    const socket = await new ChatClient().socket(base, '/ws/chat/strict/');
    socket.ws.send(JSON.stringify({ text: 'wrong key' }));
    expect(await socket.next()).toEqual({ error: 'Send {"message": "..."} with 1 to 2000 characters.' });
    socket.ws.send('not json');
    expect(await socket.closed).toEqual({ code: 1007, reason: 'invalid JSON' });
  });
});
