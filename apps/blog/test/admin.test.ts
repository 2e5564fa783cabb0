/**
 * The blog's admin: a post's comments stacked under it, moderated (deactivated) from the post's
 * page, with the change named in the post's history; `manouche check` agrees with admin.ts.
 */
import { testDatabaseTargets } from '@manouche/orm/testing';
import { User } from 'manouche/contrib/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Comment, Post } from '../blog/models.js';
import { Browser } from './support/browser.js';
import { manage, startBlog, type BlogServer } from './support/blog-server.js';

const PASSWORD = 'Manoir de mes rêves 1942';
// One database is enough: blog.test.ts runs the app on each.
const [sqlite] = testDatabaseTargets();

describe('the blog admin', () => {
  let blog: BlogServer;
  let admin: Browser;

  beforeAll(async () => {
    blog = await startBlog(sqlite!.dialect);
    await User.objects.createSuperuser('editor', 'editor@example.com', PASSWORD);
    admin = new Browser(blog.baseUrl);
    const login = await admin.get('/admin/login/');
    const done = await admin.post('/admin/login/', { username: 'editor', password: PASSWORD, next: '/admin/' }, login);
    if (done.status !== 302) throw new Error(`logging in failed with ${done.status}`);
  });
  afterAll(async () => {
    await blog?.close();
  });

  it('passes manouche check with the comments inline', async () => {
    const checked = await manage(blog.project, ['check']);
    expect(checked.stdout + checked.stderr).toContain('System check identified no issues (0 silenced).');
    expect(checked.code).toBe(0);
  });

  it('shows a post’s comments stacked under it and deactivates one from there', async () => {
    const post = await Post.objects.create({ title: 'Swing 39', slug: 'swing-39', body: 'A tune.', status: 'PB', publish: new Date(Date.UTC(2026, 0, 5, 9)) });
    const comment = await Comment.objects.create({ post, name: 'Grappelli', email: 'stephane@example.com', body: 'Spam, really.' });
    const page = await admin.get(`/admin/blog/post/${String(post.pk)}/change/`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('id="comments-group" data-inline-type="stacked"');
    expect(page.html).toMatch(/<input type="checkbox" name="comments-0-active"[^>]*checked/);
    // extra: 0 — no blank comment is offered, the empty form is there for "Add another Comment".
    expect(page.html).toMatch(/<input type="hidden" name="comments-TOTAL_FORMS" value="1"/);
    const saved = await admin.post(
      `/admin/blog/post/${String(post.pk)}/change/`,
      {
        title: 'Swing 39',
        slug: 'swing-39',
        body: 'A tune.',
        publish: '2026-01-05T09:00',
        status: 'PB',
        'comments-TOTAL_FORMS': '1',
        'comments-INITIAL_FORMS': '1',
        'comments-MIN_NUM_FORMS': '0',
        'comments-MAX_NUM_FORMS': '1000',
        'comments-0-id': String(comment.pk),
        'comments-0-name': 'Grappelli',
        'comments-0-email': 'stephane@example.com',
        'comments-0-body': 'Spam, really.',
        _continue: '1',
      },
      page,
    );
    expect(saved.status).toBe(302);
    expect((await Comment.objects.get({ pk: comment.pk })).active).toBe(false);
    const history = await admin.get(`/admin/blog/post/${String(post.pk)}/history/`);
    expect(history.html).toContain(`Changed Active for comment “${String(await Comment.objects.get({ pk: comment.pk }))}”.`);
  });
});
