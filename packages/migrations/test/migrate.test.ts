import type { Database, FieldSpec } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineMigration,
  InconsistentHistoryError,
  introspectionFor,
  IrreversibleError,
  MigrationFailedError,
  MigrationGraph,
  MigrationRecorder,
  migrate,
  ops,
  showMigrations,
  sqlMigrate,
  type Operation,
} from '../src/index.js';
import { namedMigration } from '../src/migration.js';

const id: FieldSpec = { type: 'bigAuto', primaryKey: true };

function graphOf(
  app: string,
  ...migrations: Array<{ name: string; operations: Operation[]; initial?: boolean; dependencies?: Array<[string, string]> }>
): MigrationGraph {
  return new MigrationGraph(
    migrations.map((m, i) =>
      namedMigration(
        app,
        m.name,
        defineMigration({
          initial: m.initial ?? i === 0,
          operations: m.operations,
          dependencies: m.dependencies ?? (i === 0 ? [] : [[app, migrations[i - 1].name]]),
        }),
      ),
    ),
  );
}

function output(): { write(text: string): void; text: string } {
  const sink = { text: '', write: (t: string) => void (sink.text += t) };
  return sink;
}

const ph = (db: Database, n: number) => (db.dialect === 'postgresql' ? `$${n}` : '?');

