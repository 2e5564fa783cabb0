import type { HttpRequest } from '@manouche/core';
import { getModel, type Model, type ModelClass } from '@manouche/orm';
import { authSettings } from './auth-settings.js';
import { AuthConfigurationError } from './errors.js';
import { makePassword } from './hashers.js';
import type { AbstractBaseUser } from './models.js';

/**
 * What `authenticate()` passes on: the credentials a login form collected.
 *
 * @example
 * const user = await authenticate(request, { username: 'ana', password: 's3cret!pass' } satisfies Credentials);
 */
export type Credentials = Record<string, unknown> & { username?: string; password?: string };

/**
 * An authentication backend (Django's): finds the user for credentials, loads a user by id for
 * the session, and may answer permission questions. Register custom ones with
 * `registerAuthBackend` and list them in AUTHENTICATION_BACKENDS.
 *
 * @example
 * class EmailBackend implements AuthBackend {
 *   async authenticate(_request: HttpRequest | null, { email, password }: Credentials) { const u = await User.objects.filter({ email: String(email) }).first(); return u && (await u.checkPassword(String(password))) ? u : null; }
 *   async getUser(id: string) { return (await User.objects.filter({ pk: id }).first()) ?? null; }
 * }
 */
export interface AuthBackend {
  authenticate(request: HttpRequest | null, credentials: Credentials): Promise<AbstractBaseUser | null | undefined>;
  getUser(userId: string): Promise<AbstractBaseUser | null | undefined>;
  hasPerm?(user: AbstractBaseUser, perm: string, obj?: unknown): Promise<boolean>;
  hasModulePerms?(user: AbstractBaseUser, appLabel: string): Promise<boolean>;
  getAllPermissions?(user: AbstractBaseUser, obj?: unknown): Promise<Set<string>>;
  getUserPermissions?(user: AbstractBaseUser, obj?: unknown): Promise<Set<string>>;
  getGroupPermissions?(user: AbstractBaseUser, obj?: unknown): Promise<Set<string>>;
}

/**
 * The model AUTH_USER_MODEL names (`auth.User` by default); a model that is not installed is an error saying so.
 *
 * @example
 * const UserModel = getUserModel(); // User, or the model AUTH_USER_MODEL names
 * const staff = await UserModel.objects.filter({ isStaff: true }).count();
 */
export function getUserModel(
  settings = authSettings(),
): ModelClass<AbstractBaseUser> & { USERNAME_FIELD: string; REQUIRED_FIELDS: string[]; EMAIL_FIELD: string } {
  try {
    return getModel(settings.AUTH_USER_MODEL) as never;
  } catch (error) {
    throw new AuthConfigurationError(`AUTH_USER_MODEL refers to model '${settings.AUTH_USER_MODEL}' that has not been installed: ${(error as Error).message}`);
  }
}

const permissionCache = new WeakMap<object, { user?: Set<string>; group?: Set<string>; all?: Set<string> }>();

/**
 * Forgets cached permissions of a user (after changing its groups or permissions in the same request).
 *
 * @example
 * await user.groups.add(editors);
 * clearPermissionCache(user);
 * await user.hasPerm('blog.change_post'); // reloaded: true
 */
export function clearPermissionCache(user: object): void {
  permissionCache.delete(user);
}

interface PermissionRow {
  codename: string;
  contentType: { appLabel: string };
}

function names(rows: readonly PermissionRow[]): Set<string> {
  return new Set(rows.map((row) => `${row.contentType.appLabel}.${row.codename}`));
}

/**
 * Django's ModelBackend: username + password against AUTH_USER_MODEL (inactive users refused),
 * and permissions from the user's own and its groups' Permission rows.
 *
 * @example
 * AUTHENTICATION_BACKENDS: ['manouche.contrib.auth.backends.ModelBackend'], // the default
 */
export class ModelBackend implements AuthBackend {
  async authenticate(_request: HttpRequest | null, credentials: Credentials): Promise<AbstractBaseUser | null> {
    const UserModel = getUserModel();
    const username = credentials.username ?? (credentials[UserModel.USERNAME_FIELD] as string | undefined);
    const password = credentials.password;
    if (typeof username !== 'string' || typeof password !== 'string') return null;
    const user = (await UserModel.objects.filter({ [UserModel.USERNAME_FIELD]: username } as never).first()) as AbstractBaseUser | undefined;
    if (!user) {
      // Hash once anyway, so the answer takes as long whether or not the username exists.
      await makePassword(password.slice(0, 4096), { hashers: authSettings().PASSWORD_HASHERS });
      return null;
    }
    if ((await user.checkPassword(password, { hashers: authSettings().PASSWORD_HASHERS })) && this.userCanAuthenticate(user)) return user;
    return null;
  }

  /** Inactive users cannot log in. */
  userCanAuthenticate(user: AbstractBaseUser): boolean {
    return (user as unknown as { isActive?: boolean }).isActive !== false;
  }

  async getUser(userId: string): Promise<AbstractBaseUser | null> {
    const UserModel = getUserModel();
    const pk = UserModel._meta.pk;
    const id = pk.type === 'char' || pk.type === 'uuid' ? userId : Number(userId);
    if (typeof id === 'number' && !Number.isSafeInteger(id)) return null;
    const user = (await UserModel.objects.filter({ pk: id } as never).first()) as AbstractBaseUser | undefined;
    return user && this.userCanAuthenticate(user) ? user : null;
  }

