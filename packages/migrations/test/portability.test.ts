import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestioner, loadMigrations, makeMigrations, migrate, type MigrationGraph } from '../src/index.js';
import { blogModels, schemaSnapshot } from './support/blog-models.js';
import { IMPORT_SOURCE, importFresh, tempApps } from './support/fake-project.js';

const DATA_MIGRATION = (dependency: string) => `import { defineMigration, ops } from '${IMPORT_SOURCE}';

export default defineMigration({
  dependencies: [['blog', '${dependency}']],
  operations: [
    ops.runCode({
      code: async ({ db, models }) => {
        const p = db.dialect === 'postgresql' ? '$1' : '?';
        await db.execute(\`UPDATE \${db.quoteName(models.Post.table)} SET \${db.quoteName('status')} = \${p}\`, ['published']);
      },
      reverse: async ({ db, models }) => {
        const p = db.dialect === 'postgresql' ? '$1' : '?';
        await db.execute(\`UPDATE \${db.quoteName(models.Post.table)} SET \${db.quoteName('status')} = \${p}\`, ['draft']);
      },
    }),
  ],
});
`;

describe.each(testDatabaseTargets())('the blog app evolving through nine migrations on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  const project = tempApps(['accounts', 'blog']);
  const load = (): Promise<MigrationGraph> => loadMigrations({ apps: project.apps, importModule: importFresh });
  const db = () => testDb.database;
  const q = (name: string) => db().quoteName(name);

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
    project.cleanup();
  });

  async function makeFor(version: number, extra: { renames?: string[] } = {}) {
    return makeMigrations({
      apps: project.apps,
      graph: await load(),
      currentStates: blogModels(version),
      questioner: createQuestioner({ interactive: false, renames: extra.renames }),
      importSource: IMPORT_SOURCE,
    });
  }

  async function posts(): Promise<Array<Record<string, unknown>>> {
    return db().query(`SELECT * FROM ${q('blog_post')} ORDER BY ${q('id')}`);
  }

  it('applies each migration forwards, then unapplies back to zero, with the schema and rows matching at every step', async () => {
    const snapshots: Array<Awaited<ReturnType<typeof schemaSnapshot>>> = [];
    const steps: string[] = [];

    // 1. create
    const initial = await makeFor(1);
    expect(initial.map((m) => `${m.app}.${m.name}`)).toEqual(['accounts.0001_initial', 'blog.0001_initial']);
    await migrate({ database: db(), graph: await load() });
    const p = (n: number) => (dialect === 'postgresql' ? `$${n}` : '?');
    await db().execute(`INSERT INTO ${q('accounts_user')} (${q('username')}) VALUES (${p(1)})`, ['django']);
    await db().execute(`INSERT INTO ${q('blog_post')} (${q('title')}, ${q('slug')}, ${q('body')}) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
      'Hello',
      'hello',
      'first body',
    ]);
    await db().execute(`INSERT INTO ${q('blog_post')} (${q('title')}, ${q('slug')}, ${q('body')}) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
      'Jazz',
      'jazz',
      'second body',
    ]);
    snapshots.push(await schemaSnapshot(db()));
    steps.push('blog.0001_initial');
    expect(snapshots[0].blog_post.columns).toEqual(['body', 'id', 'slug', 'title']);
    // PostgreSQL adds Django's second, `_like` (pattern-ops) index to indexed and unique varchar columns.
    const like = (index: string) => (dialect === 'postgresql' ? [index] : []);
    expect(snapshots[0].blog_post.indexes).toEqual(['INDEX(slug)', ...like('INDEX(slug)')]);
    expect(snapshots[0].accounts_user.indexes).toEqual([...like('INDEX(username)'), 'UNIQUE(username)']);

    const apply = async (version: number, expectedName: string, extra: { renames?: string[] } = {}) => {
      const made = await makeFor(version, extra);
      expect(made.map((m) => `${m.app}.${m.name}`)).toEqual([expectedName]);
      const result = await migrate({ database: db(), graph: await load() });
      expect(result.applied).toEqual([expectedName]);
      snapshots.push(await schemaSnapshot(db()));
      steps.push(expectedName);
      return snapshots[snapshots.length - 1];
    };

    // 2. add a field with a default: existing rows get it, the column is NOT NULL.
    let schema = await apply(2, 'blog.0002_post_status');
    expect(schema.blog_post.columns).toContain('status');
    expect((await posts()).map((row) => row.status)).toEqual(['draft', 'draft']);

    // 3. rename a field, answered non-interactively: the data stays.
    schema = await apply(3, 'blog.0003_rename_title_post_headline', { renames: ['blog.Post.title:headline'] });
    expect(schema.blog_post.columns).toContain('headline');
    expect(schema.blog_post.columns).not.toContain('title');
    expect((await posts()).map((row) => row.headline)).toEqual(['Hello', 'Jazz']);

    // 4. a foreign key to another app's model.
    schema = await apply(4, 'blog.0004_post_author');
    expect(schema.blog_post.columns).toContain('author_id NULL');
    expect(schema.blog_post.foreignKeys).toEqual(['author_id->accounts_user.id']);
    expect(schema.blog_post.indexes).toContain('INDEX(author_id)');
    const [user] = await db().query<{ id: number }>(`SELECT ${q('id')} FROM ${q('accounts_user')}`);
    await db().execute(`UPDATE ${q('blog_post')} SET ${q('author_id')} = ${p(1)}`, [user.id]);

    // 5. an index from the model's options.
    schema = await apply(5, 'blog.0005_post_blog_post_status_idx');
    expect(schema.blog_post.indexes).toContain('INDEX(status,id)');

    // 6. a data migration written by hand into an --empty migration.
    const [empty] = await makeMigrations({
      apps: project.apps,
      graph: await load(),
      currentStates: blogModels(5),
      appLabels: ['blog'],
      questioner: createQuestioner({ interactive: false }),
      empty: true,
      name: 'publish_posts',
      importSource: IMPORT_SOURCE,
    });
    expect(empty.name).toBe('0006_publish_posts');
    writeFileSync(empty.file, DATA_MIGRATION('0005_post_blog_post_status_idx'));
    expect((await migrate({ database: db(), graph: await load() })).applied).toEqual(['blog.0006_publish_posts']);
    snapshots.push(await schemaSnapshot(db()));
    steps.push('blog.0006_publish_posts');
    expect((await posts()).map((row) => row.status)).toEqual(['published', 'published']);

    // 7. remove a field.
    schema = await apply(7, 'blog.0007_remove_post_body');
    expect(schema.blog_post.columns).not.toContain('body');

    // 8. alter a field.
    schema = await apply(8, 'blog.0008_alter_post_headline');
    if (dialect !== 'sqlite')
      expect(JSON.stringify(await (await import('../src/index.js')).introspectionFor(db()).describeTable('blog_post'))).toMatch(
        /varchar\(300\)|character varying\(300\)/,
      );

    // 9. the parent table changes: on SQLite it is rebuilt, and every child row keeps its author.
    schema = await apply(9, 'accounts.0002_user_email');
    expect(schema.accounts_user.columns).toContain('email');
    expect((await posts()).map((row) => Number(row.author_id))).toEqual([user.id, user.id]);
    expect(readdirSync(path.join(project.baseDir, 'blog', 'migrations')).sort()).toHaveLength(8);

    // Nothing left: running again applies nothing, and makemigrations finds no changes.
    expect((await migrate({ database: db(), graph: await load() })).plan).toEqual([]);
    expect(await makeFor(9)).toEqual([]);

    // Backwards, one migration at a time, back to zero.
    await migrate({ database: db(), graph: await load(), target: { app: 'accounts', name: '0001' } });
    expect(await schemaSnapshot(db())).toEqual(snapshots[7]);
    for (let i = steps.length - 2; i >= 1; i--) {
      const [, name] = steps[i].split('.');
      await migrate({ database: db(), graph: await load(), target: { app: 'blog', name } });
      expect(await schemaSnapshot(db()), `schema after going back to ${steps[i]}`).toEqual(snapshots[i]);
      expect(await posts()).toHaveLength(2);
    }
    const rows = await posts();
    expect(rows.map((row) => row.title)).toEqual(['Hello', 'Jazz']);
    expect(rows.map((row) => row.body)).toEqual(['', '']);
    await migrate({ database: db(), graph: await load(), target: { app: 'blog', name: 'zero' } });
    await migrate({ database: db(), graph: await load(), target: { app: 'accounts', name: 'zero' } });
    const left = await schemaSnapshot(db());
    expect(Object.keys(left)).toEqual([]);
  });
});
