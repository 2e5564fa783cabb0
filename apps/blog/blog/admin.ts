/** The blog in the admin site (Django 5 By Example, chapter 1): posts with filters, search, a slug filled from the title and their comments inline; comments moderated. */
import { admin } from 'manouche/contrib/admin';
import { Comment, Post } from './models.js';

admin.register(Post, {
  listDisplay: ['title', 'slug', 'publish', 'status'],
  listFilter: ['status', 'created', 'publish'],
  searchFields: ['title', 'body'],
  prepopulatedFields: { slug: ['title'] },
  dateHierarchy: 'publish',
  ordering: ['status', 'publish'],
  inlines: [admin.stackedInline(Comment, { extra: 0, fields: ['name', 'email', 'body', 'active', 'created'], readonlyFields: ['created'] })],
});

admin.register(Comment, {
  listDisplay: ['name', 'email', 'post', 'created', 'active'],
  listFilter: ['active', 'created', 'updated'],
  searchFields: ['name', 'email', 'body'],
});
