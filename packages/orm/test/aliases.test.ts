import Database from 'better-sqlite3';
import { asc } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelTables } from '@manouche/migrations';
import { configureOrm, connectDatabases, modelStates, type ConnectionRegistry } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing.js';
import { Author, Post } from './models-fixture.js';
import './support.js';

describe('several DATABASES aliases', () => {
  let main: TestDatabase;
  let other: TestDatabase;
  let registry: ConnectionRegistry;
  beforeAll(async () => {
    main = await createTestDatabase('sqlite');
    other = await createTestDatabase('sqlite');
    registry = connectDatabases({ default: main.settings, other: other.settings });
    for (const db of [registry.get(), registry.get('other')]) await createModelTables(db, modelStates('library'));
    configureOrm({ databases: registry });
  });
  afterAll(async () => {
    await registry.closeAll();
    await main.drop();
    await other.drop();
  });

  it('reads and writes the alias chosen with using() and save({ using })', async () => {
    await Author.objects.create({ username: 'on-default' });
    await Author.objects.using('other').create({ username: 'on-other' });
    const copy = new Author({ username: 'saved-other' });
    await copy.save({ using: 'other' });
    expect((await Author.objects.all()).map((a) => a.username)).toEqual(['on-default']);
    expect((await Author.objects.using('other')).map((a) => a.username)).toEqual(['on-other', 'saved-other']);
    const loaded = await Author.objects.using('other').get({ username: 'on-other' });
    loaded.bio = 'changed';
    await loaded.save();
    expect((await Author.objects.using('other').get({ username: 'on-other' })).bio).toBe('changed');
    expect(await loaded.posts.count()).toBe(0);
  });

  it('exposes each model as a drizzle table for direct drizzle queries', async () => {
    const ann = await Author.objects.create({ username: 'drizzle-ann' });
    await Post.objects.create({ title: 'Via ORM', slug: 'via-orm', author: ann });
    const sqlite = new Database(main.settings.NAME);
    try {
      const table = Post.tableFor('sqlite') as SQLiteTableWithColumns<any>;
      const rows = drizzle(sqlite).select().from(table).orderBy(asc(table.slug)).all();
      expect(rows.map((row) => [row.title, row.authorId])).toEqual([['Via ORM', ann.id]]);
    } finally {
      sqlite.close();
    }
  });

  it('loads only or all but deferred fields', async () => {
    await Author.objects.create({ username: 'deferred', email: 'd@example.com', bio: 'long' });
    const [onlyName] = await Author.objects.filter({ username: 'deferred' }).only('username');
    expect(onlyName.username).toBe('deferred');
    expect('bio' in onlyName).toBe(false);
    const [noBio] = await Author.objects.filter({ username: 'deferred' }).defer('bio');
    expect([noBio.email, 'bio' in noBio]).toEqual(['d@example.com', false]);
    await expect(Author.objects.only('nope' as never).fetch()).rejects.toThrow(/Cannot resolve keyword "nope" into field in only\(\)/);
  });
});
