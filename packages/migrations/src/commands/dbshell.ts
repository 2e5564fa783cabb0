import { CommandError, type Command } from '@manouche/contracts';
import { databaseClientInvocation, runDatabaseClient } from '../database-client.js';
import { listArg, stringOption } from './project-migrations.js';

/**
 * `dbshell [--database ALIAS] [-- ARGS...]`: runs the database's own command-line client (psql,
 * mariadb/mysql, sqlite3) with the connection settings of DATABASES; exits with the client's code.
 *
 * @example
 * // manouche dbshell -- -c "select count(*) from blog_post"
 */
export const dbshellCommand: Command = {
  name: 'dbshell',
  help: 'Runs the command-line client for the specified database, or the default database if none is provided.',
  description:
    'Runs psql (PostgreSQL), mariadb or mysql (MySQL/MariaDB) or sqlite3 (SQLite) with the connection settings of DATABASES. ' +
    'The password is handed over in the environment, never on the command line. Arguments after -- go to the client: manouche dbshell -- -c "select 1"',
  args: [{ name: 'parameters', help: 'Arguments for the client, after --', optional: true, variadic: true }],
  options: [
    { name: 'database', type: 'string', default: 'default', help: 'Nominates a database onto which to open a shell. Defaults to the "default" database.' },
  ],
  async run({ args, options, io, project }) {
    const loaded = await project();
    const alias = stringOption(options.database) ?? 'default';
    const settings = loaded.settings.DATABASES[alias];
    if (settings === undefined) {
      throw new CommandError(`The database alias "${alias}" is not in DATABASES; configured aliases: ${loaded.databases.aliases().join(', ')}.`);
    }
    const invocation = databaseClientInvocation(settings, listArg(args.parameters));
    const { program, exitCode } = await runDatabaseClient(invocation, io);
    if (exitCode !== 0) {
      throw new CommandError(`"${[program, ...invocation.args].map(shellWord).join(' ')}" returned non-zero exit status ${exitCode}.`, exitCode);
    }
    return 0;
  },
};

/** An argument as a shell would need it typed, so the failure message shows the command unambiguously. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
