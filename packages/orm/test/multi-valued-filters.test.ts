import { describe, expect, it } from 'vitest';
import { Q } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post, Tag } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

async function tagged() {
  const ann = await Author.objects.create({ username: 'ann' });
  const bob = await Author.objects.create({ username: 'bob' });
  const [python, sql] = await Promise.all(['python', 'sql'].map((name) => Tag.objects.create({ name })));
  const both = await Post.objects.create({ title: 'Both', slug: 'both', author: ann });
  const onlyPython = await Post.objects.create({ title: 'One', slug: 'one', author: bob });
  const onlySql = await Post.objects.create({ title: 'Two', slug: 'two', author: bob });
  await both.tags.add(python, sql);
  await onlyPython.tags.add(python);
  await onlySql.tags.add(sql);
  return { ann, bob, python, sql };
}

const slugs = (posts: Post[]) => posts.map((p) => p.slug).sort();

describe.each(testDatabaseTargets())('filters across multi-valued relations on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  useLibraryDatabase(dialect);

  it('gives each filter() call its own many-to-many join: chained filters find posts tagged both', async () => {
    await tagged();
    expect(slugs(await Post.objects.filter({ tags__name: 'python' }).filter({ tags__name: 'sql' }))).toEqual(['both']);
    expect(await Post.objects.filter({ tags__name: 'python' }).filter({ tags__name: 'sql' }).count()).toBe(1);
    expect(slugs(await Post.objects.filter({ tags__name: 'python' }).filter({ tags__name: 'sql' }).filter({ author__username: 'ann' }))).toEqual(['both']);
  });

  it('shares the join between conditions of one filter() call', async () => {
    await tagged();
    expect(await Post.objects.filter(Q({ tags__name: 'python' }), Q({ tags__name: 'sql' })).count()).toBe(0);
    expect(await Post.objects.filter({ tags__name: 'python', tags__name__startswith: 's' }).count()).toBe(0);
    expect(slugs(await Post.objects.filter({ tags__name: 'python', author__username: 'bob' }))).toEqual(['one']);
  });

  it('excludes rows matching all conditions of one exclude() call, as Django does', async () => {
    await tagged();
    expect(slugs(await Post.objects.exclude(Q({ author__username: 'bob' }), Q({ slug: 'one' })))).toEqual(['both', 'two']);
    expect(slugs(await Post.objects.exclude({ author__username: 'bob', slug: 'one' }))).toEqual(['both', 'two']);
    expect(slugs(await Post.objects.exclude({ author__username: 'bob' }).exclude({ slug: 'both' }))).toEqual([]);
  });

  it('does the same across a reverse foreign key', async () => {
    await tagged();
    expect((await Author.objects.filter({ posts__title: 'One' }).filter({ posts__title: 'Two' })).map((a) => a.username)).toEqual(['bob']);
    expect(await Author.objects.filter({ posts__title: 'One', posts__slug: 'two' }).count()).toBe(0);
    expect((await Tag.objects.filter({ posts__slug: 'one' }).filter({ posts__slug: 'two' })).map((t) => t.name)).toEqual([]);
    expect((await Tag.objects.filter({ posts__slug: 'both' }).filter({ posts__slug: 'two' })).map((t) => t.name)).toEqual(['sql']);
  });

  it("lets the first filter on a related manager reuse the manager's own join, as Django does", async () => {
    const { python } = await tagged();
    expect(await python.posts.filter({ tags__name: 'sql' }).count()).toBe(0);
    expect(await python.posts.all().filter({ tags__name: 'sql' }).count()).toBe(0);
    expect(slugs(await Post.objects.filter({ tags: python }).filter({ tags__name: 'sql' }))).toEqual(['both']);
  });
});
