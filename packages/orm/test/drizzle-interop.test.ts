import Sqlite from 'better-sqlite3';
import { and, asc, eq, gt } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { DatabaseSettings, Dialect } from '@manouche/contracts';
import { Author, Post } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';
import { testDatabaseTargets } from '../src/testing.js';

/** A drizzle database over the dialect's own driver client, as a user's code would make one; `close` ends the client. */
function drizzleFor(dialect: Dialect, settings: DatabaseSettings) {
  if (dialect === 'sqlite') {
    const client = new Sqlite(settings.NAME);
    return { db: drizzleSqlite(client), close: async () => client.close() };
  }
  const options = {
    host: settings.HOST,
    port: settings.PORT ? Number(settings.PORT) : undefined,
    user: settings.USER,
    password: settings.PASSWORD,
    database: settings.NAME,
  };
  if (dialect === 'postgresql') {
    const client = new pg.Pool(options);
    return { db: drizzlePg(client), close: () => client.end() };
  }
  const client = mysql.createPool(options);
  return { db: drizzleMysql(client), close: () => client.end() };
}

/** What a dateTime column holds (README, "Storage conventions"): a Date on PostgreSQL, UTC text elsewhere. */
const stored = (dialect: Dialect, date: Date) => (dialect === 'postgresql' ? date : date.toISOString().replace('T', ' ').replace('Z', '000'));

// Model.table is typed as the union of three dialects' tables; one user's code knows its dialect.
// biome-ignore lint/suspicious/noExplicitAny: a drizzle table of whichever dialect runs
type AnyTable = any;
// biome-ignore lint/suspicious/noExplicitAny: a drizzle database of whichever dialect runs
type AnyDb = any;

describe.each(testDatabaseTargets())('drizzle queries on Model.table, on tables the migrations made, on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  const ctx = useLibraryDatabase(dialect);

  it('selects, filters, joins and orders rows the ORM wrote, with the ORM’s attribute names and value types', async () => {
    const ann = await Author.objects.create({ username: 'ann' });
    const publish = new Date('2026-03-04T05:06:07.123Z');
    await Post.objects.create({ title: 'First', slug: 'first', author: ann, views: 3, rating: '4.50', publish });
    await Post.objects.create({ title: 'Second', slug: 'second', author: ann, views: 10, publish });
    const { db, close } = drizzleFor(dialect, ctx.settings());
    try {
      const post: AnyTable = Post.table;
      const author: AnyTable = Author.table;
      const rows = await (db as AnyDb)
        .select({ title: post.title, authorId: post.authorId, publish: post.publish, views: post.views, username: author.username })
        .from(post)
        .innerJoin(author, eq(post.authorId, author.id))
        .where(and(eq(author.username, 'ann'), gt(post.views, 2)))
        .orderBy(asc(post.slug));
      expect(rows).toEqual([
        { title: 'First', authorId: ann.id, publish: stored(dialect, publish), views: 3, username: 'ann' },
        { title: 'Second', authorId: ann.id, publish: stored(dialect, publish), views: 10, username: 'ann' },
      ]);
    } finally {
      await close();
    }
  });

  it('inserts through drizzle rows the ORM then reads as model instances', async () => {
    const bob = await Author.objects.create({ username: 'bob' });
    const { db, close } = drizzleFor(dialect, ctx.settings());
    try {
      const post: AnyTable = Post.table;
      const publish = new Date('2026-05-06T07:08:09.000Z');
      const at = stored(dialect, publish);
      await (db as AnyDb).insert(post).values({
        title: 'From drizzle',
        slug: 'from-drizzle',
        body: '',
        authorId: bob.id,
        status: 'published',
        views: 7,
        publish: at,
        created: at,
        updated: at,
      });
      const loaded = await Post.objects.selectRelated('author').get({ slug: 'from-drizzle' });
      expect([loaded.title, loaded.author.username, loaded.views, loaded.status, loaded.publish.toISOString()]).toEqual([
        'From drizzle',
        'bob',
        7,
        'published',
        publish.toISOString(),
      ]);
    } finally {
      await close();
    }
  });
});
