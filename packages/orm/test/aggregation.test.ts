import { describe, expect, it } from 'vitest';
import { Avg, Count, F, Max, Q, StdDev, Sum, Variance } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

async function seed() {
  const ann = await Author.objects.create({ username: 'ann' });
  const bob = await Author.objects.create({ username: 'bob' });
  await Author.objects.create({ username: 'cy' });
  await Post.objects.bulkCreate([
    new Post({ title: 'One', slug: 'one', author: ann, status: 'published', views: 10 }),
    new Post({ title: 'Two', slug: 'two', author: ann, status: 'published', views: 30 }),
    new Post({ title: 'Three', slug: 'three', author: ann, status: 'draft', views: 0 }),
    new Post({ title: 'Four', slug: 'four', author: bob, status: 'published', views: 5 }),
  ]);
}

const LONG = 'numberOfPublishedPostsWrittenByThisAuthorCountedForTheAuthorListPage';

describe.each(testDatabaseTargets())('aggregation on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  useLibraryDatabase(dialect);

  describe('conditional aggregation (filter)', () => {
    it('counts only the related rows matching the filter, per row', async () => {
      await seed();
      const authors = await Author.objects
        .annotate({ total: Count('posts'), published: Count('posts', { filter: Q({ posts__status: 'published' }) }) })
        .orderBy('username');
      expect(authors.map((a) => [a.username, a.total, a.published])).toEqual([
        ['ann', 3, 2],
        ['bob', 1, 1],
        ['cy', 0, 0],
      ]);
    });

    it('filters Sum, Avg and Max too, and takes a plain object of lookups', async () => {
      await seed();
      const authors = await Author.objects
        .annotate({
          views: Sum('posts__views', { filter: { posts__status: 'published' } }),
          avg: Avg('posts__views', { filter: Q({ posts__status: 'published' }) }),
          top: Max('posts__views', { filter: Q({ posts__status: 'draft' }) }),
        })
        .orderBy('username');
      expect(authors.map((a) => [a.username, a.views, a.avg, a.top])).toEqual([
        ['ann', 40, 20, 0],
        ['bob', 5, 5, null],
        ['cy', null, null, null],
      ]);
    });

    it('filters whole-queryset aggregates', async () => {
      await seed();
      expect(
        await Post.objects.aggregate({
          published: Count('pk', { filter: Q({ status: 'published' }) }),
          all: Count('*'),
          draftViews: Sum('views', { filter: Q({ status: 'draft' }) }),
        }),
      ).toEqual({ published: 3, all: 4, draftViews: 0 });
      expect(await Post.objects.aggregate({ n: Count('*', { filter: Q({ views__gt: 5 }).and(Q({ status: 'published' })) }) })).toEqual({ n: 2 });
    });
  });

  describe('annotation names', () => {
    it('returns the right value for an annotation name longer than 63 characters', async () => {
      await seed();
      expect(LONG.length).toBeGreaterThan(63);
      const authors = await Author.objects
        .annotate({ [LONG]: Count('posts', { filter: Q({ posts__status: 'published' }) }) })
        .orderBy(`-${LONG}` as never, 'username');
      expect(authors.map((a) => [a.username, (a as unknown as Record<string, unknown>)[LONG]])).toEqual([
        ['ann', 2],
        ['bob', 1],
        ['cy', 0],
      ]);
      const rows = await Author.objects
        .values('username')
        .annotate({ [LONG]: Count('posts') })
        .orderBy('username');
      expect(rows.map((row) => (row as Record<string, unknown>)[LONG])).toEqual([3, 1, 0]);
    });
  });

  describe('filtering on annotations (HAVING)', () => {
    it('filters and excludes on an aggregate annotation', async () => {
      await seed();
      const withCount = Author.objects.annotate({ n: Count('posts') });
      expect((await withCount.filter({ n__gt: 1 })).map((a) => a.username)).toEqual(['ann']);
      expect((await withCount.exclude({ n__gt: 1 })).map((a) => a.username)).toEqual(['bob', 'cy']);
      expect((await withCount.filter({ n: 0 })).map((a) => a.username)).toEqual(['cy']);
      expect(await withCount.filter({ n__gte: 1 }).count()).toBe(2);
      expect(await withCount.filter({ n__gt: 5 }).exists()).toBe(false);
    });

    it('keeps plain conditions in WHERE next to HAVING ones, and handles OR across both', async () => {
      await seed();
      const withCount = Author.objects.annotate({ n: Count('posts') });
      expect((await withCount.filter({ n__gte: 1, username__startswith: 'b' })).map((a) => a.username)).toEqual(['bob']);
      expect((await withCount.filter(Q({ n__gt: 2 }).or(Q({ username: 'cy' })))).map((a) => a.username)).toEqual(['ann', 'cy']);
      expect((await withCount.filter({ n__in: [0, 1] }).filter({ username__in: ['ann', 'bob'] })).map((a) => a.username)).toEqual(['bob']);
    });

    it('filters on a filtered aggregate and on a non-aggregate annotation', async () => {
      await seed();
      const published = Author.objects.annotate({ p: Count('posts', { filter: Q({ posts__status: 'published' }) }) });
      expect((await published.filter({ p: 1 })).map((a) => a.username)).toEqual(['bob']);
      const doubled = Post.objects.annotate({ twice: F('views').mul(2) });
      expect((await doubled.filter({ twice__gt: 15 }).orderBy('slug')).map((p) => p.slug)).toEqual(['one', 'two']);
    });
  });

  describe('writing through a queryset filtered on an annotation', () => {
    it('updates and deletes only the rows the HAVING selects', async () => {
      await seed();
      expect(
        await Author.objects
          .annotate({ n: Count('posts') })
          .filter({ n__gte: 1 })
          .update({ bio: 'writer' }),
      ).toBe(2);
      expect((await Author.objects.filter({ bio: 'writer' }).orderBy('username')).map((a) => a.username)).toEqual(['ann', 'bob']);
      const [deleted] = await Author.objects
        .annotate({ n: Count('posts') })
        .filter({ n: 0 })
        .delete();
      expect(deleted).toBe(1);
      expect((await Author.objects.orderBy('username')).map((a) => a.username)).toEqual(['ann', 'bob']);
    });

    it('refuses aggregate() over a HAVING filter clearly', async () => {
      await seed();
      await expect(
        Author.objects
          .annotate({ n: Count('posts') })
          .filter({ n__gt: 1 })
          .aggregate({ total: Count('id') }),
      ).rejects.toThrow(/filters on an aggregate annotation/);
    });
  });

  describe('StdDev and Variance', () => {
    it('computes population and sample deviation and variance', async () => {
      await seed();
      const result = (await Post.objects.aggregate({
        sd: StdDev('views'),
        sds: StdDev('views', { sample: true }),
        v: Variance('views'),
        vs: Variance('views', { sample: true }),
      })) as Record<string, number>;
      expect(result.v).toBeCloseTo(129.6875, 3);
      expect(result.vs).toBeCloseTo(518.75 / 3, 3);
      expect(result.sd).toBeCloseTo(Math.sqrt(129.6875), 3);
      expect(result.sds).toBeCloseTo(Math.sqrt(518.75 / 3), 3);
      expect(await Post.objects.filter({ slug: 'one' }).aggregate({ vs: Variance('views', { sample: true }) })).toEqual({ vs: null });
      expect(await Post.objects.aggregate({ v: Variance('views', { filter: Q({ status: 'published' }) }) })).toEqual({ v: expect.closeTo(350 / 3, 3) });
    });
  });
});
