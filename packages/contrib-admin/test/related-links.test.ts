/**
 * The add/change links beside relations and their popups over HTTP (Django's
 * RelatedFieldWidgetWrapper, IS_POPUP_VAR and popup_response), limitChoicesTo in the raw-id lookup
 * popup, and the relation widgets and ordering of inlines: links only with the related model's
 * permissions, popup pages without the site's header, the saved object sent back as escaped JSON,
 * and a forged `_to_field` refused with nothing saved.
 */
import { testDatabaseTargets } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { Book, deskSite, LIBRARY_PASSWORD, libraryDatabase, Publisher, serveLibrary, Shelf, Tag, Writer } from './support/library.js';
import { AdminClient, serveAdmin } from './support/stack.js';

const HOSTILE = `"><img src=x onerror=alert(1)><script>alert(2)</script>&`;

/** The JSON a popup response page carries in its script tag's data attribute. */
function popupResponseData(html: string): unknown {
  const attribute = /id="manouche-admin-popup-response-constants" data-popup-response="([^"]*)"/.exec(html)?.[1];
  if (attribute === undefined) throw new Error(`No popup response in:\n${html}`);
  const text = attribute.replace(/&(quot|#39|lt|gt|amp);/g, (_, name: string) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[name]!);
  return JSON.parse(text);
}

/** A publisher's form as posted, with its (empty) book inline's management form. */
const publisherForm = (fields: Record<string, string>) => ({
  city: '',
  'book_set-TOTAL_FORMS': '0',
  'book_set-INITIAL_FORMS': '0',
  'book_set-MIN_NUM_FORMS': '0',
  'book_set-MAX_NUM_FORMS': '1000',
  _save: 'Save',
  ...fields,
});

describe.each(testDatabaseTargets())('add/change links, popups and inline widgets over HTTP on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let stack: Awaited<ReturnType<typeof serveLibrary>>;
  let root: AdminClient;
  let gallimard: Publisher;
  let minuit: Publisher;
  let vian: Writer;
  let ghost: Writer;
  let jazz: Tag;
  let book: Book;

  beforeAll(async () => {
    const testDb = await libraryDatabase(dialect, {
      clerk: ['view_book', 'change_book', 'view_publisher'],
      adder: ['view_book', 'change_book', 'add_publisher', 'view_publisher'],
      deleter: ['view_book', 'change_book', 'delete_publisher'],
    });
    gallimard = await Publisher.objects.create({ name: 'Gallimard', city: 'Paris' });
    minuit = await Publisher.objects.create({ name: 'Éditions de Minuit', city: 'Paris' });
    vian = await Writer.objects.create({ name: 'Boris Vian' });
    await Writer.objects.create({ name: 'Raymond Queneau' });
    ghost = await Writer.objects.create({ name: 'Ghost Writer', active: false });
    jazz = await Tag.objects.create({ name: 'jazz' });
    await Tag.objects.create({ name: 'paris' });
    book = await Book.objects.create({ title: 'L’Écume des jours', publisherId: gallimard.pk, writerId: vian.pk });
    await Book.objects.create({ title: 'Exercices de style', publisherId: gallimard.pk });
    await Book.objects.create({ title: 'Zazie dans le métro', publisherId: gallimard.pk });
    stack = await serveLibrary(testDb, deskSite);
    root = stack.root;
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('the links beside a relation', () => {
    it('puts “+” and the pencil beside a foreign key’s select, the pencil on the chosen object', async () => {
      const page = await root.get(`/admin/library/book/${book.pk}/change/`);
      expect(page.status).toBe(200);
      const wrapper = /<div class="related-widget-wrapper" data-model-ref="publisher">[\s\S]*?<\/div>/.exec(page.text)?.[0] ?? '';
      expect(wrapper).toMatch(/<select name="publisher"[^>]*id="id_publisher"/);
      expect(wrapper).toContain(
        `<a class="related-widget-wrapper-link change-related" id="change_id_publisher" data-href-template="/admin/library/publisher/__fk__/change/?_to_field=id&amp;_popup=1" data-popup="yes" title="Change selected publisher" href="/admin/library/publisher/${gallimard.pk}/change/?_to_field=id&amp;_popup=1">`,
      );
      expect(wrapper).toContain(
        '<a class="related-widget-wrapper-link add-related" id="add_id_publisher" href="/admin/library/publisher/add/?_to_field=id&amp;_popup=1" data-popup="yes" title="Add another publisher">',
      );
      // Django 4.1+: the × (a popup on the delete page) and the eye (the change page, in the window itself).
      expect(wrapper).toContain(
        `<a class="related-widget-wrapper-link delete-related" id="delete_id_publisher" data-href-template="/admin/library/publisher/__fk__/delete/?_to_field=id&amp;_popup=1" data-popup="yes" title="Delete selected publisher" href="/admin/library/publisher/${gallimard.pk}/delete/?_to_field=id&amp;_popup=1">`,
      );
      expect(wrapper).toContain(
        `<a class="related-widget-wrapper-link view-related" id="view_id_publisher" data-href-template="/admin/library/publisher/__fk__/change/?_to_field=id" title="View selected publisher" href="/admin/library/publisher/${gallimard.pk}/change/?_to_field=id">`,
      );
      // The select the page-wide updates of popups write to.
      expect(wrapper).toMatch(/<select name="publisher"[^>]*data-context="available-source"/);
      // Many-to-many: "+" only (Django has no change, delete or view link for several objects).
      const tags = /<div class="related-widget-wrapper" data-model-ref="tag">[\s\S]*?<\/div>/.exec(page.text)?.[0] ?? '';
      expect(tags).toContain('id="add_id_tags"');
      expect(tags).toContain('data-context="available-source"');
      expect(tags).not.toMatch(/change-related|delete-related|view-related/);
      // A relation narrowed by limitChoicesTo is left out of the page-wide updates: no data-model-ref.
      const writer = /<div class="related-widget-wrapper"[^>]*>\s*<select name="writer"/.exec(page.text)?.[0] ?? '';
      expect(writer).toMatch(/^<div class="related-widget-wrapper"><select name="writer"/);
      expect(page.text).toContain('id="delete_id_writer"');
    });

    it('shows no delete link on a CASCADE relation (deleting would delete the edited object too), and names objects by toField', async () => {
      const page = await root.get('/admin/library/copy/add/');
      expect(page.status).toBe(200);
      expect(page.text).toContain('id="add_id_book"');
      expect(page.text).toContain('id="change_id_book"');
      expect(page.text).toContain('id="view_id_book"');
      expect(page.text).not.toContain('id="delete_id_book"');
      // Copy.shelf is PROTECT and stores the shelf's code.
      expect(page.text).toContain('id="delete_id_shelf" data-href-template="/admin/library/shelf/__fk__/delete/?_to_field=code&amp;_popup=1" data-popup="yes"');
      expect(page.text).toContain('id="view_id_shelf" data-href-template="/admin/library/shelf/__fk__/change/?_to_field=code" title');
    });

    it('hides the links on the chosen object while nothing is chosen, and shows each link only with its permission', async () => {
      const add = await root.get('/admin/library/book/add/');
      expect(add.text).toMatch(/id="change_id_publisher" data-href-template="[^"]*" data-popup="yes" title="Change selected publisher" hidden>/);
      expect(add.text).toMatch(/id="delete_id_publisher" data-href-template="[^"]*" data-popup="yes" title="Delete selected publisher" hidden>/);
      expect(add.text).toMatch(/id="view_id_publisher" data-href-template="[^"]*" title="View selected publisher" hidden>/);
      const links = (html: string) => [...html.matchAll(/id="(add|change|delete|view)_id_(\w+)"/g)].map((match) => `${match[1]} ${match[2]}`).sort();
      // View permission only: the eye, nothing else; no permission on writers or tags: no links.
      const clerk = await stack.login('clerk');
      const clerkPage = await clerk.get(`/admin/library/book/${book.pk}/change/`);
      expect(clerkPage.status).toBe(200);
      expect(links(clerkPage.text)).toEqual(['view publisher']);
      const adder = await stack.login('adder');
      expect(links((await adder.get(`/admin/library/book/${book.pk}/change/`)).text)).toEqual(['add publisher', 'view publisher']);
      const deleter = await stack.login('deleter');
      expect(links((await deleter.get(`/admin/library/book/${book.pk}/change/`)).text)).toEqual(['delete publisher']);
      expect(links((await root.get(`/admin/library/book/${book.pk}/change/`)).text)).toEqual([
        'add publisher',
        'add tags',
        'add writer',
        'change publisher',
        'change writer',
        'delete publisher',
        'delete writer',
        'view publisher',
        'view writer',
      ]);
    });

    it('shows no link for a raw-id input, nor for a model another site registers', async () => {
      const librarySite = new AdminSite({ name: `rawonly-${dialect}` });
      librarySite.register(Book, { rawIdFields: ['publisher'], fields: ['title', 'publisher', 'writer'] });
      librarySite.register(Publisher, {});
      const server = await serveAdmin(librarySite);
      try {
        const client = new AdminClient(server.url);
        await client.login('root', LIBRARY_PASSWORD);
        const page = await client.get(`/admin/library/book/${book.pk}/change/`);
        expect(page.text).toContain('id="lookup_id_publisher"');
        expect(page.text).not.toContain('id="add_id_publisher"');
        // Writer is not registered on this site.
        expect(page.text).not.toContain('id="add_id_writer"');
      } finally {
        await server.close();
      }
    });
  });

  describe('the popup', () => {
    it('shows the add form without the site’s header or breadcrumbs, posting _popup and _to_field back', async () => {
      const page = await root.get('/admin/library/publisher/add/?_to_field=id&_popup=1');
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('id="header"');
      expect(page.text).not.toContain('class="breadcrumbs"');
      expect(page.text).not.toContain('Front desk');
      expect(page.text).toContain('<input type="hidden" name="_popup" value="1">');
      expect(page.text).toContain('<input type="hidden" name="_to_field" value="id">');
      expect(page.text).not.toContain('name="_addanother"');
      expect(page.text).not.toContain('name="_continue"');
      expect(page.text).toContain('name="_save"');
      // Outside a popup the header is there.
      expect((await root.get('/admin/library/publisher/add/')).text).toContain('id="header"');
    });

    it('answers a saved addition with a page that sends the new object back as escaped JSON', async () => {
      const saved = await root.post('/admin/library/publisher/add/?_to_field=id&_popup=1', publisherForm({ name: HOSTILE, _popup: '1', _to_field: 'id' }));
      expect(saved.status).toBe(200);
      const created = await Publisher.objects.get({ name: HOSTILE });
      expect(popupResponseData(saved.text)).toEqual({ action: 'add', model: 'publisher', value: String(created.pk), obj: HOSTILE });
      expect(saved.text).not.toContain('<img src=x');
      expect(saved.text).not.toContain('<script>alert(2)');
      expect(saved.text).toContain('/static/admin/js/popup-response.js');
      await Publisher.objects.filter({ pk: created.pk }).delete();
    });

    it('answers a saved change with the old value, the new label and the new value', async () => {
      const url = `/admin/library/publisher/${minuit.pk}/change/?_to_field=id&_popup=1`;
      const page = await root.get(url);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('id="header"');
      expect(page.text).not.toContain('class="historylink"');
      expect(page.text).not.toContain('class="deletelink"');
      const saved = await root.post(url, publisherForm({ name: 'Minuit', city: 'Paris', _popup: '1', _to_field: 'id' }));
      expect(saved.status).toBe(200);
      expect(popupResponseData(saved.text)).toEqual({
        action: 'change',
        model: 'publisher',
        value: String(minuit.pk),
        obj: 'Minuit',
        newValue: String(minuit.pk),
      });
      expect((await Publisher.objects.get({ pk: minuit.pk })).name).toBe('Minuit');
    });

    it('sends back the field a relation stores (toField), and opens the change popup by it', async () => {
      const page = await root.get('/admin/library/copy/add/');
      expect(page.text).toContain('id="add_id_shelf" href="/admin/library/shelf/add/?_to_field=code&amp;_popup=1"');
      expect(page.text).toContain('data-href-template="/admin/library/shelf/__fk__/change/?_to_field=code&amp;_popup=1"');
      const added = await root.post('/admin/library/shelf/add/?_to_field=code&_popup=1', {
        code: 'A1',
        label: 'Jazz corner',
        _popup: '1',
        _to_field: 'code',
        _save: 'Save',
      });
      expect(popupResponseData(added.text)).toEqual({ action: 'add', model: 'shelf', value: 'A1', obj: 'Jazz corner' });
      const changeUrl = '/admin/library/shelf/A1/change/?_to_field=code&_popup=1';
      expect((await root.get(changeUrl)).status).toBe(200);
      expect((await root.get('/admin/library/shelf/Z9/change/?_to_field=code&_popup=1')).status).toBe(404);
      const changed = await root.post(changeUrl, { code: 'B2', label: 'Jazz wall', _popup: '1', _to_field: 'code', _save: 'Save' });
      expect(popupResponseData(changed.text)).toEqual({ action: 'change', model: 'shelf', value: 'A1', obj: 'Jazz wall', newValue: 'B2' });
      expect((await Shelf.objects.get({ code: 'B2' })).label).toBe('Jazz wall');
      // A field no relation stores is refused, on the shelf as anywhere.
      expect((await root.get('/admin/library/shelf/B2/change/?_to_field=label&_popup=1')).status).toBe(400);
    });

    it('deletes the chosen object in a popup named by toField, then tells the opener to remove its option', async () => {
      await Shelf.objects.create({ code: 'C3', label: 'Manouche <swing>' });
      // The eye opens the change page by the stored field outside a popup too.
      const viewed = await root.get('/admin/library/shelf/C3/change/?_to_field=code');
      expect(viewed.status).toBe(200);
      expect(viewed.text).toContain('id="header"');
      const url = '/admin/library/shelf/C3/delete/?_to_field=code&_popup=1';
      const page = await root.get(url);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('id="header"');
      expect(page.text).not.toContain('class="breadcrumbs"');
      expect(page.text).toContain('<input type="hidden" name="_popup" value="1">');
      expect(page.text).toContain('<input type="hidden" name="_to_field" value="code">');
      expect(page.text).toContain('href="/admin/library/shelf/C3/change/?_to_field=code&amp;_popup=1" class="button cancel-link"');
      expect((await root.get('/admin/library/shelf/Z9/delete/?_to_field=code&_popup=1')).status).toBe(404);
      const deleted = await root.post(url, { post: 'yes', _popup: '1', _to_field: 'code' });
      expect(deleted.status).toBe(200);
      expect(popupResponseData(deleted.text)).toEqual({ action: 'delete', model: 'shelf', value: 'C3' });
      expect(await Shelf.objects.filter({ code: 'C3' }).exists()).toBe(false);
      // Outside a popup the delete page still redirects to the change list.
      const gone = await Publisher.objects.create({ name: 'Éphémère' });
      const redirected = await root.post(`/admin/library/publisher/${gone.pk}/delete/`, { post: 'yes' });
      expect(redirected.status).toBe(302);
      expect(redirected.location).toBe('/admin/library/publisher/');
    });

    it('refuses a forged _to_field with 400 and saves nothing (Django’s DisallowedModelAdminToField)', async () => {
      const before = await Publisher.objects.count();
      for (const forged of ['city', 'name', 'password', '__class__']) {
        const added = await root.post(`/admin/library/publisher/add/?_popup=1&_to_field=${forged}`, publisherForm({ name: 'Forged', _popup: '1' }));
        expect(added.status, forged).toBe(400);
        const posted = await root.post('/admin/library/publisher/add/', publisherForm({ name: 'Forged', _popup: '1', _to_field: forged }));
        expect(posted.status, forged).toBe(400);
        const changed = await root.post(`/admin/library/publisher/${gallimard.pk}/change/`, publisherForm({ name: 'Forged', _to_field: forged }));
        expect(changed.status, forged).toBe(400);
        expect((await root.get(`/admin/library/publisher/add/?_popup=1&_to_field=${forged}`)).status).toBe(400);
        const deleted = await root.post(`/admin/library/publisher/${minuit.pk}/delete/`, { post: 'yes', _to_field: forged });
        expect(deleted.status, forged).toBe(400);
      }
      expect(await Publisher.objects.count()).toBe(before);
      expect((await Publisher.objects.get({ pk: gallimard.pk })).name).toBe('Gallimard');
      expect(await Publisher.objects.filter({ pk: minuit.pk }).exists()).toBe(true);
    });
  });

  describe('limitChoicesTo in the raw-id lookup', () => {
    // One site per dialect: sites are known by name.
    const rawSite = new AdminSite({ name: `rawlimit-${dialect}` });
    rawSite.register(Book, { rawIdFields: ['writer'], fields: ['title', 'writer'] });
    rawSite.register(Writer, { listDisplay: ['name', 'active'], searchFields: ['name'] });
    let server: Awaited<ReturnType<typeof serveAdmin>>;
    let client: AdminClient;
    beforeAll(async () => {
      server = await serveAdmin(rawSite);
      client = new AdminClient(server.url);
      await client.login('root', LIBRARY_PASSWORD);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('opens the related change list filtered by the foreign key’s limitChoicesTo', async () => {
      const page = await client.get(`/admin/library/book/${book.pk}/change/`);
      expect(page.text).toContain('<a href="/admin/library/writer/?active=1&amp;_to_field=id" class="related-lookup" id="lookup_id_writer"');
      const popup = await client.get('/admin/library/writer/?active=1&_to_field=id&_popup=1');
      expect(popup.status).toBe(200);
      expect(popup.text).toContain(`data-popup-opener="${vian.pk}"`);
      expect(popup.text).not.toContain(`data-popup-opener="${ghost.pk}"`);
      expect(popup.text).not.toContain('id="header"');
      // Searching keeps the filter.
      expect(popup.text).toContain('<input type="hidden" name="active" value="1">');
      const searched = await client.get('/admin/library/writer/?active=1&_to_field=id&_popup=1&q=ghost');
      expect(searched.text).not.toContain(`data-popup-opener="${ghost.pk}"`);
    });

    it('accepts only the exact pairs some limitChoicesTo names: any other value is an invalid lookup', async () => {
      for (const forged of ['active=0', 'active=yes', 'active__in=1', 'name=Ghost%20Writer']) {
        expect((await client.get(`/admin/library/writer/?${forged}&_popup=1`)).status, forged).toBe(400);
      }
    });

    it('still validates a typed id against limitChoicesTo', async () => {
      const refused = await client.post(`/admin/library/book/${book.pk}/change/`, { title: book.title, writer: String(ghost.pk), _save: 'Save' });
      expect(refused.status).toBe(200);
      expect(refused.text).toContain('Select a valid choice. That choice is not one of the available choices.');
      expect((await Book.objects.get({ pk: book.pk })).writerId).toBe(vian.pk);
    });
  });

  describe('inlines', () => {
    it('gives inline rows the autocomplete, two boxes and raw-id input, the empty form too, rows in the inline’s ordering', async () => {
      const page = await root.get(`/admin/library/publisher/${gallimard.pk}/change/`);
      expect(page.status).toBe(200);
      const titles = [...page.text.matchAll(/name="book_set-\d+-title"[^>]*value="([^"]*)"/g)].map((match) => match[1]);
      expect(titles).toEqual(['Zazie dans le métro', 'L’Écume des jours', 'Exercices de style']);
      expect(page.text).toMatch(
        /<select name="book_set-1-writer"[^>]*class="admin-autocomplete" data-ajax--url="\/admin\/autocomplete\/" data-app-label="library" data-model-name="book" data-field-name="writer"/,
      );
      expect(page.text).toMatch(/<select name="book_set-__prefix__-writer"[^>]*class="admin-autocomplete"/);
      expect(page.text).toMatch(/<select name="book_set-__prefix__-tags"[^>]*class="selectfilter"/);
      expect(page.text).toContain('id="lookup_id_book_set-__prefix__-keywords" title="Lookup" data-popup-target="id_book_set-__prefix__-keywords"');
      expect(page.text).toContain('id="add_id_book_set-__prefix__-writer"');
      expect(page.text).toContain('href="/admin/library/tag/?_to_field=id"');
    });

    it('answers the autocomplete of an inline’s field, honouring limitChoicesTo', async () => {
      const search = (term: string) =>
        root.get(`/admin/autocomplete/?${new URLSearchParams({ app_label: 'library', model_name: 'book', field_name: 'writer', term })}`);
      expect(JSON.parse((await search('vian')).text)).toEqual({ results: [{ id: String(vian.pk), text: 'Boris Vian' }], pagination: { more: false } });
      expect(JSON.parse((await search('ghost')).text)).toEqual({ results: [], pagination: { more: false } });
    });

    it('saves a new inline row with its writer, tags and keywords, refusing a writer limitChoicesTo leaves out', async () => {
      const page = await root.get(`/admin/library/publisher/${minuit.pk}/change/`);
      expect(page.text).toContain('name="book_set-TOTAL_FORMS" value="0"');
      const row = (writer: Writer) => ({
        name: 'Éditions de Minuit',
        city: 'Paris',
        'book_set-TOTAL_FORMS': '1',
        'book_set-INITIAL_FORMS': '0',
        'book_set-MIN_NUM_FORMS': '0',
        'book_set-MAX_NUM_FORMS': '1000',
        'book_set-0-title': 'Moderato cantabile',
        'book_set-0-writer': String(writer.pk),
        'book_set-0-tags': [String(jazz.pk)],
        'book_set-0-keywords': String(jazz.pk),
        _save: 'Save',
      });
      const refused = await root.post(`/admin/library/publisher/${minuit.pk}/change/`, row(ghost));
      expect(refused.status).toBe(200);
      expect(refused.text).toContain('Select a valid choice. That choice is not one of the available choices.');
      expect(await Book.objects.filter({ title: 'Moderato cantabile' }).exists()).toBe(false);
      const saved = await root.post(`/admin/library/publisher/${minuit.pk}/change/`, row(vian));
      expect(saved.status, saved.text.slice(0, 2000)).toBe(302);
      const created = await Book.objects.get({ title: 'Moderato cantabile' });
      expect(created.publisherId).toBe(minuit.pk);
      expect(created.writerId).toBe(vian.pk);
      const tags = await (created as unknown as { tags: { all(): Promise<Tag[]> } }).tags.all();
      expect(tags.map((tag) => tag.name)).toEqual(['jazz']);
      await Book.objects.filter({ pk: created.pk }).delete();
    });
  });
});
