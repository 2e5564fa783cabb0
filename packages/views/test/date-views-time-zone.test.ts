/**
 * The date-based views in a project whose TIME_ZONE is not UTC (USE_TZ on): a date-time belongs to
 * the day, month and year it falls on in TIME_ZONE, as in Django. On SQLite, PostgreSQL and MariaDB.
 */
import { testDatabaseTargets } from '@manouche/orm/testing';
import { path } from '@manouche/routing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveIndexView, DateDetailView, DayArchiveView, MonthArchiveView, YearArchiveView } from '../src/index.js';
import { Article, startSite, type Site } from './support/site.js';

const urlpatterns = [
  path('archive/', ArchiveIndexView.asView({ model: Article, dateField: 'publish' })),
  path('archive/<int:year>/', YearArchiveView.asView({ model: Article, dateField: 'publish' })),
  path('archive/<int:year>/<str:month>/', MonthArchiveView.asView({ model: Article, dateField: 'publish' })),
  path('archive/<int:year>/<int:month>/<int:day>/', DayArchiveView.asView({ model: Article, dateField: 'publish', monthFormat: '%m' })),
  path('archive/<int:year>/<int:month>/<int:day>/<slug:slug>/', DateDetailView.asView({ model: Article, dateField: 'publish', monthFormat: '%m' })),
];

const titles = (html: string) => [...html.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);

describe.each(testDatabaseTargets())('date-based views in TIME_ZONE America/New_York on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let site: Site;
  beforeAll(async () => {
    site = await startSite(dialect, urlpatterns, 'America/New_York');
    // 02:00 UTC on 1 March 2024 is 21:00 on 29 February in New York (EST, UTC−5).
    await Article.objects.create({ title: 'Leap evening', slug: 'leap-evening', publish: new Date('2024-03-01T02:00:00Z') });
    // 04:30 UTC on 1 January 2025 is still New Year's Eve 2024 in New York.
    await Article.objects.create({ title: 'New Year eve', slug: 'new-year-eve', publish: new Date('2025-01-01T04:30:00Z') });
    // 03:00 UTC on 1 January 2023 is 31 December 2022 in New York.
    await Article.objects.create({ title: 'Old year', slug: 'old-year', publish: new Date('2023-01-01T03:00:00Z') });
  });
  afterAll(() => site?.close());

  const get = async (url: string) => {
    const response = await fetch(`${site.url}${url}`, { redirect: 'manual' });
    return { status: response.status, html: await response.text() };
  };

  it('lists the years as New York sees them', async () => {
    const page = await get('/archive/');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<p>Years: 2024, 2022</p>');
  });

  it('puts a late-evening date-time in the local month and year, with the local previous year', async () => {
    const year = await get('/archive/2024/');
    expect(year.html).toContain('<p>Months: 2, 12; next none; previous 2022</p>');
    const february = await get('/archive/2024/feb/');
    expect(february.status).toBe(200);
    expect(february.html).toContain('<p>Days: 29</p>');
    expect(titles(february.html)).toEqual(['Leap evening']);
    expect((await get('/archive/2024/mar/')).status).toBe(404);
    expect((await get('/archive/2025/')).status).toBe(404);
  });

  it('finds the day archive and the detail page on the local day only', async () => {
    expect(titles((await get('/archive/2024/02/29/')).html)).toEqual(['Leap evening']);
    expect(titles((await get('/archive/2024/12/31/')).html)).toEqual(['New Year eve']);
    expect((await get('/archive/2024/03/01/')).status).toBe(404);
    expect((await get('/archive/2024/02/29/leap-evening/')).status).toBe(200);
    expect((await get('/archive/2024/03/01/leap-evening/')).status).toBe(404);
  });
});
