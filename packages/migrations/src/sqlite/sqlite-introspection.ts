import type { Database } from '@manouche/contracts';
import type { IndexDescription, Introspection, TableDescription } from '../schema/introspection.js';

/** Reads tables, columns, indexes and foreign keys through SQLite's PRAGMA table functions. */
export class SqliteIntrospection implements Introspection {
  constructor(private readonly db: Database) {}

  async tableNames(): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`);
    return rows.map((row) => row.name);
  }

  async describeTable(table: string): Promise<TableDescription> {
    const columns = await this.db.query<{ name: string; type: string; notnull: number; pk: number }>(
      `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`,
      [table],
    );
    const list = await this.db.query<{ name: string; unique: number; origin: string }>(
      `SELECT name, "unique", origin FROM pragma_index_list(?) ORDER BY name`,
      [table],
    );
    const indexes: IndexDescription[] = [];
    for (const entry of list) {
      const info = await this.db.query<{ name: string }>(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, [entry.name]);
      indexes.push({ name: entry.name, columns: info.map((row) => row.name), unique: Number(entry.unique) === 1, primaryKey: entry.origin === 'pk' });
    }
    const pk = columns.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk));
    if (pk.length > 0 && !indexes.some((ix) => ix.primaryKey)) {
      indexes.unshift({ name: 'PRIMARY', columns: pk.map((c) => c.name), unique: true, primaryKey: true });
    }
    const foreignKeys = await this.db.query<{ table: string; from: string; to: string | null }>(
      `SELECT "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`,
      [table],
    );
    return {
      name: table,
      columns: columns.map((c) => ({ name: c.name, type: c.type.toLowerCase(), nullable: Number(c.notnull) === 0 && Number(c.pk) === 0 })),
      indexes,
      foreignKeys: foreignKeys.map((fk) => ({ name: '', column: fk.from, toTable: fk.table, toColumn: fk.to ?? 'id' })),
    };
  }
}
