import { describe, expect, it } from 'vitest';
import { configureOrm, ImproperlyConfigured } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

async function seed() {
  const ann = await Author.objects.create({ username: 'ann' });
  await Post.objects.bulkCreate([
    // Paris (UTC+1 in winter): 2026-01-02 00:30, a Friday.
    new Post({ title: 'a', slug: 'newyear', author: ann, publish: new Date('2026-01-01T23:30:00Z') }),
    // Paris: 2026-01-01 00:30, though 2025 in UTC.
    new Post({ title: 'b', slug: 'eve', author: ann, publish: new Date('2025-12-31T23:30:00Z') }),
    // Paris (UTC+2 in summer): 2026-07-02 00:30.
    new Post({ title: 'c', slug: 'summer', author: ann, publish: new Date('2026-07-01T22:30:00Z') }),
  ]);
}

const slugs = async (qs: PromiseLike<Post[]>) => (await qs).map((p) => p.slug).sort();

describe.each(testDatabaseTargets())('date transforms in TIME_ZONE on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  useLibraryDatabase(dialect);

  it('extracts date, year, month, day, hour and week_day in the current time zone, daylight saving included', async () => {
    await seed();
    configureOrm({ timeZone: 'Europe/Paris' });
    expect(await slugs(Post.objects.filter({ publish__date: '2026-01-02' }))).toEqual(['newyear']);
    expect(await slugs(Post.objects.filter({ publish__year: 2026 }))).toEqual(['eve', 'newyear', 'summer']);
    expect(await slugs(Post.objects.filter({ publish__month: 1, publish__day: 1 }))).toEqual(['eve']);
    expect(await slugs(Post.objects.filter({ publish__day: 2 }))).toEqual(['newyear', 'summer']);
    expect(await slugs(Post.objects.filter({ publish__hour: 0 }))).toEqual(['eve', 'newyear', 'summer']);
    expect(await slugs(Post.objects.filter({ publish__week_day: 6 }))).toEqual(['newyear']);
    expect(await slugs(Post.objects.filter({ publish__date__gte: '2026-01-02' }))).toEqual(['newyear', 'summer']);
  });

  it('uses UTC when TIME_ZONE is UTC', async () => {
    await seed();
    expect(await slugs(Post.objects.filter({ publish__year: 2025 }))).toEqual(['eve']);
    expect(await slugs(Post.objects.filter({ publish__hour: 23 }))).toEqual(['eve', 'newyear']);
  });

  it('handles a fixed-offset zone with a half-hour offset', async () => {
    await seed();
    configureOrm({ timeZone: 'Asia/Kolkata' });
    expect(await slugs(Post.objects.filter({ publish__hour: 5, publish__minute: 0 }))).toEqual(['eve', 'newyear']);
    expect(await slugs(Post.objects.filter({ publish__date: '2026-07-02' }))).toEqual(['summer']);
  });

  it('refuses an unknown TIME_ZONE clearly', async () => {
    await seed();
    configureOrm({ timeZone: "Mars/Olympus'--" });
    await expect(Post.objects.filter({ publish__year: 2026 }).count()).rejects.toThrow(ImproperlyConfigured);
  });
});
