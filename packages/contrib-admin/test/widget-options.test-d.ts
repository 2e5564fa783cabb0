import type { HttpRequest } from '@manouche/core';
import type { QuerySet } from '@manouche/orm';
import { test } from 'vitest';
import { AdminSite } from '../src/admin-site.js';
import { RelatedOnlyFieldListFilter } from '../src/field-list-filters.js';
import { SimpleListFilter } from '../src/list-filters.js';
import { Book } from './support/library.js';
import { Article } from './support/shop-models.js';

const site = new AdminSite({ name: 'typecheck-widgets' });

class Band extends SimpleListFilter<Book> {
  title = 'band';
  parameterName = 'band';
  lookups() {
    return [['cheap', 'Cheap']] as const;
  }
  queryset(_request: HttpRequest, queryset: QuerySet<Book>) {
    return this.value() === 'cheap' ? queryset.filter({ price__lt: 10 }) : queryset;
  }
}

test('relation widget options take relation fields of the model, listFilter takes filter classes', () => {
  site.register(Book, {
    rawIdFields: ['publisher', 'keywords'],
    autocompleteFields: ['writer', 'coWriters'],
    filterHorizontal: ['tags'],
    filterVertical: ['keywords'],
    listDisplay: ['title', 'price'],
    listEditable: ['price'],
    listFilter: [Band, ['publisher', RelatedOnlyFieldListFilter], 'status', 'publisher__name'],
  });
  // @ts-expect-error 'title' is not a relation
  site.register(Book, { rawIdFields: ['title'] });
  // @ts-expect-error a foreign key is not many-to-many
  site.register(Book, { filterHorizontal: ['publisher'] });
  // @ts-expect-error 'writter' is not a field of Book
  site.register(Book, { autocompleteFields: ['writter'] });
  // @ts-expect-error 'pric' is not a field of Book
  site.register(Book, { listEditable: ['pric'] });
  // @ts-expect-error a filter of Book is not a filter of Article
  site.register(Article, { listFilter: [Band] });
});
