import { describe, expect, it } from 'vitest';
import { F, FieldError, InvalidValueError } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post, Sample } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

async function onePost() {
  const ann = await Author.objects.create({ username: 'ann' });
  const post = await Post.objects.create({ title: 'One', slug: 'one', author: ann, views: 10 });
  return { ann, post };
}

describe.each(testDatabaseTargets())('values written to the database on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  const ctx = useLibraryDatabase(dialect);

  describe('F() expressions assigned to attributes', () => {
    it('saves F("views").add(1) as SET views = views + 1 and keeps the column an integer', async () => {
      const { post } = await onePost();
      post.views = F('views').add(1) as never;
      const seen = await ctx.queries(() => post.save());
      expect(seen.find((sql) => sql.startsWith('UPDATE'))).toMatch(/SET .*views.* = \(.*views.* \+ /);
      await post.refreshFromDb();
      expect(post.views).toBe(11);
      if (dialect === 'sqlite') {
        const [row] = await ctx.db().query<{ t: string }>(`SELECT typeof(views) AS t FROM library_post`);
        expect(row.t).toBe('integer');
      }
    });

    it('increments from two stale copies without losing either vote', async () => {
      const { post } = await onePost();
      const a = await Post.objects.get({ pk: post.id });
      const b = await Post.objects.get({ pk: post.id });
      a.views = F('views').add(1) as never;
      b.views = F('views').add(2) as never;
      await a.save({ updateFields: ['views'] });
      await b.save({ updateFields: ['views'] });
      expect((await Post.objects.get({ pk: post.id })).views).toBe(13);
    });

    it('applies F() expressions in bulkUpdate', async () => {
      const { post } = await onePost();
      post.views = F('views').mul(3) as never;
      await Post.objects.bulkUpdate([post], ['views']);
      expect((await Post.objects.get({ pk: post.id })).views).toBe(30);
    });

    it('refuses an F() expression on insert, naming the model and field', async () => {
      const ann = await Author.objects.create({ username: 'ann' });
      const error = await Post.objects.create({ title: 'x', slug: 'x', author: ann, views: F('views').add(1) as never }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidValueError);
      expect((error as Error).message).toBe(
        'Failed to insert expression "F(views) + 1" on Post.views: F() expressions can only be used to update, not to insert.',
      );
      expect(await Post.objects.count()).toBe(0);
    });

    it('refuses a joined field reference in save() and update() with a FieldError', async () => {
      const { post } = await onePost();
      await expect(Post.objects.update({ title: F('author__username') as never })).rejects.toThrow(FieldError);
      await expect(Post.objects.update({ title: F('author__username') as never })).rejects.toThrow(/Joined field references are not permitted in this query/);
      post.title = F('author__username') as never;
      await expect(post.save()).rejects.toThrow(/Joined field references are not permitted/);
      expect((await Post.objects.get({ pk: post.id })).title).toBe('One');
    });
  });

  describe('type checks before SQL', () => {
    it('refuses a non-numeric string for an integer field in create(), naming model, field and value', async () => {
      const ann = await Author.objects.create({ username: 'ann' });
      const error = await Post.objects.create({ title: 'x', slug: 'x', author: ann, views: '1; DELETE FROM library_post' as never }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidValueError);
      expect((error as Error).message).toBe('Field "Post.views" expected an integer but got "1; DELETE FROM library_post".');
      expect(await Post.objects.count()).toBe(0);
    });

    it('refuses a foreign key value that is not an instance of the target model', async () => {
      await expect(Post.objects.create({ title: 'x', slug: 'x', author: 'ann' as never })).rejects.toThrow(
        'Cannot assign "ann": "Post.author" must be a "Author" instance (or set authorId to its key).',
      );
      const tag = new (await import('./models-fixture.js')).Tag({ name: 't' });
      expect(() => new Post({ title: 'x', slug: 'x', author: tag as never })).toThrow(InvalidValueError);
    });

    it('refuses a non-numeric string for a decimal field, naming model and field', async () => {
      const ann = await Author.objects.create({ username: 'ann' });
      await expect(Post.objects.create({ title: 'x', slug: 'x', author: ann, rating: '1; DELETE FROM library_post' })).rejects.toThrow(
        /^Field "Post\.rating" expected a decimal number .* but got "1; DELETE FROM library_post"\.$/,
      );
      expect(await Post.objects.count()).toBe(0);
    });

    it('refuses bad values in update(), bulkCreate() and save()', async () => {
      const { ann, post } = await onePost();
      await expect(Post.objects.update({ views: 'many' as never })).rejects.toThrow('Field "Post.views" expected an integer but got "many".');
      await expect(Post.objects.bulkCreate([new Post({ title: 'y', slug: 'y', author: ann, views: 1.5 })])).rejects.toThrow(
        'Field "Post.views" expected an integer but got 1.5.',
      );
      post.views = { n: 1 } as never;
      await expect(post.save()).rejects.toThrow('Field "Post.views" expected an integer but got {"n":1}.');
      expect((await Post.objects.get({ pk: post.id })).views).toBe(10);
    });

    it('refuses a non-numeric string in an integer lookup and accepts integer text', async () => {
      await onePost();
      await expect(Post.objects.filter({ views: 'abc' as never }).fetch()).rejects.toThrow(InvalidValueError);
      await expect(Post.objects.filter({ views__in: [1, 'x; DROP'] as never }).count()).rejects.toThrow(
        'Field "Post.views" expected an integer but got "x; DROP".',
      );
      await expect(Post.objects.filter({ author: 'ann' as never }).count()).rejects.toThrow(/Field "Author.id" expected an integer but got "ann"/);
      expect(await Post.objects.filter({ views: '10' as never }).count()).toBe(1);
      expect(await Post.objects.filter({ pk: ' 1 ' as never }).count()).toBeLessThanOrEqual(1);
    });

    it('checks booleans, dates, times, datetimes, uuids and durations', async () => {
      await expect(Sample.objects.create({ flag: 'yes' as never })).rejects.toThrow('Field "Sample.flag" expected true or false but got "yes".');
      await expect(Sample.objects.create({ day: '2026-02-30x' })).rejects.toThrow(/Field "Sample.day" expected a date \(YYYY-MM-DD\)/);
      await expect(Sample.objects.create({ at: 'noon' })).rejects.toThrow(/Field "Sample.at" expected a time/);
      await expect(Sample.objects.create({ when: 'not a date' as never })).rejects.toThrow(/Field "Sample.when" expected a Date or datetime text/);
      await expect(Sample.objects.create({ when: new Date(Number.NaN) })).rejects.toThrow(/Field "Sample.when"/);
      await expect(Sample.objects.create({ code: 'x' })).rejects.toThrow('Field "Sample.code" expected a UUID but got "x".');
      await expect(Sample.objects.create({ spent: '5' as never })).rejects.toThrow(/Field "Sample.spent" expected a duration/);
      expect(await Sample.objects.count()).toBe(0);
      const saved = await Sample.objects.create({ flag: 'false' as never, small: '7' as never, ratio: '2.5' as never, day: '2026-03-01' });
      const fresh = await Sample.objects.get({ pk: saved.code });
      expect([fresh.flag, fresh.small, fresh.ratio, fresh.day]).toEqual([false, 7, 2.5, '2026-03-01']);
    });
  });

  describe('queryset operations Django refuses', () => {
    it('refuses update({ pk }), defer("pk") and inBulk on a non-unique field with a FieldError', async () => {
      const { post } = await onePost();
      await expect(Post.objects.update({ pk: 99 } as never)).rejects.toThrow(FieldError);
      expect(() => Post.objects.defer('pk' as never)).toThrow(/primary key cannot be deferred/);
      await expect(Post.objects.inBulk(['draft'], { fieldName: 'status' })).rejects.toThrow(
        `inBulk()'s fieldName must be a unique field but "status" of Post isn't.`,
      );
      expect([...(await Post.objects.inBulk(['one'], { fieldName: 'slug' })).keys()]).toEqual(['one']);
      expect((await Post.objects.get({ pk: post.id })).id).toBe(post.id);
    });
  });
});
