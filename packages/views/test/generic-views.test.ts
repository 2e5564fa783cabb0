/** The generic views over real HTTP, on SQLite, PostgreSQL and MariaDB. */
import { HttpResponseRedirect, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { Form, forms, ModelForm, PasswordInput, type BaseForm } from '@manouche/forms';
import { testDatabaseTargets } from '@manouche/orm/testing';
import { path } from '@manouche/routing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArchiveIndexView,
  CreateView,
  DateDetailView,
  DayArchiveView,
  DeleteView,
  DetailView,
  FormView,
  ListView,
  MonthArchiveView,
  UpdateView,
  YearArchiveView,
} from '../src/index.js';
import { Article, postForm, startSite, type Site } from './support/site.js';

class ContactForm extends Form.define({ email: forms.email(), password: forms.char({ widget: PasswordInput }), age: forms.integer({ minValue: 18 }) }) {}
let lastContact: unknown;
class ContactView extends FormView {
  override formClass = ContactForm;
  override templateName = 'contact.html';
  override successUrl = '/thanks/';
  override async formValid(form: BaseForm) {
    lastContact = form.cleanedData;
    return super.formValid(form);
  }
}

const ArticleForm = ModelForm.define(Article, { fields: ['title', 'slug', 'publish'] });

/** What auth's LoginRequiredMixin does: a mixin overriding dispatch() in front of any generic view. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function loginRequired<T extends new (...args: any[]) => ListView>(Base: T) {
  class Guarded extends Base {
    override async dispatch(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
      if (request.headers.get('x-user') === undefined) return new HttpResponseRedirect(`/login/?next=${encodeURIComponent(request.path)}`);
      return super.dispatch(request, kwargs);
    }
  }
  return Guarded;
}
class PrivateList extends loginRequired(ListView) {}

// The lists show the seeded articles only, so other tests' objects do not change them.
const seeded = Article.objects.filter({ slug__startswith: 'article-' });

const urlpatterns = [
  path('articles/', ListView.asView({ queryset: seeded, paginateBy: 2 }), { name: 'list' }),
  path('articles/page/<int:page>/', ListView.asView({ queryset: seeded, paginateBy: 2 })),
  path('articles/all/', ListView.asView({ queryset: seeded, ordering: ['title'] })),
  path('articles/<int:pk>/', DetailView.asView({ model: Article })),
  path('articles/by-slug/<slug:slug>/', DetailView.asView({ model: Article })),
  path('articles/new/', CreateView.asView({ model: Article, fields: ['title', 'slug', 'publish'] })),
  path('articles/new-with-form/', CreateView.asView({ formClass: ArticleForm as never, successUrl: '/articles/{slug}/done/' })),
  path('articles/<int:pk>/edit/', UpdateView.asView({ model: Article, fields: ['title', 'slug', 'publish'] })),
  path('articles/<int:pk>/delete/', DeleteView.asView({ model: Article, successUrl: '/articles/' })),
  path('contact/', ContactView.asView()),
  path('private/', PrivateList.asView({ queryset: seeded })),
  path('archive/', ArchiveIndexView.asView({ model: Article, dateField: 'publish' })),
  path('archive/<int:year>/', YearArchiveView.asView({ model: Article, dateField: 'publish' })),
  path('archive/<int:year>/<str:month>/', MonthArchiveView.asView({ model: Article, dateField: 'publish' })),
  path('archive/<int:year>/<int:month>/<int:day>/', DayArchiveView.asView({ model: Article, dateField: 'publish', monthFormat: '%m' })),
  path('archive/<int:year>/<int:month>/<int:day>/<slug:slug>/', DateDetailView.asView({ model: Article, dateField: 'publish', monthFormat: '%m' })),
  path('by-day/<int:year>/<str:month>/', MonthArchiveView.asView({ model: Article, dateField: 'day', allowEmpty: true })),
];

const titles = (html: string) => [...html.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);

describe.each(testDatabaseTargets())('generic views on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let site: Site;
  beforeAll(async () => {
    site = await startSite(dialect, urlpatterns);
    const dates = ['2024-03-05T10:00:00Z', '2024-03-20T10:00:00Z', '2025-01-02T10:00:00Z', '2025-06-15T10:00:00Z', '2025-06-15T18:00:00Z'];
    for (const [i, iso] of dates.entries()) {
      await Article.objects.create({ title: `Article ${i + 1}`, slug: `article-${i + 1}`, publish: new Date(iso), day: iso.slice(0, 10) });
    }
    await Article.objects.create({ title: 'From the future', slug: 'future', publish: new Date('2999-01-01T00:00:00Z') });
  });
  afterAll(() => site?.close());

  const get = async (url: string) => {
    const response = await fetch(`${site.url}${url}`, { redirect: 'manual' });
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  };

  describe('ListView', () => {
    it('paginates with the default template and Django’s context names', async () => {
      const first = await get('/articles/');
      expect(first.status).toBe(200);
      expect(titles(first.html)).toEqual(['Article 5', 'Article 4']);
      expect(first.html).toContain('Page 1 of 3; 1-2 of 5; next 2');
      const last = await get('/articles/?page=last');
      expect(titles(last.html)).toEqual(['Article 1']);
      expect(last.html).toContain('Page 3 of 3; 5-5 of 5</p>');
      expect(titles((await get('/articles/page/2/')).html)).toEqual(['Article 3', 'Article 2']);
    });

    it('answers 404 for page 0, page 9999 and a page that is not a number', async () => {
      for (const page of ['0', '9999', 'abc', '1.5', '-1']) expect((await get(`/articles/?page=${page}`)).status).toBe(404);
      expect((await get('/articles/page/9999/')).status).toBe(404);
    });

    it('lists everything, ordered, without pagination', async () => {
      const { html } = await get('/articles/all/');
      expect(titles(html)).toEqual(['Article 1', 'Article 2', 'Article 3', 'Article 4', 'Article 5']);
      expect(html).not.toContain('class="pages"');
    });
  });

  it('lets a mixin guard dispatch(), as auth’s LoginRequiredMixin does', async () => {
    const anonymous = await get('/private/');
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe('/login/?next=%2Fprivate%2F');
    const response = await fetch(`${site.url}/private/`, { headers: { 'x-user': 'ann' } });
    expect(titles(await response.text())).toEqual(['Article 5', 'Article 4', 'Article 3', 'Article 2', 'Article 1']);
  });

  describe('DetailView', () => {
    it('finds the object by pk or slug, and answers 404 otherwise', async () => {
      const article = await Article.objects.get({ slug: 'article-3' });
      expect((await get(`/articles/${String(article.pk)}/`)).html).toContain('<h1>Article 3</h1><p>article-3</p>');
      expect((await get('/articles/by-slug/article-2/')).html).toContain('<h1>Article 2</h1>');
      expect((await get('/articles/999999/')).status).toBe(404);
      expect((await get('/articles/by-slug/nope/')).status).toBe(404);
    });
  });

  describe('CreateView, UpdateView, DeleteView', () => {
    it('shows an empty form, re-displays errors with the submitted values, then creates and redirects', async () => {
      const blank = await get('/articles/new/');
      expect(blank.html).toContain('<input type="text" name="title" maxlength="100" required id="id_title">');
      const invalid = await postForm(`${site.url}/articles/new/`, { title: 'New <one>', slug: 'bad slug', publish: 'never' });
      expect(invalid.status).toBe(200);
      const html = await invalid.text();
      expect(html).toContain('value="New &lt;one&gt;"');
      expect(html).toContain('<li>Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.</li>');
      expect(html).toContain('<li>Enter a valid date/time.</li>');
      const valid = await postForm(`${site.url}/articles/new/`, { title: 'New one', slug: 'new-one', publish: '2999-01-01T12:00' });
      expect(valid.status).toBe(302);
      const created = await Article.objects.get({ slug: 'new-one' });
      expect(valid.headers.get('location')).toBe(`/articles/${String(created.pk)}/`);
      expect(created.publish).toEqual(new Date('2999-01-01T12:00:00Z'));
    });

    it('uses a given form class and fills the success URL from the object', async () => {
      const response = await postForm(`${site.url}/articles/new-with-form/`, { title: 'Formed', slug: 'formed', publish: '2999-01-01 08:00' });
      expect(response.headers.get('location')).toBe('/articles/formed/done/');
    });

    it('reports a duplicate slug with Django’s message', async () => {
      const response = await postForm(`${site.url}/articles/new/`, { title: 'Again', slug: 'article-1', publish: '2026-01-01 08:00' });
      expect(await response.text()).toContain('<li>Article with this Slug already exists.</li>');
    });

    it('edits the object named by the URL, and 404s for an unknown one', async () => {
      const article = await Article.objects.create({ title: 'Draft', slug: 'to-edit', publish: new Date('2999-02-01T00:00:00Z') });
      const page = await get(`/articles/${String(article.pk)}/edit/`);
      expect(page.html).toContain('value="Draft"');
      expect(page.html).toContain('value="2999-02-01T00:00:00"');
      expect(page.html).toContain('<p>Editing Draft</p>');
      const response = await postForm(`${site.url}/articles/${String(article.pk)}/edit/`, {
        title: 'Draft (edited)',
        slug: 'to-edit',
        publish: '2999-02-01T00:00',
      });
      expect(response.status).toBe(302);
      expect((await Article.objects.get({ pk: article.pk })).title).toBe('Draft (edited)');
      expect((await get('/articles/999999/edit/')).status).toBe(404);
    });

    it('asks for confirmation on GET and deletes on POST', async () => {
      const article = await Article.objects.create({ title: 'Doomed', slug: 'doomed', publish: new Date('2999-03-01T00:00:00Z') });
      expect((await get(`/articles/${String(article.pk)}/delete/`)).html).toContain('<p>Delete “Doomed”?</p>');
      expect(await Article.objects.filter({ slug: 'doomed' }).exists()).toBe(true);
      const response = await postForm(`${site.url}/articles/${String(article.pk)}/delete/`, {});
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/articles/');
      expect(await Article.objects.filter({ slug: 'doomed' }).exists()).toBe(false);
    });
  });

  describe('FormView', () => {
    it('re-displays an invalid form with the submitted values but never the password', async () => {
      const response = await postForm(`${site.url}/contact/`, { email: 'not-an-email', password: 'hunter2', age: '12' });
      const html = await response.text();
      expect(html).toContain('value="not-an-email"');
      expect(html).toContain('<li>Ensure this value is greater than or equal to 18.</li>');
      expect(html).toContain('<input type="password" name="password" required id="id_password">');
      expect(html).not.toContain('hunter2');
    });

    it('redirects to the success URL with the cleaned data handled', async () => {
      const response = await postForm(`${site.url}/contact/`, { email: 'ann@example.com', password: 'pw', age: '30' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/thanks/');
      expect(lastContact).toEqual({ email: 'ann@example.com', password: 'pw', age: 30 });
    });
  });

  describe('date-based views', () => {
    it('lists the years and the latest objects, leaving future ones out', async () => {
      const { html } = await get('/archive/');
      expect(html).toContain('Years: 2025, 2024');
      expect(html).not.toContain('From the future');
    });

    it('shows a year’s months with next and previous years', async () => {
      expect((await get('/archive/2025/')).html).toContain('Months: 1, 6; next none; previous 2024');
      expect((await get('/archive/2024/')).html).toContain('Months: 3; next 2025; previous none');
      expect((await get('/archive/2023/')).status).toBe(404);
    });

    it('shows a month (by abbreviation, Django’s default) and a day', async () => {
      const month = await get('/archive/2024/mar/');
      expect(month.html).toContain('Days: 5, 20');
      expect(titles(month.html)).toEqual(['Article 2', 'Article 1']);
      expect((await get('/archive/2024/13/')).status).toBe(404);
      expect(titles((await get('/archive/2025/6/15/')).html)).toEqual(['Article 5', 'Article 4']);
      expect((await get('/by-day/2024/mar/')).html).toContain('Days: 5, 20');
      expect((await get('/by-day/2023/feb/')).status).toBe(200);
    });

    it('shows one object by date and slug, and 404s for a wrong date, a future object or an invalid date', async () => {
      expect((await get('/archive/2024/3/20/article-2/')).html).toContain('<h1>Article 2</h1>');
      expect((await get('/archive/2024/3/21/article-2/')).status).toBe(404);
      expect((await get('/archive/2999/1/1/future/')).status).toBe(404);
      expect((await get('/archive/2024/2/30/article-2/')).status).toBe(404);
    });
  });
});
