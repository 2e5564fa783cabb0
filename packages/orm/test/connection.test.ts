import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImproperlyConfigured as SharedImproperlyConfigured, isImproperlyConfigured } from '@manouche/contracts';
import { connectDatabase, connectDatabases, ConnectionError, ImproperlyConfigured, IntegrityError, type Connection } from '../src/index.js';
import { createTestDatabase, maskUrl, testDatabaseTargets, type TestDatabase } from '../src/testing.js';

describe.each(testDatabaseTargets())('a $dialect connection', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let testDb: TestDatabase;
  let db: Connection;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    db = testDb.database;
    const id =
      dialect === 'postgresql' ? 'serial PRIMARY KEY' : dialect === 'mysql' ? 'integer AUTO_INCREMENT PRIMARY KEY' : 'integer PRIMARY KEY AUTOINCREMENT';
    await db.execute(`CREATE TABLE ${db.quoteName('conn_item')} (${db.quoteName('id')} ${id}, ${db.quoteName('name')} varchar(50) NOT NULL UNIQUE)`);
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  const p = (n: number) => (dialect === 'postgresql' ? `$${n}` : '?');

  it('reports its dialect, vendor and whether DDL is transactional', () => {
    expect(db.dialect).toBe(dialect);
    expect(db.vendor).toBe(dialect === 'mysql' ? 'mariadb' : dialect);
    expect(db.supportsTransactionalDdl).toBe(dialect !== 'mysql');
  });

  it('quotes identifiers, doubling embedded quote characters', () => {
    if (dialect === 'mysql') expect(db.quoteName('a`b')).toBe('`a``b`');
    else expect(db.quoteName('a"b')).toBe('"a""b"');
  });

  it('runs statements with parameters and returns rows keyed by column', async () => {
    const result = await db.execute(`INSERT INTO ${db.quoteName('conn_item')} (${db.quoteName('name')}) VALUES (${p(1)})`, ["O'Brien; DROP TABLE conn_item"]);
    expect(result.rowsAffected).toBe(1);
    const rows = await db.query<{ name: string }>(`SELECT ${db.quoteName('name')} FROM ${db.quoteName('conn_item')} WHERE ${db.quoteName('name')} = ${p(1)}`, [
      "O'Brien; DROP TABLE conn_item",
    ]);
    expect(rows).toEqual([{ name: "O'Brien; DROP TABLE conn_item" }]);
  });

  it('commits a transaction and rolls back a nested savepoint that throws', async () => {
    const insert = (conn: { execute: Connection['execute'] }, name: string) =>
      conn.execute(`INSERT INTO ${db.quoteName('conn_item')} (${db.quoteName('name')}) VALUES (${p(1)})`, [name]);
    await db.transaction(async (tx) => {
      await insert(tx, 'outer');
      await expect(
        tx.transaction(async (inner) => {
          await insert(inner, 'inner');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await insert(db, 'root-inside');
    });
    const names = (await db.query<{ name: string }>(`SELECT ${db.quoteName('name')} FROM ${db.quoteName('conn_item')} ORDER BY ${db.quoteName('id')}`)).map(
      (row) => row.name,
    );
    expect(names).toContain('outer');
    expect(names).toContain('root-inside');
    expect(names).not.toContain('inner');
  });

  it('rolls back the whole transaction when the callback throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(`INSERT INTO ${db.quoteName('conn_item')} (${db.quoteName('name')}) VALUES (${p(1)})`, ['lost']);
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(await db.query(`SELECT * FROM ${db.quoteName('conn_item')} WHERE ${db.quoteName('name')} = ${p(1)}`, ['lost'])).toEqual([]);
  });

  it('runs onCommit callbacks after the commit, and drops those of a rolled-back savepoint', async () => {
    const calls: string[] = [];
    await db.transaction(async (tx) => {
      await db.onCommit(() => calls.push('kept'));
      await tx
        .transaction(async () => {
          await db.onCommit(() => calls.push('dropped'));
          throw new Error('x');
        })
        .catch(() => undefined);
      expect(calls).toEqual([]);
    });
    expect(calls).toEqual(['kept']);
  });

  it('wraps a unique violation in an IntegrityError', async () => {
    const sql = `INSERT INTO ${db.quoteName('conn_item')} (${db.quoteName('name')}) VALUES (${p(1)})`;
    await db.execute(sql, ['dup']);
    const error = await db.execute(sql, ['dup']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).code).toBe('MANOUCHE_ORM_INTEGRITY_ERROR');
  });
});

describe('connection settings', () => {
  it('rejects an unknown ENGINE naming the alias and the expected values', () => {
    expect(() => connectDatabase('other', { ENGINE: 'oracle' as 'sqlite', NAME: 'x' })).toThrow(ImproperlyConfigured);
    expect(() => connectDatabase('other', { ENGINE: 'oracle' as 'sqlite', NAME: 'x' })).toThrow(
      /DATABASES\["other"\]\.ENGINE is "oracle"; expected "sqlite", "postgresql" or "mysql"/,
    );
  });

  it("raises the one ImproperlyConfigured every layer shares (the contracts' class and code)", () => {
    const error = (() => {
      try {
        connectDatabase('other', { ENGINE: 'oracle' as 'sqlite', NAME: 'x' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SharedImproperlyConfigured);
    expect(ImproperlyConfigured).toBe(SharedImproperlyConfigured);
    expect(isImproperlyConfigured(error)).toBe(true);
    expect((error as { code: string }).code).toBe('MANOUCHE_IMPROPERLY_CONFIGURED');
  });

  it('accepts Django engine names', async () => {
    const db = connectDatabase('default', { ENGINE: 'django.db.backends.sqlite3' as 'sqlite', NAME: ':memory:' });
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await db.close();
  });

  it('lists the configured aliases when an unknown one is asked for', async () => {
    const registry = connectDatabases({ default: { ENGINE: 'sqlite', NAME: ':memory:' }, replica: { ENGINE: 'sqlite', NAME: ':memory:' } });
    expect(registry.aliases()).toEqual(['default', 'replica']);
    expect(() => registry.get('nope')).toThrow('The database alias "nope" is not in DATABASES; configured aliases: default, replica.');
    expect(registry.get('replica').alias).toBe('replica');
    await registry.closeAll();
  });

  it('names the server without its password when it cannot be reached', async () => {
    const db = connectDatabase('default', { ENGINE: 'postgresql', NAME: 'x', HOST: '127.0.0.1', PORT: 1, USER: 'u', PASSWORD: 'sekret' });
    const error = await db.query('SELECT 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('postgres://u:***@127.0.0.1:1/x');
    expect((error as Error).message).not.toContain('sekret');
    expect(maskUrl('postgres://u:sekret@h/db')).toBe('postgres://u:***@h/db');
  });
});
