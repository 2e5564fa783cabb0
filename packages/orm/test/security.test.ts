import { describe, expect, it } from 'vitest';
import { F, FieldError } from '../src/index.js';
import { instanceBuilder, valuesObjectBuilder } from '../src/query/row-builders.js';
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

  it('reads rows into objects keyed by hostile annotation names as plain data, never as code', async () => {
    await Author.objects.create({ username: 'ann', bio: 'b' });
    const names = ['a"]; globalThis.pwned = 1; //', "b'); throw new Error('x'); ('", 'c\u2028d\ne`$' + '{1}`', 'constructor', 'toString'];
    const annotations = Object.fromEntries(names.map((name) => [name, F('username')]));
    const [row] = await Author.objects.annotate(annotations).values('bio', ...names);
    expect(row).toEqual({ bio: 'b', ...Object.fromEntries(names.map((name) => [name, 'ann'])) });
    expect(Object.keys(row)).toEqual(['bio', ...names]);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });
});

describe('row builders generated per query shape', () => {
  const names = [
    'a"]; globalThis.pwned = 1; //',
    "b'); throw new Error('x'); ('",
    'c\u2028d\ne`$' + '{1}`',
    '\\',
    'constructor',
    'a"]; globalThis.pwned = 1; //',
  ];
  const converters = names.map((_, i) => (raw: unknown) => `${i}:${String(raw)}`);
  const row = names.map((_, i) => `v${i}`);

  it('write hostile names into objects as data, a later duplicate overwriting an earlier one in place', () => {
    for (const generate of [true, false]) {
      const read = valuesObjectBuilder(names, converters, generate);
      const out = read(row);
      expect(Object.keys(out)).toEqual(names.slice(0, 5));
      expect(out).toEqual({ [names[0]]: '5:v5', [names[1]]: '1:v1', [names[2]]: '2:v2', [names[3]]: '3:v3', constructor: '4:v4' });
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('build instances of the given prototype with hostile attribute and extra names, without running a constructor', () => {
    class Target {
      constructed = true;
      describe(): string {
        return 'target';
      }
    }
    const columns = names.slice(0, 4).map((attname, index) => ({ attname, index, convert: converters[index] }));
    for (const generate of [true, false]) {
      const read = instanceBuilder(Target.prototype, columns, () => 'state', [{ as: names[4], index: 5 }], generate);
      const instance = read(row) as unknown as Target & Record<string, unknown>;
      expect(instance).toBeInstanceOf(Target);
      expect(instance.describe()).toBe('target');
      expect(instance.constructed).toBeUndefined();
      expect(Object.keys(instance)).toEqual([...names.slice(0, 4), '_state', names[4]]);
      expect([instance[names[0]], instance[names[3]], instance._state, instance[names[4]]]).toEqual(['0:v0', '3:v3', 'state', 'v5']);
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });
});
