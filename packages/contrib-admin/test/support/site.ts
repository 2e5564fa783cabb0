/** The admin site the request-level tests use, with the shop models registered. */
import { AdminSite } from '../../src/admin-site.js';
import { action } from '../../src/action.js';
import { display } from '../../src/display.js';
import { Article, Author, Comment } from './shop-models.js';

export const titleLength = display((article: Article) => article.title.length, { description: 'Title length', ordering: 'title' });
display(Article.prototype.isLong, { boolean: true, description: 'Long?' });

export const markPublished = action<Article>(
  async ({ queryset }) => {
    await queryset.update({ status: 'PB' });
  },
  { name: 'mark_published', description: 'Mark selected articles as published', permissions: ['change'] },
);

export const site = new AdminSite({ name: 'admin', siteHeader: 'Shop administration', siteTitle: 'Shop admin', indexTitle: 'Shop site administration' });
site.register(Article, {
  listDisplay: ['title', 'status', 'featured', 'author', 'author__name', 'publish', titleLength, 'isLong'],
  listFilter: ['status', 'featured', 'publish', 'author'],
  searchFields: ['title', '=slug', 'author__name'],
  dateHierarchy: 'publish',
  listPerPage: 3,
  listMaxShowAll: 50,
  prepopulatedFields: { slug: ['title'] },
  readonlyFields: ['isLong'],
  actions: [markPublished],
});
site.register(Author, { searchFields: ['^name'] });
site.register(Comment, { listDisplay: ['text', 'article'] });
