import type { HttpRequest } from '@manouche/core';
import { AnonymousUser } from './anonymous-user.js';
import type { AbstractBaseUser } from './models.js';
import './request-user.js';

/**
 * `perms` in templates: `await perms.has('blog.change_post')`, `await perms.hasModule('blog')`,
 * and `perms.all` (the user's permission names, loaded with the context).
 */
export class PermWrapper {
  constructor(
    private readonly user: AbstractBaseUser | AnonymousUser,
    /** Every permission the user has (`'blog.change_post'`). */
    readonly all: ReadonlySet<string>,
  ) {}

  /** Whether the user has the permission `'app.codename'`. */
  has(perm: string): boolean {
    return this.user.isActive === true && (this.user.isSuperuser === true || this.all.has(perm));
  }

  /** Whether the user has any permission in the app. */
  hasModule(appLabel: string): boolean {
    if (this.user.isActive !== true) return false;
    if (this.user.isSuperuser === true) return true;
    for (const perm of this.all) if (perm.startsWith(`${appLabel}.`)) return true;
    return false;
  }
}

/**
 * The `auth` context processor (`manouche.contrib.auth.context_processors.auth`): `user` and
 * `perms` in every template rendered with a request.
 */
export async function auth(request: unknown): Promise<Record<string, unknown>> {
  const req = request as Partial<HttpRequest> | undefined;
  const user = req?.auser ? await req.auser() : (req?.user ?? new AnonymousUser());
  return { user, perms: new PermWrapper(user, user.isAuthenticated ? await user.getAllPermissions() : new Set()) };
}
