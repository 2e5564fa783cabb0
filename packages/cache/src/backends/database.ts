/**
 * Database cache (Django's DatabaseCache): one table (LOCATION) with Django's columns
 * `cache_key` (primary key), `value` (base64 of the serialized value) and `expires`, made by
 * `manouche createcachetable`. SQL goes through the contracts' Database, so it runs on SQLite,
 * PostgreSQL and MySQL/MariaDB alike.
 */
import type { Database, Dialect } from '@manouche/contracts';
import { BaseCache, MISSING, type CacheParams, type ExpiresAt } from '../base-cache.js';
import { CacheConnectionError, InvalidCacheBackendError } from '../errors.js';
import { deserializeValueFromText, serializeValueToText } from '../serializer.js';

/** Django stores "never" as datetime.max. */
const NEVER = '9999-12-31 23:59:59.999';

/** An expiry as the `expires` column takes it: UTC `YYYY-MM-DD HH:MM:SS.mmm` (with the zone on PostgreSQL). */
export function formatExpires(at: ExpiresAt, dialect: Dialect): string {
  const text = at === null ? NEVER : new Date(Math.max(at, 0)).toISOString().replace('T', ' ').replace('Z', '');
  return dialect === 'postgresql' ? `${text}+00` : text;
}

/** What the database cache needs to reach its database (the DATABASES registry's default connection). */
export type DatabaseProvider = () => Database;

/**
 * @example
 * // CACHES: { default: { BACKEND: 'manouche.cache.backends.db.DatabaseCache', LOCATION: 'my_cache_table' } }
 * // then: npx manouche createcachetable
 */
export class DatabaseCache extends BaseCache {
  /** The table's name. */
  readonly table: string;
  private readonly database: DatabaseProvider;

  constructor(params: CacheParams, alias: string, database: DatabaseProvider | undefined) {
    super(params, alias);
    if (typeof params.LOCATION !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(params.LOCATION)) {
      throw new InvalidCacheBackendError(
        `CACHES["${alias}"].LOCATION must name the cache table (letters, digits and _), such as "my_cache_table", got ${JSON.stringify(params.LOCATION)}.`,
      );
    }
    if (!database)
      throw new InvalidCacheBackendError(
        `CACHES["${alias}"] is a database cache, but configureCaches() was given no databases: pass { databases } (setup() does).`,
      );
    this.table = params.LOCATION;
    this.database = database;
  }

  private db(): Database {
    return this.database();
  }

  /** `?` or `$n` placeholders for the connection's dialect. */
  private sql(db: Database, text: string): string {
    if (db.dialect !== 'postgresql') return text;
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  }

