import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAddrport, runserverCommand } from '../src/index.js';
import { connect, eventually, freePort, runFixture } from './support.js';

function projectDir(message = 'hello'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'manouche-runserver-'));
  writeFileSync(path.join(dir, 'message.txt'), message);
  return dir;
}

describe('parseAddrport', () => {
  it.each([
    [undefined, { host: '127.0.0.1', port: 8000 }],
    ['8001', { host: '127.0.0.1', port: 8001 }],
    ['0.0.0.0:8001', { host: '0.0.0.0', port: 8001 }],
    ['localhost:9000', { host: 'localhost', port: 9000 }],
    ['[::1]:8001', { host: '::1', port: 8001 }],
  ])('reads %s as %o', (value, expected) => {
    expect(parseAddrport(value)).toEqual(expected);
  });

  it.each(['abc', '70000', '1.2.3.4:', '[::1]', 'localhost', 'a b:80', '8000:80:1'])('rejects "%s" with Django\'s message', (value) => {
    expect(() => parseAddrport(value)).toThrow(`"${value}" is not a valid port number or address:port pair`);
  });
});

describe('runserver command', () => {
  it('declares its name, argument and options through the contracts', () => {
    expect(runserverCommand.name).toBe('runserver');
    expect(runserverCommand.args).toEqual([expect.objectContaining({ name: 'addrport', optional: true })]);
    expect(runserverCommand.options!.map((o) => o.name)).toEqual(['workers', 'reload', 'http2', 'no-access-log']);
  });

  it('serves the project, prints the Django-style banner and access lines, and stops cleanly on SIGINT', async () => {
    const port = await freePort();
    const child = await runFixture('runserver', [`127.0.0.1:${port}`], { env: { FIXTURE_BASEDIR: projectDir('hi there') } });
    try {
      await child.waitFor(/Quit the server with CONTROL-C\./);
      expect(child.stdout()).toContain(`Starting development server at http://127.0.0.1:${port}/`);
      expect(child.stdout()).toContain("using settings 'mysite.settings'");
      expect(await (await fetch(`http://127.0.0.1:${port}/blog/?page=2`)).text()).toMatch(/^hi there from \d+$/);
      await child.waitFor(/"GET \/blog\/\?page=2 HTTP\/1\.1" 200 \d+/);
      child.process.kill('SIGINT');
      expect((await child.exited).code).toBe(0);
      expect(child.stdout()).toMatch(/lifespan shutdown\n[\s\S]*project closed\n/);
    } finally {
      child.process.kill('SIGKILL');
    }
  });

  it('turns the access log off with --no-access-log and accepts a bare port', async () => {
    const port = await freePort();
    const child = await runFixture('runserver', [String(port), '--no-access-log'], { env: { FIXTURE_BASEDIR: projectDir() } });
    try {
      await child.waitFor(/Quit the server/);
      await fetch(`http://127.0.0.1:${port}/`);
      child.process.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
      expect(child.stdout()).not.toContain('"GET /');
    } finally {
      child.process.kill('SIGKILL');
    }
  });

  it('applies the SERVER_LIMITS setting, as the built server does', async () => {
    const port = await freePort();
    const limits = JSON.stringify({ maxConnections: 1, headersTimeout: 60_000 });
    const child = await runFixture('runserver', [`127.0.0.1:${port}`, '--no-access-log'], {
      env: { FIXTURE_BASEDIR: projectDir(), FIXTURE_SERVER_LIMITS: limits },
    });
    try {
      await child.waitFor(/Quit the server/);
      const held = await connect(port);
      // The one allowed connection is taken: the next is closed without a byte.
      const refused = await connect(port);
      let received = '';
      refused.on('data', (chunk: Buffer) => (received += chunk.toString()));
      await once(refused, 'close');
      expect(received).toBe('');
      held.destroy();
      child.process.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
    } finally {
      child.process.kill('SIGKILL');
    }
  });

  it('refuses a bad SERVER_LIMITS setting with a CommandError naming it', async () => {
    const child = await runFixture('runserver', ['0'], { env: { FIXTURE_BASEDIR: projectDir(), FIXTURE_SERVER_LIMITS: '{"maxConections":10}' } });
    expect((await child.exited).code).toBe(1);
    expect(child.stderr()).toContain('Invalid server option "settings.SERVER_LIMITS.maxConections": expected one of maxHeaderSize');
    expect(child.stdout()).toContain('project closed');
  });

  it('exits non-zero with the app message when lifespan startup fails', async () => {
    const child = await runFixture('runserver', ['0'], { env: { FIXTURE_BASEDIR: projectDir(), FIXTURE_FAIL_STARTUP: 'cannot reach the database' } });
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    expect(child.stderr()).toContain('CommandError: Lifespan startup failed: cannot reach the database');
    expect(child.stdout()).toContain('project closed');
    expect(child.stdout()).not.toContain('Starting development server');
  });

  it('refuses a malformed address with a CommandError', async () => {
    const child = await runFixture('runserver', ['nope:port'], { env: { FIXTURE_BASEDIR: projectDir() } });
    expect((await child.exited).code).toBe(1);
    expect(child.stderr()).toContain('"nope:port" is not a valid port number or address:port pair');
  });

  it('runs --workers processes behind one port', async () => {
    const port = await freePort();
    const child = await runFixture('runserver', [`127.0.0.1:${port}`, '--workers', '2', '--no-access-log'], { env: { FIXTURE_BASEDIR: projectDir() } });
    try {
      await child.waitFor(/with 2 workers/);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toMatch(/^hello from \d+$/);
      child.process.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
      expect(child.stdout().match(/Starting development server/g)).toHaveLength(1);
    } finally {
      child.process.kill('SIGKILL');
    }
  }, 20_000);

  it('restarts the server when a project file changes with --reload', async () => {
    const port = await freePort();
    const dir = projectDir('version one');
    const child = await runFixture('runserver', [`127.0.0.1:${port}`, '--reload', '--no-access-log'], { env: { FIXTURE_BASEDIR: dir } });
    const get = async () => (await fetch(`http://127.0.0.1:${port}/`)).text();
    try {
      await child.waitFor(/Watching for file changes under/);
      const first = await eventually(() => get(), 10_000, 'the first server');
      expect(first).toMatch(/^version one from \d+$/);
      const firstPid = first.split(' ').at(-1);
      writeFileSync(path.join(dir, 'message.txt'), 'version two');
      const second = await eventually(
        async () => {
          const text = await get();
          return text.split(' ').at(-1) !== firstPid ? text : undefined;
        },
        10_000,
        'the restarted server',
      );
      expect(second).toMatch(/^version two from \d+$/);
      expect(child.stdout()).toContain('message.txt changed, reloading.');

      // Database files and node_modules do not trigger a restart.
      writeFileSync(path.join(dir, 'db.sqlite3'), 'x');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await get()).toBe(second);

      child.process.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
    } finally {
      child.process.kill('SIGKILL');
    }
  }, 30_000);
});
