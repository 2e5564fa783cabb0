import { createHash, createHmac } from 'node:crypto';
import { ContentType } from '@manouche/contrib-contenttypes/models';
import { fields, Manager, Model, type Field, type ManyRelatedManager, type ModelMeta } from '@manouche/orm';
import { authSettings } from './auth-settings.js';
import { checkPassword, makePassword } from './hashers.js';
import { userHasModulePerms, userHasPerm, userPermissionSet } from './permission-checks.js';
import { UserManager } from './user-manager.js';

/**
 * Django's UnicodeUsernameValidator: letters, digits and @/./+/-/_ only.
 *
 * @example
 * validateUsername('ana.b+1'); // undefined: valid
 * validateUsername('ana b'); // 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.'
 */
export function validateUsername(value: string): string | undefined {
  return /^[\p{L}\p{N}_.@+-]+$/u.test(value) ? undefined : 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';
}

/**
 * `Permission.objects`: adds Django's lookup by natural key, `[codename, appLabel, model]`.
 *
 * @example
 * const canPublish = await Permission.objects.getByNaturalKey('publish_post', 'blog', 'post');
 * await user.userPermissions.add(canPublish);
 */
export class PermissionManager extends Manager<Permission> {
  /**
   * The permission a fixture names by its natural key.
   *
   * @example
   * const canChange = await Permission.objects.getByNaturalKey('change_post', 'blog', 'post');
   */
  async getByNaturalKey(codename: string, appLabel: string, model: string): Promise<Permission> {
    const contentType = await ContentType.objects.getByNaturalKey(appLabel, model);
    return this.get({ codename, contentType } as never);
  }
}

/**
 * `Group.objects`: adds Django's lookup by natural key, `[name]`.
 *
 * @example
 * const [editors] = await Group.objects.getOrCreate({ name: 'editors' });
 */
export class GroupManager extends Manager<Group> {
  /**
   * The group a fixture names by its natural key.
   *
   * @example
   * const editors = await Group.objects.getByNaturalKey('editors');
   */
  async getByNaturalKey(name: string): Promise<Group> {
    return this.get({ name } as never);
  }
}

/**
 * A permission (Django's, table `auth_permission`): `codename` on a content type, checked as
 * `'<app_label>.<codename>'` (`'blog.change_post'`).
 *
 * @example
 * const perm = await Permission.objects.get({ codename: 'change_post', contentType__appLabel: 'blog' });
 * await editors.permissions.add(perm);
 */
export class Permission extends Model.define(
  {
    name: fields.char({ maxLength: 255 }),
    contentType: fields.foreignKey(() => ContentType, { onDelete: 'CASCADE', dbColumn: 'content_type_id', verboseName: 'content type' }),
    codename: fields.char({ maxLength: 100 }),
  },
  {
    dbTable: 'auth_permission',
    uniqueTogether: [['contentType', 'codename']],
    ordering: ['contentType__appLabel', 'contentType__model', 'codename'],
    verboseName: 'permission',
    verboseNamePlural: 'permissions',
  },
) {
  static override objects: PermissionManager = new PermissionManager(this);

  /** Django's natural key, `[codename, appLabel, model]` (loads the content type when needed). */
  async naturalKey(): Promise<[string, string, string]> {
    const contentType = await ContentType.objects.getForId((this as unknown as { contentTypeId: number }).contentTypeId);
    return [this.codename, ...contentType.naturalKey()];
  }

  override toString(): string {
    return `${this.name}`;
  }
}

/**
 * A group of users sharing permissions (Django's, table `auth_group`).
 *
 * @example
 * const editors = await Group.objects.create({ name: 'editors' });
 * await user.groups.add(editors); // user gets the group's permissions
 */
export class Group extends Model.define(
  {
    name: fields.char({ maxLength: 150, unique: true }),
    permissions: fields.manyToMany(() => Permission, { blank: true, dbTable: 'auth_group_permissions' }),
  },
  { dbTable: 'auth_group', verboseName: 'group', verboseNamePlural: 'groups' },
) {
  static override objects: GroupManager = new GroupManager(this);
  declare permissions: ManyRelatedManager<Permission>;

  /** Django's natural key, `[name]`. */
  naturalKey(): [string] {
    return [this.name];
  }

  override toString(): string {
    return this.name;
  }
}

