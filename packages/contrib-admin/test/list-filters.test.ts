/**
 * Custom list filters over HTTP: a project's SimpleListFilter, field filters given with their own
 * class (RelatedOnlyFieldListFilter, EmptyFieldListFilter), and forged values that never crash.
 */
import { testDatabaseTargets } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Book, libraryDatabase, Publisher, serveLibrary } from './support/library.js';

/** The rows' titles of a change list page. */
function titles(html: string): string[] {
  return [...html.matchAll(/<th scope="row"[^>]*>[\s\S]*?<a href="[^"]+">\s*([^<]+?)\s*<\/a>/g)].map((match) => match[1]!);
}

describe.each(testDatabaseTargets())('custom list filters on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let stack: Awaited<ReturnType<typeof serveLibrary>>;
  let gallimard: Publisher;
  const root = { get: (url: string) => stack.root.get(url) };

  beforeAll(async () => {
    const testDb = await libraryDatabase(dialect);
    gallimard = await Publisher.objects.create({ name: 'Gallimard' });
    await Publisher.objects.create({ name: 'Unused Press' });
    await Book.objects.create({ title: 'Cheap', price: 3, isbn: '978-2', publisherId: gallimard.pk });
    await Book.objects.create({ title: 'Dear', price: 30, status: 'PB' });
    await Book.objects.create({ title: 'Middling', price: 12, isbn: '978-3' });
    stack = await serveLibrary(testDb);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shows a SimpleListFilter with its lookups and applies the chosen one', async () => {
    const page = await root.get('/admin/library/book/');
    expect(page.text).toContain('<summary>By price band</summary>');
    expect(page.text).toContain('<li class="selected"><a href="?" aria-current="true">All</a></li>');
    expect(page.text).toContain('<a href="?band=cheap">Under 10</a>');
    expect(page.text).toContain('<a href="?band=dear">10 and over</a>');
    // A filter whose lookups are empty is not shown.
    expect(page.text).not.toContain('By silent');
    const cheap = await root.get('/admin/library/book/?band=cheap');
    expect(titles(cheap.text)).toEqual(['Cheap']);
    expect(cheap.text).toContain('<li class="selected"><a href="?band=cheap" aria-current="true">Under 10</a></li>');
    const dear = await root.get('/admin/library/book/?band=dear&status__exact=PB');
    expect(titles(dear.text)).toEqual(['Dear']);
    expect(titles((await root.get('/admin/library/book/?min_price=20')).text)).toEqual(['Dear']);
  });

  it('offers only the related objects in use with RelatedOnlyFieldListFilter', async () => {
    const page = await root.get('/admin/library/book/');
    expect(page.text).toContain(`<a href="?publisher__id__exact=${gallimard.pk}">Gallimard</a>`);
    expect(page.text).not.toContain('Unused Press');
    expect(titles((await root.get(`/admin/library/book/?publisher__id__exact=${gallimard.pk}`)).text)).toEqual(['Cheap']);
  });

  it('filters empty and non-empty values with EmptyFieldListFilter', async () => {
    const page = await root.get('/admin/library/book/');
    expect(page.text).toContain('<summary>By isbn</summary>');
    expect(titles((await root.get('/admin/library/book/?isbn__isempty=1')).text)).toEqual(['Dear']);
    expect(titles((await root.get('/admin/library/book/?isbn__isempty=0')).text)).toEqual(['Cheap', 'Middling']);
  });

  it('treats a value outside the lookups as the filter’s own business, and refuses values the ORM cannot take with 400', async () => {
    const unknown = await root.get('/admin/library/book/?band=unheard-of');
    expect(unknown.status).toBe(200);
    expect(titles(unknown.text)).toEqual(['Cheap', 'Dear', 'Middling']);
    for (const forged of ['min_price=abc', 'min_price=1%20OR%201=1', 'isbn__isempty=2', 'publisher__id__exact=x', 'status__exact=ZZ']) {
      const response = await root.get(`/admin/library/book/?${forged}`);
      expect(response.status, forged).toBe(400);
      expect(response.text).not.toContain('SELECT');
      expect(response.text).not.toContain('Cheap');
    }
    expect(stack.server.errors).toEqual([]);
  });

  it('escapes a hostile filter value kept in the links and the search form', async () => {
    const page = await root.get(`/admin/library/book/?band=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});
