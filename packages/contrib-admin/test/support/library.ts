/**
 * The test app `library` and its admin site, for the relation widgets, listEditable and custom
 * filters: books with a raw-id publisher and keywords, an autocomplete writer and co-writers
 * (active writers only, by limitChoicesTo), tags in a two-box selector.
 */
import { createPermissions, Permission, User } from '@manouche/contrib-auth';
import type { Database, Dialect } from '@manouche/contracts';
import type { HttpRequest } from '@manouche/core';
import { createModelTables } from '@manouche/migrations';
import { fields, Model, modelStates, registerModels, type QuerySet } from '@manouche/orm';
import type { TestDatabase } from '@manouche/orm/testing';
import { AdminSite } from '../../src/admin-site.js';
import { EmptyFieldListFilter, RelatedOnlyFieldListFilter } from '../../src/field-list-filters.js';
import { stackedInline } from '../../src/inlines.js';
import { SimpleListFilter } from '../../src/list-filters.js';
import { AdminClient, migratedDatabase, serveAdmin } from './stack.js';

export class Publisher extends Model.define(
  { name: fields.char({ maxLength: 100 }), city: fields.char({ maxLength: 100, blank: true }) },
  { ordering: ['name'] },
) {
  override toString(): string {
    return this.name;
  }
}

export class Writer extends Model.define({ name: fields.char({ maxLength: 100 }), active: fields.boolean({ default: true }) }, { ordering: ['name'] }) {
  override toString(): string {
    return this.name;
  }
}

export class Tag extends Model.define({ name: fields.char({ maxLength: 50 }) }, { ordering: ['name'] }) {
  override toString(): string {
    return this.name;
  }
}

export class Book extends Model.define(
  {
    title: fields.char({ maxLength: 200 }),
    isbn: fields.char({ maxLength: 20, blank: true }),
    price: fields.integer({ default: 0 }),
    inPrint: fields.boolean({ default: true }),
    status: fields.char({
      maxLength: 2,
      choices: [
        ['DR', 'Draft'],
        ['PB', 'Published'],
      ],
      default: 'DR',
    }),
    publisher: fields.foreignKey(() => Publisher, { onDelete: 'PROTECT', null: true, blank: true }),
    writer: fields.foreignKey(() => Writer, { onDelete: 'PROTECT', null: true, blank: true, limitChoicesTo: { active: true } }),
    coWriters: fields.manyToMany(() => Writer, { blank: true, relatedName: 'coWritten', limitChoicesTo: () => ({ active: true }) }),
    tags: fields.manyToMany(() => Tag, { blank: true, relatedName: 'books' }),
    keywords: fields.manyToMany(() => Tag, { blank: true, relatedName: 'keywordBooks' }),
  },
  { ordering: ['title'] },
) {
  override toString(): string {
    return this.title;
  }
}

/** A shelf, known by its code: copies point at the code, not the id (a relation with toField). */
export class Shelf extends Model.define({ code: fields.char({ maxLength: 10, unique: true }), label: fields.char({ maxLength: 50 }) }) {
  override toString(): string {
    return this.label;
  }
}

export class Copy extends Model.define({
  book: fields.foreignKey(() => Book, { onDelete: 'CASCADE' }),
  shelf: fields.foreignKey(() => Shelf, { onDelete: 'PROTECT', toField: 'code' }),
}) {
  override toString(): string {
    return `Copy ${this.pk}`;
  }
}

registerModels('library', { Publisher, Writer, Tag, Book, Shelf, Copy }, { defaultAutoField: 'auto' });

/** A project's own filter: two price bands. */
export class PriceBandFilter extends SimpleListFilter<Book> {
  title = 'price band';
  parameterName = 'band';
  lookups() {
    return [
      ['cheap', 'Under 10'],
      ['dear', '10 and over'],
    ] as const;
  }
  queryset(_request: HttpRequest, queryset: QuerySet<Book>) {
    if (this.value() === 'cheap') return queryset.filter({ price__lt: 10 });
    if (this.value() === 'dear') return queryset.filter({ price__gte: 10 });
    return queryset;
  }
}

/** A careless filter that hands the raw parameter to the ORM (forged values must still not crash). */
export class MinimumPriceFilter extends SimpleListFilter<Book> {
  title = 'minimum price';
  parameterName = 'min_price';
  lookups() {
    return [
      ['5', '5 or more'],
      ['20', '20 or more'],
    ] as const;
  }
  queryset(_request: HttpRequest, queryset: QuerySet<Book>) {
    const value = this.value();
    return value === null ? queryset : queryset.filter({ price__gte: value as never });
  }
}

