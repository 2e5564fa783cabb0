/**
 * listEditable over HTTP: the change list as a formset with a Save button, per-row errors,
 * a LogEntry per changed object, change permission required, forged rows refused.
 */
import { testDatabaseTargets } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE, LogEntry } from '../src/models.js';
import { Book, libraryDatabase, serveLibrary } from './support/library.js';
import type { AdminClient } from './support/stack.js';
const HOSTILE = `"><script>alert(1)</script>&`;

describe.each(testDatabaseTargets())('listEditable on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let stack: Awaited<ReturnType<typeof serveLibrary>>;
  let root: AdminClient;
  let books: Book[];

  /** The POST of the change list's form as a browser sends it, with `rows` overriding fields by row index. */
  const formsetPost = (rows: Record<number, Record<string, string>>, extra: Record<string, string> = {}) => {
    const form: Record<string, string> = {
      'form-TOTAL_FORMS': String(books.length),
      'form-INITIAL_FORMS': String(books.length),
      'form-MIN_NUM_FORMS': '0',
      'form-MAX_NUM_FORMS': '1000',
      _save: 'Save',
      ...extra,
    };
    books.forEach((book, index) => {
      const row: Record<string, string> = { id: String(book.pk), price: String(book.price), status: book.status, ...(book.inPrint ? { inPrint: 'on' } : {}) };
      Object.assign(row, rows[index]);
      for (const [name, value] of Object.entries(row)) if (value !== '__absent__') form[`form-${index}-${name}`] = value;
    });
    return form;
  };

  beforeAll(async () => {
    const testDb = await libraryDatabase(dialect, { viewer: ['view_book'] });
    // The change list orders by title: Alpha, Beta, then the hostile one.
    await Book.objects.create({ title: 'Alpha', price: 5, status: 'DR' });
    await Book.objects.create({ title: 'Beta', price: 15, status: 'PB', inPrint: false });
    await Book.objects.create({ title: `Zeta ${HOSTILE}`, price: 7 });
    books = (await Book.objects.all()) as Book[];
    stack = await serveLibrary(testDb);
    root = stack.root;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shows the listed fields as inputs in each row with the management form and a Save button', async () => {
    const page = await root.get('/admin/library/book/');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<input type="hidden" name="form-TOTAL_FORMS" value="3"/);
    expect(page.text).toMatch(/<input type="hidden" name="form-INITIAL_FORMS" value="3"/);
    expect(page.text).toMatch(new RegExp(`<input type="hidden" name="form-0-id" value="${books[0]!.pk}"`));
    expect(page.text).toMatch(/<input type="number" name="form-0-price" value="5"/);
    expect(page.text).toMatch(/<input type="checkbox" name="form-1-inPrint"/);
    expect(page.text).toMatch(/<select name="form-2-status"/);
    expect(page.text).toContain('<input type="submit" name="_save" class="default" value="Save">');
    // The link column stays a link; the hostile title is escaped.
    expect(page.text).toMatch(new RegExp(`<a href="/admin/library/book/${books[0]!.pk}/change/">\\s*Alpha`));
    expect(page.text).not.toContain('<script>alert(1)');
  });

  it('saves the changed rows, logs each changed object and says how many changed', async () => {
    const saved = await root.post('/admin/library/book/?status__exact=PB&band=dear', formsetPost({}));
    expect(saved.status).toBe(302);
    expect(await LogEntry.objects.count()).toBe(0);

    const changed = await root.post('/admin/library/book/', formsetPost({ 0: { price: '6' }, 1: { status: 'DR', inPrint: 'on' } }));
    expect(changed.status).toBe(302);
    expect(changed.location).toBe('/admin/library/book/');
    const after = (await Book.objects.all()) as Book[];
    expect(after.map((book) => [book.price, book.status, book.inPrint])).toEqual([
      [6, 'DR', true],
      [15, 'DR', true],
      [7, 'DR', true],
    ]);
    const page = await root.get('/admin/library/book/');
    expect(page.text).toContain('2 books were changed successfully.');
    const entries = (await LogEntry.objects.all().orderBy('id')) as LogEntry[];
    expect(entries.map((entry) => [entry.objectId, entry.actionFlag, entry.changeMessage])).toEqual([
      [String(books[0]!.pk), CHANGE, JSON.stringify([{ changed: { fields: ['Price'] } }])],
      [String(books[1]!.pk), CHANGE, JSON.stringify([{ changed: { fields: ['In print', 'Status'] } }])],
    ]);
    books = after;
    const one = await root.post('/admin/library/book/', formsetPost({ 2: { price: '8' } }));
    expect(one.status).toBe(302);
    expect((await root.get('/admin/library/book/')).text).toContain('1 book was changed successfully.');
    books = (await Book.objects.all()) as Book[];
  });

  it('shows errors in their rows, keeps the typed values escaped, and saves nothing', async () => {
    const before = await LogEntry.objects.count();
    const invalid = await root.post('/admin/library/book/', formsetPost({ 0: { price: HOSTILE }, 1: { price: '20', status: 'XX' } }));
    expect(invalid.status).toBe(200);
    expect(invalid.text).toContain('Please correct the errors below.');
    expect(invalid.text).toContain('Enter a whole number.');
    expect(invalid.text).toContain('Select a valid choice. XX is not one of the available choices.');
    expect(invalid.text.match(/<tr class="errors">/g)).toHaveLength(2);
    expect(invalid.text).not.toContain('<script>alert(1)');
    expect(invalid.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"');
    expect(((await Book.objects.all()) as Book[]).map((book) => book.price)).toEqual(books.map((book) => book.price));
    expect(await LogEntry.objects.count()).toBe(before);
  });

  it('refuses rows whose id is forged or outside the admin’s objects, without saving anything', async () => {
    for (const forged of ['999999', 'abc', `${books[0]!.pk} OR 1=1`]) {
      const response = await root.post('/admin/library/book/', formsetPost({ 0: { id: forged, price: '1' } }));
      expect(response.status, forged).toBe(200);
      expect(response.text).toContain('Please correct the error below.');
    }
    expect((await Book.objects.get({ pk: books[0]!.pk })).price).toBe(books[0]!.price);
  });

  it('shows a view-only user plain cells, and refuses their Save with 403', async () => {
    const viewer = await stack.login('viewer');
    const page = await viewer.get('/admin/library/book/');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('form-TOTAL_FORMS');
    expect(page.text).not.toContain('name="_save"');
    const refused = await viewer.post('/admin/library/book/', formsetPost({ 0: { price: '1' } }));
    expect(refused.status).toBe(403);
    expect((await Book.objects.get({ pk: books[0]!.pk })).price).toBe(books[0]!.price);
  });

  it('keeps the popup change list read-only', async () => {
    const popup = await root.get('/admin/library/book/?_popup=1');
    expect(popup.text).not.toContain('form-TOTAL_FORMS');
  });
});
