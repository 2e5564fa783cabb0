/**
 * Users and groups in the admin (Django's `django.contrib.auth.admin`): auth cannot import the
 * admin (the admin depends on auth), so the admin registers auth's models itself when both apps
 * are installed, before the project's own `admin` modules run.
 */
import { Group, identifyHasher, isPasswordUsable, User } from '@manouche/contrib-auth';
import type { Settings } from '@manouche/contracts';
import { escapeHtml, markSafe, type SafeString } from '@manouche/templates';
import type { AdminSite } from './admin-site.js';
import { display } from './display.js';
import type { ModelAdminOptions } from './options.js';
import { userAddView, userChangePasswordView } from './views/user-password-views.js';

type UserModel = InstanceType<typeof User>;
type GroupModel = InstanceType<typeof Group>;

/** Django's mask_hash: the first six characters, then one `*` for each one hidden. */
function maskHash(value: string): string {
  return value.slice(0, 6) + '*'.repeat(Math.max(0, value.length - 6));
}

/** The labelled parts of a stored password (Django's hasher `safe_summary`): the salt and hash masked. */
function passwordSummary(encoded: string): Array<[string, string]> {
  const parts = encoded.split('$');
  const algorithm = parts[0]!;
  if (algorithm.startsWith('pbkdf2') && parts.length === 4) {
    return [
      ['algorithm', algorithm],
      ['iterations', parts[1]!],
      ['salt', maskHash(parts[2]!)],
      ['hash', maskHash(parts[3]!)],
    ];
  }
  // argon2 and scrypt: parameters in the middle, then the salt and the hash.
  return [
    ['algorithm', algorithm],
    ...parts.slice(1, -2).map((part): [string, string] => ['parameters', part]),
    ['salt', maskHash(parts.at(-2) ?? '')],
    ['hash', maskHash(parts.at(-1) ?? '')],
  ];
}

/**
 * The password on a user's change form (Django's ReadOnlyPasswordHashWidget): never the hash
 * itself, never an input, and a link to the page that sets a new one.
 */
function password(user: UserModel): SafeString {
  const encoded = user.password ?? '';
  let summary: string;
  if (!encoded || !isPasswordUsable(encoded)) summary = '<strong>No password set.</strong>';
  else {
    try {
      identifyHasher(encoded);
      summary = passwordSummary(encoded)
        .map(([label, value]) => `<strong>${escapeHtml(label)}</strong>: <bdi>${escapeHtml(value)}</bdi>`)
        .join(' ');
    } catch {
      summary = '<strong>Invalid password format or unknown hashing algorithm.</strong>';
    }
  }
  return markSafe(
    `<div>${summary}</div><div class="help">Raw passwords are not stored, so there is no way to see this user’s password, but you can change the password using <a href="../password/">this form</a>.</div>`,
  );
}
display(password, { description: 'Password' });

/**
 * Django's GroupAdmin: searched and ordered by name, permissions chosen in the two-box selector.
 *
 * @example
 * admin.site.register(Group, { ...groupAdminOptions, listDisplay: ['name'] });
 */
export const groupAdminOptions: ModelAdminOptions<GroupModel> = {
  searchFields: ['name'],
  ordering: ['name'],
  filterHorizontal: ['permissions'],
};

/**
 * Django's UserAdmin: the change list's columns, filters and search, the change form's fieldsets with
 * the password shown read-only (set through `<id>/password/`), and the add form asking for a
 * username and the password twice. A project with its own user model reuses them.
 *
 * @example
 * admin.site.unregister(User);
 * admin.site.register(User, { ...userAdminOptions, listDisplay: ['username', 'email', 'isStaff', 'lastLogin'] });
 */
export const userAdminOptions: ModelAdminOptions<UserModel> = {
  listDisplay: ['username', 'email', 'firstName', 'lastName', 'isStaff'],
  listFilter: ['isStaff', 'isSuperuser', 'isActive', 'groups'],
  searchFields: ['username', 'firstName', 'lastName', 'email'],
  ordering: ['username'],
  filterHorizontal: ['groups', 'userPermissions'],
  fieldsets: [
    [null, { fields: ['username', 'password'] }],
    ['Personal info', { fields: ['firstName', 'lastName', 'email'] }],
    ['Permissions', { fields: ['isActive', 'isStaff', 'isSuperuser', 'groups', 'userPermissions'] }],
    ['Important dates', { fields: ['lastLogin', 'dateJoined'] }],
  ],
  readonlyFields: [password],
  addView: (context) => userAddView(context),
  extraUrls: [
    {
      route: '<path:object_id>/password/',
      name: 'auth_user_password_change',
      view: (context, kwargs) => userChangePasswordView(context, String(kwargs.object_id)),
    },
  ],
};

/**
 * Registers Group, and User when AUTH_USER_MODEL is `auth.User` (a project with its own user model
 * registers that one), on `site`; models already registered there are left as they are.
 *
 * @example
 * registerAuthAdmin(admin.site, settings); // what the admin app's ready() does with auth installed
 */
export function registerAuthAdmin(site: AdminSite, settings: Pick<Settings, 'INSTALLED_APPS'> & { AUTH_USER_MODEL?: unknown }): void {
  if (!settings.INSTALLED_APPS.includes('manouche.contrib.auth')) return;
  if (!site.isRegistered(Group)) site.register(Group, groupAdminOptions);
  if ((settings.AUTH_USER_MODEL ?? 'auth.User') === 'auth.User' && !site.isRegistered(User)) site.register(User, userAdminOptions);
}