/** A filter without lookups: it shows nothing. */
export class SilentFilter extends SimpleListFilter<Book> {
  title = 'silent';
  parameterName = 'silent';
  lookups() {
    return [];
  }
  queryset() {
    return null;
  }
}

export const librarySite = new AdminSite({ name: 'library', siteHeader: 'Library administration' });
librarySite.register(Book, {
  listDisplay: ['title', 'price', 'inPrint', 'status', 'publisher'],
  listDisplayLinks: ['title'],
  listEditable: ['price', 'inPrint', 'status'],
  listFilter: [PriceBandFilter, MinimumPriceFilter, SilentFilter, ['publisher', RelatedOnlyFieldListFilter], ['isbn', EmptyFieldListFilter], 'status'],
  searchFields: ['title'],
  rawIdFields: ['publisher', 'keywords'],
  autocompleteFields: ['writer', 'coWriters'],
  filterHorizontal: ['tags'],
});
librarySite.register(Publisher, { listDisplay: ['name', 'city'], searchFields: ['name'] });
librarySite.register(Writer, { listDisplay: ['name', 'active'], searchFields: ['name'] });
librarySite.register(Tag, { searchFields: ['name'] });

/**
 * A second site over the same models for the add/change links and the relation widgets of
 * inlines: books as plain selects (each with "+" and the pencil), and a publisher's books as a
 * stacked inline with an autocomplete writer, two-box tags and raw-id keywords, newest title first.
 */
export const deskSite = new AdminSite({ name: 'desk', siteHeader: 'Front desk' });
deskSite.register(Book, { fields: ['title', 'publisher', 'writer', 'tags'] });
deskSite.register(Publisher, {
  searchFields: ['name'],
  inlines: [
    stackedInline(Book, {
      extra: 0,
      fields: ['title', 'writer', 'tags', 'keywords'],
      autocompleteFields: ['writer'],
      filterHorizontal: ['tags'],
      rawIdFields: ['keywords'],
      ordering: ['-title'],
    }),
  ],
});
deskSite.register(Writer, { listDisplay: ['name', 'active'], searchFields: ['name'] });
deskSite.register(Tag, { searchFields: ['name'] });
deskSite.register(Copy, {});
deskSite.register(Shelf, {});

/** The password of every user the library tests create. */
export const LIBRARY_PASSWORD = 'Les Yeux Noirs 1940';

/** Creates the library's tables, content types and permissions in the migrated test database. */
async function createLibraryTables(database: Database): Promise<void> {
  await createModelTables(database, modelStates('library'), { useTz: true });
  const apps = { getAppConfigs: () => [{ label: 'library', name: 'library' }], isInstalled: (name: string) => name === 'library' };
  await createPermissions({ project: { apps } as never, database: 'default' });
}

/**
 * A migrated database with the library's tables, the superuser `root`, and a staff user for each
 * entry of `staff` holding those permission codenames.
 */
export async function libraryDatabase(dialect: Dialect, staff: Record<string, string[]> = {}): Promise<TestDatabase> {
  const testDb = await migratedDatabase(dialect);
  await createLibraryTables(testDb.database);
  await User.objects.createSuperuser('root', 'root@example.com', LIBRARY_PASSWORD);
  for (const [username, codenames] of Object.entries(staff)) {
    const user = await User.objects.createUser(username, `${username}@example.com`, LIBRARY_PASSWORD, { isStaff: true });
    const perms = await Permission.objects.filter({ codename__in: codenames });
    await (user as unknown as { userPermissions: { add(...p: unknown[]): Promise<void> } }).userPermissions.add(...perms);
  }
  return testDb;
}

/** The library site (or `site`) served on a loopback port, `root` logged in; `close()` also drops the database. */
export async function serveLibrary(testDb: TestDatabase, site: AdminSite = librarySite) {
  const server = await serveAdmin(site);
  const login = async (username: string) => {
    const client = new AdminClient(server.url);
    await client.login(username, LIBRARY_PASSWORD);
    return client;
  };
  const root = await login('root');
  return {
    server,
    root,
    login,
    async close() {
      if (server.errors.length) console.error(server.errors[0]);
      await server.close();
      await testDb.drop();
    },
  };
}
