import { Manager, type Model } from '@manouche/orm';
import type { AbstractBaseUser } from './models.js';

type UserInit = Record<string, unknown> & { password?: string | null };

/**
 * Lower-cases the domain part of an email address (Django's normalize_email).
 *
 * @example
 * normalizeEmail('Ana@Example.COM'); // 'Ana@example.com'
 */
export function normalizeEmail(email: string | null | undefined): string {
  const value = email ?? '';
  const at = value.lastIndexOf('@');
  return at === -1 ? value : `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
}

/**
 * The manager of user models (Django's UserManager): `createUser`, `createSuperuser`, and
 * `getByNaturalKey`. A custom user model declares `static override objects = new UserManager(this)`.
 *
 * @example
 * await User.objects.createUser('ana', 'ana@example.com', 's3cret!pass');
 * await User.objects.createSuperuser('admin', 'admin@example.com', 'an0ther!pass');
 */
export class UserManager<U extends Model = AbstractBaseUser> extends Manager<U> {
  private async createWith(
    username: string,
    email: string | null | undefined,
    password: string | null | undefined,
    extra: UserInit,
    using?: string,
  ): Promise<U> {
    if (!username) throw new TypeError('The given username must be set');
    const model = this.model as unknown as { USERNAME_FIELD?: string; EMAIL_FIELD?: string; new (init: Record<string, unknown>): U };
    const usernameField = model.USERNAME_FIELD ?? 'username';
    const emailField = model.EMAIL_FIELD ?? 'email';
    const user = new model({ ...extra, [usernameField]: username.normalize('NFKC'), [emailField]: normalizeEmail(email) }) as U & {
      setPassword(raw: string | null): Promise<void>;
    };
    await user.setPassword(password ?? null);
    await user.save(using ? { using } : {});
    return user;
  }

  /**
   * Creates and saves a user with a hashed password (unusable when none is given).
   *
   * @example
   * const ann = await User.objects.createUser('ann', 'ann@example.com', 's3cret pass');
   */
  async createUser(username: string, email?: string | null, password?: string | null, extra: UserInit = {}, options: { using?: string } = {}): Promise<U> {
    return this.createWith(username, email, password, { isStaff: false, isSuperuser: false, ...extra }, options.using);
  }

  /** Creates and saves a superuser (isStaff and isSuperuser true; false for either is an error). */
  async createSuperuser(username: string, email?: string | null, password?: string | null, extra: UserInit = {}, options: { using?: string } = {}): Promise<U> {
    if (extra.isStaff === false) throw new TypeError('Superuser must have isStaff=true.');
    if (extra.isSuperuser === false) throw new TypeError('Superuser must have isSuperuser=true.');
    return this.createWith(username, email, password, { ...extra, isStaff: true, isSuperuser: true }, options.using);
  }

  /** The user whose username field is `username`. */
  async getByNaturalKey(username: string): Promise<U> {
    const field = (this.model as unknown as { USERNAME_FIELD?: string }).USERNAME_FIELD ?? 'username';
    return this.getQueryset().get({ [field]: username } as never);
  }
}
