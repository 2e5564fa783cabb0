import type { DatabaseSettings, ExecuteResult } from '@manouche/contracts';
import { describeValue } from '@manouche/contracts/text';
import type pg from 'pg';
import { Connection, type DriverAdapter, type DriverSession } from '../connection.js';
import { ConnectionError, DatabaseError, ImproperlyConfigured, IntegrityError } from '../errors.js';
import { importDriver } from '../driver-import.js';
import { isStalePlanError, PreparedStatements } from './prepared-statements.js';

/** Quotes a PostgreSQL identifier: `"name"`, doubling inner quotes. */
export function quotePostgresName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', '3D000', '28P01', '28000']);

/** Where a DATABASES entry points, for messages: never includes the password. */
export function describeServer(settings: DatabaseSettings, scheme: string): string {
  const user = settings.USER ? `${settings.USER}:***@` : '';
  return `${scheme}://${user}${settings.HOST ?? '127.0.0.1'}${settings.PORT ? `:${settings.PORT}` : ''}/${settings.NAME}`;
}

function translatePostgresError(error: unknown, sql: string, alias: string, server: string): Error {
  const err = error as { code?: string; message?: string; constraint?: string; detail?: string };
  if (typeof err?.code === 'string' && err.code.startsWith('23')) {
    const detail = err.detail ? ` (${err.detail})` : '';
    return new IntegrityError(`IntegrityError on "${alias}": ${err.message}${detail}`, sql, err.constraint, { cause: error });
  }
  if (typeof err?.code === 'string' && CONNECTION_CODES.has(err.code)) {
    return new ConnectionError(`Cannot reach PostgreSQL at ${server} for DATABASES["${alias}"]: ${err.message ?? err.code}`, { cause: error });
  }
  return new DatabaseError(`Database error on "${alias}": ${err?.message ?? String(error)} (SQL: ${sql})`, sql, { cause: error });
}

function toPostgresParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return JSON.stringify(value);
  }
  return value;
}

type Queryable = { query: pg.Pool['query'] };

/**
 * Runs `use` on a client of the pool, as pool.query does: a client error while it is out fails
 * the call instead of the process, and a client that failed leaves the pool.
 */
async function withPoolClient<T>(pool: pg.Pool, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure = error;
  };
  client.on('error', onError);
  try {
    return await use(client);
  } catch (error) {
    failure ??= error as Error;
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(failure);
  }
}

/**
 * A queryset's SELECT as a named prepared statement on `client` (parsed and planned once per
 * connection), rows as arrays. A plan PostgreSQL refuses after a schema change made elsewhere is
 * prepared again: at once outside a transaction, by the next statement inside one (whose
 * transaction the error has already aborted).
 */
async function queryPrepared(
  client: pg.ClientBase,
  statements: PreparedStatements | undefined,
  sql: string,
  values: unknown[],
  retry: boolean,
): Promise<unknown[][]> {
  if (!statements) return (await client.query({ text: sql, values, rowMode: 'array' })).rows as unknown[][];
  try {
    return (await client.query({ name: await statements.nameFor(client, sql), text: sql, values, rowMode: 'array' })).rows as unknown[][];
  } catch (error) {
    if (!isStalePlanError(error)) throw error;
    statements.forget(client, sql);
    if (!retry) throw error;
    return (await client.query({ name: await statements.nameFor(client, sql), text: sql, values, rowMode: 'array' })).rows as unknown[][];
  }
}

/** The statements of the pool itself (`pool`) or of one client held by a transaction (`client`). */
type SessionTarget = { pool: pg.Pool; client?: undefined } | { client: pg.PoolClient; pool?: undefined };

