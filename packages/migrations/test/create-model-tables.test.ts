import { modelStates, registerModels } from '@manouche/orm';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelTables, defineMigration, introspectionFor, MIGRATIONS_TABLE, MigrationGraph, migrate, ops } from '../src/index.js';
import { namedMigration } from '../src/migration.js';
import * as shop from './support/shop-models.js';

registerModels('shop', shop);

describe.each(testDatabaseTargets())('createModelTables on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let synced: TestDatabase;
  let migrated: TestDatabase;
  beforeAll(async () => {
    synced = await createTestDatabase(dialect);
    migrated = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await synced?.drop();
    await migrated?.drop();
  });

  it('makes the same tables, columns, indexes and foreign keys as migrating a CreateModel of each state, recording no migration', async () => {
    const states = modelStates('shop');
    await createModelTables(synced.database, states, { useTz: true });
    const initial = defineMigration({
      initial: true,
      operations: states.map((state) => ops.createModel({ name: state.name, table: state.table, fields: state.fields, options: state.options })),
    });
    await migrate({ database: migrated.database, graph: new MigrationGraph([namedMigration('shop', '0001_initial', initial)]), useTz: true });

    const syncedTables = (await introspectionFor(synced.database).tableNames()).sort();
    const migratedTables = (await introspectionFor(migrated.database).tableNames()).filter((table) => !table.startsWith(MIGRATIONS_TABLE)).sort();
    expect(syncedTables).toEqual(migratedTables);
    expect(syncedTables).toEqual(expect.arrayContaining(['shop_customer', 'shop_label', 'shop_order', 'shop_order_labels']));
    for (const table of syncedTables) {
      expect(await introspectionFor(synced.database).describeTable(table)).toEqual(await introspectionFor(migrated.database).describeTable(table));
    }
  });
});
