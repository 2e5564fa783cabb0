// examples/shelf-admin.ts
import { AdminSite, SimpleListFilter } from '@manouche/contrib-admin';
import type { HttpRequest } from '@manouche/core';
import { fields, Model, type QuerySet } from '@manouche/orm';

export class Author extends Model.define({ name: fields.char({ maxLength: 100 }), active: fields.boolean({ default: true }) }) {
  override toString(): string {
    return this.name;
  }
}

export class Genre extends Model.define({ name: fields.char({ maxLength: 50 }) }) {
  override toString(): string {
    return this.name;
  }
}

export class Novel extends Model.define({
  title: fields.char({ maxLength: 200 }),
  pages: fields.integer({ default: 0 }),
  // Only active authors are offered, by the autocomplete and by the form's validation.
  author: fields.foreignKey(() => Author, { onDelete: 'PROTECT', limitChoicesTo: { active: true } }),
  translator: fields.foreignKey(() => Author, { onDelete: 'SET_NULL', null: true, blank: true, relatedName: 'translations' }),
  genres: fields.manyToMany(() => Genre, { blank: true }),
}) {
  override toString(): string {
    return this.title;
  }
}

/** A filter of the project's own: short or long novels. */
export class LengthFilter extends SimpleListFilter<Novel> {
  title = 'length';
  parameterName = 'length';
  lookups() {
    return [
      ['short', 'Under 200 pages'],
      ['long', '200 pages or more'],
    ] as const;
  }
  queryset(_request: HttpRequest, queryset: QuerySet<Novel>) {
    if (this.value() === 'short') return queryset.filter({ pages__lt: 200 });
    if (this.value() === 'long') return queryset.filter({ pages__gte: 200 });
    return queryset;
  }
}

export const site = new AdminSite({ name: 'shelf' });
site.register(Novel, {
  listDisplay: ['title', 'pages', 'author'],
  listEditable: ['pages'],
  listFilter: [LengthFilter, 'author'],
  autocompleteFields: ['author'],
  rawIdFields: ['translator'],
  filterHorizontal: ['genres'],
});
// autocompleteFields search the target's admin: it needs searchFields (admin.E040).
site.register(Author, { searchFields: ['name'] });
site.register(Genre, {});