function session(target: SessionTarget, statements: PreparedStatements | undefined, alias: string, server: string): DriverSession {
  const queryable: Queryable = target.pool ?? target.client;
  return {
    async execute(sql, params): Promise<ExecuteResult> {
      try {
        const result = await queryable.query(sql, params.map(toPostgresParam));
        return { rowsAffected: result.rowCount ?? 0 };
      } catch (error) {
        throw translatePostgresError(error, sql, alias, server);
      } finally {
        statements?.noteStatement(sql);
      }
    },
    async query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
      try {
        const result = await queryable.query(sql, params.map(toPostgresParam));
        return result.rows as Row[];
      } catch (error) {
        throw translatePostgresError(error, sql, alias, server);
      } finally {
        statements?.noteStatement(sql);
      }
    },
    async queryArrays(sql: string, params: readonly unknown[]): Promise<unknown[][]> {
      const values = params.map(toPostgresParam);
      try {
        if (target.client) return await queryPrepared(target.client, statements, sql, values, false);
        return await withPoolClient(target.pool, (client) => queryPrepared(client, statements, sql, values, true));
      } catch (error) {
        throw translatePostgresError(error, sql, alias, server);
      }
    },
  };
}

const identity = (value: string): string => value;

/** Type parsers that keep values exact: dates, times and numerics stay strings; int8 is a number when safe. */
function typeParser(pgTypes: typeof pg.types) {
  return (oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) => {
    switch (oid) {
      case 20:
        return (value: string) => {
          const n = Number(value);
          return Number.isSafeInteger(n) ? n : value;
        };
      case 1082: // date
      case 1083: // time
      case 1114: // timestamp without time zone
      case 1186: // interval
      case 1700: // numeric
        return identity;
      default:
        return pgTypes.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
    }
  };
}

/** Runs of a queryset's SQL on a connection before it becomes a prepared statement: psycopg's default, which Django uses. */
const DEFAULT_PREPARE_THRESHOLD = 5;

/**
 * A connection pool to a PostgreSQL server through pg (opened on first use). Querysets' SELECTs
 * become named prepared statements once they ran OPTIONS.prepare_threshold times on a connection
 * (5; 0: at once; null: never, for poolers that cannot keep them such as PgBouncer's transaction mode).
 */
export function createPostgresConnection(alias: string, settings: DatabaseSettings): Connection {
  const server = describeServer(settings, 'postgres');
  const { prepare_threshold: threshold = DEFAULT_PREPARE_THRESHOLD, ...poolOptions } = (settings.OPTIONS ?? {}) as Record<string, unknown>;
  if (threshold !== null && !(typeof threshold === 'number' && Number.isInteger(threshold) && threshold >= 0)) {
    throw new ImproperlyConfigured(
      `DATABASES["${alias}"]["OPTIONS"]["prepare_threshold"] is ${describeValue(threshold)}; expected a whole number of runs before a statement is prepared (0: at once) or null (never).`,
    );
  }
  return new Connection(
    alias,
    { dialect: 'postgresql', supportsTransactionalDdl: true, quoteName: quotePostgresName, defaultVendor: 'postgresql' },
    async () => {
      const driver = await importDriver<typeof pg>('pg', 'PostgreSQL');
      const pool = new driver.Pool({
        host: settings.HOST || '127.0.0.1',
        port: settings.PORT,
        user: settings.USER,
        password: settings.PASSWORD,
        database: settings.NAME,
        max: 10,
        types: { getTypeParser: typeParser(driver.types) } as pg.CustomTypesConfig,
        ...poolOptions,
      });
      // An idle client that the server drops must not crash the process.
      pool.on('error', () => undefined);
      try {
        const client = await pool.connect();
        client.release();
      } catch (error) {
        await pool.end().catch(() => undefined);
        throw translatePostgresError(error, 'connect', alias, server);
      }
      const statements = threshold === null ? undefined : new PreparedStatements(threshold);
      const adapter: DriverAdapter = {
        vendor: 'postgresql',
        beginSql: 'BEGIN',
        direct: session({ pool }, statements, alias, server),
        async acquire() {
          let client: pg.PoolClient;
          try {
            client = await pool.connect();
          } catch (error) {
            throw translatePostgresError(error, 'connect', alias, server);
          }
          return { session: session({ client }, statements, alias, server), release: () => client.release() };
        },
        close: () => pool.end(),
      };
      return adapter;
    },
  );
}
