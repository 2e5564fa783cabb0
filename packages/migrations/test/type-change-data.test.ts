import type { FieldSpec } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspectionFor, MigrationFailedError, migrate, ops } from '../src/index.js';
import { stepGraph } from './support/step-graph.js';

const id: FieldSpec = { type: 'bigAuto', primaryKey: true };

describe.each(testDatabaseTargets())('type changes keep every value on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  const db = () => testDb.database;
  const q = (name: string) => db().quoteName(name);
  const p = (n: number) => (dialect === 'postgresql' ? `$${n}` : '?');
  const columnType = async (table: string, column: string) => (await introspectionFor(db()).describeTable(table)).columns.find((c) => c.name === column)!.type;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  const long = 'x'.repeat(150);

  it('refuses to lower maxLength below the longest value, naming the table, column, length and limit, and changes nothing', async () => {
    const graph = stepGraph(
      'shrink',
      [ops.createModel({ name: 'Product', table: 'shrink_product', fields: { id, name: { type: 'char', maxLength: 200 } } })],
      [ops.alterField({ model: 'Product', name: 'name', field: { type: 'char', maxLength: 100 } })],
    );
    await migrate({ database: db(), graph, target: { app: 'shrink', name: '0001' } });
    await db().execute(`INSERT INTO ${q('shrink_product')} (${q('name')}) VALUES (${p(1)})`, [long]);
    if (dialect === 'sqlite') {
      // SQLite does not enforce varchar lengths (nor does Django there): the rebuild keeps the value whole.
      await migrate({ database: db(), graph });
      expect(await db().query(`SELECT ${q('name')} FROM ${q('shrink_product')}`)).toEqual([{ name: long }]);
      return;
    }
    const error = (await migrate({ database: db(), graph }).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect(error.message).toContain(
      'Cannot change column "name" of table "shrink_product" to varchar(100): its longest value has 150 characters, more than the new limit of 100.',
    );
    expect(await db().query(`SELECT ${q('name')} FROM ${q('shrink_product')}`)).toEqual([{ name: long }]);
    expect(await columnType('shrink_product', 'name')).toMatch(/^(varchar|character varying)\(200\)$/);
  });

  it('refuses to migrate backwards through a widening when a longer value was stored since', async () => {
    const graph = stepGraph(
      'widen',
      [ops.createModel({ name: 'Product', table: 'widen_product', fields: { id, name: { type: 'char', maxLength: 100 } } })],
      [ops.alterField({ model: 'Product', name: 'name', field: { type: 'char', maxLength: 200 } })],
    );
    await migrate({ database: db(), graph });
    await db().execute(`INSERT INTO ${q('widen_product')} (${q('name')}) VALUES (${p(1)})`, [long]);
    const back = migrate({ database: db(), graph, target: { app: 'widen', name: '0001' } });
    if (dialect === 'sqlite') {
      await back;
      expect(await db().query(`SELECT ${q('name')} FROM ${q('widen_product')}`)).toEqual([{ name: long }]);
      return;
    }
    await expect(back).rejects.toThrow('its longest value has 150 characters, more than the new limit of 100');
    expect(await db().query(`SELECT ${q('name')} FROM ${q('widen_product')}`)).toEqual([{ name: long }]);
    expect(await columnType('widen_product', 'name')).toMatch(/^(varchar|character varying)\(200\)$/);
  });

  it('refuses a text field turned into a char field shorter than its values', async () => {
    const graph = stepGraph(
      'texts',
      [ops.createModel({ name: 'Note', table: 'texts_note', fields: { id, body: { type: 'text' } } })],
      [ops.alterField({ model: 'Note', name: 'body', field: { type: 'char', maxLength: 100 } })],
    );
    await migrate({ database: db(), graph, target: { app: 'texts', name: '0001' } });
    await db().execute(`INSERT INTO ${q('texts_note')} (${q('body')}) VALUES (${p(1)})`, [long]);
    if (dialect === 'sqlite') return;
    await expect(migrate({ database: db(), graph })).rejects.toThrow(
      'Cannot change column "body" of table "texts_note" to varchar(100): its longest value has 150 characters',
    );
    expect(await db().query(`SELECT ${q('body')} FROM ${q('texts_note')}`)).toEqual([{ body: long }]);
  });

  it('lowers maxLength when every value fits', async () => {
    const graph = stepGraph(
      'fits',
      [ops.createModel({ name: 'Product', table: 'fits_product', fields: { id, name: { type: 'char', maxLength: 200 } } })],
      [ops.alterField({ model: 'Product', name: 'name', field: { type: 'char', maxLength: 100 } })],
    );
    await migrate({ database: db(), graph, target: { app: 'fits', name: '0001' } });
    await db().execute(`INSERT INTO ${q('fits_product')} (${q('name')}) VALUES (${p(1)})`, ['y'.repeat(100)]);
    await migrate({ database: db(), graph });
    expect(await columnType('fits_product', 'name')).toMatch(/^(varchar|character varying)\(100\)$/);
    expect(await db().query(`SELECT ${q('name')} FROM ${q('fits_product')}`)).toEqual([{ name: 'y'.repeat(100) }]);
  });

  it('refuses an integer type too small for a stored value instead of clamping it', async () => {
    const graph = stepGraph(
      'ints',
      [ops.createModel({ name: 'Count', table: 'ints_count', fields: { id, n: { type: 'bigInteger' } } })],
      [ops.alterField({ model: 'Count', name: 'n', field: { type: 'smallInteger' } })],
    );
    await migrate({ database: db(), graph, target: { app: 'ints', name: '0001' } });
    await db().execute(`INSERT INTO ${q('ints_count')} (${q('n')}) VALUES (100000)`);
    if (dialect === 'sqlite') return;
    await expect(migrate({ database: db(), graph })).rejects.toThrow(
      'Cannot change column "n" of table "ints_count" to smallint: it holds 100000, outside the new type\'s range -32768 to 32767.',
    );
    expect((await db().query<{ n: unknown }>(`SELECT ${q('n')} FROM ${q('ints_count')}`)).map((r) => Number(r.n))).toEqual([100000]);
  });

  it('refuses making a column NOT NULL while rows hold NULL and no default fills them', async () => {
    const graph = stepGraph(
      'nulls',
      [ops.createModel({ name: 'Thing', table: 'nulls_thing', fields: { id, size: { type: 'integer', null: true } } })],
      [ops.alterField({ model: 'Thing', name: 'size', field: { type: 'integer' } })],
    );
    await migrate({ database: db(), graph, target: { app: 'nulls', name: '0001' } });
    await db().execute(`INSERT INTO ${q('nulls_thing')} (${q('size')}) VALUES (NULL)`);
    await expect(migrate({ database: db(), graph })).rejects.toThrow(MigrationFailedError);
    expect(await db().query(`SELECT ${q('size')} FROM ${q('nulls_thing')}`)).toEqual([{ size: null }]);
    if (dialect === 'mysql')
      await expect(migrate({ database: db(), graph })).rejects.toThrow('Cannot make column "size" of table "nulls_thing" NOT NULL: 1 row(s) hold NULL');
  });

  it('refuses a number or uuid turned into a varchar shorter than its text', async () => {
    for (const [app, field, value, length] of [
      ['tonum', { type: 'integer' }, 12345, 5],
      ['touuid', { type: 'uuid' }, '2f1c6a40-56b3-4f0e-9d7e-3c1a5e0b9f21', 36],
    ] as const) {
      const graph = stepGraph(
        app,
        [ops.createModel({ name: 'Code', table: `${app}_code`, fields: { id, v: field as FieldSpec } })],
        [ops.alterField({ model: 'Code', name: 'v', field: { type: 'char', maxLength: 3 } })],
      );
      await migrate({ database: db(), graph, target: { app, name: '0001' } });
      await db().execute(`INSERT INTO ${q(`${app}_code`)} (${q('v')}) VALUES (${p(1)})`, [value]);
      if (dialect === 'sqlite') continue;
      await expect(migrate({ database: db(), graph })).rejects.toThrow(
        `Cannot change column "v" of table "${app}_code" to varchar(3): its longest value has ${length} characters`,
      );
      expect((await db().query<{ v: unknown }>(`SELECT ${q('v')} FROM ${q(`${app}_code`)}`)).map((r) => String(r.v))).toEqual([String(value)]);
    }
  });
});
