/**
 * rawIdFields, autocompleteFields and filterHorizontal over HTTP: the widgets on the change form,
 * the lookup popup change list, the autocomplete JSON with its permissions, pages and
 * limitChoicesTo, validation of forged ids, and hostile names escaped everywhere.
 */
import { testDatabaseTargets } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { Book, LIBRARY_PASSWORD, libraryDatabase, Publisher, serveLibrary, Tag, Writer } from './support/library.js';
import { AdminClient, serveAdmin } from './support/stack.js';

const HOSTILE = `"><img src=x onerror=alert(1)><script>alert(2)</script>&`;

describe.each(testDatabaseTargets())('relation widgets over HTTP on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let stack: Awaited<ReturnType<typeof serveLibrary>>;
  let root: AdminClient;
  let gallimard: Publisher;
  let hostilePublisher: Publisher;
  let vian: Writer;
  let ghost: Writer;
  let hostileWriter: Writer;
  let jazz: Tag;
  let paris: Tag;
  let novel: Tag;
  let book: Book;

  const bookForm = (fields: Record<string, string | string[]>) => ({
    title: book.title,
    isbn: '',
    price: '12',
    inPrint: 'on',
    status: 'PB',
    publisher: String(gallimard.pk),
    writer: String(vian.pk),
    coWriters: [] as string[],
    tags: [String(jazz.pk)],
    keywords: String(paris.pk),
    ...fields,
  });
  const changeUrl = () => `/admin/library/book/${book.pk}/change/`;

  beforeAll(async () => {
    const testDb = await libraryDatabase(dialect, {
      clerk: ['view_book', 'change_book'],
      reader: ['view_book', 'change_book', 'view_writer', 'view_publisher'],
    });
    gallimard = await Publisher.objects.create({ name: 'Gallimard', city: 'Paris' });
    hostilePublisher = await Publisher.objects.create({ name: HOSTILE, city: 'Nowhere' });
    vian = await Writer.objects.create({ name: 'Boris Vian' });
    await Writer.objects.create({ name: 'Raymond Queneau' });
    ghost = await Writer.objects.create({ name: 'Ghost Writer', active: false });
    hostileWriter = await Writer.objects.create({ name: HOSTILE });
    for (let index = 1; index <= 25; index += 1) await Writer.objects.create({ name: `Pen ${String(index).padStart(2, '0')}` });
    jazz = await Tag.objects.create({ name: 'jazz' });
    paris = await Tag.objects.create({ name: 'paris' });
    novel = await Tag.objects.create({ name: 'novel' });
    book = await Book.objects.create({ title: 'L’Écume des jours', price: 9, publisherId: gallimard.pk, writerId: vian.pk });
    await (book as unknown as { tags: { add(...t: Tag[]): Promise<void> } }).tags.add(jazz);
    await (book as unknown as { keywords: { add(...t: Tag[]): Promise<void> } }).keywords.add(paris, novel);
    stack = await serveLibrary(testDb);
    root = stack.root;
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('rawIdFields', () => {
    it('shows a foreign key as an id input with a lookup link and the current object’s label, reading no list of publishers', async () => {
      const page = await root.get(changeUrl());
      expect(page.status).toBe(200);
      const input = /<input type="text" name="publisher"[^>]*>/.exec(page.text)?.[0] ?? '';
      expect(input).toContain(`value="${gallimard.pk}"`);
      expect(input).toContain('class="vForeignKeyRawIdAdminField"');
      expect(input).toContain('id="id_publisher"');
      expect(page.text).toContain(
        '<a href="/admin/library/publisher/?_to_field=id" class="related-lookup" id="lookup_id_publisher" title="Lookup" data-popup-target="id_publisher">',
      );
      expect(page.text).toContain(
        `<strong class="related-label" data-for="id_publisher"><a href="/admin/library/publisher/${gallimard.pk}/change/">Gallimard</a></strong>`,
      );
      expect(page.text).not.toMatch(/<select name="publisher"/);
      expect(page.text).not.toContain('onerror=alert(1)');
      expect(page.text).toContain('/static/admin/js/related-widgets.js');
    });

    it('shows many-to-many as comma-separated ids with a lookup link', async () => {
      const page = await root.get(changeUrl());
      const input = /<input type="text" name="keywords" value="([^"]*)"[^>]*class="vManyToManyRawIdAdminField"/.exec(page.text);
      expect(input?.[1]?.split(',').sort()).toEqual([String(paris.pk), String(novel.pk)].sort());
      expect(page.text).toContain('id="lookup_id_keywords"');
    });

    it('escapes a hostile label beside the input', async () => {
      await Book.objects.filter({ pk: book.pk }).update({ publisherId: hostilePublisher.pk });
      try {
        const page = await root.get(changeUrl());
        expect(page.text).not.toContain('<img src=x');
        expect(page.text).not.toContain('<script>alert(2)');
        expect(page.text).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;&amp;');
      } finally {
        await Book.objects.filter({ pk: book.pk }).update({ publisherId: gallimard.pk });
      }
    });

    it('saves typed ids, and names the field of an id that does not exist', async () => {
      const saved = await root.post(changeUrl(), bookForm({ publisher: String(hostilePublisher.pk), keywords: `${jazz.pk}, ${novel.pk}` }));
      expect(saved.status).toBe(302);
      const reloaded = await Book.objects.get({ pk: book.pk });
      expect(reloaded.publisherId).toBe(hostilePublisher.pk);
      const keywords = await (reloaded as unknown as { keywords: { all(): Promise<Tag[]> } }).keywords.all();
      expect(keywords.map((tag) => tag.name).sort()).toEqual(['jazz', 'novel']);

      for (const forged of ['999999', 'abc', '1 OR 1=1']) {
        const refused = await root.post(changeUrl(), bookForm({ publisher: forged }));
        expect(refused.status, forged).toBe(200);
        expect(refused.text).toMatch(
          /<div class="form-row errors field-publisher">[\s\S]*?<ul class="errorlist" id="id_publisher_error"><li>Select a valid choice\. That choice is not one of the available choices\.<\/li>/,
        );
      }
      const badKeyword = await root.post(changeUrl(), bookForm({ keywords: `${jazz.pk},999999` }));
      expect(badKeyword.text).toContain('Select a valid choice. 999999 is not one of the available choices.');
      expect((await Book.objects.get({ pk: book.pk })).publisherId).toBe(hostilePublisher.pk);
      await Book.objects.filter({ pk: book.pk }).update({ publisherId: gallimard.pk });
    });

    it('opens the related change list as a popup whose rows send their id back, without actions, hostile names escaped', async () => {
      const popup = await root.get('/admin/library/publisher/?_popup=1&_to_field=id');
      expect(popup.status).toBe(200);
      expect(popup.text).toContain(`data-popup-opener="${gallimard.pk}">`);
      expect(popup.text).toContain(`data-popup-opener="${hostilePublisher.pk}">`);
      expect(popup.text).not.toContain('<img src=x');
      expect(popup.text).not.toContain('name="action"');
      expect(popup.text).not.toContain('class="breadcrumbs"');
      // Searching in the popup stays in the popup.
      expect(popup.text).toContain('<input type="hidden" name="_popup" value="1">');
      const searched = await root.get('/admin/library/publisher/?_popup=1&_to_field=id&q=galli');
      expect(searched.text).toContain('Gallimard');
      expect(searched.text).not.toContain(`data-popup-opener="${hostilePublisher.pk}"`);
    });

    it('refuses a _to_field no relation uses (400), and the popup needs view permission on the related model', async () => {
      expect((await root.get('/admin/library/publisher/?_popup=1&_to_field=city')).status).toBe(400);
      const clerk = await stack.login('clerk');
      expect((await clerk.get('/admin/library/publisher/?_popup=1&_to_field=id')).status).toBe(403);
      const page = await clerk.get(changeUrl());
      expect(page.status).toBe(200);
    });
  });

  describe('autocompleteFields', () => {
    const search = (client: AdminClient, params: Record<string, string>) =>
      client.get(`/admin/autocomplete/?${new URLSearchParams({ app_label: 'library', model_name: 'book', field_name: 'writer', ...params })}`);

    it('renders a select holding only the current choice, with what the script needs to search', async () => {
      const page = await root.get(changeUrl());
      const select = /<select name="writer"[^>]*>[\s\S]*?<\/select>/.exec(page.text)?.[0] ?? '';
      expect(select).toContain('class="admin-autocomplete"');
      expect(select).toContain('data-ajax--url="/admin/autocomplete/"');
      expect(select).toContain('data-app-label="library" data-model-name="book" data-field-name="writer"');
      expect(select).toContain(`<option value="${vian.pk}" selected>Boris Vian</option>`);
      expect(select).toContain('<option value=""></option>');
      expect(select).not.toContain('Raymond Queneau');
      expect(page.text).toMatch(/<select name="coWriters"[^>]*class="admin-autocomplete"[^>]*multiple/);
    });

    it('answers Django’s JSON: results of the search among the offered objects, and whether more pages follow', async () => {
      const found = await search(root, { term: 'vian' });
      expect(found.status).toBe(200);
      expect(JSON.parse(found.text)).toEqual({ results: [{ id: String(vian.pk), text: 'Boris Vian' }], pagination: { more: false } });
      // limitChoicesTo: an inactive writer is never offered.
      expect(JSON.parse((await search(root, { term: 'ghost' })).text)).toEqual({ results: [], pagination: { more: false } });
      const first = JSON.parse((await search(root, { term: 'pen' })).text) as { results: Array<{ text: string }>; pagination: { more: boolean } };
      expect(first.results).toHaveLength(20);
      expect(first.results[0]!.text).toBe('Pen 01');
      expect(first.pagination.more).toBe(true);
      const second = JSON.parse((await search(root, { term: 'pen', page: '2' })).text) as { results: Array<{ text: string }>; pagination: { more: boolean } };
      expect(second.results.map((result) => result.text)).toEqual(['Pen 21', 'Pen 22', 'Pen 23', 'Pen 24', 'Pen 25']);
      expect(second.pagination.more).toBe(false);
      expect((await search(root, { term: 'pen', page: '3' })).status).toBe(404);
      expect((await search(root, { term: 'pen', page: 'x' })).status).toBe(404);
      const many = JSON.parse((await search(root, { field_name: 'coWriters', term: 'raymond' })).text) as { results: Array<{ text: string }> };
      expect(many.results.map((result) => result.text)).toEqual(['Raymond Queneau']);
    });

    it('sends a hostile name as JSON text, never markup', async () => {
      const response = await search(root, { term: 'onerror' });
      const body = JSON.parse(response.text) as { results: Array<{ id: string; text: string }> };
      expect(body.results).toEqual([{ id: String(hostileWriter.pk), text: HOSTILE }]);
      const headers = await fetch(`${stack.server.url}/admin/autocomplete/?app_label=library&model_name=book&field_name=writer&term=x`, {
        headers: { cookie: [...root.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      expect(headers.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('answers 403 without view permission on the related model, or for a source that is not an autocomplete relation', async () => {
      const clerk = await stack.login('clerk');
      expect((await search(clerk, { term: 'vian' })).status).toBe(403);
      const reader = await stack.login('reader');
      expect((await search(reader, { term: 'vian' })).status).toBe(200);
      for (const forged of [{ field_name: 'title' }, { field_name: 'nope' }, { model_name: 'nothing' }, { app_label: 'auth', model_name: 'user' }] as Array<
        Record<string, string>
      >) {
        expect((await search(root, forged)).status, JSON.stringify(forged)).toBe(403);
      }
      const anonymous = new AdminClient(stack.server.url);
      expect((await search(anonymous, { term: 'vian' })).status).toBe(302);
    });

    it('answers 404 when the related admin has no searchFields; a plain select honours limitChoicesTo too', async () => {
      const bare = new AdminSite({ name: 'bare' });
      bare.register(Book, { autocompleteFields: ['publisher'] });
      bare.register(Publisher, {});
      const bareServer = await serveAdmin(bare);
      try {
        const client = new AdminClient(bareServer.url);
        await client.login('root', LIBRARY_PASSWORD);
        const response = await client.get('/admin/autocomplete/?app_label=library&model_name=book&field_name=publisher&term=g');
        expect(response.status).toBe(404);
        const form = await client.get(changeUrl());
        const select = /<select name="writer"[^>]*>[\s\S]*?<\/select>/.exec(form.text)?.[0] ?? '';
        expect(select).toContain('Raymond Queneau');
        expect(select).not.toContain('Ghost Writer');
      } finally {
        await bareServer.close();
      }
    });

    it('refuses to save a writer limitChoicesTo leaves out, and saves an offered one', async () => {
      const refused = await root.post(changeUrl(), bookForm({ writer: String(ghost.pk) }));
      expect(refused.status).toBe(200);
      expect(refused.text).toMatch(/id="id_writer_error"><li>Select a valid choice\. That choice is not one of the available choices\./);
      const coRefused = await root.post(changeUrl(), bookForm({ coWriters: [String(ghost.pk)] }));
      expect(coRefused.text).toContain(`Select a valid choice. ${ghost.pk} is not one of the available choices.`);
      const queneau = await Writer.objects.get({ name: 'Raymond Queneau' });
      expect((await root.post(changeUrl(), bookForm({ writer: String(queneau.pk), coWriters: [String(vian.pk)] }))).status).toBe(302);
      expect((await Book.objects.get({ pk: book.pk })).writerId).toBe(queneau.pk);
      const page = await root.get(changeUrl());
      expect(page.text).toContain(`<option value="${queneau.pk}" selected>Raymond Queneau</option>`);
      expect(page.text).toContain(`<option value="${vian.pk}" selected>Boris Vian</option>`);
    });
  });

  describe('filterHorizontal', () => {
    it('renders a multiple select the script turns into two boxes, and saves the chosen objects', async () => {
      const page = await root.get(changeUrl());
      const select = /<select name="tags"[^>]*>[\s\S]*?<\/select>/.exec(page.text)?.[0] ?? '';
      expect(select).toMatch(/class="selectfilter" data-field-name="tags" data-is-stacked="0"/);
      expect(select).toContain('multiple');
      expect(select).toContain(`<option value="${jazz.pk}" selected>jazz</option>`);
      expect(select).toContain(`<option value="${novel.pk}">novel</option>`);
      expect((await root.post(changeUrl(), bookForm({ tags: [String(novel.pk), String(paris.pk)] }))).status).toBe(302);
      const tags = await (book as unknown as { tags: { all(): Promise<Tag[]> } }).tags.all();
      expect(tags.map((tag) => tag.name)).toEqual(['novel', 'paris']);
    });
  });
});
