import type { AppReadyContext, PostMigrateContext } from '@manouche/contracts';
import { authSettings } from './auth-settings.js';
import './request-user.js';
import { changepasswordCommand } from './commands/changepassword.js';
import { createsuperuserCommand } from './commands/createsuperuser.js';
import { createPermissions } from './create-permissions.js';

/**
 * The app as INSTALLED_APPS loads it (`manouche.contrib.auth`, label `auth`).
 *
 * @example
 * INSTALLED_APPS: ['manouche.contrib.contenttypes', 'manouche.contrib.auth', 'manouche.contrib.sessions', 'blog'],
 */
export const appConfig = {
  label: 'auth',
  verboseName: 'Authentication and Authorization',
  defaultAutoField: 'auto' as const,
  commands: [createsuperuserCommand, changepasswordCommand],
  /** Makes the project's AUTH_USER_MODEL, PASSWORD_HASHERS… the ones code outside requests (scripts, the shell) uses. */
  ready(context?: AppReadyContext): void {
    if (context?.settings) authSettings(context.settings);
  },
  /** After migrate: view/add/change/delete permissions for every installed model. */
  async postMigrate(context: PostMigrateContext): Promise<void> {
    await createPermissions(context);
  },
};

/** The models: User, Group, Permission, the abstract user and the user-model factory. */
export {
  User,
  Group,
  Permission,
  AbstractUser,
  defineUserModel,
  withUserMethods,
  validateUsername,
  type AbstractBaseUser,
  type UserFields,
  type UserModelOptions,
} from './models.js';
/** The user manager (`createUser`, `createSuperuser`). */
export { UserManager, normalizeEmail } from './user-manager.js';
/** The visitor who is not logged in. */
export { AnonymousUser } from './anonymous-user.js';
/** authenticate / login / logout and the session's user. */
export { authenticate, login, logout, getUser, updateSessionAuthHash, updateLastLogin, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY } from './login.js';
/** Authentication backends, AUTH_USER_MODEL and backend registration. */
export {
  ModelBackend,
  AllowAllUsersModelBackend,
  getUserModel,
  getBackends,
  loadBackend,
  registerAuthBackend,
  clearPermissionCache,
  type AuthBackend,
  type Credentials,
} from './backends.js';
/** Password hashing in Django's stored formats. */
export {
  makePassword,
  checkPassword,
  identifyHasher,
  getHashers,
  isPasswordUsable,
  registerPasswordHasher,
  PasswordHasher,
  PBKDF2PasswordHasher,
  PBKDF2SHA1PasswordHasher,
  Argon2PasswordHasher,
  ScryptPasswordHasher,
  MAXIMUM_PASSWORD_LENGTH,
  UNUSABLE_PASSWORD_PREFIX,
} from './hashers.js';
/** AUTH_PASSWORD_VALIDATORS and Django's four validators. */
export {
  validatePassword,
  newPasswordErrors,
  getPasswordValidators,
  passwordValidatorsHelpTexts,
  registerPasswordValidator,
  UserAttributeSimilarityValidator,
  MinimumLengthValidator,
  CommonPasswordValidator,
  NumericPasswordValidator,
  type PasswordValidator,
} from './password-validation.js';
/** Access control for function views and class-based views. */
export {
  loginRequired,
  permissionRequired,
  userPassesTest,
  redirectToLogin,
  LoginRequiredMixin,
  PermissionRequiredMixin,
  UserPassesTestMixin,
  type AccessOptions,
  type LoginRequiredMembers,
  type PermissionRequiredMembers,
  type UserPassesTestMembers,
} from './access.js';
/** The auth views (with default templates under templates/registration/). */
export { LoginView, LogoutView, loginThrottleFor } from './views/login-views.js';
export { PasswordChangeView, PasswordChangeDoneView } from './views/password-change-views.js';
export {
  PasswordResetView,
  PasswordResetDoneView,
  PasswordResetConfirmView,
  PasswordResetCompleteView,
  encodeUid,
  INTERNAL_RESET_SESSION_TOKEN,
} from './views/password-reset-views.js';
/** Password reset tokens. */
export { PasswordResetTokenGenerator, defaultTokenGenerator } from './tokens.js';
/** Failed-login throttling. */
export { LoginThrottle, type LoginThrottleOptions, type ThrottleVerdict } from './login-throttle.js';
/** Permissions created after migrate. */
export { createPermissions, DEFAULT_PERMISSIONS } from './create-permissions.js';
/** Signals: logged in, logged out, login failed. */
export { userLoggedIn, userLoggedOut, userLoginFailed } from './signals.js';
/** The auth settings with defaults. */
export { authSettings };
/** The middleware and the context processor. */
export { AuthenticationMiddleware } from './middleware.js';
/** Django's lazy `request.user` / `request.auser()`, for a custom authentication middleware. */
export { installLazyUser } from './lazy-user.js';
export { auth as authContextProcessor, PermWrapper } from './context_processors.js';
/** Commands. */
export { createsuperuserCommand, changepasswordCommand };
/** Errors, each with a stable code. */
export { AuthConfigurationError, InvalidPasswordError, UnknownPasswordHasher, PasswordValidationError, UserNotLoadedError } from './errors.js';