/** Django's user fields (AbstractUser + PermissionsMixin), with Django's column names. */
function userFields(joinTablePrefix?: string) {
  return {
    password: fields.char({ maxLength: 128, verboseName: 'password' }),
    lastLogin: fields.dateTime({ null: true, blank: true, dbColumn: 'last_login', verboseName: 'last login' }),
    isSuperuser: fields.boolean({
      default: false,
      dbColumn: 'is_superuser',
      verboseName: 'superuser status',
      helpText: 'Designates that this user has all permissions without explicitly assigning them.',
    }),
    username: fields.char({
      maxLength: 150,
      unique: true,
      validators: [validateUsername],
      helpText: 'Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.',
    }),
    firstName: fields.char({ maxLength: 150, blank: true, default: '', dbColumn: 'first_name', verboseName: 'first name' }),
    lastName: fields.char({ maxLength: 150, blank: true, default: '', dbColumn: 'last_name', verboseName: 'last name' }),
    email: fields.email({ blank: true, default: '', verboseName: 'email address' }),
    isStaff: fields.boolean({
      default: false,
      dbColumn: 'is_staff',
      verboseName: 'staff status',
      helpText: 'Designates whether the user can log into this admin site.',
    }),
    isActive: fields.boolean({
      default: true,
      dbColumn: 'is_active',
      verboseName: 'active',
      helpText: 'Designates whether this user should be treated as active. Unselect this instead of deleting accounts.',
    }),
    dateJoined: fields.dateTime({ default: () => new Date(), dbColumn: 'date_joined', verboseName: 'date joined' }),
    groups: fields.manyToMany(() => Group, { blank: true, ...(joinTablePrefix ? { dbTable: `${joinTablePrefix}_groups` } : {}) }),
    userPermissions: fields.manyToMany(() => Permission, { blank: true, ...(joinTablePrefix ? { dbTable: `${joinTablePrefix}_user_permissions` } : {}) }),
  };
}

/**
 * The fields every user model has; `defineUserModel` adds them.
 *
 * @example
 * type UserFieldNames = keyof UserFields; // 'username' | 'email' | 'password' | 'isStaff' | …
 */
export type UserFields = ReturnType<typeof userFields>;

/**
 * Options of {@link defineUserModel}.
 *
 * @example
 * export class Member extends defineUserModel({}, { dbTable: 'members' }, { joinTablePrefix: 'members' } satisfies UserModelOptions) {}
 */
