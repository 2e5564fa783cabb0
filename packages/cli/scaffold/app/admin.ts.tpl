/**
 * Register the {{ app_name }} models with the admin site (Django's admin.py), for example:
 *
 *   import { admin } from 'manouche/contrib/admin';
 *   import { Post } from './models.js';
 *   admin.register(Post, { listDisplay: ['title', 'publish'], searchFields: ['title'] });
 */
export {};
