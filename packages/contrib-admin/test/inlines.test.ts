/**
 * Inlines over HTTP on every database: articles with their comments (tabular) and authors with
 * their articles (stacked), saved with the parent in one go, logged, permission-checked,
 * escaped, and safe against forged ids and management data; "Save as new" and "saveOnTop".
 */
import { Permission, User } from '@manouche/contrib-auth';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { stackedInline, tabularInline } from '../src/inlines.js';
import { LogEntry } from '../src/models.js';
import { Article, Author, Comment } from './support/shop-models.js';
import { AdminClient, migratedDatabase, serveAdmin } from './support/stack.js';

const PASSWORD = 'la pompe 1958';
const HOSTILE = `<script>alert(1)</script>"'&`;

const site = new AdminSite({ name: 'admin', siteHeader: 'Inline administration' });
site.register(Article, {
  fields: ['title', 'slug', 'status', 'author'],
  inlines: [tabularInline(Comment, { extra: 2, fields: ['text'] })],
  saveAsNew: true,
  saveOnTop: true,
});
site.register(Author, { inlines: [stackedInline(Article, { extra: 1, fields: ['title', 'slug', 'status'], showChangeLink: true })] });
site.register(Comment, {});

/** The management form and rows of the comments inline, as a browser posts them. */
function commentsForm(
  rows: Array<{ id?: number; text: string; DELETE?: boolean }>,
  initial: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  const data: Record<string, string> = {
    'comments-TOTAL_FORMS': String(rows.length),
    'comments-INITIAL_FORMS': String(initial),
    'comments-MIN_NUM_FORMS': '0',
    'comments-MAX_NUM_FORMS': '1000',
  };
  rows.forEach((row, index) => {
    data[`comments-${index}-text`] = row.text;
    if (row.id !== undefined) data[`comments-${index}-id`] = String(row.id);
    if (row.DELETE) data[`comments-${index}-DELETE`] = 'on';
  });
  return { ...data, ...extra };
}

function articleFields(fields: Record<string, string>): Record<string, string> {
  return { title: '', slug: '', status: 'DF', author: '', ...fields };
}

async function grant(user: User, codenames: string[]): Promise<void> {
  const perms = await Permission.objects.filter({ codename__in: codenames });
  await (user as unknown as { userPermissions: { add(...p: unknown[]): Promise<void> } }).userPermissions.add(...perms);
}

async function history(article: { pk: unknown }): Promise<string[]> {
  const entries = await LogEntry.objects.filter({ objectId: String(article.pk) } as never).orderBy('id');
  return (entries as LogEntry[]).map((entry) => entry.getChangeMessage());
}