export interface UserModelOptions {
  /** Prefix of the two many-to-many tables (`auth_user` → `auth_user_groups`, `auth_user_user_permissions`). */
  joinTablePrefix?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: TypeScript mixins need a constructor taking any[]
type ModelConstructor = new (...args: any[]) => Model;

/**
 * Adds the user methods (passwords, permissions, names) to a model class with the user fields
 * (Django's AbstractBaseUser + PermissionsMixin behaviour).
 *
 * @example
 * // what defineUserModel() does; call withUserMethods yourself only for a base class that already has the user fields:
 * export class Customer extends withUserMethods(LegacyCustomerBase) {} // LegacyCustomerBase declares username, password, isActive, …
 */
export function withUserMethods<TBase extends ModelConstructor>(Base: TBase) {
  class UserBase extends Base {
    /** The field that identifies a user at login (Django's USERNAME_FIELD). */
    static USERNAME_FIELD = 'username';
    /** Fields `createsuperuser` asks for besides the username and password (Django's REQUIRED_FIELDS). */
    static REQUIRED_FIELDS: string[] = ['email'];
    /** Field holding the email address (Django's EMAIL_FIELD). */
    static EMAIL_FIELD = 'email';

    declare password: string;
    declare lastLogin: Date | null;
    declare isActive: boolean;
    declare isStaff: boolean;
    declare isSuperuser: boolean;
    declare groups: ManyRelatedManager<Group>;
    declare userPermissions: ManyRelatedManager<Permission>;

    /** Django's natural key, `[username]` (the USERNAME_FIELD's value): what fixtures write instead of the id. */
    naturalKey(): [string] {
      return [this.getUsername()];
    }

    /** Always false for real users (AnonymousUser says true). */
    get isAnonymous(): boolean {
      return false;
    }

    /** Always true for real users: whether the visitor is logged in. */
    get isAuthenticated(): boolean {
      return true;
    }

    /** The value of the username field. */
    getUsername(): string {
      return String((this as unknown as Record<string, unknown>)[(this.constructor as typeof UserBase).USERNAME_FIELD]);
    }

    /** First and last name with a space between, trimmed. */
    getFullName(): string {
      const self = this as unknown as { firstName: string; lastName: string };
      return `${self.firstName} ${self.lastName}`.trim();
    }

    /** The first name. */
    getShortName(): string {
      return (this as unknown as { firstName: string }).firstName;
    }

    /** Hashes and sets a new password (not saved). `null` sets an unusable password. */
    async setPassword(raw: string | null, options: { hashers?: readonly string[] } = {}): Promise<void> {
      this.password = await makePassword(raw, { hashers: options.hashers ?? authSettings().PASSWORD_HASHERS });
    }

    /** Marks the password unusable: the user cannot log in with one (not saved). */
    async setUnusablePassword(): Promise<void> {
      await this.setPassword(null);
    }

    /** Whether the stored password can ever match. */
    hasUsablePassword(): boolean {
      const password = this.password;
      return typeof password === 'string' && !password.startsWith('!');
    }

    /** Whether `raw` is this user's password; a match stored with an older hasher or cost is re-hashed and saved. */
    async checkPassword(raw: string, options: { hashers?: readonly string[] } = {}): Promise<boolean> {
      const hashers = options.hashers ?? authSettings().PASSWORD_HASHERS;
      return checkPassword(raw, this.password, {
        hashers,
        setter: async (password) => {
          await this.setPassword(password, { hashers });
          if (this.pk !== null && this.pk !== undefined) await this.save({ updateFields: ['password'] as never });
        },
      });
    }

    /** An HMAC of the password hash: sessions carry it, so a password change logs out other sessions. */
    getSessionAuthHash(secretKey: string): string {
      const key = createHash('sha256').update(`manouche.contrib.auth.models.AbstractBaseUser.getSessionAuthHash${secretKey}`).digest();
      return createHmac('sha256', key).update(this.password).digest('hex');
    }

    /** Whether the user has `perm` (`'blog.change_post'`); active superusers have every permission. */
    async hasPerm(perm: string, obj?: unknown): Promise<boolean> {
      return userHasPerm(this, perm, obj);
    }

    /** Whether the user has every permission in `perms`. */
    async hasPerms(perms: readonly string[], obj?: unknown): Promise<boolean> {
      for (const perm of perms) if (!(await this.hasPerm(perm, obj))) return false;
      return true;
    }

    /** Whether the user has any permission in the app `appLabel`. */
    async hasModulePerms(appLabel: string): Promise<boolean> {
      return userHasModulePerms(this, appLabel);
    }

    /** Every permission (`'app.codename'`) the user has, directly and through groups. */
    async getAllPermissions(obj?: unknown): Promise<Set<string>> {
      return userPermissionSet(this, 'all', obj);
    }

    /** The permissions given to the user directly. */
    async getUserPermissions(obj?: unknown): Promise<Set<string>> {
      return userPermissionSet(this, 'user', obj);
    }

    /** The permissions the user has through groups. */
    async getGroupPermissions(obj?: unknown): Promise<Set<string>> {
      return userPermissionSet(this, 'group', obj);
    }

    override toString(): string {
      return this.getUsername();
    }
  }
  return UserBase;
}

/**
 * The base class of a user model: Django's user fields plus `extraFields`, with the user methods.
 * Extend it for a custom AUTH_USER_MODEL with more fields.
 *
 * @example
 * // accounts/models.ts, with AUTH_USER_MODEL: 'accounts.Customer'
 * export class Customer extends defineUserModel({ birthday: fields.date({ null: true }) }) {
 *   static override objects = new UserManager(this);
 * }
 */
export function defineUserModel<const F extends Record<string, Field<any, any>> = Record<never, never>>(
  extraFields?: F,
  meta?: ModelMeta,
  options: UserModelOptions = {},
) {
  return withUserMethods(Model.define({ ...userFields(options.joinTablePrefix), ...(extraFields ?? ({} as F)) }, meta));
}

/**
 * A user model instance, whatever AUTH_USER_MODEL is.
 *
 * @example
 * async function greet(user: AbstractBaseUser) { return `Hello ${user.getShortName() || user.getUsername()}`; }
 */
export type AbstractBaseUser = InstanceType<ReturnType<typeof withUserMethods<ModelConstructor>>>;

/**
 * The abstract user (Django's AbstractUser) for a custom AUTH_USER_MODEL without extra fields:
 * `export class Member extends AbstractUser {}`. For extra fields use {@link defineUserModel}.
 *
 * @example
 * // accounts/models.ts, with AUTH_USER_MODEL: 'accounts.Member'
 * export class Member extends AbstractUser {}
 */
export class AbstractUser extends defineUserModel() {
  static meta: ModelMeta = { abstract: true };
}

/**
 * Django's default user (`auth.User`, table `auth_user`).
 *
 * @example
 * const ana = await User.objects.createUser('ana', 'ana@example.com', 's3cret!pass');
 * await ana.checkPassword('s3cret!pass'); // true
 */
export class User extends defineUserModel({}, { dbTable: 'auth_user', verboseName: 'user', verboseNamePlural: 'users' }, { joinTablePrefix: 'auth_user' }) {
  static override objects = new UserManager(this);
}
