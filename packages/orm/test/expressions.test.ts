import { describe, expect, it } from 'vitest';
import {
  Case,
  Cast,
  Coalesce,
  ExtractIsoWeekDay,
  ExtractIsoYear,
  ExtractQuarter,
  ExtractWeek,
  TruncHour,
  Concat,
  configureOrm,
  Count,
  Exists,
  ExpressionWrapper,
  Extract,
  F,
  fields,
  FieldError,
  Greatest,
  Least,
  Length,
  Lower,
  Now,
  OuterRef,
  Q,
  Subquery,
  Sum,
  Trunc,
  TruncDate,
  Upper,
  Value,
  When,
} from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

async function seed() {
  const ann = await Author.objects.create({ username: 'ann', email: 'ann@example.com' });
  const bob = await Author.objects.create({ username: 'bob' });
  await Author.objects.create({ username: 'cy' });
  await Post.objects.bulkCreate([
    // 2026-01-01 is a Thursday (ISO week 1 of 2026); 2024-12-30 is a Monday in ISO week 1 of 2025.
    new Post({ title: 'One', slug: 'one', author: ann, status: 'published', views: 10, rating: '4.50', publish: new Date('2026-01-01T10:30:00Z') }),
    new Post({ title: 'Two', slug: 'two', author: ann, status: 'published', views: 30, publish: new Date('2026-05-20T08:00:00Z') }),
    new Post({ title: 'Three', slug: 'three', author: bob, status: 'draft', views: 0, rating: '1.00', publish: new Date('2024-12-30T23:15:00Z') }),
  ]);
  return { ann, bob };
}

const by = <T>(rows: T[], key: (row: T) => unknown) => rows.map(key);