describe.each(testDatabaseTargets())('migrate on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  const db = () => testDb.database;
  const tables = async () => introspectionFor(db()).tableNames();

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('applies every migration once, records it, and says there is nothing to apply the second time', async () => {
    const graph = graphOf('idem', {
      name: '0001_initial',
      operations: [ops.createModel({ name: 'Note', table: 'idem_note', fields: { id, text: { type: 'text' } } })],
    });
    const first = output();
    await migrate({ database: db(), graph, stdout: first });
    expect(first.text).toBe('Operations to perform:\n  Apply all migrations: idem\nRunning migrations:\n  Applying idem.0001_initial... OK\n');
    const second = output();
    const result = await migrate({ database: db(), graph, stdout: second });
    expect(result.applied).toEqual([]);
    expect(second.text).toBe('Operations to perform:\n  Apply all migrations: idem\nRunning migrations:\n  No migrations to apply.\n');
    expect(await new MigrationRecorder(db()).appliedMigrations()).toContain('idem.0001_initial');
    const recorded = await db().query<{ app: string; name: string }>(
      `SELECT ${db().quoteName('app')}, ${db().quoteName('name')} FROM ${db().quoteName('manouche_migrations')}`,
    );
    expect(recorded).toContainEqual({ app: 'idem', name: '0001_initial' });
  });

  it('prints the plan, forwards and backwards, without changing anything', async () => {
    const graph = graphOf('planned', {
      name: '0001_initial',
      operations: [ops.createModel({ name: 'Thing', table: 'planned_thing', fields: { id } }), ops.runSql({ sql: 'SELECT 1' })],
    });
    const out = output();
    await migrate({ database: db(), graph, plan: true, stdout: out });
    expect(out.text).toBe('Planned operations:\nplanned.0001_initial\n    Create model Thing\n    Raw SQL operation\n');
    expect(await tables()).not.toContain('planned_thing');
    await migrate({ database: db(), graph });
    const back = output();
    await migrate({ database: db(), graph, target: { app: 'planned', name: 'zero' }, plan: true, stdout: back });
    expect(back.text).toBe('Planned operations:\nplanned.0001_initial\n    Undo Raw SQL operation -> IRREVERSIBLE\n    Undo Create model Thing\n');
  });

  it('records migrations without running them with fake, and fakes an initial migration whose tables exist with fakeInitial', async () => {
    const graph = graphOf(
      'faked',
      { name: '0001_initial', operations: [ops.createModel({ name: 'Thing', table: 'faked_thing', fields: { id } })] },
      { name: '0002_thing_size', operations: [ops.addField({ model: 'Thing', name: 'size', field: { type: 'integer', default: 1 } })] },
    );
    const out = output();
    await migrate({ database: db(), graph, target: { app: 'faked', name: '0001' }, fake: true, stdout: out });
    expect(out.text).toContain('  Applying faked.0001_initial... FAKED\n');
    expect(await tables()).not.toContain('faked_thing');
    await migrate({ database: db(), graph, target: { app: 'faked', name: 'zero' }, fake: true });
    expect(await new MigrationRecorder(db()).appliedMigrations()).not.toContain('faked.0001_initial');

    await db().execute(`CREATE TABLE ${db().quoteName('faked_thing')} (${db().quoteName('id')} integer PRIMARY KEY)`);
    const initial = output();
    const result = await migrate({ database: db(), graph, fakeInitial: true, stdout: initial });
    expect(result.faked).toEqual(['faked.0001_initial']);
    expect(result.applied).toEqual(['faked.0002_thing_size']);
    expect(initial.text).toContain('  Applying faked.0001_initial... FAKED\n  Applying faked.0002_thing_size... OK\n');
  });

  it('refuses a history where a migration is applied before its dependency, naming both and the database', async () => {
    const graph = graphOf('incons', { name: '0001_initial', operations: [] }, { name: '0002_second', operations: [] });
    await new MigrationRecorder(db()).ensureTable();
    await new MigrationRecorder(db()).recordApplied('incons', '0002_second');
    await expect(migrate({ database: db(), graph })).rejects.toThrow(InconsistentHistoryError);
    await expect(migrate({ database: db(), graph })).rejects.toThrow(
      "Migration incons.0002_second is applied before its dependency incons.0001_initial on database 'default'.",
    );
  });

  it('names the operation that failed and what it left behind', async () => {
    const graph = graphOf('broken', {
      name: '0001_initial',
      operations: [
        ops.createModel({ name: 'Thing', table: 'broken_thing', fields: { id } }),
        ops.runSql({ sql: 'SELECT * FROM no_such_table_here', reverseSql: [] }),
      ],
    });
    const error = (await migrate({ database: db(), graph }).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect(error.message).toContain('broken.0001_initial failed at operation 2 of 2 (Raw SQL operation)');
    if (db().supportsTransactionalDdl) {
      expect(error.message).toContain('It was rolled back: nothing of it is applied.');
      expect(await tables()).not.toContain('broken_thing');
    } else {
      expect(error.message).toMatch(
        /(MariaDB|MySQL) cannot roll back DDL, so these operations stay applied: 1\. Create model Thing\. The migration is not recorded as applied/,
      );
      await db().execute(`DROP TABLE ${db().quoteName('broken_thing')}`);
    }
    expect(await new MigrationRecorder(db()).appliedMigrations()).not.toContain('broken.0001_initial');
  });

  it('refuses to unapply an irreversible migration, saying why, before changing anything', async () => {
    const graph = graphOf(
      'oneway',
      { name: '0001_initial', operations: [ops.createModel({ name: 'Thing', table: 'oneway_thing', fields: { id } })] },
      { name: '0002_sql', operations: [ops.runSql({ sql: 'SELECT 1' })] },
    );
    await migrate({ database: db(), graph });
    const back = migrate({ database: db(), graph, target: { app: 'oneway', name: 'zero' } });
    await expect(back).rejects.toThrow(IrreversibleError);
    await expect(migrate({ database: db(), graph, target: { app: 'oneway', name: 'zero' } })).rejects.toThrow(
      'Migration oneway.0002_sql is not reversible: operation 1 (Raw SQL operation): runSql was given no reverseSql',
    );
    expect(await tables()).toContain('oneway_thing');
  });

  it('keeps every child row when the parent table changes (a rebuild on SQLite), even with ON DELETE CASCADE', async () => {
    const child = {
      sqlite: 'CREATE TABLE "family_child" ("id" integer PRIMARY KEY, "parent_id" bigint NOT NULL REFERENCES "family_parent" ("id") ON DELETE CASCADE)',
      postgresql: 'CREATE TABLE "family_child" ("id" integer PRIMARY KEY, "parent_id" bigint NOT NULL REFERENCES "family_parent" ("id") ON DELETE CASCADE)',
      mysql:
        'CREATE TABLE `family_child` (`id` integer PRIMARY KEY, `parent_id` bigint NOT NULL, FOREIGN KEY (`parent_id`) REFERENCES `family_parent` (`id`) ON DELETE CASCADE)',
    };
    const graph = graphOf(
      'family',
      {
        name: '0001_initial',
        operations: [
          ops.createModel({ name: 'Parent', table: 'family_parent', fields: { id, name: { type: 'char', maxLength: 20 } } }),
          ops.runSql({ sql: child, reverseSql: 'DROP TABLE family_child' }),
        ],
      },
      {
        name: '0002_parent_rank',
        operations: [
          ops.addField({ model: 'Parent', name: 'rank', field: { type: 'integer', default: 7 } }),
          ops.alterField({ model: 'Parent', name: 'name', field: { type: 'char', maxLength: 40, null: true } }),
        ],
      },
    );
    await migrate({ database: db(), graph, target: { app: 'family', name: '0001' } });
    const q = (n: string) => db().quoteName(n);
    await db().execute(`INSERT INTO ${q('family_parent')} (${q('id')}, ${q('name')}) VALUES (1, 'p')`);
    for (const childId of [1, 2, 3])
      await db().execute(`INSERT INTO ${q('family_child')} (${q('id')}, ${q('parent_id')}) VALUES (${ph(db(), 1)}, 1)`, [childId]);
    await migrate({ database: db(), graph });
    expect(await db().query(`SELECT ${q('id')} FROM ${q('family_child')} ORDER BY ${q('id')}`)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect((await db().query<{ rank: number }>(`SELECT ${q('rank')} FROM ${q('family_parent')}`)).map((r) => Number(r.rank))).toEqual([7]);
    await migrate({ database: db(), graph, target: { app: 'family', name: '0001' } });
    expect(await db().query(`SELECT ${q('id')} FROM ${q('family_child')} ORDER BY ${q('id')}`)).toHaveLength(3);
    if (dialect === 'sqlite') expect(await db().query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  it('creates and drops the join table of a many-to-many field', async () => {
    const graph = graphOf(
      'tags',
      {
        name: '0001_initial',
        operations: [
          ops.createModel({ name: 'Tag', table: 'tags_tag', fields: { id } }),
          ops.createModel({ name: 'Item', table: 'tags_item', fields: { id } }),
        ],
      },
      {
        name: '0002_item_tags',
        operations: [
          ops.addField({
            model: 'Item',
            name: 'tags',
            field: { type: 'manyToMany', to: 'tags.Tag', joinTable: { table: 'tags_item_tags', sourceColumn: 'item_id', targetColumn: 'tag_id' } },
          }),
        ],
      },
    );
    await migrate({ database: db(), graph });
    const join = await introspectionFor(db()).describeTable('tags_item_tags');
    expect(join.columns.map((c) => c.name)).toEqual(['id', 'item_id', 'tag_id']);
    expect(join.foreignKeys.map((fk) => `${fk.column}->${fk.toTable}`).sort()).toEqual(['item_id->tags_item', 'tag_id->tags_tag']);
    expect(join.indexes.some((ix) => ix.unique && ix.columns.join() === 'item_id,tag_id')).toBe(true);
    await migrate({ database: db(), graph, target: { app: 'tags', name: '0001' } });
    expect(await tables()).not.toContain('tags_item_tags');
  });

  it('gives a data migration the historical models, forwards and backwards', async () => {
    const seen: string[] = [];
    const graph = graphOf(
      'data',
      { name: '0001_initial', operations: [ops.createModel({ name: 'Thing', table: 'data_thing', fields: { id, label: { type: 'char', maxLength: 10 } } })] },
      {
        name: '0002_fill',
        operations: [
          ops.runCode({
            code: async ({ db: conn, models, state }) => {
              seen.push(`forwards ${Object.keys(models.Thing.fields).join(',')} ${state.has('data', 'Thing')}`);
              await conn.execute(`INSERT INTO ${conn.quoteName(models.Thing.table)} (${conn.quoteName('label')}) VALUES (${ph(conn, 1)})`, ['made']);
            },
            reverse: async ({ db: conn, models }) => {
              seen.push('backwards');
              await conn.execute(`DELETE FROM ${conn.quoteName(models.Thing.table)}`);
            },
          }),
        ],
      },
    );
    await migrate({ database: db(), graph });
    expect(await db().query(`SELECT ${db().quoteName('label')} FROM ${db().quoteName('data_thing')}`)).toEqual([{ label: 'made' }]);
    await migrate({ database: db(), graph, target: { app: 'data', name: '0001' } });
    expect(await db().query(`SELECT * FROM ${db().quoteName('data_thing')}`)).toEqual([]);
    expect(seen).toEqual(['forwards id,label true', 'backwards']);
  });

  it('lets the database and the state change separately', async () => {
    const table = 'split_thing';
    const graph = graphOf('split', {
      name: '0001_initial',
      operations: [
        ops.separateDatabaseAndState({
          databaseOperations: [ops.runSql({ sql: `CREATE TABLE ${table} (id integer PRIMARY KEY)`, reverseSql: `DROP TABLE ${table}` })],
          stateOperations: [ops.createModel({ name: 'Thing', table, fields: { id: { type: 'integer', primaryKey: true } } })],
        }),
      ],
    });
    await migrate({ database: db(), graph });
    expect(await tables()).toContain(table);
    expect(graph.stateAfter().model('split', 'Thing').table).toBe(table);
    await migrate({ database: db(), graph, target: { app: 'split', name: 'zero' } });
    expect(await tables()).not.toContain(table);
  });

  it('applies and reverses every schema operation, keeping rows', async () => {
    const graph = graphOf(
      'every',
      {
        name: '0001_initial',
        operations: [
          ops.createModel({ name: 'Author', table: 'every_author', fields: { id, name: { type: 'char', maxLength: 30 } } }),
          ops.createModel({
            name: 'Book',
            table: 'every_book',
            fields: {
              id,
              title: { type: 'char', maxLength: 30 },
              pages: { type: 'integer', default: 1 },
              author: { type: 'foreignKey', to: 'every.Author', null: true },
            },
          }),
        ],
      },
      { name: '0002_rename_model', operations: [ops.renameModel({ oldName: 'Author', newName: 'Writer', table: 'every_writer' })] },
      { name: '0003_table', operations: [ops.alterModelTable({ name: 'Book', table: 'every_volume' })] },
      { name: '0004_options', operations: [ops.alterModelOptions({ name: 'Book', options: { ordering: ['title'], verboseName: 'volume' } })] },
      { name: '0005_index', operations: [ops.addIndex({ model: 'Book', index: { name: 'every_book_title_pages', fields: ['title', 'pages'] } })] },
      {
        name: '0006_constraint',
        operations: [
          ops.addConstraint({ model: 'Book', constraint: { kind: 'check', name: 'every_pages_positive', check: 'pages > 0' } }),
          ops.addConstraint({ model: 'Book', constraint: { kind: 'unique', name: 'every_title_uniq', fields: ['title'] } }),
        ],
      },
      { name: '0007_together', operations: [ops.alterUniqueTogether({ name: 'Book', uniqueTogether: [['title', 'author']] })] },
      {
        name: '0008_removals',
        operations: [ops.removeIndex({ model: 'Book', name: 'every_book_title_pages' }), ops.removeConstraint({ model: 'Book', name: 'every_pages_positive' })],
      },
      {
        name: '0009_fields',
        operations: [
          ops.alterField({ model: 'Book', name: 'pages', field: { type: 'bigInteger', null: true } }),
          ops.renameField({ model: 'Book', oldName: 'title', newName: 'name' }),
        ],
      },
    );
    const q = (n: string) => db().quoteName(n);
    await migrate({ database: db(), graph, target: { app: 'every', name: '0001' } });
    await db().execute(`INSERT INTO ${q('every_author')} (${q('id')}, ${q('name')}) VALUES (1, 'Ann')`);
    await db().execute(`INSERT INTO ${q('every_book')} (${q('title')}, ${q('pages')}, ${q('author_id')}) VALUES ('One', 10, 1)`);
    await migrate({ database: db(), graph });
    const introspection = introspectionFor(db());
    expect(await tables()).toEqual(expect.arrayContaining(['every_writer', 'every_volume']));
    const volume = await introspection.describeTable('every_volume');
    expect(volume.columns.map((c) => c.name).sort()).toEqual(['author_id', 'id', 'name', 'pages']);
    expect(volume.columns.find((c) => c.name === 'pages')!.nullable).toBe(true);
    expect(volume.foreignKeys.map((fk) => `${fk.column}->${fk.toTable}`)).toEqual(['author_id->every_writer']);
    expect(
      volume.indexes
        .filter((ix) => ix.unique && !ix.primaryKey)
        .map((ix) => ix.columns.join(','))
        .sort(),
    ).toEqual(['name', 'name,author_id']);
    expect(volume.indexes.some((ix) => ix.name === 'every_book_title_pages')).toBe(false);
    await expect(db().execute(`INSERT INTO ${q('every_volume')} (${q('name')}, ${q('pages')}) VALUES ('One', 5)`)).rejects.toThrow();
    expect(await db().query(`SELECT ${q('name')} FROM ${q('every_volume')}`)).toEqual([{ name: 'One' }]);

    await migrate({ database: db(), graph, target: { app: 'every', name: '0005' } });
    const back = await introspection.describeTable('every_volume');
    expect(back.indexes.some((ix) => ix.name === 'every_book_title_pages')).toBe(true);
    expect(back.indexes.filter((ix) => ix.unique && !ix.primaryKey)).toEqual([]);
    await migrate({ database: db(), graph, target: { app: 'every', name: 'zero' } });
    expect((await tables()).filter((t) => t.startsWith('every_'))).toEqual([]);
  });

  it('fills an added autoNow column with the time of the migration', async () => {
    const graph = graphOf(
      'stamped',
      { name: '0001_initial', operations: [ops.createModel({ name: 'Thing', table: 'stamped_thing', fields: { id } })] },
      { name: '0002_thing_updated', operations: [ops.addField({ model: 'Thing', name: 'updated', field: { type: 'dateTime', autoNow: true } })] },
    );
    await migrate({ database: db(), graph, target: { app: 'stamped', name: '0001' } });
    await db().execute(`INSERT INTO ${db().quoteName('stamped_thing')} (${db().quoteName('id')}) VALUES (1)`);
    const before = Date.now();
    await migrate({ database: db(), graph });
    const [row] = await db().query<{ updated: unknown }>(`SELECT ${db().quoteName('updated')} FROM ${db().quoteName('stamped_thing')}`);
    const value =
      row.updated instanceof Date ? row.updated : new Date(`${String(row.updated).replace(' ', 'T')}${/[Z+]/.test(String(row.updated)) ? '' : 'Z'}`);
    expect(Math.abs(value.getTime() - before)).toBeLessThan(60_000);
  });

  it('shows applied and unapplied migrations, per app and as a plan', async () => {
    const graph = graphOf('shown', { name: '0001_initial', operations: [] }, { name: '0002_more', operations: [] });
    await migrate({ database: db(), graph, target: { app: 'shown', name: '0001_initial' } });
    expect(await showMigrations({ database: db(), graph })).toEqual(['shown', ' [X] 0001_initial', ' [ ] 0002_more']);
    expect(await showMigrations({ database: db(), graph, plan: true })).toEqual(['[X]  shown.0001_initial', '[ ]  shown.0002_more']);
  });

  it('prints the SQL of a migration for this database, forwards and backwards', async () => {
    const graph = graphOf(
      'printed',
      { name: '0001_initial', operations: [ops.createModel({ name: 'Thing', table: 'printed_thing', fields: { id, size: { type: 'integer', default: 3 } } })] },
      { name: '0002_thing_label', operations: [ops.addField({ model: 'Thing', name: 'label', field: { type: 'char', maxLength: 5, default: "o'k" } })] },
    );
    const forwards = await sqlMigrate({ database: db(), graph, app: 'printed', name: '0002' });
    const backwards = await sqlMigrate({ database: db(), graph, app: 'printed', name: '0002', backwards: true });
    expect(forwards).toContain('--\n-- Add field label to thing\n--\n');
    expect(forwards).toContain(`'o''k'`);
    expect(backwards).toContain('-- Undo Add field label to thing');
    if (dialect === 'mysql') {
      expect(forwards).not.toContain('BEGIN;');
      expect(backwards).toContain('ALTER TABLE `printed_thing` DROP COLUMN `label`;');
    } else {
      expect(forwards.startsWith('BEGIN;\n')).toBe(true);
      expect(forwards.endsWith('COMMIT;\n')).toBe(true);
    }
    if (dialect === 'postgresql') expect(forwards).toContain(`UPDATE "printed_thing" SET "label" = 'o''k';`);
    expect(await tables()).not.toContain('printed_thing');
  });
});
