import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dialect } from '@manouche/contracts';
import {
  atomic,
  configureOrm,
  Count,
  F,
  Max,
  Q,
  Sum,
  connectDatabase,
  connectDatabases,
  fields,
  Model,
  registerModels,
  type Connection,
  type ConnectionRegistry,
} from '../src/index.js';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '../src/testing.js';

class Gauge extends Model.define(
  {
    label: fields.char({ maxLength: 20 }),
    reading: fields.integer({ null: true }),
  },
  { dbTable: 'cache_gauge', ordering: ['label'] },
) {}
registerModels('statementcache', { Gauge });

/** The table by hand (not through the migrations layer) so tests can drop and alter it between queries. */
function createTableSql(dialect: Dialect, readingType = 'integer'): string {
  if (dialect === 'mysql') return `CREATE TABLE cache_gauge (id bigint AUTO_INCREMENT PRIMARY KEY, label varchar(20) NOT NULL, reading ${readingType} NULL)`;
  if (dialect === 'postgresql') return `CREATE TABLE cache_gauge (id bigserial PRIMARY KEY, label varchar(20) NOT NULL, reading ${readingType} NULL)`;
  return `CREATE TABLE cache_gauge (id integer PRIMARY KEY AUTOINCREMENT, label varchar(20) NOT NULL, reading ${readingType} NULL)`;
}

const labels = (rows: Gauge[]) => rows.map((gauge) => gauge.label);

