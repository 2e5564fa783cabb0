import type { HttpRequest } from '@manouche/core';
import { AnonymousUser } from './anonymous-user.js';
import type { AbstractBaseUser } from './models.js';
import './request-user.js';

/**
 * `perms` in templates: `await perms.has('blog.change_post')`, `await perms.hasModule('blog')` and
 * `await perms.all()` (the user's permission names). Nothing is queried until a template asks, and
 * then once per request, as Django's PermWrapper.
 *
 * @example
 * <% if (await it.perms.has('blog.change_post')) { %><a href="edit/">Edit</a><% } %>
 */
export class PermWrapper {
  private loaded: Promise<ReadonlySet<string>> | undefined;

  constructor(private readonly user: AbstractBaseUser | AnonymousUser) {}

  /** Every permission the user has (`'blog.change_post'`), loaded on first use. */
  all(): Promise<ReadonlySet<string>> {
    this.loaded ??= this.user.isAuthenticated && this.user.isActive === true ? this.user.getAllPermissions() : Promise.resolve(new Set<string>());
    return this.loaded;
  }

  /** Whether the user has the permission `'app.codename'`. */
  async has(perm: string): Promise<boolean> {
    if (this.user.isActive !== true) return false;
    return this.user.isSuperuser === true || (await this.all()).has(perm);
  }

  /** Whether the user has any permission in the app. */
  async hasModule(appLabel: string): Promise<boolean> {
    if (this.user.isActive !== true) return false;
    if (this.user.isSuperuser === true) return true;
    for (const perm of await this.all()) if (perm.startsWith(`${appLabel}.`)) return true;
    return false;
  }
}

/**
 * The `auth` context processor (`manouche.contrib.auth.context_processors.auth`): `user` and
 * `perms` in every template rendered with a request.
 *
 * @example
 * TEMPLATES: [{ BACKEND: 'manouche.templates', APP_DIRS: true, OPTIONS: { contextProcessors: ['manouche.contrib.auth.context_processors.auth'] } }]
 * // in a template: <%= it.user.getUsername() %>
 */
export async function auth(request: unknown): Promise<Record<string, unknown>> {
  const req = request as Partial<HttpRequest> | undefined;
  const user = req?.auser ? await req.auser() : (req?.user ?? new AnonymousUser());
  return { user, perms: new PermWrapper(user) };
}
