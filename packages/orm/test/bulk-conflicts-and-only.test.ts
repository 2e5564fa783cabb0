import { describe, expect, it } from 'vitest';
import { FieldError } from '../src/index.js';
import { testDatabaseTargets } from '../src/testing.js';
import { Author, Post, Tag } from './models-fixture.js';
import { useLibraryDatabase } from './support.js';

describe.each(testDatabaseTargets())('bulkCreate conflicts and loading across relations on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  const ctx = useLibraryDatabase(dialect);

  describe('bulkCreate with conflicts', () => {
    it('skips rows that hit a unique constraint with ignoreConflicts', async () => {
      await Tag.objects.create({ name: 'python' });
      await Tag.objects.bulkCreate([new Tag({ name: 'python' }), new Tag({ name: 'sql' }), new Tag({ name: 'go' })], { ignoreConflicts: true });
      expect((await Tag.objects.orderBy('name')).map((t) => t.name)).toEqual(['go', 'python', 'sql']);
    });

    it('overwrites updateFields of the existing rows with updateConflicts', async () => {
      const ann = await Author.objects.create({ username: 'ann', email: 'old@example.com' });
      await Author.objects.bulkCreate(
        [new Author({ username: 'ann', email: 'new@example.com', bio: 'kept?' }), new Author({ username: 'bob', email: 'bob@example.com' })],
        {
          updateConflicts: true,
          uniqueFields: ['username'],
          updateFields: ['email'],
        },
      );
      const rows = await Author.objects.orderBy('username').values('username', 'email', 'bio');
      expect(rows).toEqual([
        { username: 'ann', email: 'new@example.com', bio: '' },
        { username: 'bob', email: 'bob@example.com', bio: '' },
      ]);
      expect((await Author.objects.get({ username: 'ann' })).id).toBe(ann.id);
    });

    it('refuses inconsistent conflict options with a FieldError', async () => {
      await expect(Tag.objects.bulkCreate([new Tag({ name: 'x' })], { ignoreConflicts: true, updateConflicts: true })).rejects.toThrow(FieldError);
      await expect(Tag.objects.bulkCreate([new Tag({ name: 'x' })], { updateConflicts: true })).rejects.toThrow(/needs updateFields/);
      await expect(
        Author.objects.bulkCreate([new Author({ username: 'x' })], { updateConflicts: true, updateFields: ['id'], uniqueFields: ['username'] }),
      ).rejects.toThrow(/cannot contain "id"/);
      if (dialect !== 'mysql')
        await expect(Author.objects.bulkCreate([new Author({ username: 'x' })], { updateConflicts: true, updateFields: ['email'] })).rejects.toThrow(
          /needs uniqueFields/,
        );
      expect(await Tag.objects.count()).toBe(0);
    });
  });

  describe('only() and values() across relations', () => {
    it('loads only the named fields of a selectRelated model', async () => {
      const ann = await Author.objects.create({ username: 'ann', email: 'ann@example.com', bio: 'long bio' });
      await Post.objects.create({ title: 'One', slug: 'one', author: ann, body: 'text' });
      let sql = '';
      const seen = await ctx.queries(async () => {
        const [post] = await Post.objects.selectRelated('author').only('title', 'author__username');
        expect(post.title).toBe('One');
        expect(post.author.username).toBe('ann');
        expect(post.author.id).toBe(ann.id);
        expect(post.author.bio).toBeUndefined();
        expect(post.body).toBeUndefined();
      });
      sql = seen[0];
      expect(sql).not.toMatch(/bio/);
      const [deferred] = await Post.objects.selectRelated('author').defer('author__bio');
      expect([deferred.author.username, deferred.author.bio, deferred.body]).toEqual(['ann', undefined, 'text']);
    });

    it('returns values() across relations in both directions', async () => {
      const ann = await Author.objects.create({ username: 'ann' });
      await Post.objects.create({ title: 'One', slug: 'one', author: ann });
      expect(await Post.objects.values('title', 'author__username')).toEqual([{ title: 'One', author__username: 'ann' }]);
      expect(await Author.objects.valuesList('username', 'posts__slug')).toEqual([['ann', 'one']]);
    });
  });
});
