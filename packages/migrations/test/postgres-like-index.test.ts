import type { FieldSpec } from '@manouche/contracts';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, ops, sqlMigrate } from '../src/index.js';
import { stepGraph } from './support/step-graph.js';

const id: FieldSpec = { type: 'bigAuto', primaryKey: true };
const postgres = testDatabaseTargets().find((target) => target.dialect === 'postgresql')!;

describe('the _like pattern-ops index on PostgreSQL', () => {
  if (postgres.skip) {
    it.skip(postgres.skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  const db = () => testDb.database;
  /** Index name -> definition, for the table's indexes whose name ends in _like. */
  const likeIndexes = async (table: string) => {
    const rows = await db().query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = $1 AND indexname LIKE '%\\_like' ORDER BY indexname`,
      [table],
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.def.replace(/ ON \S+\./, ' ON ')]));
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('postgresql');
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  const graph = stepGraph(
    'pat',
    [
      ops.createModel({
        name: 'Post',
        table: 'pat_post',
        fields: {
          id,
          title: { type: 'char', maxLength: 200 },
          slug: { type: 'slug', maxLength: 50, dbIndex: true },
          code: { type: 'char', maxLength: 10, unique: true },
          body: { type: 'text', dbIndex: true },
          rank: { type: 'integer', dbIndex: true },
        },
      }),
    ],
    [
      ops.alterField({ model: 'Post', name: 'slug', field: { type: 'slug', maxLength: 50, dbIndex: false } }),
      ops.alterField({ model: 'Post', name: 'title', field: { type: 'char', maxLength: 200, unique: true } }),
    ],
    [
      ops.addField({ model: 'Post', name: 'tag', field: { type: 'char', maxLength: 20, dbIndex: true, null: true } }),
      ops.renameField({ model: 'Post', oldName: 'title', newName: 'headline' }),
    ],
    [ops.alterField({ model: 'Post', name: 'tag', field: { type: 'integer', dbIndex: true, null: true } })],
  );

  it('creates it beside the index of every indexed or unique varchar and text field, with its operator class', async () => {
    await migrate({ database: db(), graph, target: { app: 'pat', name: '0001' } });
    expect(await likeIndexes('pat_post')).toEqual({
      pat_post_body_idx_like: 'CREATE INDEX pat_post_body_idx_like ON pat_post USING btree (body text_pattern_ops)',
      pat_post_code_idx_like: 'CREATE INDEX pat_post_code_idx_like ON pat_post USING btree (code varchar_pattern_ops)',
      pat_post_slug_idx_like: 'CREATE INDEX pat_post_slug_idx_like ON pat_post USING btree (slug varchar_pattern_ops)',
    });
    const sql = await sqlMigrate({ database: db(), graph, app: 'pat', name: '0001' });
    expect(sql).toContain('CREATE INDEX "pat_post_slug_idx_like" ON "pat_post" ("slug" varchar_pattern_ops);');
  });

  it('lets startswith use it', async () => {
    const q = (name: string) => db().quoteName(name);
    await db().execute(
      `INSERT INTO ${q('pat_post')} (${q('title')}, ${q('slug')}, ${q('code')}, ${q('body')}, ${q('rank')}) SELECT 't' || g, 'slug-' || g, 'c' || g, 'b', g FROM generate_series(1, 2000) AS g`,
    );
    await db().execute('ANALYZE "pat_post"');
    const plan = await db().transaction(async (tx) => {
      await tx.execute('SET LOCAL enable_seqscan = off');
      return tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM "pat_post" WHERE "slug" LIKE 'slug-12%'`);
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('pat_post_slug_idx_like');
  });

  it('drops it with the field index, makes it for a field that becomes unique or is added, follows a rename and leaves with a type change', async () => {
    await migrate({ database: db(), graph, target: { app: 'pat', name: '0002' } });
    expect(Object.keys(await likeIndexes('pat_post'))).toEqual(['pat_post_body_idx_like', 'pat_post_code_idx_like', 'pat_post_title_idx_like']);
    await migrate({ database: db(), graph, target: { app: 'pat', name: '0003' } });
    expect(Object.keys(await likeIndexes('pat_post'))).toEqual([
      'pat_post_body_idx_like',
      'pat_post_code_idx_like',
      'pat_post_headline_idx_like',
      'pat_post_tag_idx_like',
    ]);
    await migrate({ database: db(), graph });
    expect(Object.keys(await likeIndexes('pat_post'))).toEqual(['pat_post_body_idx_like', 'pat_post_code_idx_like', 'pat_post_headline_idx_like']);
    await migrate({ database: db(), graph, target: { app: 'pat', name: '0001' } });
    expect(Object.keys(await likeIndexes('pat_post'))).toEqual(['pat_post_body_idx_like', 'pat_post_code_idx_like', 'pat_post_slug_idx_like']);
    await migrate({ database: db(), graph, target: { app: 'pat', name: 'zero' } });
  });
});
