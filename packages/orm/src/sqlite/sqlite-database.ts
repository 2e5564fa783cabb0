import path from 'node:path';
import type { DatabaseSettings, ExecuteResult } from '@manouche/contracts';
import type BetterSqlite3 from 'better-sqlite3';
import { Connection, type DriverAdapter, type DriverSession } from '../connection.js';
import { ConnectionError, DatabaseError, IntegrityError } from '../errors.js';
import { registerDeviationAggregates } from './sqlite-aggregates.js';
import { sqliteLocalDateTime } from '../query/time-zones.js';
import { importDriver } from '../driver-import.js';
import { LruMap } from '../lru-map.js';

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Prepared statements kept per connection. */
const STATEMENT_CACHE_SIZE = 500;

/** Quotes an SQLite identifier: `"name"`, doubling inner quotes. */
export function quoteSqliteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The values better-sqlite3 accepts for `params`: the array itself when every value is already one (most queries). */
function sqliteParams(params: readonly unknown[]): readonly unknown[] {
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    if (value === undefined || typeof value === 'boolean' || (value !== null && typeof value === 'object')) return params.map(toSqliteParam);
  }
  return params;
}

/** A prepared statement and the row modes last set on it (each raw()/safeIntegers() call crosses into the driver). */
interface CachedStatement {
  statement: BetterSqlite3.Statement;
  raw: boolean | undefined;
  safeIntegers: boolean | undefined;
}

/** The value better-sqlite3 accepts for a JavaScript value. */
function toSqliteParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? value : Buffer.from(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

function translateSqliteError(error: unknown, sql: string, alias: string): Error {
  const err = error as { code?: string; message?: string };
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    // SQLite names the columns rather than the constraint: "UNIQUE constraint failed: blog_post.slug".
    const match = /constraint failed: (.+)$/.exec(err.message ?? '');
    return new IntegrityError(`IntegrityError on "${alias}": ${err.message}`, sql, match?.[1], { cause: error });
  }
  return new DatabaseError(`Database error on "${alias}": ${err?.message ?? String(error)} (SQL: ${sql})`, sql, { cause: error });
}

class SqliteAdapter implements DriverAdapter {
  readonly vendor = 'sqlite';
  readonly beginSql = 'BEGIN';
  readonly direct: DriverSession;
  private readonly db: BetterSqlite3.Database;
  // SQLite re-prepares a statement itself when the schema changed since it was prepared, so cached ones stay right after migrations.
  private readonly statements = new LruMap<CachedStatement>(STATEMENT_CACHE_SIZE);
  private lock: Promise<void> | undefined;
  private readonly alias: string;
  private readonly held: DriverSession;

  constructor(db: BetterSqlite3.Database, alias: string) {
    this.db = db;
    this.alias = alias;
    const held: DriverSession = {
      execute: async (sql, params) => this.run(sql, params),
      query: async <Row>(sql: string, params: readonly unknown[]) => this.all<Row>(sql, params),
      queryArrays: async (sql, params, exactIntegers) => this.arrays(sql, params, exactIntegers !== false),
    };
    // Outside a transaction a statement waits for any open transaction to finish: one connection serves all.
    this.direct = {
      execute: async (sql, params) => {
        while (this.lock) await this.lock;
        return this.run(sql, params);
      },
      query: async <Row>(sql: string, params: readonly unknown[]) => {
        while (this.lock) await this.lock;
        return this.all<Row>(sql, params);
      },
      queryArrays: async (sql, params, exactIntegers) => {
        while (this.lock) await this.lock;
        return this.arrays(sql, params, exactIntegers !== false);
      },
    };
    this.held = held;
  }

  async acquire(): Promise<{ session: DriverSession; release(): void }> {
    while (this.lock) await this.lock;
    let release!: () => void;
    this.lock = new Promise<void>((resolve) => {
      release = () => {
        this.lock = undefined;
        resolve();
      };
    });
    return { session: this.held, release };
  }

  async close(): Promise<void> {
    this.statements.clear();
    this.db.close();
  }

  /**
   * Runs a SELECT of the ORM's at once when no transaction holds the connection (undefined then):
   * better-sqlite3 is synchronous, so a queryset need not go through the awaited session.
   */
  queryArraysNow(sql: string, params: readonly unknown[], exactIntegers: boolean): unknown[][] | undefined {
    if (this.lock) return undefined;
    return this.arrays(sql, params, exactIntegers);
  }

  private cached(sql: string): CachedStatement {
    let cached = this.statements.get(sql);
    if (!cached) {
      cached = { statement: this.db.prepare(sql), raw: undefined, safeIntegers: undefined };
      this.statements.set(sql, cached);
    }
    return cached;
  }

  private prepare(sql: string): BetterSqlite3.Statement {
    return this.cached(sql).statement;
  }

