import type { DatabaseRegistry, DatabaseSettings } from '@manouche/contracts';
import { connectDatabases } from './connect.js';
import type { Connection } from './connection.js';
import { ImproperlyConfigured } from './errors.js';
import type { ValueContext } from './values.js';

/**
 * The auto primary-key kinds DEFAULT_AUTO_FIELD accepts.
 *
 * @example
 * configureOrm({ databases, defaultAutoField: 'bigAuto' satisfies AutoFieldType }); // DEFAULT_AUTO_FIELD
 */
export type AutoFieldType = 'auto' | 'bigAuto' | 'smallAuto';

/**
 * What `configureOrm` accepts.
 *
 * @example
 * const options: OrmOptions = { databases: { default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } }, baseDir: '/srv/mysite', useTz: true };
 * configureOrm(options);
 */
export interface OrmOptions {
  /** A registry from `connectDatabases`, or DATABASES settings to connect lazily. */
  databases?: DatabaseRegistry | Record<string, DatabaseSettings>;
  /** Folder relative SQLite NAMEs are resolved against. */
  baseDir?: string;
  /** USE_TZ: store datetimes in UTC (default true). */
  useTz?: boolean;
  /** TIME_ZONE: the wall-clock zone of stored datetimes when useTz is false (default `UTC`). */
  timeZone?: string;
  /** DEFAULT_AUTO_FIELD (default `bigAuto`). */
  defaultAutoField?: AutoFieldType;
}

interface OrmConfig {
  databases: DatabaseRegistry | undefined;
  ownsDatabases: boolean;
  useTz: boolean;
  timeZone: string;
  defaultAutoField: AutoFieldType;
}

const config: OrmConfig = { databases: undefined, ownsDatabases: false, useTz: true, timeZone: 'UTC', defaultAutoField: 'bigAuto' };

function isRegistry(value: unknown): value is DatabaseRegistry {
  return typeof (value as DatabaseRegistry)?.get === 'function' && typeof (value as DatabaseRegistry)?.aliases === 'function';
}

/**
 * Sets the connections and settings models use. Call it once at start-up, before the first query
 * (the meta-package calls it from settings: DATABASES, USE_TZ, TIME_ZONE, DEFAULT_AUTO_FIELD).
 *
 * @example
 * configureOrm({ databases: { default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } }, baseDir: import.meta.dirname });
 */
export function configureOrm(options: OrmOptions): void {
  if (options.databases !== undefined) {
    config.databases = isRegistry(options.databases) ? options.databases : connectDatabases(options.databases, { baseDir: options.baseDir });
    config.ownsDatabases = !isRegistry(options.databases);
  }
  if (options.useTz !== undefined) config.useTz = options.useTz;
  if (options.timeZone !== undefined) config.timeZone = options.timeZone;
  if (options.defaultAutoField !== undefined) {
    if (!['auto', 'bigAuto', 'smallAuto'].includes(options.defaultAutoField)) {
      throw new ImproperlyConfigured(`DEFAULT_AUTO_FIELD is "${options.defaultAutoField}"; expected "auto", "bigAuto" or "smallAuto".`);
    }
    config.defaultAutoField = options.defaultAutoField;
  }
}

/**
 * The connection models use for `alias`.
 *
 * @example
 * const rows = await connection().query('SELECT COUNT(*) AS n FROM blog_post');
 * await connection('replica').query('SELECT 1 AS one');
 */
export function connection(alias = 'default'): Connection {
  if (!config.databases) {
    throw new ImproperlyConfigured('The ORM has no databases: call configureOrm({ databases }) (the framework does this from DATABASES) before querying.');
  }
  return config.databases.get(alias) as Connection;
}

/**
 * The configured database registry, if any.
 *
 * @example
 * databaseRegistry()?.aliases(); // ['default', 'replica']
 */
export function databaseRegistry(): DatabaseRegistry | undefined {
  return config.databases;
}

/**
 * Closes the connections `configureOrm` opened from settings (not a registry it was handed).
 *
 * @example
 * afterAll(() => closeOrmConnections()); // closes what configureOrm({ databases: {...} }) opened
 */
export async function closeOrmConnections(): Promise<void> {
  if (config.databases && config.ownsDatabases) await config.databases.closeAll();
}

/** The project-wide DEFAULT_AUTO_FIELD. */
export function defaultAutoField(): AutoFieldType {
  return config.defaultAutoField;
}

/** Value conversion settings for a connection. */
export function valueContext(db: Connection): ValueContext {
  return { dialect: db.dialect, vendor: db.vendor, useTz: config.useTz, timeZone: config.timeZone };
}
