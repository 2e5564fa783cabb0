import type { DatabaseSettings, ExecuteResult } from '@manouche/contracts';
import type mysql from 'mysql2/promise';
import { Connection, type DriverAdapter, type DriverSession } from '../connection.js';
import { ConnectionError, DatabaseError, IntegrityError } from '../errors.js';
import { importDriver } from '../driver-import.js';
import { describeServer } from '../postgres/postgres-database.js';

/** Quotes a MySQL/MariaDB identifier: `` `name` ``, doubling inner backticks. */
export function quoteMysqlName(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** "Prepared statement needs to be re-prepared": the server's own re-preparing after schema changes ran out of attempts. */
const ER_NEED_REPREPARE = 1615;
const INTEGRITY_ERRNOS = new Set([1048, 1062, 1169, 1216, 1217, 1451, 1452, 1557, 3819, 4025]);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ER_BAD_DB_ERROR', 'ER_ACCESS_DENIED_ERROR']);

function constraintFromMessage(message: string): string | undefined {
  return (
    /for key '([^']+)'/.exec(message)?.[1] ??
    /CONSTRAINT `([^`]+)`/.exec(message)?.[1] ??
    /constraint `?([^`'\s]+)`? /i.exec(message)?.[1] ??
    /Column '([^']+)' cannot be null/.exec(message)?.[1]
  );
}

function translateMysqlError(error: unknown, sql: string, alias: string, server: string): Error {
  const err = error as { errno?: number; code?: string; message?: string };
  if (typeof err?.errno === 'number' && INTEGRITY_ERRNOS.has(err.errno)) {
    const message = err.message ?? '';
    return new IntegrityError(`IntegrityError on "${alias}": ${message}`, sql, constraintFromMessage(message), { cause: error });
  }
  if (typeof err?.code === 'string' && CONNECTION_CODES.has(err.code)) {
    return new ConnectionError(`Cannot reach MySQL/MariaDB at ${server} for DATABASES["${alias}"]: ${err.message ?? err.code}`, { cause: error });
  }
  return new DatabaseError(`Database error on "${alias}": ${err?.message ?? String(error)} (SQL: ${sql})`, sql, { cause: error });
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A Date as MySQL's DATETIME text in UTC (`2026-01-02 03:04:05.678000`). */
export function mysqlDateTime(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}000`
  );
}

function toMysqlParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return mysqlDateTime(value);
  if (typeof value === 'bigint') return value.toString();
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) return JSON.stringify(value);
  return value;
}

type Queryable = Pick<mysql.Pool, 'query' | 'execute'>;

function session(client: Queryable, alias: string, server: string): DriverSession {
  return {
    async execute(sql, params): Promise<ExecuteResult> {
      try {
        const [result] = await client.query(sql, params.map(toMysqlParam));
        const header = result as mysql.ResultSetHeader;
        if (Array.isArray(result)) return { rowsAffected: 0 };
        return { rowsAffected: header.affectedRows, lastInsertId: header.insertId };
      } catch (error) {
        throw translateMysqlError(error, sql, alias, server);
      }
    },
    async query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
      try {
        const [rows] = await client.query(sql, params.map(toMysqlParam));
        return (Array.isArray(rows) ? rows : []) as Row[];
      } catch (error) {
        throw translateMysqlError(error, sql, alias, server);
      }
    },
    async queryArrays(sql: string, params: readonly unknown[]): Promise<unknown[][]> {
      const values = params.map(toMysqlParam);
      try {
        // A server-side prepared statement, which mysql2 keeps per connection (maxPreparedStatements, least recently used
        // closed) and MySQL/MariaDB re-prepare themselves after a schema change.
        const [rows] = await client.execute({ sql, rowsAsArray: true }, values as mysql.ExecuteValues[]);
        return (Array.isArray(rows) ? rows : []) as unknown[][];
      } catch (error) {
        if ((error as { errno?: number }).errno !== ER_NEED_REPREPARE) throw translateMysqlError(error, sql, alias, server);
      }
      // The server gave up re-preparing it (the table changed again meanwhile): run it unprepared this once.
      try {
        const [rows] = await client.query({ sql, rowsAsArray: true }, values);
        return (Array.isArray(rows) ? rows : []) as unknown[][];
      } catch (error) {
        throw translateMysqlError(error, sql, alias, server);
      }
    },
  };
}

/** A connection pool to a MySQL or MariaDB server through mysql2 (opened on first use). */
export function createMysqlConnection(alias: string, settings: DatabaseSettings): Connection {
  const server = describeServer(settings, 'mysql');
  return new Connection(alias, { dialect: 'mysql', supportsTransactionalDdl: false, quoteName: quoteMysqlName, defaultVendor: 'mysql' }, async () => {
    const driver = await importDriver<typeof mysql>('mysql2/promise', 'MySQL/MariaDB');
    const pool = driver.createPool({
      host: settings.HOST || '127.0.0.1',
      port: settings.PORT,
      user: settings.USER,
      password: settings.PASSWORD,
      database: settings.NAME,
      connectionLimit: 10,
      // Exact values: DATETIME/DATE as text (the ORM parses them as UTC), DECIMAL as strings, BIGINT safely.
      dateStrings: true,
      decimalNumbers: false,
      supportBigNumbers: true,
      bigNumberStrings: false,
      timezone: 'Z',
      charset: 'utf8mb4',
      // Prepared statements kept per connection (mysql2's default, 16000, would let a few pools reach the server's global max_prepared_stmt_count).
      maxPreparedStatements: 100,
      ...(settings.OPTIONS ?? {}),
    });
    pool.on('connection', (connection) => {
      // Every connection works in UTC so NOW() and DATETIME text agree with the ORM.
      (connection as unknown as { query(sql: string): void }).query("SET time_zone = '+00:00'");
    });
    let vendor: string;
    try {
      const [rows] = await pool.query('SELECT VERSION() AS version');
      const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
      vendor = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw translateMysqlError(error, 'SELECT VERSION()', alias, server);
    }
    const adapter: DriverAdapter = {
      vendor,
      beginSql: 'START TRANSACTION',
      direct: session(pool, alias, server),
      async acquire() {
        let connection: mysql.PoolConnection;
        try {
          connection = await pool.getConnection();
        } catch (error) {
          throw translateMysqlError(error, 'connect', alias, server);
        }
        return { session: session(connection, alias, server), release: () => connection.release() };
      },
      close: () => pool.end(),
    };
    return adapter;
  });
}
