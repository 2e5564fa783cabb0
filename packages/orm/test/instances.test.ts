import { describe, expect, it } from 'vitest';
import { DatabaseError, FieldError, postDelete, postSave, preDelete, preSave, ValidationError } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post, Sample } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

describe.each(testDatabaseTargets())('model instances on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  const ctx = useLibraryDatabase(dialect);

  describe('save, delete and refresh', () => {
    it('inserts on first save, updates afterwards, and sets auto timestamps', async () => {
      const ann = new Author({ username: 'ann' });
      expect(ann.id).toBe(null);
      await ann.save();
      expect(typeof ann.id).toBe('number');
      const post = new Post({ title: 'T', slug: 't', author: ann });
      expect(post.status).toBe('draft');
      expect(post.views).toBe(0);
      await post.save();
      const created = post.created;
      expect(created).toBeInstanceOf(Date);
      post.title = 'Changed';
      await new Promise((resolve) => setTimeout(resolve, 5));
      await post.save();
      const fresh = await Post.objects.get({ pk: post.id });
      expect(fresh.title).toBe('Changed');
      expect(fresh.created.getTime()).toBe(created.getTime());
      expect(fresh.updated.getTime()).toBeGreaterThan(created.getTime());
      await post.save();
      await post.save();
      expect(await Post.objects.count()).toBe(1);
    });

    it('writes only updateFields, and fails when the row is gone', async () => {
      const ann = await Author.objects.create({ username: 'ann', email: 'a@example.com' });
      ann.username = 'ann2';
      ann.email = 'changed@example.com';
      const seen = await ctx.queries(() => ann.save({ updateFields: ['email'] }));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^UPDATE/);
      await ann.refreshFromDb();
      expect([ann.username, ann.email]).toEqual(['ann', 'changed@example.com']);
      await Author.objects.filter({ pk: ann.id }).delete();
      await expect(ann.save({ updateFields: ['email'] })).rejects.toThrow(DatabaseError);
      await expect(ann.save({ updateFields: ['nope'] })).rejects.toThrow(FieldError);
    });

    it('deletes an instance and refreshes selected fields', async () => {
      const ann = await Author.objects.create({ username: 'ann', bio: 'x' });
      await Author.objects.filter({ pk: ann.id }).update({ bio: 'db', email: 'e@example.com' });
      await ann.refreshFromDb({ fields: ['bio'] });
      expect([ann.bio, ann.email]).toEqual(['db', '']);
      const [count] = await ann.delete();
      expect(count).toBe(1);
      expect(await Author.objects.count()).toBe(0);
    });

    it('shows its toString() and serialises its fields with toJSON()', async () => {
      const ann = await Author.objects.create({ username: 'ann' });
      expect(String(ann)).toBe('ann');
      const sample = new Sample({});
      expect(String(sample)).toMatch(/^Sample object \([0-9a-f-]{36}\)$/);
      expect(JSON.parse(JSON.stringify(ann))).toEqual({ id: ann.id, username: 'ann', email: '', bio: '' });
    });

    it('rejects unknown constructor fields, listing the valid ones', () => {
      expect(() => new Author({ nope: 1 } as never)).toThrow('Author() got an unexpected field "nope". Choices are: id, username, email, bio.');
    });
  });

  describe('field values round-trip exactly', () => {
    it('keeps decimals exact, datetimes aware, and every field type intact', async () => {
      const when = new Date('2026-03-04T05:06:07.123Z');
      const bytes = new Uint8Array([0, 1, 2, 255]);
      const sample = await Sample.objects.create({
        small: -5,
        big: 9007199254740993n,
        positive: 7,
        ratio: 0.5,
        price: '12345678901234.5678',
        flag: true,
        day: '2026-02-28',
        at: '13:14:15',
        when,
        spent: 90_061_001.5,
        data: { a: [1, 'two', null], b: { c: true } },
        blob: bytes,
        email: 'x@example.com',
        link: 'https://example.com/a?b=c',
        legacy: 'old',
        level: 2,
      });
      const fresh = await Sample.objects.get({ pk: sample.code });
      expect(fresh.code).toBe(sample.code);
      expect(fresh.small).toBe(-5);
      expect(fresh.big).toBe(9007199254740993n);
      expect(fresh.ratio).toBe(0.5);
      expect(fresh.price).toBe(dialect === 'sqlite' ? '12345678901234.5684' : '12345678901234.5678');
      expect(fresh.flag).toBe(true);
      expect(fresh.day).toBe('2026-02-28');
      expect(fresh.at?.slice(0, 8)).toBe('13:14:15');
      expect(fresh.when?.toISOString()).toBe('2026-03-04T05:06:07.123Z');
      expect(fresh.spent).toBe(90_061_001.5);
      expect(fresh.data).toEqual({ a: [1, 'two', null], b: { c: true } });
      expect([...(fresh.blob as Uint8Array)]).toEqual([0, 1, 2, 255]);
      expect(fresh.legacy).toBe('old');
      expect(await Sample.objects.filter({ price__gt: '12345678901234.5' }).count()).toBe(1);
      expect(await Sample.objects.filter({ flag: true, when__year: 2026 }).count()).toBe(1);
    });

    it('reads integers beyond 2^53 exactly through values(), valuesList(), count(), aggregates and annotations', async () => {
      const { F, Max } = await import('../src/index.js');
      await Sample.objects.create({ big: 9007199254740993n, small: 3, level: 2 });
      expect(await Sample.objects.values('big', 'small', 'level')).toEqual([{ big: 9007199254740993n, small: 3, level: 2 }]);
      expect(await Sample.objects.valuesList('big', { flat: true })).toEqual([9007199254740993n]);
      expect(await Sample.objects.filter({ big: 9007199254740993n }).count()).toBe(1);
      expect(await Sample.objects.filter({ big: 9007199254740992n }).exists()).toBe(false);
      expect(await Sample.objects.aggregate({ most: Max('big') })).toEqual({ most: 9007199254740993n });
      expect(await Sample.objects.annotate({ same: F('big') }).valuesList('same', { flat: true })).toEqual([9007199254740993n]);
    });

    it('keeps decimals with up to 15 digits exact on every database', async () => {
      await Sample.objects.create({ price: '0.1000' });
      await Sample.objects.create({ price: '0.2' });
      const { total } = await Sample.objects.aggregate({ total: (await import('../src/index.js')).Sum('price') });
      expect(total).toBe('0.3000');
      expect((await Sample.objects.filter({ price: '0.1' }).get()).price).toBe('0.1000');
    });

    it('stores naive wall-clock datetimes in TIME_ZONE when USE_TZ is off, reading back the same instant', async () => {
      const { configureOrm } = await import('../src/index.js');
      configureOrm({ useTz: false, timeZone: 'Europe/Paris' });
      const when = new Date('2026-07-01T10:00:00.000Z');
      const sample = await Sample.objects.create({ when });
      expect((await Sample.objects.get({ pk: sample.code })).when?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
      const db = ctx.db();
      const [row] = await db.query<{ w: unknown }>(`SELECT ${db.quoteName('when')} AS w FROM ${db.quoteName('library_sample')}`);
      if (dialect !== 'postgresql') expect(String(row.w)).toMatch(/^2026-07-01 12:00:00/);
      configureOrm({ useTz: true, timeZone: 'UTC' });
      const [utcRow] = await db.query<{ w: unknown }>(`SELECT ${db.quoteName('when')} AS w FROM ${db.quoteName('library_sample')}`);
      expect(utcRow.w).toEqual(row.w);
    });

    it('applies callable and constant defaults per instance', async () => {
      const a = new Sample({});
      const b = new Sample({});
      expect(a.code).not.toBe(b.code);
      expect(a.flag).toBe(false);
      expect(a.level).toBe(1);
    });
  });

  describe('fullClean', () => {
    it('reports maxLength, choices, blank, null, format and custom validator errors per field', async () => {
      const post = new Post({ title: 'x'.repeat(251), slug: 'not a slug', status: 'weird', author: null as never });
      const error = await post.fullClean().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const messages = (error as ValidationError).messages;
      expect(messages.title).toEqual(['Ensure this value has at most 250 characters (it has 251).']);
      expect(messages.slug).toEqual(['Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.']);
      expect(messages.status).toEqual(['Value "weird" is not a valid choice.']);
      expect(messages.author).toEqual(['This field cannot be null.']);
      const sample = new Sample({ email: 'nope', link: 'notaurl', level: 13, price: '1.23456' });
      const sampleErrors = ((await sample.fullClean().catch((e: unknown) => e)) as ValidationError).messages;
      expect(sampleErrors.email).toEqual(['Enter a valid email address.']);
      expect(sampleErrors.link).toEqual(['Enter a valid URL.']);
      expect(sampleErrors.level).toEqual(['Value 13 is not a valid choice.', 'Unlucky.']);
      expect(sampleErrors.price).toEqual(['Ensure that there are no more than 4 decimal places.']);
      await expect(new Author({ username: '' }).fullClean()).rejects.toMatchObject({ messages: { username: ['This field cannot be blank.'] } });
    });

    it('checks uniqueness and unique-together against the database, excluding itself', async () => {
      const ann = await Author.objects.create({ username: 'ann' });
      await ann.fullClean();
      const dup = new Author({ username: 'ann' });
      await expect(dup.fullClean()).rejects.toMatchObject({ messages: { username: ['Author with this Username already exists.'] } });
      await expect(dup.fullClean({ exclude: ['username'] })).resolves.toBeUndefined();
    });
  });

  describe('signals', () => {
    it('sends pre/post save and delete signals for the sender, with created', async () => {
      const events: string[] = [];
      const offs = [
        preSave.connect(({ instance }) => void events.push(`pre_save ${String(instance)}`), { sender: Author }),
        postSave.connect(({ instance, created }) => void events.push(`post_save ${String(instance)} ${created}`), { sender: Author }),
        preDelete.connect(({ instance }) => void events.push(`pre_delete ${String(instance)}`), { sender: Author }),
        postDelete.connect(({ instance }) => void events.push(`post_delete ${String(instance)}`), { sender: Author }),
        postSave.connect(() => void events.push('post_save for Post'), { sender: Post }),
      ];
      try {
        const ann = await Author.objects.create({ username: 'ann' });
        ann.bio = 'b';
        await ann.save();
        await ann.delete();
      } finally {
        for (const off of offs) off();
      }
      expect(events).toEqual(['pre_save ann', 'post_save ann true', 'pre_save ann', 'post_save ann false', 'pre_delete ann', 'post_delete ann']);
    });

    it('lets a pre_save receiver change the instance before it is written', async () => {
      const off = preSave.connect(
        ({ instance }) => {
          (instance as Author).bio ||= 'filled by signal';
        },
        { sender: Author },
      );
      try {
        await Author.objects.create({ username: 'ann' });
      } finally {
        off();
      }
      expect((await Author.objects.get({ username: 'ann' })).bio).toBe('filled by signal');
    });
  });

  describe('managers', () => {
    it('uses custom managers and custom queryset methods that chain', async () => {
      const ann = await Author.objects.create({ username: 'ann' });
      await Post.objects.create({ title: 'p', slug: 'p', author: ann, status: 'published' });
      await Post.objects.create({ title: 'd', slug: 'd', author: ann });
      expect((await Post.published.all()).map((p) => p.slug)).toEqual(['p']);
      expect(await Post.published.filter({ slug: 'd' }).count()).toBe(0);
      expect((await Post.objects.published()).map((p) => p.slug)).toEqual(['p']);
      expect((await Post.objects.filter({ author: ann }).published().orderBy('slug')).map((p) => p.getAbsoluteUrl())).toEqual(['/blog/p/']);
    });
  });
});
