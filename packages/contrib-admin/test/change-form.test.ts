import { Permission, User } from '@manouche/contrib-auth';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogEntry } from '../src/models.js';
import { Article, Author, Comment } from './support/shop-models.js';
import { site } from './support/site.js';
import { AdminClient, migratedDatabase, serveAdmin } from './support/stack.js';

const PASSWORD = 'la pompe 1958';
const HOSTILE = `<script>alert(1)</script>"'&`;

function articleForm(fields: Record<string, string>): Record<string, string> {
  return { title: '', slug: '', body: '', status: 'DF', publish: '2020-01-01T12:00', author: '', ...fields };
}

describe.each(testDatabaseTargets())('adding, changing, deleting and history on $dialect', ({ dialect, skip }) => {
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
    const viewer = await User.objects.createUser('viewer', 'viewer@example.com', PASSWORD, { isStaff: true });
    const perms = await Permission.objects.filter({ codename__in: ['view_article', 'view_author'] });
    await (viewer as unknown as { userPermissions: { add(...p: unknown[]): Promise<void> } }).userPermissions.add(...perms);
    server = await serveAdmin(site);
    root = new AdminClient(server.url);
    await root.login('root', PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  it('shows the add form from the ModelForm, with labels, widgets per field type, CSRF and the prepopulated slug', async () => {
    const page = await root.get('/admin/shop/article/add/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Add article | Shop admin</title>');
    expect(page.text).toContain('name="csrfmiddlewaretoken"');
    expect(page.text).toMatch(/<label for="id_title"[^>]*>Title:<\/label>/);
    expect(page.text).toMatch(/<textarea[^>]*name="body"/);
    expect(page.text).toMatch(/<select[^>]*name="status"/);
    expect(page.text).toMatch(/<input type="datetime-local"[^>]*name="publish"/);
    expect(page.text).toMatch(/<input type="checkbox"[^>]*name="featured"/);
    expect(page.text).toContain(
      'data-prepopulated="[{&quot;id&quot;:&quot;id_slug&quot;,&quot;dependencies&quot;:[&quot;id_title&quot;],&quot;maxLength&quot;:200}]"',
    );
    expect(page.text).toContain('/static/admin/js/prepopulate.js');
    expect(page.text).toContain('name="_addanother"');
  });

  it('shows errors at the top and per field, keeping what was typed', async () => {
    await root.get('/admin/shop/article/add/');
    const invalid = await root.post('/admin/shop/article/add/', articleForm({ title: '', slug: 'not a slug!' }));
    expect(invalid.status).toBe(200);
    expect(invalid.text).toContain('Please correct the errors below.');
    expect(invalid.text).toMatch(/<ul class="errorlist" id="id_title_error"><li>This field is required.<\/li>/);
    expect(invalid.text).toContain('value="not a slug!"');
    expect(await Article.objects.count()).toBe(0);
  });

  it('saves, saves and continues, saves and adds another, logging each change with the changed fields', async () => {
    await root.get('/admin/shop/article/add/');
    const saved = await root.post('/admin/shop/article/add/', articleForm({ title: 'Minor Swing', slug: 'minor-swing', _save: 'Save' }));
    expect(saved.status).toBe(302);
    expect(saved.location).toBe('/admin/shop/article/');
    const list = await root.get('/admin/shop/article/');
    expect(list.text).toContain('The article “Minor Swing” was added successfully.');
    const article = await Article.objects.get({ slug: 'minor-swing' });

    const again = await root.post('/admin/shop/article/add/', articleForm({ title: 'Nuages', slug: 'nuages', _addanother: '1' }));
    expect(again.location).toBe('/admin/shop/article/add/');
    await root.get('/admin/shop/article/add/');
    const more = await root.post('/admin/shop/article/add/', articleForm({ title: 'Daphné', slug: 'daphne', _continue: '1' }));
    const daphne = await Article.objects.get({ slug: 'daphne' });
    expect(more.location).toBe(`/admin/shop/article/${daphne.pk}/change/`);

    const change = await root.get(`/admin/shop/article/${article.pk}/change/`);
    expect(change.status).toBe(200);
    expect(change.text).toContain('value="Minor Swing"');
    expect(change.text).toContain('href="/articles/minor-swing/" class="viewsitelink">View on site</a>');
    expect(change.text).toContain(`href="/admin/shop/article/${article.pk}/history/"`);
    expect(change.text).not.toContain('data-prepopulated="[{');
    const edited = await root.post(
      `/admin/shop/article/${article.pk}/change/`,
      articleForm({ title: 'Minor Swing (1937)', slug: 'minor-swing', status: 'PB', _save: '1' }),
    );
    expect(edited.status).toBe(302);
    const reloaded = await Article.objects.get({ pk: article.pk });
    expect(reloaded.title).toBe('Minor Swing (1937)');
    expect(reloaded.status).toBe('PB');

    const history = await root.get(`/admin/shop/article/${article.pk}/history/`);
    expect(history.status).toBe(200);
    expect(history.text).toContain('Added.');
    expect(history.text).toContain('Changed Title and Status.');
    const index = await root.get('/admin/');
    expect(index.text).toContain('Recent actions');
    expect(index.text).toContain(`<a href="/admin/shop/article/${article.pk}/change/">Minor Swing (1937)</a>`);
    expect(await LogEntry.objects.count()).toBe(4);
  });

  it('answers 404 to a forged or unknown object id', async () => {
    for (const id of ['999999', 'abc', '1%20OR%201=1', '-1']) {
      for (const view of ['change', 'delete', 'history']) {
        const response = await root.get(`/admin/shop/article/${id}/${view}/`);
        expect(response.status, `${id} ${view}`).toBe(404);
      }
    }
  });

  it('lists what a delete cascades to, deletes after confirmation, and logs it', async () => {
    const article = await Article.objects.create({ title: 'Swing 42', slug: 'swing-42' });
    await Comment.objects.create({ text: 'Great tune', articleId: article.pk });
    const confirm = await root.get(`/admin/shop/article/${article.pk}/delete/`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Are you sure you want to delete the article “Swing 42”?');
    expect(confirm.text).toContain('<li>Article: Swing 42<ul><li>Comment: Great tune</li></ul></li>');
    expect(confirm.text).toContain('<li>comments: 1</li>');
    const deleted = await root.post(`/admin/shop/article/${article.pk}/delete/`, { post: 'yes' });
    expect(deleted.status).toBe(302);
    expect(await Article.objects.filter({ pk: article.pk }).count()).toBe(0);
    expect(await Comment.objects.count()).toBe(0);
    expect(await LogEntry.objects.filter({ objectRepr: 'Swing 42', actionFlag: 3 } as never).count()).toBe(1);
  });

  it('refuses a delete that PROTECT blocks, naming the protected objects', async () => {
    const author = await Author.objects.create({ name: 'Django Reinhardt' });
    await Article.objects.create({ title: 'Belleville', slug: 'belleville', authorId: author.pk });
    const page = await root.get(`/admin/shop/author/${author.pk}/delete/`);
    expect(page.text).toContain('would require deleting the following protected related objects:');
    expect(page.text).toContain('<li>Article: Belleville</li>');
    expect(page.text).not.toContain('Yes, I’m sure');
    const posted = await root.post(`/admin/shop/author/${author.pk}/delete/`, { post: 'yes' });
    expect(posted.status).toBe(409);
    expect(await Author.objects.filter({ pk: author.pk }).count()).toBe(1);
  });

  it('runs "delete selected" after a confirmation listing the cascade, and custom actions', async () => {
    const a = await Article.objects.create({ title: 'Tears', slug: 'tears' });
    const b = await Article.objects.create({ title: 'Manoir de mes rêves', slug: 'manoir' });
    await root.get('/admin/shop/article/');
    const confirm = await root.post('/admin/shop/article/', { action: 'delete_selected', _selected_action: [String(a.pk), String(b.pk)] });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Are you sure you want to delete the selected articles?');
    expect(confirm.text).toContain('<li>Article: Tears</li>');
    expect(await Article.objects.filter({ pk__in: [a.pk, b.pk] }).count()).toBe(2);
    const done = await root.post('/admin/shop/article/', { action: 'delete_selected', _selected_action: [String(a.pk), String(b.pk)], post: 'yes' });
    expect(done.status).toBe(302);
    expect(await Article.objects.filter({ pk__in: [a.pk, b.pk] }).count()).toBe(0);
    expect((await root.get('/admin/shop/article/')).text).toContain('Successfully deleted 2 articles.');

    const c = await Article.objects.create({ title: 'Djangology', slug: 'djangology', status: 'DF' });
    const published = await root.post('/admin/shop/article/', { action: 'mark_published', _selected_action: String(c.pk) });
    expect(published.status).toBe(302);
    expect((await Article.objects.get({ pk: c.pk })).status).toBe('PB');
  });

  it('refuses an unknown action with a clear error and changes nothing', async () => {
    const before = await Article.objects.count();
    await root.get('/admin/shop/article/');
    const response = await root.post('/admin/shop/article/', { action: 'drop_everything', _selected_action: '1' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The action &quot;drop_everything&quot; does not exist or is not allowed here. Nothing was changed.');
    const none = await root.post('/admin/shop/article/', { action: 'delete_selected' });
    expect(none.text).toContain('Items must be selected in order to perform actions on them. No items have been changed.');
    expect(await Article.objects.count()).toBe(before);
  });

  it('shows a view-only user the objects without add, change or delete buttons, and 403 on those URLs', async () => {
    const article = await Article.objects.create({ title: 'Viewable', slug: 'viewable' });
    const viewer = new AdminClient(server.url);
    await viewer.login('viewer', PASSWORD);
    const index = await viewer.get('/admin/');
    expect(index.text).toContain('class="viewlink"');
    expect(index.text).not.toContain('class="addlink"');
    const list = await viewer.get('/admin/shop/article/');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Select article to view');
    expect(list.text).not.toContain('Add article');
    expect(list.text).not.toContain('delete_selected');
    const view = await viewer.get(`/admin/shop/article/${article.pk}/change/`);
    expect(view.status).toBe(200);
    expect(view.text).toContain('View article');
    expect(view.text).not.toContain('name="_save"');
    expect(view.text).not.toContain('class="deletelink"');
    expect((await viewer.get('/admin/shop/article/add/')).status).toBe(403);
    expect((await viewer.get(`/admin/shop/article/${article.pk}/delete/`)).status).toBe(403);
    const forgedPost = await viewer.post(`/admin/shop/article/${article.pk}/change/`, articleForm({ title: 'Hacked', slug: 'viewable' }));
    expect(forgedPost.status).toBe(403);
    const forgedAction = await viewer.post('/admin/shop/article/', { action: 'delete_selected', _selected_action: String(article.pk), post: 'yes' });
    expect(forgedAction.status).toBe(400);
    expect((await Article.objects.get({ pk: article.pk })).title).toBe('Viewable');
  });

  it('escapes hostile values in the change list, change form, delete confirmation and history', async () => {
    await root.get('/admin/shop/article/add/');
    const added = await root.post('/admin/shop/article/add/', articleForm({ title: HOSTILE, slug: 'hostile', body: HOSTILE, _continue: '1' }));
    expect(added.status).toBe(302);
    const article = await Article.objects.get({ slug: 'hostile' });
    await Comment.objects.create({ text: HOSTILE, articleId: article.pk });
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
    await root.post(`/admin/shop/article/${article.pk}/change/`, articleForm({ title: `${HOSTILE}!`, slug: 'hostile', body: HOSTILE, _continue: '1' }));
    for (const url of [
      '/admin/shop/article/?all=',
      `/admin/shop/article/${article.pk}/change/`,
      `/admin/shop/article/${article.pk}/delete/`,
      `/admin/shop/article/${article.pk}/history/`,
      '/admin/shop/comment/',
      '/admin/',
      `/admin/shop/article/?q=${encodeURIComponent(HOSTILE)}`,
    ]) {
      const page = await root.get(url);
      expect(page.status, url).toBe(200);
      expect(page.text, url).not.toContain('<script>alert(1)');
      expect(page.text, url).toContain(escaped);
    }
  });
});
