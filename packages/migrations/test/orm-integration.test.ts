import { configureOrm, connectDatabases, modelStates, registerModels, type ConnectionRegistry } from '@manouche/orm';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestioner, loadMigrations, makeMigrations, migrate } from '../src/index.js';
import { IMPORT_SOURCE, importFresh, tempApps } from './support/fake-project.js';
import * as shop from './support/shop-models.js';

registerModels('shop', shop);

describe.each(testDatabaseTargets())('ORM models on tables the migrations made, on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  let registry: ConnectionRegistry;
  const project = tempApps(['shop']);
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    registry = connectDatabases({ default: testDb.settings });
    configureOrm({ databases: registry, useTz: true });
  });
  afterAll(async () => {
    await registry?.closeAll();
    await testDb?.drop();
    project.cleanup();
  });

  it('makes migrations from the models’ ModelState, migrates, saves and queries every field type, then unmigrates', async () => {
    const made = await makeMigrations({
      apps: project.apps,
      graph: await loadMigrations({ apps: project.apps, importModule: importFresh }),
      currentStates: modelStates('shop'),
      questioner: createQuestioner({ interactive: false }),
      importSource: IMPORT_SOURCE,
    });
    expect(made[0].operations.map((op) => op.describe())).toEqual(['Create model Customer', 'Create model Label', 'Create model Order']);
    const graph = await loadMigrations({ apps: project.apps, importModule: importFresh });
    const db = registry.get();
    await migrate({ database: db, graph, useTz: true });

    const ann = await shop.Customer.objects.create({ username: 'ann', token: '6f1c3e1e-8b9a-4a53-9a43-2f1d3c4b5a69' });
    const rush = await shop.Label.objects.create({ name: 'rush' });
    const order = await shop.Order.objects.create({ reference: 'a-1', customer: ann, total: '1234.50', details: { lines: [1, 2] }, due: '2026-12-01' });
    await order.labels.add(rush);
    const loaded = await shop.Order.objects.get({ reference: 'a-1' });
    expect(loaded.total).toBe('1234.50');
    expect(loaded.paid).toBe(false);
    expect(loaded.details).toEqual({ lines: [1, 2] });
    expect(loaded.due).toBe('2026-12-01');
    expect(loaded.placed).toBeInstanceOf(Date);
    expect((await shop.Customer.objects.get({ username: 'ann' })).token).toBe('6f1c3e1e-8b9a-4a53-9a43-2f1d3c4b5a69');
    expect(await shop.Order.objects.filter({ customer__username: 'ann', labels__name: 'rush' }).count()).toBe(1);
    await expect(shop.Customer.objects.create({ username: 'ann' })).rejects.toThrow();

    expect(
      (
        await makeMigrations({
          apps: project.apps,
          graph,
          currentStates: modelStates('shop'),
          questioner: createQuestioner({ interactive: false }),
          dryRun: true,
        })
      ).length,
    ).toBe(0);
    await migrate({ database: db, graph, target: { app: 'shop', name: 'zero' } });
    expect(
      await db.query(
        dialect === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE name LIKE 'shop_%'"
          : dialect === 'mysql'
            ? "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'shop_%'"
            : "SELECT tablename FROM pg_tables WHERE tablename LIKE 'shop_%'",
      ),
    ).toEqual([]);
  });
});
