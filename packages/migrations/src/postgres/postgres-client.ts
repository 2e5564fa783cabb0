import type { DatabaseSettings } from '@manouche/contracts';
import { type DatabaseClientInvocation, optionText } from '../client-invocation.js';

/** OPTIONS keys libpq also reads from the environment (Django's dbshell passes the same ones). */
const ENV_OPTIONS: Record<string, string> = {
  service: 'PGSERVICE',
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  passfile: 'PGPASSFILE',
};

/**
 * `psql` for a PostgreSQL DATABASES entry: user, host, port and database as flags, the
 * password and libpq's ssl/service/passfile OPTIONS as environment variables.
 *
 * @example
 * postgresClientInvocation({ ENGINE: 'postgresql', NAME: 'blog', PASSWORD: 'x' }, []);
 * // { programs: ['psql'], args: ['-h', '127.0.0.1', 'blog'], env: { PGPASSWORD: 'x' } }
 */
export function postgresClientInvocation(settings: DatabaseSettings, parameters: readonly string[]): DatabaseClientInvocation {
  const options = settings.OPTIONS ?? {};
  // The ORM spreads OPTIONS over pg's pool config and defaults the host to 127.0.0.1: the shell connects where the app does.
  const user = optionText(options, 'user') ?? settings.USER;
  const host = optionText(options, 'host') ?? settings.HOST ?? '127.0.0.1';
  const port = optionText(options, 'port') ?? settings.PORT?.toString();
  const password = optionText(options, 'password') ?? settings.PASSWORD;
  const args: string[] = [];
  if (user) args.push('-U', user);
  args.push('-h', host);
  if (port) args.push('-p', port);
  // Extra parameters before the database name: psql stops reading options at its first non-option argument on some platforms.
  args.push(...parameters, optionText(options, 'database') ?? settings.NAME);
  const env: Record<string, string> = {};
  if (password) env.PGPASSWORD = password;
  for (const [key, variable] of Object.entries(ENV_OPTIONS)) {
    const value = optionText(options, key);
    if (value !== undefined) env[variable] = value;
  }
  return { programs: ['psql'], args, env };
}
