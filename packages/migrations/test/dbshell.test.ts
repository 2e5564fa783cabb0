import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandError, type DatabaseSettings, type Project } from '@manouche/contracts';
import { ConnectionRegistry } from '@manouche/orm';
import { settingsFromUrl, testDatabaseTargets } from '@manouche/orm/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseClientInvocation, dbshellCommand } from '../src/index.js';
import { fakeProject, runCommand } from './support/fake-project.js';

const temporary: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'manouche-dbshell-'));
  temporary.push(dir);
  return dir;
}

/** A project whose DATABASES are `databases`, with the ORM's real connection registry (never opened here). */
function projectWith(databases: Record<string, DatabaseSettings>): Project {
  const registry = new ConnectionRegistry(databases);
  return {
    ...fakeProject({ baseDir: tempDir(), apps: [], database: registry.get('default'), models: () => [] }),
    settings: { DATABASES: databases } as unknown as Project['settings'],
    databases: registry,
  };
}

function dbshell(databases: Record<string, DatabaseSettings>, parameters: string[], database?: string) {
  return runCommand(dbshellCommand, projectWith(databases), { args: { parameters }, options: database === undefined ? {} : { database } });
}

/**
 * A folder holding fake clients, made the whole PATH: each prints its name, its arguments one a
 * line, and the environment variables a client could take a password or TLS mode from (empty when unset).
 */
function fakeClientsOnPath(names: string[]): void {
  const dir = tempDir();
  const script = [
    '#!/bin/sh',
    'printf \'program %s\\n\' "$0"',
    'for arg in "$@"; do printf \'arg %s\\n\' "$arg"; done',
    'printf \'env PGPASSWORD=%s\\n\' "$PGPASSWORD"',
    'printf \'env PGSSLMODE=%s\\n\' "$PGSSLMODE"',
    'printf \'env MYSQL_PWD=%s\\n\' "$MYSQL_PWD"',
    '',
  ].join('\n');
  for (const name of names) {
    writeFileSync(path.join(dir, name), script);
    chmodSync(path.join(dir, name), 0o755);
  }
  vi.stubEnv('PATH', dir);
}

/** What a fake client printed: its name, its argv, and the environment it saw. */
function clientReport(stdout: string): { program: string; args: string[]; env: Record<string, string> } {
  const lines = stdout.trimEnd().split('\n');
  const field = (prefix: string) => lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
  return {
    program: path.basename(field('program ')[0] ?? ''),
    args: field('arg '),
    env: Object.fromEntries(field('env ').map((pair) => pair.split(/=(.*)/s, 2) as [string, string])),
  };
}

const SECRET = 's3cret pass';
const postgres: DatabaseSettings = {
  ENGINE: 'postgresql',
  NAME: 'mysite',
  USER: 'app',
  PASSWORD: SECRET,
  HOST: 'db.internal',
  PORT: 5433,
  OPTIONS: { sslmode: 'require' },
};
const mysql: DatabaseSettings = { ENGINE: 'mysql', NAME: 'mysite', USER: 'app', PASSWORD: SECRET, HOST: 'db.internal', PORT: 3307 };

describe('dbshell hands the password to the client through its environment only', () => {
  it('runs psql with user, host, port and database as arguments, and PGPASSWORD and PGSSLMODE in its environment', async () => {
    fakeClientsOnPath(['psql']);
    const run = await dbshell({ default: postgres }, ['-c', 'select 1']);
    expect(run.code).toBe(0);
    const report = clientReport(run.stdout);
    expect(report.program).toBe('psql');
    expect(report.args).toEqual(['-U', 'app', '-h', 'db.internal', '-p', '5433', '-c', 'select 1', 'mysite']);
    expect(report.args.join(' ')).not.toContain('s3cret');
    expect(report.env).toMatchObject({ PGPASSWORD: SECRET, PGSSLMODE: 'require' });
  });

  it('prefers mariadb to mysql, with the password as MYSQL_PWD', async () => {
    fakeClientsOnPath(['mariadb', 'mysql']);
    const report = clientReport((await dbshell({ default: mysql }, ['-e', 'select 1'])).stdout);
    expect(report.program).toBe('mariadb');
    expect(report.args).toEqual(['--user=app', '--host=db.internal', '--port=3307', '--default-character-set=utf8mb4', 'mysite', '-e', 'select 1']);
    expect(report.args.join(' ')).not.toContain('s3cret');
    expect(report.env).toMatchObject({ MYSQL_PWD: SECRET, PGPASSWORD: '' });
  });

  it('runs mysql where mariadb is not installed', async () => {
    fakeClientsOnPath(['mysql']);
    const report = clientReport((await dbshell({ default: mysql }, [])).stdout);
    expect(report.program).toBe('mysql');
    expect(report.env.MYSQL_PWD).toBe(SECRET);
  });
});

