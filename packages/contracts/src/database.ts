/**
 * The SQL dialects Manouche supports. MariaDB is `mysql`.
 *
 * @example
 * const now = db.dialect === 'postgresql' ? 'now()' : 'CURRENT_TIMESTAMP';
 */
export type Dialect = 'sqlite' | 'postgresql' | 'mysql';

/**
 * What `execute` reports about a statement that returns no rows.
 *
 * @example
 * const { rowsAffected }: ExecuteResult = await db.execute("DELETE FROM blog_post WHERE title = ''");
 */
export interface ExecuteResult {
  rowsAffected: number;
  /** The generated key of the last inserted row, where the driver reports one (SQLite, MySQL). */
  lastInsertId?: number | bigint;
}

/**
 * A connection to one database, as the ORM provides it to other layers (migrations, tests).
 * SQL is written in the connection's own dialect, placeholders included: `?` for SQLite and
 * MySQL, `$1, $2, …` for PostgreSQL. Every value is passed as a parameter, never spliced in.
 *
 * @example
 * const rows = await db.query<{ n: number }>('SELECT count(*) AS n FROM blog_post');
 */
export interface Database {
  /** The DATABASES alias this connection belongs to (`default`). */
  readonly alias: string;
  readonly dialect: Dialect;
  /** The server's flavour where it matters: `mariadb` vs `mysql`, else the dialect. */
  readonly vendor: string;
  /** Whether DDL statements take part in transactions (SQLite, PostgreSQL: yes; MySQL: no). */
  readonly supportsTransactionalDdl: boolean;
  /** Runs a statement that returns no rows. */
  execute(sql: string, params?: readonly unknown[]): Promise<ExecuteResult>;
  /** Runs a query and returns its rows as plain objects keyed by column name. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs `fn` in a transaction (a savepoint when already in one): committed when it resolves,
   * rolled back when it throws. `fn` receives the connection to use inside the transaction.
   */
  transaction<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  /** Quotes an identifier (table, column, index name) for this dialect. */
  quoteName(name: string): string;
  /** Closes the connection or pool. Further calls fail. */
  close(): Promise<void>;
}

/**
 * Every configured connection by alias.
 *
 * @example
 * const db = project.databases.get(); // the 'default' alias
 * await db.query('SELECT 1');
 */
export interface DatabaseRegistry {
  /** The connection for `alias` (`default` when omitted); an unknown alias is an error naming the configured ones. */
  get(alias?: string): Database;
  /** The configured aliases, `default` first. */
  aliases(): string[];
  closeAll(): Promise<void>;
}
