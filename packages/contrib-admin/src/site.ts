import { AdminSite } from './admin-site.js';
import type { Model, ModelClass } from '@manouche/orm';
import type { ModelAdmin } from './model-admin.js';
import type { ModelAdminOptions } from './options.js';
import { display } from './display.js';
import { stackedInline, tabularInline } from './inlines.js';

/**
 * The default site (Django's `admin.site`).
 *
 * @example
 * export default [path('admin/', site.urls)];
 * site.isRegistered(Post); // true once blog/admin.ts has run admin.register(Post)
 */
export const site = new AdminSite();

/**
 * Registers a model on the default site (Django's `admin.site.register` / `@admin.register`).
 *
 * @example
 * register(Post, { listDisplay: ['title', 'slug', 'publish', 'status'], searchFields: ['title', 'body'] });
 */
export function register<M extends Model>(model: ModelClass<M>, options: ModelAdminOptions<M> = {}, onSite: AdminSite = site): ModelAdmin<M> {
  return onSite.register(model, options);
}

/**
 * What a project's `admin.ts` imports (`import { admin } from 'manouche/contrib/admin'`):
 * `admin.register`, `admin.site`, `admin.display`, `admin.tabularInline`, `admin.stackedInline`, `admin.AdminSite`.
 *
 * @example
 * admin.register(Post, { listDisplay: ['title', 'status'] });
 * export default [path('admin/', admin.site.urls)];
 */
export const admin = { site, register, display, tabularInline, stackedInline, AdminSite };
