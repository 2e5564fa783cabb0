import { User, Permission } from '@manouche/contrib-auth';
import { connection } from '@manouche/orm';
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article, Author, Comment } from './support/shop-models.js';
import { site } from './support/site.js';
import { AdminClient, migratedDatabase, serveAdmin, testSettings } from './support/stack.js';

const PASSWORD = 'la pompe 1958';

describe.each(testDatabaseTargets())('the admin site over HTTP on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAdmin>>;
  let django: Author;
  let reinhardt: Author;

  beforeAll(async () => {
    testDb = await migratedDatabase(dialect);
    await User.objects.createSuperuser('root', 'root@example.com', PASSWORD);
    await User.objects.createUser('staff', 'staff@example.com', PASSWORD, { isStaff: true });
    await User.objects.createUser('visitor', 'visitor@example.com', PASSWORD);
    const viewer = await User.objects.createUser('viewer', 'viewer@example.com', PASSWORD, { isStaff: true });
    const perms = await Permission.objects.filter({ codename__in: ['view_article', 'view_author'] });
    await (viewer as unknown as { userPermissions: { add(...p: unknown[]): Promise<void> } }).userPermissions.add(...perms);
    reinhardt = await Author.objects.create({ name: 'Django Reinhardt' });
    django = await Author.objects.create({ name: 'Stéphane Grappelli' });
    const day = (d: number) => new Date(Date.UTC(2020, 0, d, 12));
    await Article.objects.create({
      title: 'Minor Swing',
      slug: 'minor-swing',
      status: 'PB',
      featured: true,
      publish: day(1),
      authorId: reinhardt.pk,
      body: 'A long body for a long tune',
    });
    await Article.objects.create({ title: 'Nuages', slug: 'nuages', status: 'DF', publish: day(2), authorId: reinhardt.pk });
    await Article.objects.create({ title: 'Daphné', slug: 'daphne', status: 'PB', publish: day(3), authorId: django.pk });
    await Article.objects.create({ title: 'Belleville', slug: 'belleville', status: 'DF', publish: day(4) });
    await Article.objects.create({ title: 'Swing 42', slug: 'swing-42', status: 'PB', publish: day(5), authorId: reinhardt.pk });
    server = await serveAdmin(site);
  });
  afterAll(async () => {
    if (server?.errors.length) console.error(server.errors[0]);
    await server?.close();
    await testDb?.drop();
  });

  describe('logging in and out', () => {
    it("renders the login page, the index, a change list and an object's pages with DEBUG on without an invalid-variable warning", async () => {
      const warnings: string[] = [];
      const onWarning = (warning: Error & { code?: string }) => {
        if (warning.code === 'MANOUCHE_TEMPLATE_INVALID_VARIABLE') warnings.push(warning.message);
      };
      process.on('warning', onWarning);
      const debugServer = await serveAdmin(site, testSettings({ DEBUG: true }));
      try {
        const client = new AdminClient(debugServer.url);
        expect((await client.get('/admin/login/')).status).toBe(200);
        expect((await client.login('root', PASSWORD)).status).toBe(302);
        expect((await client.get('/admin/')).status).toBe(200);
        const article = await Article.objects.get({ slug: 'nuages' });
        for (const page of [
          '/admin/shop/article/',
          '/admin/shop/article/add/',
          `/admin/shop/article/${article.pk}/change/`,
          `/admin/shop/article/${article.pk}/history/`,
          `/admin/shop/article/${article.pk}/delete/`,
          // The same pages as popups (no header, the popup's hidden inputs).
          '/admin/shop/article/?_popup=1&_to_field=id',
          '/admin/shop/article/add/?_popup=1&_to_field=id',
          `/admin/shop/article/${article.pk}/change/?_popup=1&_to_field=id`,
        ]) {
          expect((await client.get(page)).status, page).toBe(200);
        }
        await new Promise((resolve) => setImmediate(resolve));
        expect(warnings).toEqual([]);
      } finally {
        process.off('warning', onWarning);
        await debugServer.close();
      }
    });

    it('sends a visitor who is not logged in to the login page with next', async () => {
      const client = new AdminClient(server.url);
      const response = await client.get('/admin/shop/article/');
      expect(response.status).toBe(302);
      expect(response.location).toBe('/admin/login/?next=%2Fadmin%2Fshop%2Farticle%2F');
    });

    it('refuses users who are not staff with Django’s message, and logs in a staff user', async () => {
      const client = new AdminClient(server.url);
      const refused = await client.login('visitor', PASSWORD);
      expect(refused.status).toBe(200);
      expect(refused.text).toContain('Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.');
      const wrong = await client.login('root', 'wrong');
      expect(wrong.text).toContain('for a staff account');
      const ok = await client.login('root', PASSWORD);
      expect(ok.status).toBe(302);
      expect(ok.location).toBe('/admin/');
      const index = await client.get('/admin/');
      expect(index.status).toBe(200);
      expect(index.text).toContain('<title>Shop site administration | Shop admin</title>');
      expect(index.text).toContain('Shop administration');
    });

    it('logs out only by POST', async () => {
      const client = new AdminClient(server.url);
      await client.login('root', PASSWORD);
      await client.get('/admin/');
      expect((await client.get('/admin/logout/')).status).toBe(405);
      const out = await client.post('/admin/logout/', {});
      expect(out.status).toBe(200);
      expect(out.text).toContain('Thanks for spending some quality time with the web site today.');
      expect((await client.get('/admin/')).status).toBe(302);
    });

    it('refuses a POST without the CSRF token', async () => {
      const client = new AdminClient(server.url);
      await client.get('/admin/login/');
      const forged = await client.request('/admin/login/', { form: { csrfmiddlewaretoken: 'x'.repeat(64), username: 'root', password: PASSWORD } });
      expect(forged.status).toBe(403);
    });
  });

  describe('the index', () => {
    it('lists the apps and models with verbose names, add and change links', async () => {
      const client = new AdminClient(server.url);
      await client.login('root', PASSWORD);
      const index = await client.get('/admin/');
      expect(index.text).toContain('<a href="/admin/shop/" class="section" title="Models in the Shop application">Shop</a>');
      expect(index.text).toContain('<a href="/admin/shop/article/">Articles</a>');
      expect(index.text).toContain('<a href="/admin/shop/article/add/" class="addlink"');
      const app = await client.get('/admin/shop/');
      expect(app.status).toBe(200);
      expect(app.text).toContain('Shop administration');
    });

    it('shows a staff user without permissions nothing, and 403 on the model pages', async () => {
      const client = new AdminClient(server.url);
      await client.login('staff', PASSWORD);
      const index = await client.get('/admin/');
      expect(index.text).toContain('You don’t have permission to view or edit anything.');
      expect(index.text).not.toContain('Articles');
      for (const url of [
        '/admin/shop/article/',
        '/admin/shop/article/add/',
        '/admin/shop/article/1/change/',
        '/admin/shop/article/1/delete/',
        '/admin/shop/article/1/history/',
      ]) {
        const response = await client.get(url);
        expect(response.status, url).toBe(403);
        expect(response.text).not.toContain('Minor Swing');
      }
      expect((await client.get('/admin/shop/')).status).toBe(404);
    });
  });

  describe('the change list', () => {
    it('shows the listDisplay columns with choices, booleans, related fields and display() functions', async () => {
      const client = new AdminClient(server.url);
      await client.login('root', PASSWORD);
      const page = await client.get('/admin/shop/article/?all=');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Select article to change');
      expect(page.text).toContain('>Title length</a>');
      expect(page.text).toContain('<span>Long?</span>');
      expect(page.text).toMatch(/<th scope="row">\s*<a href="\/admin\/shop\/article\/\d+\/change\/">\s*Minor Swing/);
      expect(page.text).toContain('Published');
      expect(page.text).toContain('aria-label="True"');
      expect(page.text).toContain('Django Reinhardt');
      expect(page.text).toContain('Jan. 1, 2020, noon');
      expect(page.text).toContain('5 articles');
    });

    it('paginates by listPerPage with p, offers show all, and 400s a page that does not exist', async () => {
      const client = new AdminClient(server.url);
      await client.login('root', PASSWORD);
      const first = await client.get('/admin/shop/article/');
      expect(first.text).toContain('<span class="this-page" aria-current="page">1</span>');
      expect(first.text).toContain('href="?p=2"');
      expect(first.text).toContain('Show all');
      expect(first.text).toContain('Belleville');
      expect(first.text).not.toContain('Swing 42');
      const second = await client.get('/admin/shop/article/?p=2');
      expect(second.text).toContain('Swing 42');
      expect(second.text).not.toContain('Belleville');
      // Page links keep the other parameters where they were, replace p in place and drop all.
      const sorted = await client.get('/admin/shop/article/?p=2&o=-1&q=');
      expect(sorted.text).toContain('<a href="?p=1&amp;o=-1&amp;q=">1</a>');
      const everything = await client.get('/admin/shop/article/?o=-1&all=&q=+');
      expect(everything.text).toContain('<a href="?o=-1&amp;q=+&amp;p=2">2</a>');
      const missing = await client.get('/admin/shop/article/?p=9');
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('The page &quot;9&quot; does not exist');
    });

    it('searches the searchFields (icontains, = exact, related) and counts results', async () => {
      const client = new AdminClient(server.url);
      await client.login('root', PASSWORD);
      const swing = await client.get('/admin/shop/article/?q=swing');
      expect(swing.text).toContain('Minor Swing');
      expect(swing.text).toContain('Swing 42');
      expect(swing.text).not.toContain('Nuages');
      expect(swing.text).toContain('2 results (<a href="?">5 total</a>)');
      const exact = await client.get('/admin/shop/article/?q=NUAGES');
      expect(exact.text).toContain('Nuages');
      // author__name follows a forward foreign key: one row per article, so no DISTINCT (as Django).
      const searches: string[] = [];
      const stop = connection().addQueryListener(({ sql, params }) => {
        if (params.some((param) => String(param).toLowerCase().includes('grappelli'))) searches.push(sql);
      });
      const related = await client.get('/admin/shop/article/?q=grappelli').finally(stop);
      // The count and the page (the dateHierarchy's dates() is DISTINCT by nature, as Django's).
      const counts = searches.filter((sql) => /COUNT\(/i.test(sql));
      const pages = searches.filter((sql) => /\bLIMIT\b/i.test(sql));
      expect([counts.length, pages.length]).toEqual([1, 1]);
      expect([...counts, ...pages].filter((sql) => /DISTINCT/i.test(sql))).toEqual([]);
      expect(related.text).toContain('Daphné');
      expect(related.text).not.toContain('Nuages');
    });

    it('filters by choices, booleans, date ranges and foreign keys, and refuses forged filters without SQL', async () => {
      const client = new AdminClient(server.url);
      await client.login('root', PASSWORD);
      const drafts = await client.get('/admin/shop/article/?status__exact=DF');
      expect(drafts.text).toContain('Nuages');
      expect(drafts.text).not.toContain('Daphné');
      expect(drafts.text).toContain('<li class="selected"><a href="?status__exact=DF" aria-current="true">Draft</a>');
      const featured = await client.get('/admin/shop/article/?featured__exact=1');
      expect(featured.text).toContain('Minor Swing');
      expect(featured.text).not.toContain('Nuages');
      const range = await client.get('/admin/shop/article/?publish__gte=2020-01-02&publish__lt=2020-01-04');
      expect(range.text).toContain('Nuages');
      expect(range.text).toContain('Daphné');
      expect(range.text).not.toContain('Minor Swing');
      expect(range.text).toContain('Past 7 days');
      const byAuthor = await client.get(`/admin/shop/article/?author__id__exact=${django.pk}`);
      expect(byAuthor.text).toContain('Daphné');
      expect(byAuthor.text).not.toContain('Nuages');
      const none = await client.get('/admin/shop/article/?author__isnull=True');
      expect(none.text).toContain('Belleville');
      expect(none.text).not.toContain('Daphné');
      for (const forged of [
        'author__id__exact=1%20OR%201=1',
        'status__exact=XX',
        'publish__gte=yesterday',
        'password__startswith=pbkdf2',
        'featured__exact=maybe',
      ]) {
        const response = await client.get(`/admin/shop/article/?${forged}`);
        expect(response.status, forged).toBe(400);
        expect(response.text).not.toContain('Minor Swing');
      }
    });

    it('drills down the dateHierarchy by year, month and day, and refuses impossible dates', async () => {
      const client = new AdminClient(server.url);
      await client.login('root', PASSWORD);
      const years = await client.get('/admin/shop/article/');
      expect(years.text).toContain('<li><a href="?publish__year=2020">2020</a></li>');
      const months = await client.get('/admin/shop/article/?publish__year=2020');
      expect(months.text).toContain('<a href="?">‹ All dates</a>');
      expect(months.text).toContain('<a href="?publish__year=2020&amp;publish__month=1">January 2020</a>');
      const days = await client.get('/admin/shop/article/?publish__year=2020&publish__month=1');
      expect(days.text).toContain('<a href="?publish__year=2020&amp;publish__month=1&amp;publish__day=3">January 3</a>');
      const day = await client.get('/admin/shop/article/?publish__year=2020&publish__month=1&publish__day=3');
      expect(day.text).toContain('Daphné');
      expect(day.text).not.toContain('Nuages');
      for (const forged of ['publish__year=20x0', 'publish__month=13&publish__year=2020', 'publish__day=3', 'publish__year=0']) {
        expect((await client.get(`/admin/shop/article/?${forged}`)).status, forged).toBe(400);
      }
    });

    it('sorts by a sortable column index, both ways, and ignores forged sort values', async () => {
      const client = new AdminClient(server.url);
      await client.login('root', PASSWORD);
      const ascending = await client.get('/admin/shop/article/?o=1&all=');
      expect(ascending.text.indexOf('Belleville')).toBeLessThan(ascending.text.indexOf('Swing 42'));
      const descending = await client.get('/admin/shop/article/?o=-1&all=');
      expect(descending.text.indexOf('Swing 42')).toBeLessThan(descending.text.indexOf('Belleville'));
      expect(descending.text).toContain('aria-sort="descending"');
      const byDate = await client.get('/admin/shop/article/?o=-6&all=');
      expect(byDate.text.indexOf('Swing 42')).toBeLessThan(byDate.text.indexOf('Minor Swing'));
      for (const forged of ['o=99', 'o=1;DROP%20TABLE%20shop_article', 'o=title', 'o=8']) {
        const response = await client.get(`/admin/shop/article/?${forged}`);
        expect(response.status, forged).toBe(200);
      }
      expect(await Article.objects.count()).toBe(5);
    });

    it('follows the foreign keys of listDisplay in the same query: queries per page do not grow with rows', async () => {
      const client = new AdminClient(server.url);
      await client.login('root', PASSWORD);
      const count = async (url: string) => {
        let queries = 0;
        const stop = connection().addQueryListener(() => {
          queries += 1;
        });
        try {
          expect((await client.get(url)).status).toBe(200);
        } finally {
          stop();
        }
        return queries;
      };
      const small = await count('/admin/shop/comment/');
      const article = await Article.objects.get({ slug: 'nuages' });
      for (let index = 0; index < 6; index += 1) await Comment.objects.create({ text: `comment ${index}`, articleId: article.pk });
      const large = await count('/admin/shop/comment/');
      expect(large).toBe(small);
      await Comment.objects.all().delete();
    });
  });
});