describe.each(testDatabaseTargets())('cached query shapes and prepared statements on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let testDb: TestDatabase;
  let registry: ConnectionRegistry;
  let db: Connection;
  const seen: Array<{ sql: string; params: readonly unknown[] }> = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    // PostgreSQL prepares from the first run here (the default waits for the sixth: tested below).
    const options = dialect === 'postgresql' ? { OPTIONS: { ...testDb.settings.OPTIONS, prepare_threshold: 0 } } : {};
    registry = connectDatabases({ default: { ...testDb.settings, ...options } });
    db = registry.get();
    db.addQueryListener(({ sql, params }) => seen.push({ sql, params }));
  });
  beforeEach(async () => {
    configureOrm({ databases: registry, useTz: true, timeZone: 'UTC' });
    await db.execute('DROP TABLE IF EXISTS cache_gauge');
    await db.execute(createTableSql(dialect));
    await Gauge.objects.bulkCreate([
      new Gauge({ label: 'a', reading: 1 }),
      new Gauge({ label: 'b', reading: 2 }),
      new Gauge({ label: 'c', reading: 3 }),
      new Gauge({ label: 'd', reading: null }),
    ]);
    seen.length = 0;
  });
  afterAll(async () => {
    await registry?.closeAll();
    await testDb?.drop();
  });

  it('binds each queryset’s own values into the SQL it shares with querysets of the same shape', async () => {
    expect(labels(await Gauge.objects.filter({ label: 'a' }))).toEqual(['a']);
    expect(labels(await Gauge.objects.filter({ label: 'c' }))).toEqual(['c']);
    expect((await Gauge.objects.get({ label: 'b' })).reading).toBe(2);
    expect((await Gauge.objects.get({ label: 'c' })).reading).toBe(3);
    expect(await Gauge.objects.filter({ reading__gte: 2 }).valuesList('label', { flat: true })).toEqual(['b', 'c']);
    expect(await Gauge.objects.filter({ reading__gte: 3 }).valuesList('label', { flat: true })).toEqual(['c']);
    const [first, second, getB, getC, gte2, gte3] = seen;
    expect(second.sql).toBe(first.sql);
    expect([first.params, second.params]).toEqual([['a'], ['c']]);
    expect(getC.sql).toBe(getB.sql);
    expect(gte3.sql).toBe(gte2.sql);
    expect([gte2.params, gte3.params]).toEqual([[2], [3]]);
  });

  it('shares the SQL of count(), exists() and aggregate() between querysets of the same shape, each with its own values', async () => {
    expect(await Gauge.objects.filter({ reading__gte: 2 }).count()).toBe(2);
    expect(await Gauge.objects.filter({ reading__gte: 3 }).count()).toBe(1);
    expect(await Gauge.objects.filter({ label: 'b' }).exists()).toBe(true);
    expect(await Gauge.objects.filter({ label: 'z' }).exists()).toBe(false);
    expect(await Gauge.objects.filter({ reading__lte: 2 }).aggregate({ total: Sum('reading'), n: Count('id') })).toEqual({ total: 3, n: 2 });
    expect(await Gauge.objects.filter({ reading__lte: 3 }).aggregate({ total: Sum('reading'), n: Count('id') })).toEqual({ total: 6, n: 3 });
    const [count2, count3, existsB, existsZ, sum2, sum3] = seen;
    expect(count3.sql).toBe(count2.sql);
    expect(count2.sql).toMatch(/^SELECT COUNT\(\*\)/);
    expect([count2.params, count3.params]).toEqual([[2], [3]]);
    expect(existsZ.sql).toBe(existsB.sql);
    expect([existsB.params, existsZ.params]).toEqual([['b'], ['z']]);
    expect(sum3.sql).toBe(sum2.sql);
    expect([sum2.params, sum3.params]).toEqual([[2], [3]]);
    // Other aggregates, or the same ones under other names, are other SQL: never another shape's reader.
    expect(await Gauge.objects.filter({ reading__lte: 3 }).aggregate({ most: Max('reading') })).toEqual({ most: 3 });
    expect(await Gauge.objects.filter({ reading__lte: 3 }).aggregate({ sum: Sum('reading'), count: Count('id') })).toEqual({ sum: 6, count: 3 });
    expect(await Gauge.objects.none().aggregate({ total: Sum('reading'), n: Count('id') })).toEqual({ total: null, n: 0 });
  });

  it('counts a sliced, distinct or values() queryset around its SELECT, sharing the SQL between values', async () => {
    const counted = async (reading: number) => Gauge.objects.filter({ reading__gte: reading }).valuesList('label').distinct().slice(0, 2).count();
    expect(await counted(1)).toBe(2);
    expect(await counted(3)).toBe(1);
    expect(seen[1].sql).toBe(seen[0].sql);
    expect(seen[0].sql).toMatch(/^SELECT COUNT\(\*\) .* FROM \(SELECT DISTINCT /);
  });

  it('binds a model instance as its primary key into the SQL it shares with other instances', async () => {
    const [a, c] = [await Gauge.objects.get({ label: 'a' }), await Gauge.objects.get({ label: 'c' })];
    seen.length = 0;
    expect(labels(await Gauge.objects.filter({ id: a as never }))).toEqual(['a']);
    expect(labels(await Gauge.objects.filter({ id: c as never }))).toEqual(['c']);
    expect(seen[1].sql).toBe(seen[0].sql);
    expect([seen[0].params, seen[1].params]).toEqual([[a.pk], [c.pk]]);
  });

  it('binds parameters of other JavaScript types into the same SQL: a number, numeric text, a bigint', async () => {
    const byValue = async (value: unknown) => Gauge.objects.filter({ reading__lte: value as number }).valuesList('label', { flat: true });
    expect(await byValue(1)).toEqual(['a']);
    expect(await byValue('2')).toEqual(['a', 'b']);
    expect(await byValue(3n)).toEqual(['a', 'b', 'c']);
    expect(new Set(seen.map((query) => query.sql)).size).toBe(1);
  });

  it('binds new values of exact, iexact, comparison and regex lookups into the SQL compiled for the first', async () => {
    const matching = async (filters: Record<string, unknown>) => labels(await Gauge.objects.filter(filters as never));
    const runs = [
      [{ label: 'a', reading__gte: 1 }, ['a']],
      [{ label: 'b', reading__gte: 3 }, []],
      [{ label__iexact: 'C', reading__lt: 9 }, ['c']],
      [{ label__iexact: 'B', reading__lt: 2 }, []],
      [{ label__regex: '^[ab]$', reading__lte: 2, id__gt: 0 }, ['a', 'b']],
      [{ label__regex: '^[cd]$', reading__lte: 3, id__gt: 0 }, ['c']],
    ] as const;
    for (const [filters, expected] of runs) expect(await matching(filters)).toEqual(expected);
    for (let i = 0; i < runs.length; i += 2) expect(seen[i + 1].sql).toBe(seen[i].sql);
    expect(seen.map((query) => query.params)).toEqual([
      ['a', 1],
      ['b', 3],
      ['C', 9],
      ['B', 2],
      ['^[ab]$', 2, 0],
      ['^[cd]$', 3, 0],
    ]);
  });

  it('converts and checks each new value of a shared shape as it did the first: a bad value still fails, an expression compiles apart', async () => {
    expect(labels(await Gauge.objects.filter({ reading__gt: '2' as never }))).toEqual(['c']);
    await expect(Gauge.objects.filter({ reading__gt: 'two' as never })).rejects.toThrow(/integer/);
    expect(labels(await Gauge.objects.filter({ reading__gt: '1' as never }))).toEqual(['b', 'c']);
    expect(labels(await Gauge.objects.filter({ reading: 3 }))).toEqual(['c']);
    expect(labels(await Gauge.objects.filter({ reading: F('id') }))).toEqual(['a', 'b', 'c']);
    expect(labels(await Gauge.objects.filter({ reading: 2 }))).toEqual(['b']);
  });

  it('never shares SQL between querysets naming the same fields in other parts or groupings', async () => {
    expect(await Gauge.objects.orderBy('-label', 'reading').values('label')).toEqual([{ label: 'd' }, { label: 'c' }, { label: 'b' }, { label: 'a' }]);
    expect(await Gauge.objects.orderBy('-label').values('reading', 'label')).toEqual([
      { reading: null, label: 'd' },
      { reading: 3, label: 'c' },
      { reading: 2, label: 'b' },
      { reading: 1, label: 'a' },
    ]);
    expect(labels(await Gauge.objects.filter(Q({ label: 'a' }).or(Q({ reading: 3 }))))).toEqual(['a', 'c']);
    expect(labels(await Gauge.objects.filter(Q({ label: 'a' }).and(Q({ reading: 3 }))))).toEqual([]);
    expect(labels(await Gauge.objects.filter({ label: 'c' }).filter({ reading: 3 }))).toEqual(['c']);
    expect(labels(await Gauge.objects.exclude({ label: 'c' }).filter({ reading: 3 }))).toEqual([]);
  });

  it('keeps sharing SQL between querysets of one shape after many other shapes of the model filled its cache', async () => {
    // Each offset is another shape (several trie steps each): enough of them to start the cache afresh.
    for (let offset = 0; offset < 800; offset++) await Gauge.objects.all().slice(offset, offset + 1);
    seen.length = 0;
    expect(labels(await Gauge.objects.filter({ label: 'a' }).slice(0, 1))).toEqual(['a']);
    expect(labels(await Gauge.objects.filter({ label: 'b' }).slice(0, 1))).toEqual(['b']);
    expect(seen[1].sql).toBe(seen[0].sql);
    expect(seen.map((query) => query.params)).toEqual([['a'], ['b']]);
  });

  it('compiles other SQL where a value changes it: null, isnull, lists of other lengths, exclude()', async () => {
    expect(labels(await Gauge.objects.filter({ reading: 1 }))).toEqual(['a']);
    expect(labels(await Gauge.objects.filter({ reading: null }))).toEqual(['d']);
    expect(labels(await Gauge.objects.filter({ reading__isnull: true }))).toEqual(['d']);
    expect(labels(await Gauge.objects.filter({ reading__isnull: false }))).toEqual(['a', 'b', 'c']);
    expect(labels(await Gauge.objects.filter({ reading__in: [1] }))).toEqual(['a']);
    expect(labels(await Gauge.objects.filter({ reading__in: [1, 3] }))).toEqual(['a', 'c']);
    expect(labels(await Gauge.objects.filter({ reading__in: [] }))).toEqual([]);
    expect(labels(await Gauge.objects.filter({ reading__in: [2, null] }))).toEqual(['b']);
    expect(labels(await Gauge.objects.filter({ reading__in: [null, 2] }))).toEqual(['b']);
    expect(labels(await Gauge.objects.exclude({ reading: 1 }))).toEqual(['b', 'c', 'd']);
    expect(labels(await Gauge.objects.exclude({ reading: 2 }))).toEqual(['a', 'c', 'd']);
    expect(labels(await Gauge.objects.filter({ reading: 2 }).slice(0, 1))).toEqual(['b']);
    expect(labels(await Gauge.objects.filter({ reading: 2 }).slice(1, 2))).toEqual([]);
  });

  it('reads the table as it is now after it is dropped and created again with another column type between two runs of the same SQL', async () => {
    const readings = () => Gauge.objects.filter({ label__in: ['a', 'b'] }).valuesList('reading', { flat: true });
    expect(await readings()).toEqual([1, 2]);
    await db.execute('DROP TABLE cache_gauge');
    await db.execute(createTableSql(dialect, dialect === 'mysql' ? 'varchar(10)' : 'text'));
    await db.execute("INSERT INTO cache_gauge (label, reading) VALUES ('a', '7'), ('b', '8')");
    expect(await readings()).toEqual([7, 8]);
    await db.execute('DROP TABLE cache_gauge');
    await expect(readings()).rejects.toThrow(/cache_gauge/);
  });

  it('reads a column whose type was altered between two runs of the same SQL, inside and outside a transaction', async () => {
    const readings = () => Gauge.objects.filter({ label__in: ['a', 'c'] }).valuesList('reading', { flat: true });
    expect(await readings()).toEqual([1, 3]);
    const alter =
      dialect === 'postgresql'
        ? 'ALTER TABLE cache_gauge ALTER COLUMN reading TYPE bigint'
        : dialect === 'mysql'
          ? 'ALTER TABLE cache_gauge MODIFY reading bigint NULL'
          : 'ALTER TABLE cache_gauge ADD COLUMN note text';
    await db.execute(alter);
    expect(await readings()).toEqual([1, 3]);
    await atomic(async () => {
      expect(await readings()).toEqual([1, 3]);
      await db.execute(
        dialect === 'postgresql' ? 'ALTER TABLE cache_gauge ALTER COLUMN reading TYPE numeric(12, 2)' : 'ALTER TABLE cache_gauge ADD COLUMN extra integer',
      );
      expect(await readings()).toEqual([1, 3]);
    });
    expect(await readings()).toEqual([1, 3]);
  });

  it('runs the same shapes at once on the pool and inside a transaction', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const outside = Promise.all(Array.from({ length: 24 }, (_, i) => Gauge.objects.get({ label: names[i % 4] }).then((gauge) => gauge.label)));
    const inside = atomic(async () => {
      const found: string[] = [];
      for (const name of names) found.push((await Gauge.objects.get({ label: name })).label);
      return found;
    });
    expect(await outside).toEqual(Array.from({ length: 24 }, (_, i) => names[i % 4]));
    expect(await inside).toEqual(names);
  });

  it('keeps working on the connection after a statement failed inside a transaction', async () => {
    await expect(
      atomic(async () => {
        await Gauge.objects.get({ label: 'a' });
        await db.execute('SELECT no_such_column FROM cache_gauge');
      }),
    ).rejects.toThrow(/no_such_column/);
    expect((await Gauge.objects.get({ label: 'a' })).reading).toBe(1);
  });

  if (dialect === 'postgresql') {
    const preparedCount = async () => Number((await db.query<{ n: unknown }>('SELECT count(*) AS n FROM pg_prepared_statements'))[0].n);

    it('prepares a statement again when another connection changed its result type (PostgreSQL)', async () => {
      const readings = () => Gauge.objects.filter({ label: 'b' }).valuesList('reading', { flat: true });
      expect(await readings()).toEqual([2]);
      const other = connectDatabase('other', testDb.settings);
      try {
        await other.execute('ALTER TABLE cache_gauge ALTER COLUMN reading TYPE bigint');
      } finally {
        await other.close();
      }
      expect(await readings()).toEqual([2]);
    });

    it('prepares a SELECT on its sixth run on a connection by default, and never with prepare_threshold null (PostgreSQL)', async () => {
      const countAfter = async (options: Record<string, unknown>, runs: number) => {
        const other = connectDatabases({ default: { ...testDb.settings, OPTIONS: { ...testDb.settings.OPTIONS, ...options } } });
        configureOrm({ databases: other });
        try {
          return await other.get().transaction(async (tx) => {
            for (let i = 0; i < runs; i++) await Gauge.objects.filter({ label: 'a' });
            return Number((await tx.query<{ n: unknown }>('SELECT count(*) AS n FROM pg_prepared_statements'))[0].n);
          });
        } finally {
          await other.closeAll();
        }
      };
      expect(await countAfter({}, 5)).toBe(0);
      expect(await countAfter({}, 6)).toBe(1);
      expect(await countAfter({ prepare_threshold: null }, 20)).toBe(0);
    });

    it('prepares the count(), exists() and aggregate() queries as named statements too (PostgreSQL)', async () => {
      await atomic(async () => {
        await Gauge.objects.filter({ label: 'a' }).count();
        await Gauge.objects.filter({ label: 'a' }).exists();
        await Gauge.objects.filter({ label: 'a' }).aggregate({ n: Count('id') });
        const prepared = await db.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
        expect(prepared.map((row) => row.statement.split(' FROM ')[0])).toEqual(
          expect.arrayContaining(['SELECT COUNT(*) AS "n"', 'SELECT 1 AS "a"', 'SELECT COUNT("cache_gauge"."id") AS "a0"']),
        );
      });
    });

    it('refuses a prepare_threshold that is not a whole number or null, naming the setting', () => {
      expect(() => connectDatabase('default', { ...testDb.settings, OPTIONS: { prepare_threshold: 'often' } })).toThrow(
        'DATABASES["default"]["OPTIONS"]["prepare_threshold"] is "often"; expected a whole number of runs',
      );
    });

    it('keeps at most 100 named statements on a PostgreSQL connection, and drops them after a schema change', async () => {
      await atomic(async () => {
        for (let n = 1; n <= 130; n++) await Gauge.objects.filter({ reading__in: Array.from({ length: n }, (_, i) => i) });
        const count = await preparedCount();
        expect(count).toBeGreaterThan(50);
        expect(count).toBeLessThanOrEqual(100);
        await db.execute('CREATE TABLE cache_other (id integer)');
        await Gauge.objects.filter({ label: 'a' });
        expect(await preparedCount()).toBe(1);
        await db.execute('DROP TABLE cache_other');
      });
    });
  }

  if (dialect === 'mysql') {
    it('runs count(), exists() and aggregate() as server-side prepared statements, prepared once per connection (MySQL/MariaDB)', async () => {
      await atomic(async () => {
        const prepares = async () => Number((await db.query<{ Value: unknown }>("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'"))[0].Value);
        const before = await prepares();
        for (const suffix of ['a', 'b', 'z']) {
          await Gauge.objects.filter({ label__endswith: suffix }).count();
          await Gauge.objects.filter({ label__endswith: suffix }).exists();
          await Gauge.objects.filter({ label__endswith: suffix }).aggregate({ n: Count('id') });
        }
        expect((await prepares()) - before).toBe(3);
      });
    });
  }
});
