/** The database cache's table: Django's columns, DDL per dialect, and whether it exists. */
import type { Database } from '@manouche/contracts';

/**
 * The statements that create the cache table `table` (Django's createcachetable: key, value, expires + an index on expires).
 *
 * @example
 * cacheTableStatements(db, 'my_cache_table');
 * // ['CREATE TABLE "my_cache_table" ("cache_key" varchar(255) NOT NULL PRIMARY KEY, …)', 'CREATE INDEX "my_cache_table_expires" …']
 */
export function cacheTableStatements(db: Pick<Database, 'dialect' | 'quoteName'>, table: string): string[] {
  const q = (name: string) => db.quoteName(name);
  const expiresType = db.dialect === 'postgresql' ? 'timestamp with time zone' : db.dialect === 'mysql' ? 'datetime(6)' : 'datetime';
  const valueType = db.dialect === 'mysql' ? 'longtext' : 'text';
  return [
    `CREATE TABLE ${q(table)} (${q('cache_key')} varchar(255) NOT NULL PRIMARY KEY, ${q('value')} ${valueType} NOT NULL, ${q('expires')} ${expiresType} NOT NULL)`,
    `CREATE INDEX ${q(`${table}_expires`)} ON ${q(table)} (${q('expires')})`,
  ];
}

/**
 * Whether `table` exists in the connection's database (current schema on PostgreSQL).
 *
 * @example
 * if (!(await cacheTableExists(db, 'my_cache_table'))) await createCacheTable(db, 'my_cache_table');
 */
export async function cacheTableExists(db: Database, table: string): Promise<boolean> {
  if (db.dialect === 'sqlite') return (await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [table])).length > 0;
  if (db.dialect === 'postgresql')
    return (await db.query('SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1', [table])).length > 0;
  return (await db.query('SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?', [table])).length > 0;
}

/**
 * Creates the cache table unless it exists; returns whether it created it.
 *
 * @example
 * await createCacheTable(project.databases.get(), 'my_cache_table');
 */
export async function createCacheTable(db: Database, table: string): Promise<boolean> {
  if (await cacheTableExists(db, table)) return false;
  const statements = cacheTableStatements(db, table);
  const runAll = async (conn: Database) => {
    for (const statement of statements) await conn.execute(statement);
  };
  if (db.supportsTransactionalDdl) await db.transaction(runAll);
  else await runAll(db);
  return true;
}
