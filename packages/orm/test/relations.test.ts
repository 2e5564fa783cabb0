import { describe, expect, it } from 'vitest';
import { ModelError, ProtectedError, Q, RestrictedError } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Category, Club, Invoice, Membership, Post, Profile, Review, Tag } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

async function blog() {
  const ann = await Author.objects.create({ username: 'ann' });
  const bob = await Author.objects.create({ username: 'bob' });
  const post = await Post.objects.create({ title: 'One', slug: 'one', author: ann, editor: bob });
  const post2 = await Post.objects.create({ title: 'Two', slug: 'two', author: ann });
  const post3 = await Post.objects.create({ title: 'Three', slug: 'three', author: bob });
  return { ann, bob, post, post2, post3 };
}

describe.each(testDatabaseTargets())('relations on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  const ctx = useLibraryDatabase(dialect);

  describe('foreign keys', () => {
    it('stores the key, exposes authorId, and loads the related object on demand', async () => {
      const { ann, post } = await blog();
      const fresh = await Post.objects.get({ pk: post.id });
      expect(fresh.authorId).toBe(ann.id);
      expect(() => fresh.author).toThrow(ModelError);
      expect(() => fresh.author).toThrow(/selectRelated\('author'\)/);
      const loaded = (await fresh.load('author')) as Author;
      expect(loaded.username).toBe('ann');
      expect(fresh.author.username).toBe('ann');
      await fresh.load('editor');
      expect(fresh.editor?.username).toBe('bob');
    });

    it('follows foreign keys in one query with selectRelated, including a null one', async () => {
      await blog();
      let posts: Post[] = [];
      const seen = await ctx.queries(async () => {
        posts = await Post.objects.selectRelated('author', 'editor').orderBy('slug');
      });
      expect(seen).toHaveLength(1);
      expect(posts.map((p) => [p.slug, p.author.username, p.editor?.username ?? null])).toEqual([
        ['one', 'ann', 'bob'],
        ['three', 'bob', null],
        ['two', 'ann', null],
      ]);
    });

    it('filters across relations forwards and backwards', async () => {
      await blog();
      expect((await Post.objects.filter({ author__username__iexact: 'ANN' }).orderBy('slug')).map((p) => p.slug)).toEqual(['one', 'two']);
      expect((await Author.objects.filter({ posts__title: 'Three' })).map((a) => a.username)).toEqual(['bob']);
      expect((await Author.objects.filter({ edited__slug: 'one' })).map((a) => a.username)).toEqual(['bob']);
      expect(await Post.objects.filter({ author__in: await Author.objects.filter({ username: 'bob' }) }).count()).toBe(1);
      expect(await Post.objects.filter({ author__in: Author.objects.filter({ username: 'ann' }) }).count()).toBe(2);
      expect(await Post.objects.filter({ editor__isnull: true }).count()).toBe(2);
    });

    it('excludes across a multi-valued relation the way Django does (rows with no related rows stay)', async () => {
      await blog();
      await Author.objects.create({ username: 'cy' });
      expect((await Author.objects.exclude({ posts__title: 'Three' })).map((a) => a.username)).toEqual(['ann', 'cy']);
      expect((await Author.objects.exclude({ posts__title__in: ['One', 'Three'] })).map((a) => a.username)).toEqual(['cy']);
      expect((await Author.objects.filter(Q({ posts__title: 'One' }).not())).map((a) => a.username)).toEqual(['bob', 'cy']);
    });

    it('gives reverse managers that filter, create and add', async () => {
      const { ann, bob, post3 } = await blog();
      expect((await ann.posts.all()).map((p) => p.slug).sort()).toEqual(['one', 'two']);
      expect(await ann.posts.filter({ slug: 'one' }).count()).toBe(1);
      const created = await ann.posts.create({ title: 'Four', slug: 'four' });
      expect(created.authorId).toBe(ann.id);
      await ann.posts.add(post3);
      expect(await bob.posts.count()).toBe(0);
      expect(await ann.posts.count()).toBe(4);
    });

    it('prefetches reverse foreign keys and forward keys with one query per relation', async () => {
      await blog();
      let authors: Author[] = [];
      const seen = await ctx.queries(async () => {
        authors = await Author.objects.prefetchRelated('posts', 'posts__editor').orderBy('username');
      });
      expect(seen).toHaveLength(3);
      const titles = await ctx.queries(async () => {
        expect((await authors[0].posts.all()).map((p) => p.slug).sort()).toEqual(['one', 'two']);
        expect((await authors[1].posts.all()).map((p) => p.slug)).toEqual(['three']);
        const one = (await authors[0].posts.all()).find((p) => p.slug === 'one')!;
        expect(one.editor?.username).toBe('bob');
      });
      expect(titles).toHaveLength(0);
    });
  });

  describe('one-to-one and self relations', () => {
    it('links one profile per author, reachable from both sides', async () => {
      const { ann } = await blog();
      await Profile.objects.create({ author: ann, website: 'https://ann.example' });
      const [loaded] = await Author.objects.filter({ username: 'ann' }).prefetchRelated('profile');
      expect((loaded.profile as Profile).website).toBe('https://ann.example');
      expect(((await Profile.objects.selectRelated('author').get({ author__username: 'ann' })).author as Author).username).toBe('ann');
      await expect(Profile.objects.create({ author: ann })).rejects.toMatchObject({ code: 'MANOUCHE_ORM_INTEGRITY_ERROR' });
    });

    it('supports self-referencing foreign keys and cascades down the tree', async () => {
      const root = await Category.objects.create({ name: 'root' });
      const child = await Category.objects.create({ name: 'child', parent: root });
      await Category.objects.create({ name: 'grandchild', parent: child });
      expect((await Category.objects.filter({ parent__parent__name: 'root' })).map((c) => c.name)).toEqual(['grandchild']);
      const [count] = await root.delete();
      expect(count).toBe(3);
      expect(await Category.objects.count()).toBe(0);
    });
  });

  describe('many-to-many', () => {
    it('adds, removes, sets and clears links on both sides of an automatic table', async () => {
      const { post, post2 } = await blog();
      const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => Tag.objects.create({ name })));
      await post.tags.add(a, b);
      await post.tags.add(a);
      expect((await post.tags.all()).map((t) => t.name).sort()).toEqual(['a', 'b']);
      await post2.tags.add(b.id);
      expect((await b.posts.all()).map((p) => p.slug).sort()).toEqual(['one', 'two']);
      await post.tags.remove(a);
      expect((await post.tags.all()).map((t) => t.name)).toEqual(['b']);
      await post.tags.set([c, a]);
      expect((await post.tags.all()).map((t) => t.name).sort()).toEqual(['a', 'c']);
      await c.posts.clear();
      expect((await post.tags.all()).map((t) => t.name)).toEqual(['a']);
      const d = await post.tags.create({ name: 'd' });
      expect(await d.posts.count()).toBe(1);
      expect((await Post.objects.filter({ tags__name: 'd' })).map((p) => p.slug)).toEqual(['one']);
    });

    it('prefetches many-to-many with one extra query', async () => {
      const { post, post2 } = await blog();
      const [a, b] = await Promise.all(['a', 'b'].map((name) => Tag.objects.create({ name })));
      await post.tags.add(a, b);
      await post2.tags.add(b);
      let posts: Post[] = [];
      const seen = await ctx.queries(async () => {
        posts = await Post.objects.prefetchRelated('tags').orderBy('slug');
      });
      expect(seen).toHaveLength(2);
      const names = await Promise.all(posts.map(async (p) => (await p.tags.all()).map((t) => t.name).sort()));
      expect(names).toEqual([['a', 'b'], [], ['b']]);
    });

    it('uses an explicit through model, with lookups across it', async () => {
      const { ann, bob } = await blog();
      const club = await Club.objects.create({ name: 'readers' });
      await club.members.add(ann, bob);
      await Membership.objects.filter({ author: bob }).update({ role: 'chair' });
      expect((await club.members.all()).map((a) => a.username)).toEqual(['ann', 'bob']);
      expect((await Club.objects.filter({ members__username: 'bob' })).map((c) => c.name)).toEqual(['readers']);
      expect((await Author.objects.filter({ memberships__role: 'chair' })).map((a) => a.username)).toEqual(['bob']);
      await club.members.remove(ann);
      expect(await Membership.objects.count()).toBe(1);
    });
  });

  describe('onDelete behaviours applied by the ORM', () => {
    it('cascades, sets null, and removes many-to-many links', async () => {
      const { ann, bob, post } = await blog();
      const tag = await Tag.objects.create({ name: 't' });
      await post.tags.add(tag);
      const [, perModel] = await bob.delete();
      expect(perModel).toEqual({ 'library.Author': 1, 'library.Post': 1 });
      expect((await Post.objects.get({ slug: 'one' })).editorId).toBe(null);
      await ann.delete();
      expect(await Post.objects.count()).toBe(0);
      expect(await tag.posts.count()).toBe(0);
      expect(ann.pk).toBe(null);
    });

    it('refuses to delete protected rows with a ProtectedError', async () => {
      const { ann } = await blog();
      await Invoice.objects.create({ author: ann, amount: '10.00' });
      const error = await ann.delete().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProtectedError);
      expect((error as ProtectedError).message).toBe(
        'Cannot delete some instances of model "Author" because they are referenced through protected foreign keys: "Invoice.author".',
      );
      expect((error as ProtectedError).protectedObjects).toHaveLength(1);
      expect(await Author.objects.count()).toBe(2);
    });

    it('restricts deletion unless the restricted rows are deleted by the same cascade', async () => {
      const { ann, bob, post3 } = await blog();
      await Review.objects.create({ post: post3, reviewer: ann });
      const error = await post3.delete().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestrictedError);
      expect((error as Error).message).toContain('"Review.post"');
      expect(await Review.objects.count()).toBe(1);
      await Review.objects.create({ post: post3, reviewer: bob });
      await Review.objects.filter({ reviewer: ann }).delete();
      await bob.delete();
      expect(await Review.objects.count()).toBe(0);
      expect(await Post.objects.filter({ slug: 'three' }).exists()).toBe(false);
    });
  });
});
