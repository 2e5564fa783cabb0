import { describe, expect, it } from 'vitest';
import { ModelError } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post, Profile } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

describe.each(testDatabaseTargets())('objects reached through relations on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  const ctx = useLibraryDatabase(dialect);

  it('gives an object created through a related manager its parent, without a query', async () => {
    const ann = await Author.objects.create({ username: 'ann' });
    const post = await ann.posts.create({ title: 'One', slug: 'one' });
    const seen = await ctx.queries(async () => {
      expect(post.author).toBe(ann);
    });
    expect(seen).toHaveLength(0);
    expect(post.authorId).toBe(ann.id);
  });

  it('gives objects fetched through a related manager their parent, without a query each', async () => {
    const ann = await Author.objects.create({ username: 'ann' });
    await Post.objects.create({ title: 'One', slug: 'one', author: ann });
    await Post.objects.create({ title: 'Two', slug: 'two', author: ann });
    const posts = await ann.posts.all();
    const seen = await ctx.queries(async () => {
      expect(posts.map((p) => p.author)).toEqual([ann, ann]);
    });
    expect(seen).toHaveLength(0);
  });

  it('names an unloaded relation and how to load it, and loads it with await obj.load()', async () => {
    const ann = await Author.objects.create({ username: 'ann' });
    await Profile.objects.create({ author: ann, website: 'https://ann.example' });
    const post = await Post.objects.create({ title: 'One', slug: 'one', author: ann });
    const fresh = await Post.objects.get({ pk: post.id });
    expect(() => fresh.author).toThrow(ModelError);
    expect(() => fresh.author).toThrow(
      "Post.author is not loaded: use selectRelated('author') or prefetchRelated('author') on the queryset, or await obj.load('author').",
    );
    expect(((await fresh.load('author')) as Author).username).toBe('ann');
    const author = await Author.objects.get({ pk: ann.id });
    expect(() => author.profile).toThrow("Author.profile is not loaded: use prefetchRelated('profile') or await obj.load('profile').");
    expect(((await author.load('profile')) as Profile).website).toBe('https://ann.example');
  });
});
