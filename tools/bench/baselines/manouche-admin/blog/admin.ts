/** The change list the benchmark loads: a FK column, one filter, a search, as ../../django-admin/blog/admin.py. */
import { admin } from 'manouche/contrib/admin';
import { Post } from './models.js';

admin.register(Post, {
  listDisplay: ['title', 'slug', 'author', 'publish', 'status'],
  listFilter: ['status'],
  searchFields: ['title', 'body'],
});
