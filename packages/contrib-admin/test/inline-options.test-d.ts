import { expectTypeOf, test } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { display } from '../src/display.js';
import { type InlineAdmin, stackedInline, tabularInline } from '../src/inlines.js';
import { Article, Author, Comment } from './support/shop-models.js';

const site = new AdminSite({ name: 'inline-typecheck' });

test('inline options are checked against the inline’s own model', () => {
  site.register(Article, {
    inlines: [tabularInline(Comment, { fields: ['text'], readonlyFields: [display((c: Comment) => c.text.length, { description: 'Length' })], extra: 3 })],
    saveAsNew: true,
    saveOnTop: true,
  });
  site.register(Author, { inlines: [stackedInline(Article, { fields: ['title', 'slug'], fkName: 'author', showChangeLink: true })] });
  // The relation widgets and the ordering of an inline name its own model's fields.
  stackedInline(Comment, { rawIdFields: ['article'], ordering: ['-text', 'article__title'] });
  tabularInline(Comment, { autocompleteFields: ['article'] });
  // @ts-expect-error 'text' is not a relation
  tabularInline(Comment, { rawIdFields: ['text'] });
  // @ts-expect-error filterHorizontal takes many-to-many relations only
  tabularInline(Comment, { filterHorizontal: ['article'] });
  // @ts-expect-error 'txt' is not a field of Comment
  tabularInline(Comment, { ordering: ['-txt'] });
  // @ts-expect-error 'txt' is not a field of Comment
  tabularInline(Comment, { fields: ['txt'] });
  // @ts-expect-error 'title' is a field of Article, not of Comment
  tabularInline(Comment, { readonlyFields: ['title'] });
  // @ts-expect-error fkName must be a foreign key of the inline's model
  stackedInline(Article, { fkName: 'title' });
  // @ts-expect-error saveAsNew is a boolean
  site.register(Comment, { saveAsNew: 'yes' });
  expectTypeOf(tabularInline(Comment)).toEqualTypeOf<InlineAdmin<Comment>>();
});
