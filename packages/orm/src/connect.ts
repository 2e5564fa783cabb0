import type { DatabaseRegistry, DatabaseSettings, Dialect } from '@manouche/contracts';
import type { Connection } from './connection.js';
import { ImproperlyConfigured } from './errors.js';
import { createMysqlConnection } from './mysql/mysql-database.js';
import { createPostgresConnection } from './postgres/postgres-database.js';
import { createSqliteConnection } from './sqlite/sqlite-database.js';

/**
 * Options for opening connections.
 *
 * @example
 * connectDatabases({ default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } }, { baseDir: '/srv/mysite' } satisfies ConnectOptions); // /srv/mysite/db.sqlite3
 */
export interface ConnectOptions {
  /** Folder that relative SQLite NAMEs are resolved against (the project's BASE_DIR); the working directory when omitted. */
  baseDir?: string;
}

const ENGINE_ALIASES: Record<string, Dialect> = {
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  postgresql: 'postgresql',
  postgres: 'postgresql',
  postgresql_psycopg2: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mysql',
};

/**
 * The dialect of a DATABASES ENGINE, accepting Django's `django.db.backends.*` names.
 *
 * @example
 * engineDialect('default', 'django.db.backends.postgresql'); // 'postgresql'
 * engineDialect('default', 'oracle'); // ImproperlyConfigured: DATABASES["default"].ENGINE is "oracle"; expected "sqlite", "postgresql" or "mysql".
 */
export function engineDialect(alias: string, engine: string): Dialect {
  const key =
    String(engine ?? '')
      .split('.')
      .pop() ?? '';
  const dialect = ENGINE_ALIASES[key.toLowerCase()];
  if (!dialect) {
    throw new ImproperlyConfigured(`DATABASES["${alias}"].ENGINE is "${engine}"; expected "sqlite", "postgresql" or "mysql".`);
  }
  return dialect;
}

/**
 * One connection for a DATABASES entry. It opens on its first statement; `await db.connect()`
 * opens it now (and learns the vendor, `mariadb` or `mysql`).
 *
 * @example
 * const db = await connectDatabase('default', { ENGINE: 'sqlite', NAME: ':memory:' }).connect();
 * await db.query('SELECT 1 AS one');
 */
export function connectDatabase(alias: string, settings: DatabaseSettings, options: ConnectOptions = {}): Connection {
  if (!settings || typeof settings !== 'object') {
    throw new ImproperlyConfigured(`DATABASES["${alias}"] must be an object with ENGINE and NAME.`);
  }
  const dialect = engineDialect(alias, settings.ENGINE);
  if (typeof settings.NAME !== 'string' || (settings.NAME === '' && dialect !== 'sqlite')) {
    throw new ImproperlyConfigured(`DATABASES["${alias}"].NAME is missing; expected the database name${dialect === 'sqlite' ? ' or file path' : ''}.`);
  }
  switch (dialect) {
    case 'sqlite':
      return createSqliteConnection(alias, settings, options.baseDir ?? process.cwd());
    case 'postgresql':
      return createPostgresConnection(alias, settings);
    case 'mysql':
      return createMysqlConnection(alias, settings);
  }
}

/**
 * The registry returned by {@link connectDatabases}: each alias connects on first use.
 *
 * @example
 * const registry = new ConnectionRegistry({ default: { ENGINE: 'sqlite', NAME: ':memory:' } });
 * await registry.get('default').query('SELECT 1 AS one'); // connects on first use
 * await registry.closeAll();
 */
export class ConnectionRegistry implements DatabaseRegistry {
  private readonly settings: Record<string, DatabaseSettings>;
  private readonly options: ConnectOptions;
  private readonly connections = new Map<string, Connection>();

  constructor(settings: Record<string, DatabaseSettings>, options: ConnectOptions = {}) {
    if (!settings || typeof settings !== 'object' || !('default' in settings)) {
      throw new ImproperlyConfigured('DATABASES must define a "default" database.');
    }
    for (const [alias, entry] of Object.entries(settings)) engineDialect(alias, entry?.ENGINE);
    this.settings = settings;
    this.options = options;
  }

  get(alias = 'default'): Connection {
    let connection = this.connections.get(alias);
    if (!connection) {
      const entry = this.settings[alias];
      if (!entry) {
        throw new ImproperlyConfigured(`The database alias "${alias}" is not in DATABASES; configured aliases: ${this.aliases().join(', ')}.`);
      }
      connection = connectDatabase(alias, entry, this.options);
      this.connections.set(alias, connection);
    }
    return connection;
  }

  aliases(): string[] {
    const names = Object.keys(this.settings);
    return ['default', ...names.filter((name) => name !== 'default')];
  }

  async closeAll(): Promise<void> {
    const open = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(open.map((connection) => connection.close()));
  }
}

/**
 * Every DATABASES alias as a registry; connections open lazily, per alias.
 *
 * @example
 * const registry = connectDatabases({ default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } }, { baseDir: '/srv/mysite' });
 * const rows = await registry.get().query('SELECT 1 AS one');
 */
export function connectDatabases(databases: Record<string, DatabaseSettings>, options: ConnectOptions = {}): ConnectionRegistry {
  return new ConnectionRegistry(databases, options);
}
