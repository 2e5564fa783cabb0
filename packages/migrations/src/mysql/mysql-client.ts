import type { DatabaseSettings } from '@manouche/contracts';
import { type DatabaseClientInvocation, optionText } from '../client-invocation.js';

/**
 * `mariadb` (or `mysql` where only that is installed) for a MySQL/MariaDB DATABASES entry:
 * `--user`, `--host` (or `--socket`), `--port`, the character set and the database as arguments,
 * the password as MYSQL_PWD.
 *
 * @example
 * mysqlClientInvocation({ ENGINE: 'mysql', NAME: 'blog', USER: 'blog', PASSWORD: 'x' }, ['-e', 'select 1']);
 * // { programs: ['mariadb', 'mysql'], args: ['--user=blog', '--host=127.0.0.1', '--default-character-set=utf8mb4', 'blog', '-e', 'select 1'], env: { MYSQL_PWD: 'x' } }
 */
export function mysqlClientInvocation(settings: DatabaseSettings, parameters: readonly string[]): DatabaseClientInvocation {
  const options = settings.OPTIONS ?? {};
  // The ORM spreads OPTIONS over mysql2's pool config and defaults the host to 127.0.0.1: the shell connects where the app does.
  const user = optionText(options, 'user') ?? settings.USER;
  const host = optionText(options, 'host') ?? settings.HOST ?? '127.0.0.1';
  const socket = optionText(options, 'socketPath') ?? (host.includes('/') ? host : undefined);
  const port = optionText(options, 'port') ?? settings.PORT?.toString();
  const password = optionText(options, 'password') ?? settings.PASSWORD;
  // mysql2's charset is a collation name (UTF8MB4_UNICODE_CI); the client wants its character set (utf8mb4). The ORM's default is utf8mb4.
  const charset = (optionText(options, 'charset') ?? 'utf8mb4').toLowerCase().split('_')[0];
  const args: string[] = [];
  if (user) args.push(`--user=${user}`);
  args.push(socket ? `--socket=${socket}` : `--host=${host}`);
  if (port && !socket) args.push(`--port=${port}`);
  args.push(`--default-character-set=${charset}`, optionText(options, 'database') ?? settings.NAME, ...parameters);
  return { programs: ['mariadb', 'mysql'], args, env: password ? { MYSQL_PWD: password } : {} };
}
