import type { FieldSpec } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineMigration, MigrationGraph, migrate, ops } from '../src/index.js';
import { namedMigration } from '../src/migration.js';

const id: FieldSpec = { type: 'bigAuto', primaryKey: true };
const mysql = testDatabaseTargets().find((target) => target.dialect === 'mysql')!;

describe('tables on MySQL/MariaDB take the database default collation', () => {
  if (mysql.skip) {
    it.skip(mysql.skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('mysql');
    // A project that wants Unicode ordering sets it on the database, as with Django.
    await testDb.database.execute(`ALTER DATABASE ${testDb.database.quoteName(testDb.settings.NAME)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('creates tables and their text columns with the database default collation, so non-ASCII ordering follows it', async () => {
    const graph = new MigrationGraph([
      namedMigration(
        'people',
        '0001_initial',
        defineMigration({
          initial: true,
          operations: [ops.createModel({ name: 'Person', table: 'people_person', fields: { id, name: { type: 'char', maxLength: 50 } } })],
        }),
      ),
    ]);
    await migrate({ database: testDb.database, graph });
    const [table] = await testDb.database.query<{ collation: string }>(
      `SELECT TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'people_person'`,
    );
    expect(table.collation).toBe('utf8mb4_unicode_ci');
    const [column] = await testDb.database.query<{ collation: string }>(
      `SELECT COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'people_person' AND COLUMN_NAME = 'name'`,
    );
    expect(column.collation).toBe('utf8mb4_unicode_ci');
    for (const name of ['Marek', 'Łukasz', 'Zofia']) await testDb.database.execute('INSERT INTO `people_person` (`name`) VALUES (?)', [name]);
    const rows = await testDb.database.query<{ name: string }>('SELECT `name` FROM `people_person` ORDER BY `name`');
    expect(rows.map((row) => row.name)).toEqual(['Łukasz', 'Marek', 'Zofia']);
  });
});
