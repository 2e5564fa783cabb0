import { describe, expect, it } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { adminCheck } from '../src/checks.js';
import { BooleanFieldListFilter, RelatedOnlyFieldListFilter } from '../src/field-list-filters.js';
import { Book, librarySite, PriceBandFilter, Publisher, Tag, Writer } from './support/library.js';
import { testSettings } from './support/stack.js';

/** Options as an untyped project would write them (what `manouche check` is for). */
const untyped = (options: Record<string, unknown>) => options as never;

async function messagesOf(site: AdminSite) {
  return (await adminCheck(testSettings(), () => [site]).run({ deploy: false })).filter((message) => message.id !== 'admin.E401');
}

describe('manouche check for listFilter, listEditable and the relation widgets', () => {
  it('passes the library registrations', async () => {
    expect(await messagesOf(librarySite)).toEqual([]);
  });

  it('reports listFilter entries that are not filters with Django’s ids', async () => {
    const site = new AdminSite({ name: 'filter-checks' });
    site.register(
      Book,
      untyped({ listFilter: [class NotAFilter {}, RelatedOnlyFieldListFilter, ['publisher', PriceBandFilter], ['nope', BooleanFieldListFilter], 'missing'] }),
    );
    const messages = await messagesOf(site);
    expect(messages.map((message) => [message.id, message.message])).toEqual([
      ['admin.E113', "The value of 'listFilter[0]' must inherit from 'ListFilter'."],
      ['admin.E114', "The value of 'listFilter[1]' must not inherit from 'FieldListFilter' (give it with its field: ['field', RelatedOnlyFieldListFilter])."],
      ['admin.E115', "The value of 'listFilter[2][1]' must inherit from 'FieldListFilter'."],
      ['admin.E116', "The value of 'listFilter[3]' refers to 'nope', which does not refer to a Field."],
      ['admin.E116', "The value of 'listFilter[4]' refers to 'missing', which does not refer to a Field."],
    ]);
  });

  it('reports listEditable fields that cannot be edited on the change list (admin.E121–E125)', async () => {
    const site = new AdminSite({ name: 'editable-checks' });
    site.register(Book, untyped({ listDisplay: ['title', 'price', 'status'], listEditable: ['titel', 'isbn', 'title'] }));
    site.register(Publisher, untyped({ listDisplay: ['name', 'city', 'id'], listDisplayLinks: ['city'], listEditable: ['city', 'id'] }));
    const ids = (await messagesOf(site)).map((message) => [message.id, message.message]);
    expect(ids).toEqual([
      ['admin.E121', "The value of 'listEditable[0]' refers to 'titel', which is not a field of 'library.Book'."],
      ['admin.E122', "The value of 'listEditable[1]' refers to 'isbn', which is not contained in 'listDisplay'."],
      [
        'admin.E124',
        "The value of 'listEditable[2]' refers to the first field in 'listDisplay' ('title'), which cannot be used unless 'listDisplayLinks' is set.",
      ],
      ['admin.E123', "The value of 'listEditable[0]' cannot be in both 'listEditable' and 'listDisplayLinks'."],
      ['admin.E125', "The value of 'listEditable[1]' refers to 'id', which is not editable through the admin."],
    ]);
  });

  it('reports relation widget options on the wrong fields, and autocomplete targets without an admin or searchFields', async () => {
    const site = new AdminSite({ name: 'widget-checks' });
    site.register(
      Book,
      untyped({
        rawIdFields: ['title', 'nope'],
        autocompleteFields: ['writer', 'tags', 'price'],
        filterHorizontal: ['publisher'],
        filterVertical: ['missing'],
      }),
    );
    site.register(Tag, {});
    const messages = (await messagesOf(site)).map((message) => [message.id, message.message]);
    expect(messages).toEqual([
      ['admin.E003', "The value of 'rawIdFields[0]' must be a foreign key or a many-to-many field."],
      ['admin.E002', "The value of 'rawIdFields[1]' refers to 'nope', which is not a field of 'library.Book'."],
      ['admin.E039', 'An admin for model "Writer" has to be registered to be referenced by library.Book.autocompleteFields.'],
      ['admin.E040', `The admin of library.Tag must define "searchFields", because it's referenced by library.Book.autocompleteFields.`],
      ['admin.E038', "The value of 'autocompleteFields[2]' must be a foreign key or a many-to-many field."],
      ['admin.E020', "The value of 'filterHorizontal[0]' must be a many-to-many field."],
      ['admin.E019', "The value of 'filterVertical[0]' refers to 'missing', which is not a field of 'library.Book'."],
    ]);
    site.register(Writer, { searchFields: ['name'] });
    expect((await messagesOf(site)).map((message) => message.id)).not.toContain('admin.E039');
  });
});