describe('dbshell --database', () => {
  const databases: Record<string, DatabaseSettings> = {
    default: { ENGINE: 'sqlite', NAME: '/srv/mysite/db.sqlite3' },
    reporting: { ...postgres, NAME: 'reports' },
  };

  it("runs the client of the named alias's database", async () => {
    fakeClientsOnPath(['psql', 'sqlite3']);
    const report = clientReport((await dbshell(databases, [], 'reporting')).stdout);
    expect(report.program).toBe('psql');
    expect(report.args.at(-1)).toBe('reports');
  });

  it('refuses an alias that is not in DATABASES, naming the configured ones', async () => {
    fakeClientsOnPath(['psql', 'sqlite3']);
    await expect(dbshell(databases, [], 'replica')).rejects.toThrow(
      new CommandError('The database alias "replica" is not in DATABASES; configured aliases: default, reporting.'),
    );
  });
});

describe('dbshell when the client is not installed', () => {
  it("says the 'sqlite3' program is missing and fails with exit code 1", async () => {
    vi.stubEnv('PATH', tempDir());
    const failure = dbshell({ default: { ENGINE: 'sqlite', NAME: path.join(tempDir(), 'db.sqlite3') } }, ['select 1;']);
    await expect(failure).rejects.toBeInstanceOf(CommandError);
    await expect(failure).rejects.toMatchObject({ message: "You appear not to have the 'sqlite3' program installed or on your path.", exitCode: 1 });
  });

  it("names both 'mariadb' and 'mysql' for MySQL/MariaDB", async () => {
    vi.stubEnv('PATH', tempDir());
    await expect(dbshell({ default: mysql }, [])).rejects.toThrow("You appear not to have the 'mariadb' or 'mysql' program installed or on your path.");
  });
});

