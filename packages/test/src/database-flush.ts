/** Empties every table of a database but the migration history (Django's `flush`, TransactionTestCase's teardown). */
import type { Database } from '@manouche/contracts';

const KEEP = /^manouche_migrations/;

/**
 * The tables of the connected database (the current schema on PostgreSQL).
 *
 * @example
 * await listTables(testProject().databases.get()); // ['auth_user', 'manouche_migrations', 'polls_question', …]
 */
export async function listTables(db: Database): Promise<string[]> {
  const sql =
    db.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      : db.dialect === 'postgresql'
        ? 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()'
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'";
  const rows = await db.query<Record<string, unknown>>(sql);
  return rows.map((row) => String(row.name ?? row.NAME ?? row.TABLE_NAME));
}

/**
 * Deletes every row of every table except the migration history, in one transaction, with
 * foreign keys checked only at the end (all rows are gone by then).
 *
 * @example
 * await flushDatabase(project.databases.get());
 */
export async function flushDatabase(db: Database): Promise<void> {
  const tables = (await listTables(db)).filter((table) => !KEEP.test(table));
  if (tables.length === 0) return;
  await db.transaction(async (tx) => {
    if (tx.dialect === 'postgresql') {
      await tx.execute(`TRUNCATE ${tables.map((table) => tx.quoteName(table)).join(', ')} RESTART IDENTITY CASCADE`);
      return;
    }
    await tx.execute(tx.dialect === 'sqlite' ? 'PRAGMA defer_foreign_keys = ON' : 'SET FOREIGN_KEY_CHECKS = 0');
    for (const table of tables) await tx.execute(`DELETE FROM ${tx.quoteName(table)}`);
    if (tx.dialect === 'mysql') await tx.execute('SET FOREIGN_KEY_CHECKS = 1');
  });
}
