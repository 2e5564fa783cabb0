import type { DatabaseSettings } from '@manouche/contracts';
import type { DatabaseClientInvocation } from '../client-invocation.js';

/**
 * `sqlite3` on the database file (NAME, already absolute after the settings layer resolved it against BASE_DIR).
 *
 * @example
 * sqliteClientInvocation({ ENGINE: 'sqlite', NAME: '/srv/mysite/db.sqlite3' }, ['.tables']);
 * // { programs: ['sqlite3'], args: ['/srv/mysite/db.sqlite3', '.tables'], env: {} }
 */
export function sqliteClientInvocation(settings: DatabaseSettings, parameters: readonly string[]): DatabaseClientInvocation {
  return { programs: ['sqlite3'], args: [settings.NAME, ...parameters], env: {} };
}
