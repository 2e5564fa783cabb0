import { describe, expect, it } from 'vitest';
import { Avg, Count, DoesNotExist, F, FieldError, Max, Min, MultipleObjectsReturned, Q, QuerySetError, Sum } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

async function seed() {
  const ann = await Author.objects.create({ username: 'ann', email: 'ann@example.com' });
  const bob = await Author.objects.create({ username: 'bob' });
  const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12, 0, 0));
  await Post.objects.bulkCreate([
    new Post({ title: 'Hello World', slug: 'hello', author: ann, status: 'published', views: 10, publish: day(1), rating: '4.50' }),
    new Post({ title: 'Django tips', slug: 'django', author: ann, status: 'published', views: 30, publish: day(2), rating: '3.25' }),
    new Post({ title: 'Draft 100%_done', slug: 'draft', author: bob, status: 'draft', views: 0, publish: day(3) }),
    new Post({ title: 'hello again', slug: 'again', author: bob, status: 'published', views: 5, publish: new Date(Date.UTC(2025, 5, 15, 8)), rating: '1.00' }),
  ]);
  return { ann, bob };
}

const titles = (posts: Post[]) => posts.map((p) => p.title);

describe.each(testDatabaseTargets())('querysets on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  const ctx = useLibraryDatabase(dialect);

  describe('filter and exclude lookups', () => {
    it('matches exact, iexact, contains and icontains as Django does (contains is case-sensitive)', async () => {
      await seed();
      expect(titles(await Post.objects.filter({ slug: 'hello' }))).toEqual(['Hello World']);
      expect(titles(await Post.objects.filter({ title__iexact: 'HELLO WORLD' }))).toEqual(['Hello World']);
      expect(titles(await Post.objects.filter({ title__contains: 'ello' }).orderBy('slug'))).toEqual(['hello again', 'Hello World']);
      expect(titles(await Post.objects.filter({ title__contains: 'Hello' }))).toEqual(['Hello World']);
      expect(titles(await Post.objects.filter({ title__icontains: 'HELLO' }).orderBy('slug'))).toEqual(['hello again', 'Hello World']);
    });

    it('treats % and _ in pattern lookups as plain characters', async () => {
      await seed();
      expect(titles(await Post.objects.filter({ title__contains: '100%_' }))).toEqual(['Draft 100%_done']);
      expect(await Post.objects.filter({ title__contains: '%' }).count()).toBe(1);
      expect(await Post.objects.filter({ title__icontains: '_' }).count()).toBe(1);
      expect(await Post.objects.filter({ title__startswith: '%' }).count()).toBe(0);
    });

    it('supports startswith, endswith, their i-variants, in, range, gt/gte/lt/lte and isnull', async () => {
      await seed();
      expect(titles(await Post.objects.filter({ title__startswith: 'Hello' }))).toEqual(['Hello World']);
      expect(titles(await Post.objects.filter({ title__istartswith: 'hello' }).orderBy('slug'))).toEqual(['hello again', 'Hello World']);
      expect(titles(await Post.objects.filter({ title__endswith: 'tips' }))).toEqual(['Django tips']);
      expect(titles(await Post.objects.filter({ title__iendswith: 'TIPS' }))).toEqual(['Django tips']);
      expect(titles(await Post.objects.filter({ slug__in: ['hello', 'draft', 'nope'] }).orderBy('slug'))).toEqual(['Draft 100%_done', 'Hello World']);
      expect(await Post.objects.filter({ slug__in: [] }).count()).toBe(0);
      expect(titles(await Post.objects.filter({ views__range: [5, 10] }).orderBy('views'))).toEqual(['hello again', 'Hello World']);
      expect(await Post.objects.filter({ views__gt: 10 }).count()).toBe(1);
      expect(await Post.objects.filter({ views__gte: 10 }).count()).toBe(2);
      expect(await Post.objects.filter({ views__lt: 5 }).count()).toBe(1);
      expect(await Post.objects.filter({ views__lte: 5 }).count()).toBe(2);
      expect(await Post.objects.filter({ rating__isnull: true }).count()).toBe(1);
      expect(await Post.objects.filter({ rating__isnull: false }).count()).toBe(3);
      expect(await Post.objects.filter({ rating: null }).count()).toBe(1);
    });

    it('supports regex and iregex', async () => {
      await seed();
      expect(titles(await Post.objects.filter({ title__regex: '^H.llo' }))).toEqual(['Hello World']);
      expect(await Post.objects.filter({ title__iregex: '^h.llo' }).count()).toBe(2);
    });

    it('filters on date parts: date, year, month, day, with further lookups', async () => {
      await seed();
      expect(await Post.objects.filter({ publish__year: 2026 }).count()).toBe(3);
      expect(await Post.objects.filter({ publish__year__lt: 2026 }).count()).toBe(1);
      expect(titles(await Post.objects.filter({ publish__month: 6, publish__day: 15 }))).toEqual(['hello again']);
      expect(titles(await Post.objects.filter({ publish__date: '2026-01-02' }))).toEqual(['Django tips']);
      expect(await Post.objects.filter({ publish__date__gte: '2026-01-02' }).count()).toBe(2);
    });

    it('excludes rows, keeping rows whose nullable column is NULL', async () => {
      await seed();
      expect(await Post.objects.exclude({ status: 'draft' }).count()).toBe(3);
      expect(titles(await Post.objects.exclude({ rating__gt: '2.00' }).orderBy('slug'))).toEqual(['hello again', 'Draft 100%_done']);
    });

    it('combines Q objects with or, and, not', async () => {
      await seed();
      const either = await Post.objects.filter(Q({ slug: 'hello' }).or(Q({ slug: 'draft' }))).orderBy('slug');
      expect(titles(either)).toEqual(['Draft 100%_done', 'Hello World']);
      const notPublished = await Post.objects.filter(Q({ status: 'published' }).not());
      expect(titles(notPublished)).toEqual(['Draft 100%_done']);
      const both = await Post.objects.filter(Q({ status: 'published' }).and(Q({ views__gt: 5 }).or(Q({ slug: 'again' })))).orderBy('views');
      expect(titles(both)).toEqual(['hello again', 'Hello World', 'Django tips']);
    });

    it('compares columns with F expressions', async () => {
      const { ann } = await seed();
      await Post.objects.filter({ slug: 'hello' }).update({ views: F('views').add(5) });
      expect((await Post.objects.get({ slug: 'hello' })).views).toBe(15);
      await Post.objects.create({ title: 'self', slug: 'self', author: ann, views: 7, publish: new Date() });
      expect(await Post.objects.filter({ views__lt: F('views').add(1) }).count()).toBe(5);
      expect(await Post.objects.filter({ views__gt: F('views') }).count()).toBe(0);
    });

    it('rejects unknown fields and lookups, listing the valid choices', async () => {
      await expect(Post.objects.filter({ nope: 1 } as never).fetch()).rejects.toThrow(FieldError);
      await expect(Post.objects.filter({ nope: 1 } as never).fetch()).rejects.toThrow(
        /Cannot resolve keyword "nope" into field in filter\(\) on Post\. Choices are: .*author.*slug.*title/,
      );
      await expect(Post.objects.filter({ title__nope: 1 } as never).fetch()).rejects.toThrow(/Unsupported lookup "nope" for char field "title"/);
      await expect(Post.objects.filter({ author__nope: 1 } as never).fetch()).rejects.toThrow(FieldError);
    });
  });

  describe('ordering, slicing and retrieval', () => {
    it('uses the model default ordering and orderBy with - and across relations', async () => {
      await seed();
      expect(titles(await Post.objects.all())).toEqual(['Draft 100%_done', 'Django tips', 'Hello World', 'hello again']);
      expect(titles(await Post.objects.orderBy('views'))).toEqual(['Draft 100%_done', 'hello again', 'Hello World', 'Django tips']);
      expect(titles(await Post.objects.orderBy('-author__username', 'views'))).toEqual(['Draft 100%_done', 'hello again', 'Hello World', 'Django tips']);
      expect(titles(await Post.objects.orderBy('views').reverse())).toEqual(['Django tips', 'Hello World', 'hello again', 'Draft 100%_done']);
    });

    it('slices as LIMIT/OFFSET and refuses filtering after a slice', async () => {
      await seed();
      expect(titles(await Post.objects.orderBy('views').slice(1, 3))).toEqual(['hello again', 'Hello World']);
      expect(titles(await Post.objects.orderBy('views').slice(2))).toEqual(['Hello World', 'Django tips']);
      expect(titles(await Post.objects.orderBy('views').slice(1, 3).slice(1))).toEqual(['Hello World']);
      expect(() => Post.objects.all().slice(0, 2).filter({ slug: 'x' })).toThrow(QuerySetError);
      expect(() => Post.objects.all().slice(-1)).toThrow(/negative indexing is not supported/);
    });

    it('gets one object, or raises DoesNotExist / MultipleObjectsReturned', async () => {
      await seed();
      expect((await Post.objects.get({ slug: 'django' })).title).toBe('Django tips');
      const missing = await Post.objects.get({ slug: 'missing' }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(Post.DoesNotExist);
      expect(missing).toBeInstanceOf(DoesNotExist);
      expect((missing as Error).name).toBe('PostDoesNotExist');
      expect((missing as DoesNotExist).code).toBe('MANOUCHE_ORM_DOES_NOT_EXIST');
      expect(missing).not.toBeInstanceOf(Author.DoesNotExist);
      const many = await Post.objects.get({ status: 'published' }).catch((e: unknown) => e);
      expect(many).toBeInstanceOf(MultipleObjectsReturned);
      expect((many as Error).message).toContain('returned more than one Post -- it returned 3!');
    });

    it('returns first, last, latest and earliest', async () => {
      await seed();
      expect((await Post.objects.orderBy('views').first())?.views).toBe(0);
      expect((await Post.objects.orderBy('views').last())?.views).toBe(30);
      expect((await Post.objects.latest('publish')).slug).toBe('draft');
      expect((await Post.objects.earliest('publish')).slug).toBe('again');
      expect(await Post.objects.filter({ slug: 'none' }).first()).toBeUndefined();
    });

    it('counts, checks existence and returns nothing for none()', async () => {
      await seed();
      expect(await Post.objects.count()).toBe(4);
      expect(await Post.objects.filter({ status: 'draft' }).exists()).toBe(true);
      expect(await Post.objects.filter({ status: 'gone' }).exists()).toBe(false);
      expect(await Post.objects.none().count()).toBe(0);
      expect(await Post.objects.none()).toEqual([]);
      expect(await Post.objects.orderBy('views').slice(1, 3).count()).toBe(2);
    });

    it('is lazy and immutable: nothing runs until awaited, and chaining copies', async () => {
      await seed();
      const seen = await ctx.queries(async () => {
        const base = Post.objects.filter({ status: 'published' });
        const narrowed = base.filter({ views__gt: 5 });
        expect(base === narrowed).toBe(false); // vitest's toBe() compares unequal objects as iterables, which a QuerySet refuses to be
        expect(await narrowed.count()).toBe(2);
        expect(await base.count()).toBe(3);
      });
      expect(seen).toHaveLength(2);
    });

    it('iterates with for await and in chunks', async () => {
      await seed();
      const slugs: string[] = [];
      for await (const post of Post.objects.orderBy('slug')) slugs.push(post.slug);
      expect(slugs).toEqual(['again', 'django', 'draft', 'hello']);
      const chunked: string[] = [];
      const seen = await ctx.queries(async () => {
        for await (const post of Post.objects.orderBy('slug').iterator({ chunkSize: 3 })) chunked.push(post.slug);
      });
      expect(chunked).toEqual(slugs);
      expect(seen).toHaveLength(2);
    });
  });

  describe('values, distinct, aggregates and annotations', () => {
    it('returns values and valuesList rows, across relations', async () => {
      await seed();
      expect(await Post.objects.orderBy('slug').values('slug', 'author__username').slice(0, 2)).toEqual([
        { slug: 'again', author__username: 'bob' },
        { slug: 'django', author__username: 'ann' },
      ]);
      expect(await Post.objects.orderBy('slug').valuesList('slug', 'views').slice(0, 1)).toEqual([['again', 5]]);
      expect(await Post.objects.orderBy('slug').valuesList('slug', { flat: true })).toEqual(['again', 'django', 'draft', 'hello']);
      expect(() => Post.objects.valuesList('slug', 'views', { flat: true })).toThrow(QuerySetError);
    });

    it('removes duplicate rows with distinct()', async () => {
      await seed();
      expect(await Post.objects.orderBy('status').values('status').distinct()).toEqual([{ status: 'draft' }, { status: 'published' }]);
    });

    it('aggregates with Count, Sum, Avg, Min and Max (decimals exact)', async () => {
      await seed();
      const result = await Post.objects.aggregate({
        n: Count('id'),
        total: Sum('views'),
        avg: Avg('views'),
        low: Min('views'),
        high: Max('rating'),
        money: Sum('rating'),
      });
      expect(result).toEqual({ n: 4, total: 45, avg: 11.25, low: 0, high: '4.50', money: '8.75' });
      expect(await Post.objects.filter({ status: 'none' }).aggregate({ n: Count('id'), total: Sum('views') })).toEqual({ n: 0, total: null });
    });

    it('annotates rows with aggregates over relations and orders by them', async () => {
      await seed();
      await Author.objects.create({ username: 'cy' });
      const authors = await Author.objects.annotate({ postCount: Count('posts'), best: Max('posts__views') }).orderBy('-postCount', 'username');
      expect(authors.map((a) => [a.username, a.postCount, a.best])).toEqual([
        ['ann', 2, 30],
        ['bob', 2, 5],
        ['cy', 0, null],
      ]);
      const perStatus = await Post.objects
        .values('status')
        .annotate({ n: Count('id') })
        .orderBy('status');
      expect(perStatus).toEqual([
        { status: 'draft', n: 1 },
        { status: 'published', n: 3 },
      ]);
    });
  });

  describe('bulk writes', () => {
    it('updates and deletes querysets, returning row counts', async () => {
      await seed();
      expect(await Post.objects.filter({ status: 'published' }).update({ status: 'draft' })).toBe(3);
      expect(await Post.objects.filter({ author__username: 'bob' }).update({ views: 99 })).toBe(2);
      expect(await Post.objects.filter({ views: 99 }).count()).toBe(2);
      const [deleted, perModel] = await Post.objects.filter({ author__username: 'bob' }).delete();
      expect(deleted).toBe(2);
      expect(perModel['library.Post']).toBe(2);
      expect(await Post.objects.count()).toBe(2);
    });

    it('bulk-creates with primary keys set, and bulk-updates fields', async () => {
      const ann = await Author.objects.create({ username: 'ann' });
      const posts = await Post.objects.bulkCreate(
        Array.from({ length: 25 }, (_, i) => new Post({ title: `t${i}`, slug: `s${i}`, author: ann })),
        { batchSize: 10 },
      );
      expect(posts.every((p) => typeof p.id === 'number')).toBe(true);
      expect(new Set(posts.map((p) => p.id)).size).toBe(25);
      expect((await Post.objects.get({ pk: posts[24].id })).slug).toBe('s24');
      for (const [i, p] of posts.entries()) p.views = i;
      expect(await Post.objects.bulkUpdate(posts, ['views'])).toBe(25);
      expect((await Post.objects.aggregate({ s: Sum('views') })).s).toBe(300);
    });

    it('gets or creates, and updates or creates', async () => {
      const [a1, created1] = await Author.objects.getOrCreate({ username: 'zed' }, { email: 'z@example.com' });
      const [a2, created2] = await Author.objects.getOrCreate({ username: 'zed' });
      expect([created1, created2]).toEqual([true, false]);
      expect(a2.pk).toBe(a1.pk);
      expect(a2.email).toBe('z@example.com');
      const [u1, c1] = await Author.objects.updateOrCreate({ username: 'zed' }, { email: 'new@example.com' });
      expect(c1).toBe(false);
      expect(u1.email).toBe('new@example.com');
      const [, c2] = await Author.objects.updateOrCreate({ username: 'yan' }, { email: 'y@example.com' });
      expect(c2).toBe(true);
      expect(await Author.objects.count()).toBe(2);
    });
  });

  describe('raw SQL and connections', () => {
    it('maps raw SQL with parameters onto instances', async () => {
      await seed();
      const db = ctx.db();
      const p = db.dialect === 'postgresql' ? '$1' : '?';
      const posts = await Post.objects.raw(`SELECT * FROM ${db.quoteName('library_post')} WHERE ${db.quoteName('slug')} = ${p}`, ['django']);
      expect(posts).toHaveLength(1);
      expect(posts[0]).toBeInstanceOf(Post);
      expect(posts[0].title).toBe('Django tips');
      expect(posts[0].rating).toBe('3.25');
    });

    it('runs on the alias given to using() and names unknown aliases', async () => {
      await seed();
      expect(await Post.objects.using('default').count()).toBe(4);
      await expect(Post.objects.using('replica').count()).rejects.toThrow('The database alias "replica" is not in DATABASES; configured aliases: default.');
    });
  });
});

describe('typed lookups', () => {
  it('turns misspelt filter keys, orderBy names and values() names into compile errors', () => {
    const typed = () => {
      Post.objects.filter({ title__icontains: 'x', publish__year__gte: 2020, author__username__iexact: 'a', pk__in: [1] });
      // @ts-expect-error -- "icontain" is not a lookup
      Post.objects.filter({ title__icontain: 'x' });
      // @ts-expect-error -- no such field
      Post.objects.filter({ titel: 'x' });
      // @ts-expect-error -- year is a transform for date fields only
      Post.objects.filter({ title__year: 2020 });
      // @ts-expect-error -- no such field to order by
      Post.objects.orderBy('-titel');
      const post = new Post({ title: 'x' });
      const title: string = post.title;
      const id: number = post.id;
      // @ts-expect-error -- views is a number
      const views: string = post.views;
      return [title, id, views];
    };
    expect(typeof typed).toBe('function');
  });
});
