import { describe, expect, it } from 'vitest';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post, Tag } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

async function tagged() {
  const ann = await Author.objects.create({ username: 'ann' });
  const [a, b] = await Promise.all(['a', 'b'].map((name) => Tag.objects.create({ name })));
  const one = await Post.objects.create({ title: 'One', slug: 'one', author: ann });
  const two = await Post.objects.create({ title: 'Two', slug: 'two', author: ann });
  await one.tags.add(a, b);
  await two.tags.add(a);
  return { ann, a, b, one, two };
}

describe.each(testDatabaseTargets())('delete() counts on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  useLibraryDatabase(dialect);

  it('counts the many-to-many link rows a cascade removes, labelled like Django (app.Model_field)', async () => {
    const { ann } = await tagged();
    expect(await ann.delete()).toEqual([6, { 'library.Author': 1, 'library.Post': 2, 'library.Post_tags': 3 }]);
  });

  it('counts link rows removed from the far side of the relation', async () => {
    const { a } = await tagged();
    expect(await a.delete()).toEqual([3, { 'library.Tag': 1, 'library.Post_tags': 2 }]);
    expect(await Post.objects.filter({ tags__name: 'a' }).count()).toBe(0);
  });

  it('counts link rows in a queryset delete', async () => {
    await tagged();
    expect(await Post.objects.filter({ slug: 'one' }).delete()).toEqual([3, { 'library.Post': 1, 'library.Post_tags': 2 }]);
    expect(await Post.objects.filter({ slug: 'nothing' }).delete()).toEqual([0, {}]);
  });
});