  private async permissions(user: AbstractBaseUser, kind: 'user' | 'group' | 'all'): Promise<Set<string>> {
    const active = (user as unknown as { isActive?: boolean }).isActive !== false;
    if (!active || user.pk === null || user.pk === undefined) return new Set();
    const cache = permissionCache.get(user) ?? {};
    permissionCache.set(user, cache);
    if (kind === 'user') {
      cache.user ??= names((await user.userPermissions.all().selectRelated('contentType' as never)) as unknown as PermissionRow[]);
      return cache.user;
    }
    if (kind === 'group') {
      if (!cache.group) {
        const groups = (await user.groups.all()) as unknown as Array<{ permissions: { all(): { selectRelated(n: string): Promise<unknown> } } }>;
        const rows: PermissionRow[] = [];
        for (const group of groups) rows.push(...((await group.permissions.all().selectRelated('contentType')) as PermissionRow[]));
        cache.group = names(rows);
      }
      return cache.group;
    }
    cache.all ??= new Set([...(await this.permissions(user, 'user')), ...(await this.permissions(user, 'group'))]);
    return cache.all;
  }

  async getUserPermissions(user: AbstractBaseUser, obj?: unknown): Promise<Set<string>> {
    return obj === undefined ? this.permissions(user, 'user') : new Set();
  }

  async getGroupPermissions(user: AbstractBaseUser, obj?: unknown): Promise<Set<string>> {
    return obj === undefined ? this.permissions(user, 'group') : new Set();
  }

  async getAllPermissions(user: AbstractBaseUser, obj?: unknown): Promise<Set<string>> {
    return obj === undefined ? this.permissions(user, 'all') : new Set();
  }

  async hasPerm(user: AbstractBaseUser, perm: string, obj?: unknown): Promise<boolean> {
    return (user as unknown as { isActive?: boolean }).isActive !== false && (await this.getAllPermissions(user, obj)).has(perm);
  }

  async hasModulePerms(user: AbstractBaseUser, appLabel: string): Promise<boolean> {
    if ((user as unknown as { isActive?: boolean }).isActive === false) return false;
    for (const perm of await this.getAllPermissions(user)) if (perm.slice(0, perm.indexOf('.')) === appLabel) return true;
    return false;
  }
}

/**
 * Django's AllowAllUsersModelBackend: ModelBackend that lets inactive users log in too.
 *
 * @example
 * AUTHENTICATION_BACKENDS: ['manouche.contrib.auth.backends.AllowAllUsersModelBackend'], // users with isActive false can log in too
 */
export class AllowAllUsersModelBackend extends ModelBackend {
  override userCanAuthenticate(_user: AbstractBaseUser): boolean {
    return true;
  }
}

const BACKENDS = new Map<string, () => AuthBackend>([
  ['manouche.contrib.auth.backends.ModelBackend', () => new ModelBackend()],
  ['manouche.contrib.auth.backends.AllowAllUsersModelBackend', () => new AllowAllUsersModelBackend()],
]);
const instances = new Map<string, AuthBackend>();

/**
 * Makes an authentication backend available to AUTHENTICATION_BACKENDS under `name`.
 *
 * @example
 * registerAuthBackend('accounts.backends.EmailBackend', () => new EmailBackend());
 */
export function registerAuthBackend(name: string, create: () => AuthBackend): void {
  BACKENDS.set(name, create);
  instances.delete(name);
}

/**
 * The backend registered as `name`; an unknown name is an error naming the known ones.
 *
 * @example
 * const backend = loadBackend('manouche.contrib.auth.backends.ModelBackend');
 * const user = await backend.getUser('1');
 */
export function loadBackend(name: string): AuthBackend {
  let backend = instances.get(name);
  if (backend) return backend;
  const create = BACKENDS.get(name);
  if (!create) {
    const manouche = name.replace(/^django\./, 'manouche.');
    const hint = name.startsWith('django.') && BACKENDS.has(manouche) ? ` Write '${manouche}': Django's names are not used in Manouche.` : '';
    throw new AuthConfigurationError(
      `AUTHENTICATION_BACKENDS entry '${name}' is not a known backend.${hint} Known backends: ${[...BACKENDS.keys()].join(', ')} (add others with registerAuthBackend).`,
    );
  }
  backend = create();
  instances.set(name, backend);
  return backend;
}

/**
 * AUTHENTICATION_BACKENDS as `[name, backend]` pairs, in order.
 *
 * @example
 * for (const [name, backend] of getBackends()) console.log(name, backend.constructor.name);
 */
export function getBackends(settings = authSettings()): Array<[string, AuthBackend]> {
  if (settings.AUTHENTICATION_BACKENDS.length === 0)
    throw new AuthConfigurationError('No authentication backends have been defined. Does AUTHENTICATION_BACKENDS contain anything?');
  return settings.AUTHENTICATION_BACKENDS.map((name) => [name, loadBackend(name)]);
}

/** @internal The model instance type check shared by permission helpers. */
export type AnyUser = AbstractBaseUser | (Model & { isActive?: boolean });