describe.each(testDatabaseTargets())('query expressions on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  useLibraryDatabase(dialect);

  describe('Value, Case/When and functions', () => {
    it('annotates Case/When with plain values and a default', async () => {
      await seed();
      const posts = await Post.objects
        .annotate({ label: Case([When({ status: 'published', views__gte: 20 }, 'hot'), When(Q({ status: 'published' }), 'live')], { default: 'other' }) })
        .orderBy('slug');
      expect(by(posts, (p) => [p.slug, p.label])).toEqual([
        ['one', 'live'],
        ['three', 'other'],
        ['two', 'hot'],
      ]);
      const counts = await Post.objects.aggregate({ live: Sum(Case([When({ status: 'published' }, 1)], { default: 0 })) });
      expect(Number(counts.live)).toBe(2);
    });

    it('computes Coalesce, Lower, Upper, Length, Concat, Greatest, Least and Cast', async () => {
      await seed();
      const authors = await Author.objects
        .annotate({
          lower: Lower('username'),
          upper: Upper('username'),
          n: Length('username'),
          label: Concat('username', Value(' <'), 'email', Value('>')),
          mail: Coalesce(F('email'), Value('-')),
        })
        .orderBy(Lower('username').asc());
      expect(by(authors, (a) => [a.lower, a.upper, a.n, a.label])).toEqual([
        ['ann', 'ANN', 3, 'ann <ann@example.com>'],
        ['bob', 'BOB', 3, 'bob <>'],
        ['cy', 'CY', 2, 'cy <>'],
      ]);
      const posts = await Post.objects
        .annotate({ score: Coalesce('rating', Value('0.00')), hi: Greatest('views', Value(5)), lo: Least('views', Value(5)), text: Cast('views', 'char') })
        .orderBy('slug');
      expect(by(posts, (p) => [p.score, p.hi, p.lo, p.text])).toEqual([
        ['4.50', 10, 5, '10'],
        ['1.00', 5, 0, '0'],
        ['0.00', 30, 5, '30'],
      ]);
    });

    it('filters with Now() and annotates ExpressionWrapper with its declared type', async () => {
      await seed();
      expect(await Post.objects.filter({ publish__lte: Now() }).count()).toBe(3);
      const early = Case([When({ publish__lt: Value(new Date('2025-06-01T00:00:00Z')) }, true)], { default: false });
      expect((await Post.objects.annotate({ early }).filter({ early: true })).map((p) => p.slug)).toEqual(['three']);
      const [one] = await Post.objects.filter({ slug: 'one' }).annotate({ double: ExpressionWrapper(F('views').mul(2), fields.integer()), at: Now() });
      expect(one.double).toBe(20);
      expect(one.at).toBeInstanceOf(Date);
      await Post.objects.filter({ slug: 'one' }).update({ title: Upper('title') as never });
      expect((await Post.objects.get({ slug: 'one' })).title).toBe('ONE');
    });

    it('uses a function inside an aggregate and an aggregate inside a function', async () => {
      await seed();
      expect(await Post.objects.aggregate({ total: Coalesce(Sum('views', { filter: Q({ status: 'missing' }) }), Value(0)) })).toEqual({ total: 0 });
      const authors = await Author.objects.annotate({ views: Coalesce(Sum('posts__views'), Value(0)) }).orderBy('username');
      expect(by(authors, (a) => [a.username, Number(a.views)])).toEqual([
        ['ann', 40],
        ['bob', 0],
        ['cy', 0],
      ]);
    });
  });

  describe('subqueries', () => {
    it('annotates Subquery with OuterRef and Exists, and filters on them', async () => {
      await seed();
      const newest = Post.objects
        .filter({ author: OuterRef('pk') })
        .orderBy('-publish')
        .values('title')
        .slice(0, 1);
      const authors = await Author.objects
        .annotate({ newest: Subquery(newest), writes: Exists(Post.objects.filter({ author: OuterRef('pk') })) })
        .orderBy('username');
      expect(by(authors, (a) => [a.username, a.newest, a.writes])).toEqual([
        ['ann', 'Two', true],
        ['bob', 'Three', true],
        ['cy', null, false],
      ]);
      expect(
        (await Author.objects.annotate({ writes: Exists(Post.objects.filter({ author: OuterRef('pk'), status: 'draft' })) }).filter({ writes: true })).map(
          (a) => a.username,
        ),
      ).toEqual(['bob']);
      expect((await Post.objects.filter({ views__gt: Subquery(Post.objects.filter({ slug: 'one' }).values('views')) })).map((p) => p.slug)).toEqual(['two']);
    });

    it('filters and excludes with Exists() directly, as a condition', async () => {
      await seed();
      const drafts = Exists(Post.objects.filter({ author: OuterRef('pk'), status: 'draft' }));
      expect((await Author.objects.filter(drafts)).map((a) => a.username)).toEqual(['bob']);
      expect((await Author.objects.exclude(drafts).orderBy('username')).map((a) => a.username)).toEqual(['ann', 'cy']);
      expect((await Author.objects.filter(Q({ username: 'cy' }).or(Q(drafts)))).map((a) => a.username).sort()).toEqual(['bob', 'cy']);
      await expect(Author.objects.filter(Lower('username') as never).fetch()).rejects.toThrow(/boolean expressions/);
    });

    it('refuses OuterRef outside a subquery', async () => {
      await seed();
      await expect(Post.objects.filter({ author: OuterRef('pk') }).count()).rejects.toThrow(FieldError);
    });
  });

  describe('ordering with NULL placement', () => {
    it('puts NULLs first or last on request, in both directions', async () => {
      await seed();
      expect((await Post.objects.orderBy(F('rating').asc({ nullsFirst: true }))).map((p) => p.slug)).toEqual(['two', 'three', 'one']);
      expect((await Post.objects.orderBy(F('rating').asc({ nullsLast: true }))).map((p) => p.slug)).toEqual(['three', 'one', 'two']);
      expect((await Post.objects.orderBy(F('rating').desc({ nullsLast: true }))).map((p) => p.slug)).toEqual(['one', 'three', 'two']);
      expect((await Post.objects.orderBy(F('rating').desc({ nullsFirst: true }))).map((p) => p.slug)).toEqual(['two', 'one', 'three']);
      expect((await Post.objects.orderBy(F('rating').desc({ nullsLast: true })).reverse()).map((p) => p.slug)).toEqual(['two', 'three', 'one']);
    });

    it('orders latest() and earliest() by "-field" the Django way', async () => {
      await seed();
      expect((await Post.objects.latest('publish')).slug).toBe('two');
      expect((await Post.objects.latest('-publish')).slug).toBe('three');
      expect((await Post.objects.earliest('-publish')).slug).toBe('two');
      expect((await Post.objects.latest('status', '-views')).slug).toBe('one');
    });
  });

  describe('date functions and transforms', () => {
    it('filters on week, quarter, iso_week_day, iso_year and time', async () => {
      await seed();
      expect(by(await Post.objects.filter({ publish__week: 1 }).orderBy('slug'), (p) => p.slug)).toEqual(['one', 'three']);
      expect(by(await Post.objects.filter({ publish__quarter: 2 }), (p) => p.slug)).toEqual(['two']);
      expect(by(await Post.objects.filter({ publish__iso_week_day: 1 }), (p) => p.slug)).toEqual(['three']);
      expect(by(await Post.objects.filter({ publish__iso_year: 2025 }), (p) => p.slug)).toEqual(['three']);
      expect(by(await Post.objects.filter({ publish__time: '10:30' }), (p) => p.slug)).toEqual(['one']);
      expect(by(await Post.objects.filter({ publish__time__gt: '09:00:00' }).orderBy('slug'), (p) => p.slug)).toEqual(['one', 'three']);
    });

    it('annotates Extract and Trunc and groups by them', async () => {
      await seed();
      const years = await Post.objects
        .annotate({ year: Extract('publish', 'year') })
        .values('year')
        .annotate({ n: Count('id') })
        .orderBy('year');
      expect(years).toEqual([
        { year: 2024, n: 1 },
        { year: 2026, n: 2 },
      ]);
      const [one] = await Post.objects
        .filter({ slug: 'one' })
        .annotate({ month: Trunc('publish', 'month'), week: Trunc('publish', 'week'), quarter: Trunc('publish', 'quarter'), day: TruncDate('publish') });
      const [named] = await Post.objects.filter({ slug: 'three' }).annotate({
        y: ExtractIsoYear('publish'),
        w: ExtractWeek('publish'),
        d: ExtractIsoWeekDay('publish'),
        q: ExtractQuarter('publish'),
        h: TruncHour('publish'),
      });
      expect([named.y, named.w, named.d, named.q, named.h]).toEqual([2025, 1, 1, 4, new Date('2024-12-30T23:00:00Z')]);
      expect([one.month, one.week, one.quarter, one.day]).toEqual([
        new Date('2026-01-01T00:00:00Z'),
        new Date('2025-12-29T00:00:00Z'),
        new Date('2026-01-01T00:00:00Z'),
        '2026-01-01',
      ]);
    });

    it('lists distinct dates() and datetimes(), in the current time zone', async () => {
      await seed();
      expect(await Post.objects.dates('publish', 'year')).toEqual(['2024-01-01', '2026-01-01']);
      expect(await Post.objects.dates('publish', 'month', 'DESC')).toEqual(['2026-05-01', '2026-01-01', '2024-12-01']);
      expect(await Post.objects.datetimes('publish', 'hour')).toEqual([
        new Date('2024-12-30T23:00:00Z'),
        new Date('2026-01-01T10:00:00Z'),
        new Date('2026-05-20T08:00:00Z'),
      ]);
      configureOrm({ timeZone: 'Europe/Paris' });
      expect(await Post.objects.dates('publish', 'day')).toEqual(['2024-12-31', '2026-01-01', '2026-05-20']);
      expect(await Post.objects.datetimes('publish', 'day')).toEqual([
        new Date('2024-12-30T23:00:00Z'),
        new Date('2025-12-31T23:00:00Z'),
        new Date('2026-05-19T22:00:00Z'),
      ]);
      expect(() => Post.objects.dates('title', 'year')).toThrow(/"title" is a char field/);
    });
  });
});
