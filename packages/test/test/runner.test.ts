import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabases, destroyTestDatabases, selectTests, testDatabaseName, workerDatabaseSettings } from '../src/runner/index.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function projectWith(files: string[]) {
  dir = mkdtempSync(path.join(tmpdir(), 'manouche-runner-'));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), '');
  }
  const app = (label: string) => ({ label, name: label, path: path.join(dir, label) });
  return { baseDir: dir, cwd: dir, apps: [app('polls'), app('blog'), { label: 'auth', name: 'manouche.contrib.auth', path: '/elsewhere/contrib-auth' }] };
}

describe('choosing test files', () => {
  it("finds each project app's tests.ts and test files under tests/, never an app outside the project", () => {
    const options = projectWith([
      'polls/tests.ts',
      'polls/tests/test-views.ts',
      'polls/tests/helpers.ts',
      'polls/tests/models.test.ts',
      'blog/tests/test_feed.ts',
      'blog/views.ts',
    ]);
    expect(selectTests([], options).files.map((file) => path.relative(dir, file))).toEqual([
      'polls/tests.ts',
      'polls/tests/models.test.ts',
      'polls/tests/test-views.ts',
      'blog/tests/test_feed.ts',
    ]);
  });

  it('takes an app label, a dotted module with test names after it, or a path', () => {
    const options = projectWith(['polls/tests.ts', 'polls/tests/test-views.ts', 'blog/tests/test_feed.ts']);
    expect(selectTests(['blog'], options).files).toEqual([path.join(dir, 'blog/tests/test_feed.ts')]);
    expect(selectTests(['polls.tests.test-views'], options)).toEqual({ files: [path.join(dir, 'polls/tests/test-views.ts')], namePatterns: [] });
    expect(selectTests(['polls.tests.QuestionModelTests.future'], options).namePatterns).toEqual(['QuestionModelTests future']);
    expect(selectTests(['blog/tests'], options).files).toEqual([path.join(dir, 'blog/tests/test_feed.ts')]);
    expect(() => selectTests(['nope'], options)).toThrow(
      "Test label 'nope' is not an installed app, a module of the project (such as polls.tests) or a path. Installed apps: polls, blog, auth.",
    );
  });
});

describe('test databases', () => {
  const io = () => {
    const err: string[] = [];
    return { err, io: { stdout: { write: () => true }, stderr: { write: (t: string) => err.push(t) }, interactive: false, prompt: async () => '' } };
  };

  it("are named like Django's, one per worker", () => {
    expect(testDatabaseName({ ENGINE: 'postgresql', NAME: 'mysite' })).toBe('test_mysite');
    expect(testDatabaseName({ ENGINE: 'mysql', NAME: 'mysite', TEST: { NAME: 'ci_db' } })).toBe('ci_db');
    expect(testDatabaseName({ ENGINE: 'sqlite', NAME: 'db.sqlite3' })).toBe(':memory:');
    const plan = { alias: 'default', settings: { ENGINE: 'postgresql' as const, NAME: 'test_x' }, names: ['test_x_1', 'test_x_2'] };
    expect([1, 2, 3].map((id) => workerDatabaseSettings(plan, id).NAME)).toEqual(['test_x_1', 'test_x_2', 'test_x_1']);
  });

  it('delete a SQLite test database file before and after the run unless --keepdb', async () => {
    projectWith(['test_db.sqlite3']);
    const { io: commandIo, err } = io();
    const databases = { default: { ENGINE: 'sqlite' as const, NAME: 'db.sqlite3', TEST: { NAME: 'test_db.sqlite3' } } };
    const connect = () => {
      throw new Error('SQLite needs no server connection');
    };
    const kept = await createTestDatabases(databases, connect, { parallel: 1, keepdb: true, io: commandIo, verbosity: 1, baseDir: dir });
    expect(existsSync(path.join(dir, 'test_db.sqlite3'))).toBe(true);
    const plans = await createTestDatabases(databases, connect, { parallel: 1, keepdb: false, io: commandIo, verbosity: 1, baseDir: dir });
    expect(existsSync(path.join(dir, 'test_db.sqlite3'))).toBe(false);
    writeFileSync(path.join(dir, 'test_db.sqlite3'), '');
    await destroyTestDatabases(plans, connect, commandIo, 1, dir);
    expect(existsSync(path.join(dir, 'test_db.sqlite3'))).toBe(false);
    expect(kept[0]!.names).toEqual(['test_db.sqlite3']);
    expect(err.join('')).toContain("Using existing test database for alias 'default' ('test_db.sqlite3')...");
  });
});
