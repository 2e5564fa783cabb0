/** Paginator and Page: Django's numbers, edges and errors; querysets read with one COUNT and one LIMIT/OFFSET. */
import { connection } from '@manouche/orm';
import { testDatabaseTargets } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmptyPage, PageNotAnInteger, Paginator } from '../src/index.js';
import { Article, startSite, type Site } from './support/site.js';

const items = Array.from({ length: 23 }, (_, i) => i + 1);

describe('Paginator over an array', () => {
  it('counts pages, ranges and indexes like Django', async () => {
    const paginator = new Paginator(items, 5);
    expect([paginator.count, paginator.numPages]).toEqual([23, 5]);
    expect(paginator.pageRange).toEqual([1, 2, 3, 4, 5]);
    const page = await paginator.page(2);
    expect(page.objectList).toEqual([6, 7, 8, 9, 10]);
    expect([page.startIndex(), page.endIndex(), page.hasNext(), page.hasPrevious(), page.nextPageNumber(), page.previousPageNumber()]).toEqual([
      6,
      10,
      true,
      true,
      3,
      1,
    ]);
    const last = await paginator.page('5');
    expect([last.objectList, last.startIndex(), last.endIndex(), last.hasNext()]).toEqual([[21, 22, 23], 21, 23, false]);
    expect(() => last.nextPageNumber()).toThrow(EmptyPage);
    expect(String(last)).toBe('<Page 5 of 5>');
  });

  it('folds orphans into the last page', async () => {
    const paginator = new Paginator(items, 10, { orphans: 3 });
    expect(paginator.numPages).toBe(2);
    expect((await paginator.page(2)).objectList).toHaveLength(13);
  });

  it('rejects page 0, past the end and non-numbers with Django’s messages', async () => {
    const paginator = new Paginator(items, 5);
    await expect(paginator.page(0)).rejects.toThrow(new EmptyPage('That page number is less than 1'));
    await expect(paginator.page(9999)).rejects.toThrow(new EmptyPage('That page contains no results'));
    for (const bad of ['abc', '1.5', 1.5, null, '']) await expect(paginator.page(bad)).rejects.toBeInstanceOf(PageNotAnInteger);
  });

  it('getPage falls back to the first or last page instead of throwing', async () => {
    const paginator = new Paginator(items, 5);
    expect((await paginator.getPage('abc')).number).toBe(1);
    expect((await paginator.getPage(9999)).number).toBe(5);
    expect((await paginator.getPage(undefined)).number).toBe(1);
  });

  it('allows an empty first page unless told otherwise', async () => {
    const empty = new Paginator([], 5);
    expect(empty.numPages).toBe(1);
    const page = await empty.page(1);
    expect([page.objectList, page.startIndex(), page.endIndex()]).toEqual([[], 0, 0]);
    await expect(new Paginator([], 5, { allowEmptyFirstPage: false }).page(1)).rejects.toBeInstanceOf(EmptyPage);
  });

  it('elides long page ranges around the current page', () => {
    const paginator = new Paginator(Array.from({ length: 500 }), 10);
    expect(paginator.getElidedPageRange(10)).toEqual([1, 2, '…', 7, 8, 9, 10, 11, 12, 13, '…', 49, 50]);
    expect(paginator.getElidedPageRange(1)).toEqual([1, 2, 3, 4, '…', 49, 50]);
    expect(paginator.getElidedPageRange(50, { onEachSide: 1, onEnds: 1 })).toEqual([1, '…', 49, 50]);
    expect(new Paginator(items, 5).getElidedPageRange(3)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a page size that is not a positive whole number', () => {
    expect(() => new Paginator(items, 0)).toThrow('Paginator: perPage must be a whole number of at least 1, got 0.');
  });
});

describe.each(testDatabaseTargets())('Paginator over a queryset on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let site: Site;
  beforeAll(async () => {
    site = await startSite(dialect, []);
    await Article.objects.bulkCreate(items.map((i) => new Article({ title: `A${i}`, slug: `a-${i}`, publish: new Date(Date.UTC(2020, 0, i)) })));
  });
  afterAll(() => site?.close());

  it('reads a page with one COUNT and one LIMIT/OFFSET query', async () => {
    const queries: string[] = [];
    const stop = connection().addQueryListener((event: { sql: string }) => queries.push(event.sql));
    try {
      const paginator = new Paginator(Article.objects.orderBy('publish'), 5);
      const page = await paginator.page(3);
      expect(page.objectList.map(String)).toEqual(['A11', 'A12', 'A13', 'A14', 'A15']);
      expect(paginator.numPages).toBe(5);
    } finally {
      stop();
    }
    expect(queries).toHaveLength(2);
    expect(queries[0]).toMatch(/COUNT/i);
    expect(queries[1]).toMatch(/LIMIT/i);
  });
});
