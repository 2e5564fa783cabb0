// ORM overhead: the same three queries through @manouche/orm and through plain drizzle-orm on better-sqlite3.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { atomic, closeOrmConnections, configureOrm, connection, fields, Manager, Model, modelStates, registerModels } from '@manouche/orm';
import { createModelTables } from '@manouche/migrations';
import { opsPerSecond } from '../lib/measure.js';
import type { BenchReport } from '../lib/report.js';

class Post extends Model.define(
  {
    title: fields.char({ maxLength: 250 }),
    slug: fields.slug({ maxLength: 250, unique: true }),
    body: fields.text(),
    status: fields.char({ maxLength: 10, default: 'published' }),
    publish: fields.dateTime({ default: () => new Date() }),
  },
  { ordering: ['-publish'], indexes: [{ name: 'bench_post_publish_idx', fields: ['-publish'] }] },
) {
  static override objects = new Manager(this);
}

// The same table written by hand for drizzle, holding the same stored values.
const posts = sqliteTable('bench_post', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  slug: text('slug').notNull(),
  body: text('body').notNull(),
  status: text('status').notNull(),
  publish: text('publish').notNull(),
});

function stamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '000');
}

async function timeTransactions(run: () => Promise<unknown> | unknown, cleanup: () => Promise<unknown> | unknown, rounds: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    total += performance.now() - start;
    await cleanup();
  }
  return (rounds * 1000) / total;
}

export default async function ormBench(): Promise<BenchReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'manouche-orm-bench-'));
  const file = path.join(dir, 'bench.sqlite3');
  registerModels('bench', { Post });
  configureOrm({ databases: { default: { ENGINE: 'sqlite', NAME: file } } });
  await createModelTables(connection(), modelStates('bench'), { useTz: true });

  const db = drizzle(file);
  const sqlite = db.$client;
  sqlite.pragma('journal_mode = WAL');
  const base = Date.UTC(2026, 0, 1);
  db.transaction((tx) => {
    for (let i = 0; i < 10_000; i++) {
      tx.insert(posts)
        .values({
          title: `Post ${i}`,
          slug: `post-${i}`,
          body: 'Lorem ipsum dolor sit amet. '.repeat(20),
          status: 'published',
          publish: stamp(new Date(base + i * 60_000)),
        })
        .run();
    }
  });

  const rows: BenchReport['rows'] = [];
  const ratios: string[] = [];
  const round = (ops: number) => (ops < 100 ? Number(ops.toFixed(2)) : Math.round(ops));
  const compare = (name: string, ormOps: number, drizzleOps: number, preparedOps: number) => {
    rows.push({ case: `${name}: @manouche/orm`, value: round(ormOps), unit: 'ops/s' });
    rows.push({ case: `${name}: plain drizzle`, value: round(drizzleOps), unit: 'ops/s' });
    rows.push({ case: `${name}: drizzle prepared statement`, value: round(preparedOps), unit: 'ops/s' });
    const ratio = drizzleOps / ormOps;
    const preparedRatio = preparedOps / ormOps;
    rows.push({ case: `${name}: overhead vs plain drizzle`, value: Number(ratio.toFixed(2)), unit: 'x' });
    rows.push({ case: `${name}: overhead vs prepared drizzle`, value: Number(preparedRatio.toFixed(2)), unit: 'x' });
    ratios.push(`${name} ${ratio.toFixed(2)}x (${preparedRatio.toFixed(2)}x vs prepared)`);
  };

  // 1. The 20 newest posts.
  const newestOrm = await opsPerSecond(() => Post.objects.orderBy('-publish').slice(0, 20).fetch());
  const newestDrizzle = await opsPerSecond(() => db.select().from(posts).orderBy(desc(posts.publish)).limit(20).all());
  const newestPrepared = db.select().from(posts).orderBy(desc(posts.publish)).limit(20).prepare();
  const newestPreparedOps = await opsPerSecond(() => newestPrepared.all());
  compare('20 newest of 10,000 posts', newestOrm, newestDrizzle, newestPreparedOps);

  // 2. One post by slug.
  let n = 0;
  const bySlugOrm = await opsPerSecond(() => Post.objects.get({ slug: `post-${(n = (n + 7919) % 10_000)}` }));
  const bySlugDrizzle = await opsPerSecond(() =>
    db
      .select()
      .from(posts)
      .where(eq(posts.slug, `post-${(n = (n + 7919) % 10_000)}`))
      .get(),
  );
  const bySlugPrepared = db
    .select()
    .from(posts)
    .where(eq(posts.slug, sql.placeholder('slug')))
    .prepare();
  const bySlugPreparedOps = await opsPerSecond(() => bySlugPrepared.get({ slug: `post-${(n = (n + 7919) % 10_000)}` }));
  compare('get by slug', bySlugOrm, bySlugDrizzle, bySlugPreparedOps);

  // 3. 1,000 posts created in one transaction (rows removed between rounds, outside the timing).
  let batch = 0;
  const cleanup = () => sqlite.prepare("DELETE FROM bench_post WHERE slug LIKE 'new-%'").run();
  const createOrm = await timeTransactions(
    () =>
      atomic(async () => {
        batch++;
        for (let i = 0; i < 1000; i++) await Post.objects.create({ title: `New ${i}`, slug: `new-${batch}-${i}`, body: 'Body', publish: new Date(base + i) });
      }),
    cleanup,
    15,
  );
  const createDrizzle = await timeTransactions(
    () =>
      db.transaction((tx) => {
        batch++;
        for (let i = 0; i < 1000; i++)
          tx.insert(posts)
            .values({ title: `New ${i}`, slug: `new-${batch}-${i}`, body: 'Body', status: 'published', publish: stamp(new Date(base + i)) })
            .run();
      }),
    cleanup,
    15,
  );
  const insertPrepared = db
    .insert(posts)
    .values({ title: sql.placeholder('title'), slug: sql.placeholder('slug'), body: 'Body', status: 'published', publish: sql.placeholder('publish') })
    .prepare();
  const createPrepared = await timeTransactions(
    () =>
      db.transaction(() => {
        batch++;
        for (let i = 0; i < 1000; i++) insertPrepared.run({ title: `New ${i}`, slug: `new-${batch}-${i}`, publish: stamp(new Date(base + i)) });
      }),
    cleanup,
    15,
  );
  compare('create 1,000 posts in one transaction', createOrm, createDrizzle, createPrepared);

  sqlite.close();
  await closeOrmConnections();
  rmSync(dir, { recursive: true, force: true });
  return {
    id: 'orm',
    title: '@manouche/orm vs plain drizzle-orm (better-sqlite3)',
    description:
      'Each case runs the same query through the ORM (model instances, Date parsing, async connection) and through drizzle directly on the same SQLite file.',
    rows,
    summary: `ORM overhead against plain drizzle (the ORM caches prepared statements; plain drizzle prepares per call): ${ratios.join('; ')}.`,
    aim: 'under 1.3x plain drizzle',
  };
}