describe.each(testDatabaseTargets())('inlines on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAdmin>>;
  let root: AdminClient;

  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
    await User.objects.createSuperuser('root', 'root@example.com', PASSWORD);
    server = await serveAdmin(site);
    root = new AdminClient(server.url);
    await root.login('root', PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });
  beforeEach(async () => {
    await Comment.objects.all().delete();
    await Article.objects.all().delete();
  });

  it('renders the add form with the inline’s management form, its extra rows and the empty row “Add another” copies', async () => {
    const page = await root.get('/admin/shop/article/add/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="comments-group" data-inline-type="tabular"');
    expect(page.text).toContain('<h2 class="inline-heading">Comments</h2>');
    expect(page.text).toMatch(/<input type="hidden" name="comments-TOTAL_FORMS" value="2"/);
    expect(page.text).toMatch(/<input type="hidden" name="comments-INITIAL_FORMS" value="0"/);
    expect(page.text).toMatch(/name="comments-0-text"/);
    expect(page.text).toMatch(/name="comments-1-text"/);
    expect(page.text).not.toMatch(/name="comments-2-text"/);
    expect(page.text).toContain('<tr class="form-row empty-form" id="comments-empty">');
    expect(page.text).toMatch(/name="comments-__prefix__-text"/);
    expect(page.text).toContain('&quot;addText&quot;:&quot;Add another Comment&quot;');
    expect(page.text).toContain('/static/admin/js/inlines.js');
    // The foreign key to the article is never a field of the inline.
    expect(page.text).not.toMatch(/name="comments-0-article"/);
  });

  it('saves the article and its comments together and logs “Added comment …” in the history', async () => {
    await root.get('/admin/shop/article/add/');
    const saved = await root.post('/admin/shop/article/add/', {
      ...articleFields({ title: 'Minor Swing', slug: 'minor-swing' }),
      ...commentsForm([{ text: 'Great tune' }, { text: 'Swing!' }], 0),
      _continue: '1',
    });
    expect(saved.status).toBe(302);
    const article = await Article.objects.get({ slug: 'minor-swing' });
    expect(saved.location).toBe(`/admin/shop/article/${article.pk}/change/`);
    const comments = await Comment.objects.filter({ article: article.pk } as never).orderBy('id');
    expect(comments.map((comment) => comment.text)).toEqual(['Great tune', 'Swing!']);
    expect(await history(article)).toEqual(['Added. Added comment “Great tune”. Added comment “Swing!”.']);
    const historyPage = await root.get(`/admin/shop/article/${article.pk}/history/`);
    expect(historyPage.text).toContain('Added. Added comment “Great tune”. Added comment “Swing!”.');

    const change = await root.get(`/admin/shop/article/${article.pk}/change/`);
    expect(change.text).toMatch(/<input type="hidden" name="comments-INITIAL_FORMS" value="2"/);
    expect(change.text).toMatch(/<input type="hidden" name="comments-TOTAL_FORMS" value="4"/);
    expect(change.text).toContain('<tr class="form-row has_original" id="comments-0">');
    expect(change.text).toContain('<p>Great tune</p>');
    expect(change.text).toMatch(new RegExp(`name="comments-0-id" value="${comments[0]!.pk}"`));
    expect(change.text).toMatch(/type="checkbox" name="comments-0-DELETE"/);
  });

  it('changes, deletes and adds comments in one save, naming each in the history', async () => {
    const article = await Article.objects.create({ title: 'Nuages', slug: 'nuages' });
    const keep = await Comment.objects.create({ text: 'Lovely', articleId: article.pk });
    const drop = await Comment.objects.create({ text: 'First!', articleId: article.pk });
    await root.get(`/admin/shop/article/${article.pk}/change/`);
    const response = await root.post(`/admin/shop/article/${article.pk}/change/`, {
      ...articleFields({ title: 'Nuages', slug: 'nuages' }),
      ...commentsForm(
        [{ id: keep.pk as number, text: 'Lovely, lovely' }, { id: drop.pk as number, text: 'First!', DELETE: true }, { text: 'Django would be proud' }],
        2,
      ),
      _save: '1',
    });
    expect(response.status).toBe(302);
    const texts = (await Comment.objects.filter({ article: article.pk } as never).orderBy('id')).map((comment) => comment.text);
    expect(texts).toEqual(['Lovely, lovely', 'Django would be proud']);
    expect(await history(article)).toEqual(['Added comment “Django would be proud”. Changed Text for comment “Lovely, lovely”. Deleted comment “First!”.']);
  });

  it('shows an inline row’s errors next to it and saves neither the parent nor any comment', async () => {
    const article = await Article.objects.create({ title: 'Swing 42', slug: 'swing-42' });
    await root.get(`/admin/shop/article/${article.pk}/change/`);
    const response = await root.post(`/admin/shop/article/${article.pk}/change/`, {
      ...articleFields({ title: 'Swing 48', slug: 'swing-42' }),
      ...commentsForm([{ text: 'fine' }, { text: 'x'.repeat(201) }], 0),
      _save: '1',
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Please correct the error below.');
    expect(response.text).toMatch(
      /<td class="field-text">\s*<ul class="errorlist"><li>Ensure this value has at most 200 characters \(it has 201\)\.<\/li><\/ul>/,
    );
    expect((await Article.objects.get({ pk: article.pk })).title).toBe('Swing 42');
    expect(await Comment.objects.count()).toBe(0);
  });

  it('escapes hostile text in inline inputs, in the row’s title and in the history', async () => {
    const article = await Article.objects.create({ title: 'Hostile', slug: 'hostile' });
    await root.get(`/admin/shop/article/${article.pk}/change/`);
    await root.post(`/admin/shop/article/${article.pk}/change/`, {
      ...articleFields({ title: 'Hostile', slug: 'hostile' }),
      ...commentsForm([{ text: HOSTILE }], 0),
      _continue: '1',
    });
    const comment = await Comment.objects.get({ article: article.pk } as never);
    expect(comment.text).toBe(HOSTILE);
    const page = await root.get(`/admin/shop/article/${article.pk}/change/`);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;</p>');
    expect(page.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;"');
    const historyPage = await root.get(`/admin/shop/article/${article.pk}/history/`);
    expect(historyPage.text).not.toContain('<script>alert(1)</script>');
    expect(historyPage.text).toContain('Added comment “&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses an inline id of another article’s comment with a clear error, changing nothing', async () => {
    const mine = await Article.objects.create({ title: 'Mine', slug: 'mine' });
    const theirs = await Article.objects.create({ title: 'Theirs', slug: 'theirs' });
    const own = await Comment.objects.create({ text: 'my comment', articleId: mine.pk });
    const other = await Comment.objects.create({ text: 'their comment', articleId: theirs.pk });
    await root.get(`/admin/shop/article/${mine.pk}/change/`);
    const response = await root.post(`/admin/shop/article/${mine.pk}/change/`, {
      ...articleFields({ title: 'Mine, renamed', slug: 'mine' }),
      ...commentsForm(
        [
          { id: own.pk as number, text: 'my comment' },
          { id: other.pk as number, text: 'hijacked' },
        ],
        2,
      ),
      _save: '1',
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain(`Comment with ID “${other.pk}” is not one of this article’s comments. Perhaps it was deleted?`);
    expect((await Comment.objects.get({ pk: other.pk })).text).toBe('their comment');
    expect((await Comment.objects.get({ pk: other.pk })).articleId).toBe(theirs.pk);
    expect((await Article.objects.get({ pk: mine.pk })).title).toBe('Mine');
    expect(await Comment.objects.count()).toBe(2);
    expect(await LogEntry.objects.filter({ objectId: String(mine.pk) } as never).count()).toBe(0);
  });

  it('rolls the new article back when saving one of its comments fails', async () => {
    const save = Comment.prototype.save;
    // A database failure in the middle of the inline saves (the server runs in this process).
    Comment.prototype.save = async function (this: Comment, ...args: Parameters<typeof save>) {
      if (this.text === 'breaks') throw new Error('disk full');
      return save.apply(this, args);
    };
    try {
      await root.get('/admin/shop/article/add/');
      const response = await root.post('/admin/shop/article/add/', {
        ...articleFields({ title: 'Half saved', slug: 'half-saved' }),
        ...commentsForm([{ text: 'fine' }, { text: 'breaks' }], 0),
        _save: '1',
      });
      expect(response.status).toBe(500);
    } finally {
      Comment.prototype.save = save;
    }
    expect(await Article.objects.filter({ slug: 'half-saved' }).count()).toBe(0);
    expect(await Comment.objects.count()).toBe(0);
    expect(await LogEntry.objects.filter({ objectRepr: 'Half saved' } as never).count()).toBe(0);
  });

  it('reports tampered management data instead of crashing, and saves nothing', async () => {
    const article = await Article.objects.create({ title: 'Tampered', slug: 'tampered' });
    await root.get(`/admin/shop/article/${article.pk}/change/`);
    const response = await root.post(`/admin/shop/article/${article.pk}/change/`, {
      ...articleFields({ title: 'Tampered twice', slug: 'tampered' }),
      'comments-TOTAL_FORMS': 'many',
      'comments-0-text': 'sneaky',
      _save: '1',
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('ManagementForm data is missing or has been tampered with.');
    expect((await Article.objects.get({ pk: article.pk })).title).toBe('Tampered');
    expect(await Comment.objects.count()).toBe(0);
  });

  it('stacks an author’s articles with a link to each article’s own page', async () => {
    const author = await Author.objects.create({ name: 'Django Reinhardt' });
    const article = await Article.objects.create({ title: 'Belleville', slug: 'belleville', authorId: author.pk });
    const page = await root.get(`/admin/shop/author/${author.pk}/change/`);
    expect(page.text).toContain('data-inline-type="stacked"');
    expect(page.text).toContain('<h3><b>Article:</b> <span class="inline_label">Belleville</span>');
    expect(page.text).toContain(`<a href="/admin/shop/article/${article.pk}/change/" class="inlinechangelink">Change</a>`);
    expect(page.text).toMatch(/<label for="id_article_set-1-title"[^>]*>Title:<\/label>/);
    await root.post(`/admin/shop/author/${author.pk}/change/`, {
      name: 'Django Reinhardt',
      'article_set-TOTAL_FORMS': '2',
      'article_set-INITIAL_FORMS': '1',
      'article_set-0-id': String(article.pk),
      'article_set-0-title': 'Belleville',
      'article_set-0-slug': 'belleville',
      'article_set-0-status': 'PB',
      'article_set-1-title': 'Douce ambiance',
      'article_set-1-slug': 'douce-ambiance',
      'article_set-1-status': 'DF',
      _save: '1',
    });
    const articles = await Article.objects.filter({ author: author.pk } as never).orderBy('title');
    expect(articles.map((a) => [a.title, a.status])).toEqual([
      ['Belleville', 'PB'],
      ['Douce ambiance', 'DF'],
    ]);
  });

  it('puts the save buttons on top too and offers “Save as new” instead of “Save and add another”', async () => {
    const article = await Article.objects.create({ title: 'Original', slug: 'original' });
    const page = await root.get(`/admin/shop/article/${article.pk}/change/`);
    expect(page.text.match(/name="_save"/g)).toHaveLength(2);
    expect(page.text.match(/value="Save as new" name="_saveasnew"/g)).toHaveLength(2);
    expect(page.text).not.toContain('name="_addanother"');
    const add = await root.get('/admin/shop/article/add/');
    expect(add.text).not.toContain('name="_saveasnew"');
    expect(add.text).toContain('name="_addanother"');
  });

  it('saves as new: a copy of the article with copies of its comments, the original untouched', async () => {
    const article = await Article.objects.create({ title: 'Original', slug: 'original' });
    const comment = await Comment.objects.create({ text: 'on the original', articleId: article.pk });
    await root.get(`/admin/shop/article/${article.pk}/change/`);
    const response = await root.post(`/admin/shop/article/${article.pk}/change/`, {
      ...articleFields({ title: 'Copy', slug: 'copy' }),
      ...commentsForm([{ id: comment.pk as number, text: 'on the copy' }, { text: 'new on the copy' }], 1),
      _saveasnew: 'Save as new',
    });
    expect(response.status).toBe(302);
    const copy = await Article.objects.get({ slug: 'copy' });
    expect(copy.pk).not.toBe(article.pk);
    expect(response.location).toBe(`/admin/shop/article/${copy.pk}/change/`);
    const texts = (await Comment.objects.filter({ article: copy.pk } as never).orderBy('id')).map((c) => c.text);
    expect(texts).toEqual(['on the copy', 'new on the copy']);
    expect((await Article.objects.get({ pk: article.pk })).title).toBe('Original');
    expect((await Comment.objects.get({ pk: comment.pk })).text).toBe('on the original');
    const landing = await root.get(`/admin/shop/article/${copy.pk}/change/`);
    expect(landing.text).toContain('The article “Copy” was added successfully. You may edit it again below.');
  });

  describe('with the permissions of a staff member', () => {
    let staff: AdminClient;
    let article: { pk: unknown };
    let comment: Comment;

    async function staffWith(codenames: string[]): Promise<AdminClient> {
      await User.objects.filter({ username: 'staff' }).delete();
      const user = await User.objects.createUser('staff', 'staff@example.com', PASSWORD, { isStaff: true });
      await grant(user, codenames);
      const client = new AdminClient(server.url);
      await client.login('staff', PASSWORD);
      return client;
    }

    beforeEach(async () => {
      article = await Article.objects.create({ title: 'Permissions', slug: 'permissions' });
      comment = await Comment.objects.create({ text: 'stored', articleId: article.pk });
    });

    it('shows comments as text, with no blank rows, to a user who may only view them, and ignores posted changes', async () => {
      staff = await staffWith(['view_article', 'change_article', 'view_comment']);
      const page = await staff.get(`/admin/shop/article/${article.pk}/change/`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('id="comments-group"');
      expect(page.text).toContain('<td class="field-text">\n              <p>stored</p>');
      expect(page.text).not.toMatch(/name="comments-0-text"/);
      expect(page.text).not.toMatch(/name="comments-1-text"/);
      expect(page.text).not.toContain('comments-empty');
      expect(page.text).not.toMatch(/name="comments-0-DELETE"/);
      const posted = await staff.post(`/admin/shop/article/${article.pk}/change/`, {
        ...articleFields({ title: 'Permissions', slug: 'permissions' }),
        ...commentsForm([{ id: comment.pk as number, text: 'edited', DELETE: true }, { text: 'added' }], 1),
        _save: '1',
      });
      expect(posted.status).toBe(302);
      expect((await Comment.objects.get({ pk: comment.pk })).text).toBe('stored');
      expect(await Comment.objects.count()).toBe(1);
    });

    it('offers blank rows but keeps existing comments read-only for a user who may add but not change them', async () => {
      staff = await staffWith(['view_article', 'change_article', 'add_comment']);
      const page = await staff.get(`/admin/shop/article/${article.pk}/change/`);
      expect(page.text).toContain('<p>stored</p>');
      expect(page.text).not.toMatch(/name="comments-0-text"/);
      expect(page.text).toMatch(/name="comments-1-text"/);
      await staff.post(`/admin/shop/article/${article.pk}/change/`, {
        ...articleFields({ title: 'Permissions', slug: 'permissions' }),
        ...commentsForm([{ id: comment.pk as number, text: 'edited' }, { text: 'added' }], 1),
        _save: '1',
      });
      const texts = (await Comment.objects.filter({ article: article.pk } as never).orderBy('id')).map((c) => c.text);
      expect(texts).toEqual(['stored', 'added']);
    });

    it('deletes a comment only for a user with the delete permission', async () => {
      staff = await staffWith(['view_article', 'change_article', 'view_comment', 'delete_comment']);
      const page = await staff.get(`/admin/shop/article/${article.pk}/change/`);
      expect(page.text).toMatch(/name="comments-0-DELETE"/);
      await staff.post(`/admin/shop/article/${article.pk}/change/`, {
        ...articleFields({ title: 'Permissions', slug: 'permissions' }),
        ...commentsForm([{ id: comment.pk as number, text: 'stored', DELETE: true }], 1),
        _save: '1',
      });
      expect(await Comment.objects.count()).toBe(0);
    });

    it('leaves the inline out for a user with no permission on comments', async () => {
      staff = await staffWith(['view_article', 'change_article']);
      const page = await staff.get(`/admin/shop/article/${article.pk}/change/`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('comments-group');
      expect(page.text).not.toContain('inlines.js');
    });

    it('shows a view-only article’s comments read-only even to a user who may change comments', async () => {
      staff = await staffWith(['view_article', 'change_comment', 'add_comment']);
      const page = await staff.get(`/admin/shop/article/${article.pk}/change/`);
      expect(page.text).toContain('<p>stored</p>');
      expect(page.text).not.toMatch(/name="comments-\d-text"/);
    });
  });
});
