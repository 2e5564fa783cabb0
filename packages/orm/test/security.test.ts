import { describe, expect, it } from 'vitest';
import { FieldError } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

const HOSTILE = [
  "'; DROP TABLE library_author; --",
  '" OR 1=1 --',
  '`) OR 1=1 #',
  "\\'; DELETE FROM library_post; --",
  '%_*?[\\',
  "Robert'); DROP TABLE Students;--",
  '$1 $2 ? ?',
];

describe.each(testDatabaseTargets())('injection resistance on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  const ctx = useLibraryDatabase(dialect);
  const usable = HOSTILE;

  it('stores and finds hostile strings as plain values through every lookup', async () => {
    for (const [i, text] of usable.entries()) {
      await Author.objects.create({ username: `u${i}`, bio: text });
    }
    for (const text of usable) {
      expect((await Author.objects.filter({ bio: text })).map((a) => a.bio)).toEqual([text]);
      expect(await Author.objects.filter({ bio__contains: text }).count()).toBe(1);
      expect(await Author.objects.filter({ bio__icontains: text }).count()).toBe(1);
      expect(await Author.objects.filter({ bio__startswith: text }).count()).toBe(1);
      expect(await Author.objects.filter({ bio__iexact: text }).count()).toBe(1);
      expect(await Author.objects.filter({ bio__in: [text, 'x'] }).count()).toBe(1);
      expect(await Author.objects.exclude({ bio: text }).count()).toBe(usable.length - 1);
    }
    expect(await Author.objects.count()).toBe(usable.length);
    const tables = await ctx.db().query(`SELECT COUNT(*) AS n FROM ${ctx.db().quoteName('library_post')}`);
    expect(tables).toHaveLength(1);
  });

  it('rejects hostile field names in filters, lookups, orderBy, values and update', async () => {
    await Author.objects.create({ username: 'ann' });
    const names = ['username; DROP TABLE library_author', 'username" --', 'username`', '1=1', '(select 1)'];
    for (const name of names) {
      await expect(Author.objects.filter({ [name]: 'x' } as never).fetch()).rejects.toThrow(FieldError);
      await expect(Author.objects.filter({ [`username__${name}`]: 'x' } as never).fetch()).rejects.toThrow(FieldError);
      await expect(Author.objects.orderBy(name as never).fetch()).rejects.toThrow(FieldError);
      await expect(Author.objects.orderBy(`-${name}` as never).fetch()).rejects.toThrow(FieldError);
      await expect(Author.objects.values(name).fetch()).rejects.toThrow(FieldError);
      await expect(Author.objects.update({ [name]: 'x' } as never)).rejects.toThrow(FieldError);
    }
    expect(await Author.objects.count()).toBe(1);
  });

  it('never puts filter values into the SQL text', async () => {
    const seen: string[] = [];
    const off = ctx.db().addQueryListener(({ sql }) => seen.push(sql));
    try {
      await Post.objects.filter({ title__icontains: 'needle-value', author__username: 'other-needle' }).orderBy('-publish').fetch();
    } finally {
      off();
    }
    expect(seen.join('\n')).not.toContain('needle');
  });
});
