import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { DatabaseSettings, Dialect } from '@manouche/contracts';
import { createModelTables } from '@manouche/migrations';
import { configureOrm, connectDatabases, modelStates, registerModels, type Connection, type ConnectionRegistry } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing.js';
import * as models from './models-fixture.js';

registerModels('library', models);

/** A fresh database per dialect block with the fixture tables (made by the migrations layer), emptied before each test. */
export function useLibraryDatabase(dialect: Dialect): {
  db(): Connection;
  settings(): DatabaseSettings;
  queries(fn: () => Promise<unknown>): Promise<string[]>;
} {
  let testDb: TestDatabase;
  let registry: ConnectionRegistry;
  const states = modelStates('library');
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    registry = connectDatabases({ default: testDb.settings });
    // The tables come from the migrations layer's own schema editor, as `migrate` makes them.
    await createModelTables(testDb.database, states, { useTz: true });
  });
  beforeEach(async () => {
    configureOrm({ databases: registry, useTz: true, timeZone: 'UTC' });
    const db = registry.get();
    const tables = [
      ...states.flatMap((s) => Object.values(s.fields).flatMap((f) => (f.joinTable ? [f.joinTable.table] : []))),
      ...states.map((s) => s.table).reverse(),
    ];
    await db.transaction(async (tx) => {
      if (dialect === 'mysql') await tx.execute('SET FOREIGN_KEY_CHECKS = 0');
      for (const table of tables) await tx.execute(`DELETE FROM ${tx.quoteName(table)}`);
      if (dialect === 'mysql') await tx.execute('SET FOREIGN_KEY_CHECKS = 1');
    });
  });
  afterAll(async () => {
    await registry?.closeAll();
    await testDb?.drop();
  });
  return {
    db: () => registry.get(),
    settings: () => testDb.settings,
    async queries(fn) {
      const seen: string[] = [];
      const off = registry.get().addQueryListener(({ sql }) => seen.push(sql));
      try {
        await fn();
      } finally {
        off();
      }
      return seen;
    },
  };
}