  private async run<T>(what: string, fn: (db: Database, table: string) => Promise<T>): Promise<T> {
    const db = this.db();
    try {
      return await fn(db, db.quoteName(this.table));
    } catch (error) {
      if (/no such table|does not exist|doesn't exist/i.test((error as Error).message)) {
        throw new CacheConnectionError(
          `Database cache "${this.alias}": the table "${this.table}" does not exist in database "${db.alias}" (${what}). Run 'manouche createcachetable'.`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  protected async readValue(key: string): Promise<unknown> {
    const found = await this.readMany([key]);
    return found.has(key) ? found.get(key) : MISSING;
  }

  protected override async readMany(keys: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    if (keys.length === 0) return found;
    return this.run('get', async (db, table) => {
      const now = formatExpires(Date.now(), db.dialect);
      const marks = keys.map(() => '?').join(', ');
      const rows = await db.query<{ cache_key: string; value: string }>(
        this.sql(db, `SELECT cache_key, value FROM ${table} WHERE cache_key IN (${marks}) AND expires > ?`),
        [...keys, now],
      );
      for (const row of rows) found.set(row.cache_key, deserializeValueFromText(row.value));
      return found;
    });
  }

  protected async writeValue(key: string, value: unknown, expiresAt: ExpiresAt, mode: 'set' | 'add'): Promise<boolean> {
    return this.store(key, serializeValueToText(value, `key "${key}"`), expiresAt, mode);
  }

  protected async touchValue(key: string, expiresAt: ExpiresAt): Promise<boolean> {
    return this.store(key, null, expiresAt, 'touch');
  }

  /** Django's _base_set: cull when over MAX_ENTRIES, then update or insert in one transaction. */
  private async store(key: string, encoded: string | null, expiresAt: ExpiresAt, mode: 'set' | 'add' | 'touch'): Promise<boolean> {
    return this.run(mode, (outer, table) =>
      outer.transaction(async (db) => {
        const now = Date.now();
        const nowText = formatExpires(now, db.dialect);
        const expires = formatExpires(expiresAt, db.dialect);
        const [{ n }] = (await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`)) as [{ n: number | string }];
        if (Number(n) > this.maxEntries) await this.cull(db, table, nowText, Number(n));
        const rows = await db.query<{ live: number | string | boolean }>(
          this.sql(db, `SELECT CASE WHEN expires > ? THEN 1 ELSE 0 END AS live FROM ${table} WHERE cache_key = ?`),
          [nowText, key],
        );
        const exists = rows.length > 0;
        const live = exists && Number(rows[0]!.live) === 1;
        try {
          return await db.transaction(async (inner) => {
            if (mode === 'touch') {
              if (!live) return false;
              await inner.execute(this.sql(inner, `UPDATE ${table} SET expires = ? WHERE cache_key = ?`), [expires, key]);
              return true;
            }
            if (mode === 'add' && live) return false;
            if (exists) await inner.execute(this.sql(inner, `UPDATE ${table} SET value = ?, expires = ? WHERE cache_key = ?`), [encoded, expires, key]);
            else await inner.execute(this.sql(inner, `INSERT INTO ${table} (cache_key, value, expires) VALUES (?, ?, ?)`), [key, encoded, expires]);
            return true;
          });
        } catch (error) {
          // Another process inserted the same key first: like Django, the write just did not happen.
          if (/duplicate|unique/i.test((error as Error).message)) return false;
          throw error;
        }
      }),
    );
  }

  /** Django's _cull: drop expired rows, then the first 1/CULL_FREQUENCY of keys in key order. */
  private async cull(db: Database, table: string, nowText: string, count: number): Promise<void> {
    if (this.cullFrequency === 0) {
      await db.execute(`DELETE FROM ${table}`);
      return;
    }
    const deleted = await db.execute(this.sql(db, `DELETE FROM ${table} WHERE expires < ?`), [nowText]);
    const remaining = count - deleted.rowsAffected;
    if (remaining <= this.maxEntries) return;
    const cullNumber = Math.floor(remaining / this.cullFrequency);
    const rows = await db.query<{ cache_key: string }>(this.sql(db, `SELECT cache_key FROM ${table} ORDER BY cache_key LIMIT 1 OFFSET ?`), [cullNumber]);
    if (rows[0]) await db.execute(this.sql(db, `DELETE FROM ${table} WHERE cache_key < ?`), [rows[0].cache_key]);
  }

  protected async removeValue(key: string): Promise<boolean> {
    return this.run('delete', async (db, table) => {
      const nowText = formatExpires(Date.now(), db.dialect);
      const rows = await db.query(this.sql(db, `SELECT cache_key FROM ${table} WHERE cache_key = ? AND expires > ?`), [key, nowText]);
      await db.execute(this.sql(db, `DELETE FROM ${table} WHERE cache_key = ?`), [key]);
      return rows.length > 0;
    });
  }

  protected override async removeMany(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.run('deleteMany', (db, table) =>
      db.execute(this.sql(db, `DELETE FROM ${table} WHERE cache_key IN (${keys.map(() => '?').join(', ')})`), [...keys]),
    );
  }

  async clear(): Promise<void> {
    await this.run('clear', (db, table) => db.execute(`DELETE FROM ${table}`));
  }
}
