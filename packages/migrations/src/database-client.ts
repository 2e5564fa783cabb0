import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import { CommandError, type CommandIO, type DatabaseSettings } from '@manouche/contracts';
import type { DatabaseClientInvocation } from './client-invocation.js';
import { mysqlClientInvocation } from './mysql/mysql-client.js';
import { postgresClientInvocation } from './postgres/postgres-client.js';
import { sqliteClientInvocation } from './sqlite/sqlite-client.js';

/**
 * The command-line client for a DATABASES entry (normalised by the settings layer), with
 * `parameters` passed through: `psql`, `mariadb`/`mysql` or `sqlite3`. The password goes in the
 * environment (PGPASSWORD, MYSQL_PWD), never in the arguments.
 *
 * @example
 * databaseClientInvocation({ ENGINE: 'sqlite', NAME: '/srv/mysite/db.sqlite3' }, ['select 1;']);
 * // { programs: ['sqlite3'], args: ['/srv/mysite/db.sqlite3', 'select 1;'], env: {} }
 */
export function databaseClientInvocation(settings: DatabaseSettings, parameters: readonly string[] = []): DatabaseClientInvocation {
  switch (settings.ENGINE) {
    case 'postgresql':
      return postgresClientInvocation(settings, parameters);
    case 'mysql':
      return mysqlClientInvocation(settings, parameters);
    case 'sqlite':
      return sqliteClientInvocation(settings, parameters);
  }
}

/**
 * Starts `program`; resolves to its exit code once it ended (128 + the signal's number when a signal
 * ended it, as shells report), or to undefined when it is not installed.
 */
function start(program: string, invocation: DatabaseClientInvocation, io: CommandIO): Promise<{ exitCode: Promise<number> } | undefined> {
  // The process's own streams are handed to the client (a terminal stays a terminal for psql's prompt and pager);
  // other streams (buffers in tests, embedding) get its output copied.
  const outInherited = io.stdout === process.stdout;
  const errInherited = io.stderr === process.stderr;
  const stdio: StdioOptions = [outInherited ? 'inherit' : 'ignore', outInherited ? 'inherit' : 'pipe', errInherited ? 'inherit' : 'pipe'];
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(program, invocation.args, { stdio, env: { ...process.env, ...invocation.env } });
    child.stdout?.setEncoding('utf8').on('data', (text: string) => io.stdout.write(text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => io.stderr.write(text));
    const exitCode = new Promise<number>((done) => {
      child.once('close', (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
    child.once('spawn', () => resolve({ exitCode }));
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve(undefined);
      else reject(error);
    });
  });
}

/**
 * Runs the first installed program of `invocation` and resolves to its exit code. Ctrl-C goes to
 * the client (it cancels the running query) rather than ending this process.
 * Throws a CommandError naming the program(s) when none is installed.
 *
 * @example
 * const code = await runDatabaseClient(databaseClientInvocation(project.settings.DATABASES.default, []), io);
 */
export async function runDatabaseClient(invocation: DatabaseClientInvocation, io: CommandIO): Promise<{ program: string; exitCode: number }> {
  const ignoreInterrupt = () => undefined;
  process.on('SIGINT', ignoreInterrupt);
  try {
    for (const program of invocation.programs) {
      const started = await start(program, invocation, io);
      if (started) return { program, exitCode: await started.exitCode };
    }
  } finally {
    process.off('SIGINT', ignoreInterrupt);
  }
  const names = invocation.programs.map((program) => `'${program}'`).join(' or ');
  throw new CommandError(`You appear not to have the ${names} program installed or on your path.`);
}
