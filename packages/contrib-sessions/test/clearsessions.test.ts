import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommandContext, Project } from '@manouche/contracts';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearsessionsCommand, DbSessionStore, FileSessionStore, Session } from '../src/index.js';
import { migratedDatabase, testSettings } from './support.js';

function commandContext(settings: ReturnType<typeof testSettings>): CommandContext & { output: () => string } {
  let output = '';
  return {
    args: {},
    options: {},
    cwd: process.cwd(),
    io: {
      stdout: { write: (text: string) => (output += text) },
      stderr: { write: (text: string) => (output += text) },
      interactive: false,
      prompt: async () => '',
    },
    project: async () => ({ settings }) as Project,
    output: () => output,
  };
}

describe.each(testDatabaseTargets())('clearsessions on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
  });
  afterAll(() => testDb?.drop());

  it('deletes expired database sessions and keeps live ones', async () => {
    const settings = testSettings();
    const live = new DbSessionStore(null, settings);
    await live.set('a', 1);
    await live.save();
    await Session.objects.create({ sessionKey: 'expiredsessionkey0000000000000000', sessionData: 'x', expireDate: new Date(Date.now() - 1000) });
    const context = commandContext(settings);
    await clearsessionsCommand.run(context);
    expect(context.output()).toBe('Expired sessions cleared.\n');
    expect((await Session.objects.valuesList('sessionKey', { flat: true })).sort()).toEqual([live.sessionKey]);
  });
});

describe('clearsessions with other engines', () => {
  it('deletes expired session files and keeps live ones', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manouche-clear-'));
    try {
      const settings = testSettings({ SESSION_ENGINE: 'manouche.contrib.sessions.backends.file', SESSION_FILE_PATH: dir });
      const live = new FileSessionStore(null, settings);
      await live.set('a', 1);
      await live.save();
      writeFileSync(path.join(dir, 'sessionidexpiredsessionkey00000000000'), JSON.stringify({ expires: new Date(Date.now() - 1000).toISOString(), data: '' }));
      writeFileSync(path.join(dir, 'unrelated.txt'), 'kept');
      await clearsessionsCommand.run(commandContext(settings));
      expect(readdirSync(dir).sort()).toEqual([`sessionid${live.sessionKey}`, 'unrelated.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says the signed-cookie engine cannot clear anything', async () => {
    await expect(
      clearsessionsCommand.run(commandContext(testSettings({ SESSION_ENGINE: 'manouche.contrib.sessions.backends.signed_cookies' }))),
    ).rejects.toThrow("Session engine 'manouche.contrib.sessions.backends.signed_cookies' doesn't support clearing expired sessions.");
  });
});
