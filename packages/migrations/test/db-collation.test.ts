import type { Database, Dialect, FieldSpec } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineMigration, MigrationGraph, migrate, ops, schemaEditorFor, ProjectState, SchemaError } from '../src/index.js';
import { namedMigration } from '../src/migration.js';

const id: FieldSpec = { type: 'bigAuto', primaryKey: true };
// A collation every server has, and what it changes: C orders by byte; utf8mb4_bin and SQLite's BINARY are case-sensitive, NOCASE is not.
const COLLATION: Record<Dialect, string> = { postgresql: 'C', mysql: 'utf8mb4_bin', sqlite: 'NOCASE' };

async function columnCollation(db: Database, table: string, column: string): Promise<string | null> {
  if (db.dialect === 'sqlite') {
    const [row] = await db.query<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE name = ?`, [table]);
    return /"code" [^,]*?COLLATE (\w+)/.exec(row.sql)?.[1] ?? null;
  }
  const schema = db.dialect === 'mysql' ? 'DATABASE()' : 'current_schema()';
  const [row] = await db.query<{ collation: string | null }>(
    `SELECT COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ${schema} AND TABLE_NAME = ${db.dialect === 'postgresql' ? '$1' : '?'} AND COLUMN_NAME = ${db.dialect === 'postgresql' ? '$2' : '?'}`,
    [table, column],
  );
  return row.collation;
}

describe.each(testDatabaseTargets())('dbCollation on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('creates the column with COLLATE, alters it away and back, and the database compares by it', async () => {
    const db = testDb.database;
    const collation = COLLATION[dialect];
    const collated: FieldSpec = { type: 'char', maxLength: 20, dbCollation: collation };
    const plain: FieldSpec = { type: 'char', maxLength: 20 };
    const graph = new MigrationGraph([
      namedMigration(
        'codes',
        '0001_initial',
        defineMigration({ initial: true, operations: [ops.createModel({ name: 'Code', table: 'codes_code', fields: { id, code: collated } })] }),
      ),
      namedMigration(
        'codes',
        '0002_plain',
        defineMigration({ dependencies: [['codes', '0001_initial']], operations: [ops.alterField({ model: 'Code', name: 'code', field: plain })] }),
      ),
    ]);
    const q = (name: string) => db.quoteName(name);
    const matchesLowercase = async () => (await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${q('codes_code')} WHERE ${q('code')} = 'abc'`))[0].n;

    await migrate({ database: db, graph, target: { app: 'codes', name: '0001_initial' } });
    expect((await columnCollation(db, 'codes_code', 'code'))?.toUpperCase()).toBe(collation.toUpperCase());
    await db.execute(`INSERT INTO ${q('codes_code')} (${q('code')}) VALUES ('ABC'), ('b'), ('a')`);
    if (dialect === 'sqlite') expect(Number(await matchesLowercase())).toBe(1); // NOCASE
    if (dialect === 'mysql') expect(Number(await matchesLowercase())).toBe(0); // binary, where the default is case-insensitive
    if (dialect === 'postgresql') {
      const rows = await db.query<{ code: string }>(`SELECT ${q('code')} AS code FROM ${q('codes_code')} ORDER BY ${q('code')}`);
      expect(rows.map((row) => row.code)).toEqual(['ABC', 'a', 'b']); // byte order: capitals first
    }

    await migrate({ database: db, graph });
    const after = await columnCollation(db, 'codes_code', 'code');
    expect(after?.toUpperCase()).not.toBe(collation.toUpperCase());
    if (dialect === 'sqlite') expect(Number(await matchesLowercase())).toBe(0); // back to BINARY
    if (dialect === 'mysql') expect(Number(await matchesLowercase())).toBe(1);

    await migrate({ database: db, graph, target: { app: 'codes', name: '0001_initial' } });
    expect((await columnCollation(db, 'codes_code', 'code'))?.toUpperCase()).toBe(collation.toUpperCase());
    await migrate({ database: db, graph, target: { app: 'codes', name: 'zero' } });
  });

  it('refuses a collation that is not a plain name, and one on a field type without collation', async () => {
    const editor = schemaEditorFor(testDb.database, { collectOnly: true });
    const model = (field: FieldSpec) => ({ app: 'codes', name: 'Bad', table: 'codes_bad', fields: { id, code: field }, options: {} });
    const bad = model({ type: 'char', maxLength: 5, dbCollation: 'C"; DROP TABLE x; --' });
    await expect(editor.createModel(bad, new ProjectState([bad]))).rejects.toThrow(SchemaError);
    await expect(editor.createModel(bad, new ProjectState([bad]))).rejects.toThrow('is not a collation name');
    const number = model({ type: 'integer', dbCollation: 'C' });
    await expect(editor.createModel(number, new ProjectState([number]))).rejects.toThrow(
      'dbCollation applies to char, slug, email, url and text fields, not to a integer field.',
    );
  });
});
