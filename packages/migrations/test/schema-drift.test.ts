import type { FieldSpec } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationFailedError, MigrationRecorder, migrate, ops } from '../src/index.js';
import { stepGraph } from './support/step-graph.js';

const id: FieldSpec = { type: 'bigAuto', primaryKey: true };

describe.each(testDatabaseTargets())('a schema changed outside migrations on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  const db = () => testDb.database;
  const q = (name: string) => db().quoteName(name);

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('fails to remove a column that is no longer there, naming the table and column', async () => {
    const graph = stepGraph(
      'gone',
      [ops.createModel({ name: 'Thing', table: 'gone_thing', fields: { id, label: { type: 'char', maxLength: 20 }, note: { type: 'text', null: true } } })],
      [ops.removeField({ model: 'Thing', name: 'note' })],
    );
    await migrate({ database: db(), graph, target: { app: 'gone', name: '0001' } });
    await db().execute(`ALTER TABLE ${q('gone_thing')} DROP COLUMN ${q('note')}`);
    const error = (await migrate({ database: db(), graph }).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect(error.message).toContain('gone.0002_step failed at operation 1 of 1 (Remove field note from thing)');
    expect(error.message).toMatch(/note/);
    expect(error.message).toMatch(/gone_thing/);
    expect(await new MigrationRecorder(db()).appliedMigrations()).not.toContain('gone.0002_step');
  });

  it('fails to alter a column that is no longer there, naming the table and column', async () => {
    const graph = stepGraph(
      'lost',
      [ops.createModel({ name: 'Thing', table: 'lost_thing', fields: { id, label: { type: 'char', maxLength: 20 }, size: { type: 'integer', null: true } } })],
      [ops.alterField({ model: 'Thing', name: 'size', field: { type: 'bigInteger', null: true } })],
    );
    await migrate({ database: db(), graph, target: { app: 'lost', name: '0001' } });
    await db().execute(`ALTER TABLE ${q('lost_thing')} DROP COLUMN ${q('size')}`);
    const error = (await migrate({ database: db(), graph }).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect(error.message).toMatch(/size/);
    expect(error.message).toMatch(/lost_thing/);
  });

  it('says truthfully, when a failed migration is run again, which operations an earlier run left applied', async () => {
    const graph = stepGraph('again', [
      ops.createModel({ name: 'Thing', table: 'again_thing', fields: { id } }),
      ops.runSql({ sql: 'SELECT * FROM again_no_such_table', reverseSql: [] }),
    ]);
    const first = (await migrate({ database: db(), graph }).catch((e: Error) => e)) as Error;
    const second = (await migrate({ database: db(), graph }).catch((e: Error) => e)) as Error;
    expect(second).toBeInstanceOf(MigrationFailedError);
    if (db().supportsTransactionalDdl) {
      expect(first.message).toContain('It was rolled back: nothing of it is applied.');
      expect(second.message).toContain('failed at operation 2 of 2 (Raw SQL operation)');
      expect(second.message).toContain('It was rolled back: nothing of it is applied.');
      return;
    }
    expect(first.message).toContain('cannot roll back DDL, so these operations stay applied: 1. Create model Thing.');
    // The rerun trips over the table the first run left: it must not claim a clean slate.
    expect(second.message).toContain('failed at operation 1 of 2 (Create model Thing)');
    expect(second.message).not.toContain('No operation of it had been applied');
    expect(second.message).toMatch(
      /This run applied none of its operations\. An earlier run \(applying, failed \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\) left these operations applied, unless they were undone by hand since: 1\. Create model Thing\./,
    );

    // Finishing by hand (drop what was left) and fixing nothing else keeps the note until a run succeeds.
    await db().execute(`DROP TABLE ${q('again_thing')}`);
    const fixed = stepGraph('again', [ops.createModel({ name: 'Thing', table: 'again_thing', fields: { id } })]);
    await migrate({ database: db(), graph: fixed });
    expect(await new MigrationRecorder(db()).partialRun('again', '0001_step')).toBeUndefined();
  });
});
