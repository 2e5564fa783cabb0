/**
 * The user of a visitor who is not logged in (Django's AnonymousUser): no id, no permissions,
 * `isAuthenticated` false.
 *
 * @example
 * const user = await request.auser(); // an AnonymousUser when nobody is logged in
 * user.isAuthenticated; // false
 * await user.hasPerm('blog.view_post'); // false
 */
export class AnonymousUser {
  readonly id = null;
  readonly pk = null;
  readonly username = '';
  readonly isStaff = false;
  readonly isActive = false;
  readonly isSuperuser = false;

  get isAnonymous(): boolean {
    return true;
  }

  get isAuthenticated(): boolean {
    return false;
  }

  getUsername(): string {
    return this.username;
  }

  async hasPerm(_perm: string, _obj?: unknown): Promise<boolean> {
    return false;
  }

  async hasPerms(perms: readonly string[], _obj?: unknown): Promise<boolean> {
    return perms.length === 0;
  }

  async hasModulePerms(_appLabel: string): Promise<boolean> {
    return false;
  }

  async getAllPermissions(): Promise<Set<string>> {
    return new Set();
  }

  toString(): string {
    return 'AnonymousUser';
  }
}