describe('databaseClientInvocation', () => {
  it('connects to 127.0.0.1 where HOST is empty, as the ORM does', () => {
    expect(databaseClientInvocation({ ENGINE: 'postgresql', NAME: 'blog' }).args).toEqual(['-h', '127.0.0.1', 'blog']);
    expect(databaseClientInvocation({ ENGINE: 'mysql', NAME: 'blog' }).args).toEqual(['--host=127.0.0.1', '--default-character-set=utf8mb4', 'blog']);
  });

  it("takes the connection from OPTIONS where the ORM's driver would", () => {
    const options = { user: 'other', host: 'replica.internal', port: 6432, password: 'from-options', database: 'other_db' };
    expect(databaseClientInvocation({ ...postgres, OPTIONS: options }, [])).toEqual({
      programs: ['psql'],
      args: ['-U', 'other', '-h', 'replica.internal', '-p', '6432', 'other_db'],
      env: { PGPASSWORD: 'from-options' },
    });
    expect(databaseClientInvocation({ ...mysql, OPTIONS: { ...options, charset: 'LATIN1_SWEDISH_CI' } }).args).toEqual([
      '--user=other',
      '--host=replica.internal',
      '--port=6432',
      '--default-character-set=latin1',
      'other_db',
    ]);
  });

  it('uses a MySQL Unix socket given as HOST or OPTIONS.socketPath', () => {
    const socket = '/run/mysqld/mysqld.sock';
    expect(databaseClientInvocation({ ENGINE: 'mysql', NAME: 'blog', HOST: socket, PORT: 3306 }).args).toEqual([
      `--socket=${socket}`,
      '--default-character-set=utf8mb4',
      'blog',
    ]);
    expect(databaseClientInvocation({ ENGINE: 'mysql', NAME: 'blog', OPTIONS: { socketPath: socket } }).args[0]).toBe(`--socket=${socket}`);
  });

  it("passes libpq's service, TLS and passfile OPTIONS as environment variables", () => {
    const OPTIONS = { service: 'mysite', sslmode: 'verify-full', sslrootcert: '/ca.pem', sslcert: '/c.pem', sslkey: '/k.pem', passfile: '/pgpass' };
    expect(databaseClientInvocation({ ENGINE: 'postgresql', NAME: 'blog', HOST: 'db', OPTIONS }).env).toEqual({
      PGSERVICE: 'mysite',
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: '/ca.pem',
      PGSSLCERT: '/c.pem',
      PGSSLKEY: '/k.pem',
      PGPASSFILE: '/pgpass',
    });
  });

  it('is what the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!).find((code) => code.includes('databaseClientInvocation('));
    const [code = '', shown = ''] = (block ?? '').replace(/^import .*\n/m, '').split(/^\/\/ /m);
    const evaluate = (source: string) => new Function('databaseClientInvocation', source)(databaseClientInvocation) as unknown;
    expect(evaluate(`${code}\nreturn invocation;`)).toEqual(evaluate(`return (${shown});`));
  });
});

const queries: Record<DatabaseSettings['ENGINE'], { answer: string[]; missingTable: string[] }> = {
  postgresql: { answer: ['-c', 'select 40+2'], missingTable: ['-c', 'select * from manouche_dbshell_missing'] },
  mysql: { answer: ['-e', 'select 40+2'], missingTable: ['-e', 'select * from manouche_dbshell_missing'] },
  sqlite: { answer: ['select 40+2;'], missingTable: ['select * from manouche_dbshell_missing;'] },
};

/** Where this machine lacks sqlite3, the SQLite runs are skipped: the missing-client error is tested above with an empty PATH. */
const sqlite3Missing = spawnSync('sqlite3', ['-version']).error ? 'sqlite3 is not installed: dbshell runs on SQLite skipped' : undefined;

describe.each(testDatabaseTargets())('dbshell on $dialect', ({ dialect, skip = dialect === 'sqlite' ? sqlite3Missing : undefined }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  const settings = (): DatabaseSettings => {
    if (dialect === 'sqlite') return { ENGINE: 'sqlite', NAME: path.join(tempDir(), 'db.sqlite3') };
    const url = dialect === 'postgresql' ? process.env.MANOUCHE_TEST_POSTGRES_URL : process.env.MANOUCHE_TEST_MYSQL_URL;
    return settingsFromUrl(dialect, url ?? '');
  };

  it('runs the real client with the arguments given after --', async () => {
    const run = await dbshell({ default: settings() }, queries[dialect].answer);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\s*42$/m);
  });

  it("fails with the client's exit code, naming the command it ran", async () => {
    const run = dbshell({ default: settings() }, queries[dialect].missingTable);
    await expect(run).rejects.toMatchObject({ exitCode: 1, message: expect.stringMatching(/manouche_dbshell_missing.*" returned non-zero exit status 1\.$/) });
  });
});

describe('dbshell exit codes', () => {
  it.skipIf(sqlite3Missing)('exits with whatever code the client exits with', async () => {
    const name = path.join(tempDir(), 'db.sqlite3');
    await expect(dbshell({ default: { ENGINE: 'sqlite', NAME: name } }, ['.exit 3'])).rejects.toMatchObject({
      exitCode: 3,
      message: `"sqlite3 ${name} '.exit 3'" returned non-zero exit status 3.`,
    });
  });
});