  /** The statement for `sql`, set to return rows as arrays or objects, integers as BigInt or not. */
  private reading(cached: CachedStatement, raw: boolean, safeIntegers: boolean): BetterSqlite3.Statement {
    if (cached.raw !== raw) {
      cached.statement.raw(raw);
      cached.raw = raw;
    }
    if (cached.safeIntegers !== safeIntegers) {
      cached.statement.safeIntegers(safeIntegers);
      cached.safeIntegers = safeIntegers;
    }
    return cached.statement;
  }

  private run(sql: string, params: readonly unknown[]): ExecuteResult {
    try {
      let statement: BetterSqlite3.Statement;
      try {
        statement = this.prepare(sql);
      } catch (error) {
        // Several statements in one string (a DDL script) run with exec when there is nothing to bind.
        if (params.length === 0 && error instanceof RangeError) {
          this.db.exec(sql);
          return { rowsAffected: 0 };
        }
        throw error;
      }
      const values = sqliteParams(params);
      if (statement.reader) {
        statement.all(...values);
        return { rowsAffected: 0 };
      }
      const info = statement.run(...values);
      return { rowsAffected: info.changes, lastInsertId: info.lastInsertRowid };
    } catch (error) {
      throw translateSqliteError(error, sql, this.alias);
    }
  }

  private all<Row>(sql: string, params: readonly unknown[]): Row[] {
    try {
      const cached = this.cached(sql);
      const values = sqliteParams(params);
      if (!cached.statement.reader) {
        cached.statement.run(...values);
        return [];
      }
      const rows = this.reading(cached, false, true).all(...values) as Array<Record<string, unknown>>;
      // Integers arrive as BigInt (exact); those that fit a double become numbers, like pg's int8 here.
      for (const row of rows) {
        for (const key in row) {
          const value = row[key];
          if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE) row[key] = Number(value);
        }
      }
      return rows as Row[];
    } catch (error) {
      throw translateSqliteError(error, sql, this.alias);
    }
  }

  private arrays(sql: string, params: readonly unknown[], exactIntegers: boolean): unknown[][] {
    try {
      const cached = this.cached(sql);
      const values = sqliteParams(params);
      if (!cached.statement.reader) {
        cached.statement.run(...values);
        return [];
      }
      // Arrays skip building an object keyed by column name for every row; integers come as BigInt only where a column needs them exact.
      if (!exactIntegers) return this.reading(cached, true, false).all(...values) as unknown[][];
      const rows = this.reading(cached, true, true).all(...values) as unknown[][];
      for (const row of rows) {
        for (let i = 0; i < row.length; i++) {
          const value = row[i];
          if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE) row[i] = Number(value);
        }
      }
      return rows;
    } catch (error) {
      throw translateSqliteError(error, sql, this.alias);
    }
  }
}

/** The path better-sqlite3 opens for a DATABASES entry: `:memory:`, or NAME relative to `baseDir`. */
export function sqliteFilename(settings: DatabaseSettings, baseDir: string): string {
  const name = settings.NAME;
  if (name === ':memory:' || name === '' || name.startsWith('file:')) return name || ':memory:';
  return path.resolve(baseDir, name);
}

/** A connection to an SQLite database through better-sqlite3 (opened on first use). */
export function createSqliteConnection(alias: string, settings: DatabaseSettings, baseDir: string): Connection {
  return new Connection(alias, { dialect: 'sqlite', supportsTransactionalDdl: true, quoteName: quoteSqliteName, defaultVendor: 'sqlite' }, async () => {
    const Driver = await importDriver<typeof BetterSqlite3>('better-sqlite3', 'SQLite');
    const filename = sqliteFilename(settings, baseDir);
    let db: BetterSqlite3.Database;
    try {
      db = new Driver(filename, (settings.OPTIONS ?? {}) as BetterSqlite3.Options);
    } catch (error) {
      throw new ConnectionError(`Cannot open the SQLite database "${filename}" for DATABASES["${alias}"]: ${(error as Error).message}`, { cause: error });
    }
    db.pragma('foreign_keys = ON');
    // The regex lookups: `x REGEXP p` calls regexp(p, x).
    db.function('regexp', { deterministic: true }, (pattern, value) => (value === null ? null : new RegExp(String(pattern)).test(String(value)) ? 1 : 0));
    db.function('manouche_iregexp', { deterministic: true }, (pattern, value) =>
      value === null ? null : new RegExp(String(pattern), 'i').test(String(value)) ? 1 : 0,
    );
    registerDeviationAggregates(db);
    // Date transforms under USE_TZ read stored UTC text in TIME_ZONE's wall clock.
    db.function('manouche_local_datetime', { deterministic: true }, sqliteLocalDateTime);
    db.pragma('busy_timeout = 5000');
    if (filename !== ':memory:' && !filename.startsWith('file:')) db.pragma('journal_mode = WAL');
    return new SqliteAdapter(db, alias);
  });
}
