import { expectTypeOf, test } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { display } from '../src/display.js';
import type { ModelAdminOptions } from '../src/options.js';
import { Article, Comment } from './support/shop-models.js';

const site = new AdminSite({ name: 'typecheck' });

test('field names in the options are checked against the model', () => {
  site.register(Article, {
    listDisplay: ['title', 'status', 'author__name', 'isLong', '__str__', display((a: Article) => a.title.length, { description: 'Length' })],
    listFilter: ['status', 'publish', 'author', 'featured'],
    searchFields: ['title', '^slug', '=status', '@body', 'author__name'],
    ordering: ['-publish', 'title'],
    fields: ['title', 'slug', 'body'],
    readonlyFields: ['isLong'],
    prepopulatedFields: { slug: ['title'] },
    listSelectRelated: ['author'],
    dateHierarchy: 'publish',
  });
  // @ts-expect-error 'titel' is not a field of Article
  site.register(Article, { listDisplay: ['titel'] });
  // @ts-expect-error 'stauts' is not a field of Article
  site.register(Article, { listFilter: ['stauts'] });
  // @ts-expect-error searchFields prefixes are ^ = @ only
  site.register(Article, { searchFields: ['~title'] });
  // @ts-expect-error 'bdy' is not a field of Article
  site.register(Article, { fields: ['title', 'bdy'] });
  // @ts-expect-error the slug cannot come from a missing field
  site.register(Article, { prepopulatedFields: { slug: ['name'] } });
  // @ts-expect-error only foreign keys can be followed in a related path
  site.register(Article, { listDisplay: ['title__length'] });
  // @ts-expect-error 'article' is a field of Comment, not of Article
  site.register(Article, { listSelectRelated: ['article'] });
  // @ts-expect-error dateHierarchy names a missing field
  site.register(Article, { dateHierarchy: 'published' });
  // @ts-expect-error ordering names a missing field
  site.register(Comment, { ordering: ['-created'] });
});

test('display() keeps the function type and a listDisplay function receives the model', () => {
  const column = display((article: Article) => article.title, { boolean: false });
  expectTypeOf(column).parameter(0).toEqualTypeOf<Article>();
  expectTypeOf<ModelAdminOptions<Article>['listPerPage']>().toEqualTypeOf<number | undefined>();
});
