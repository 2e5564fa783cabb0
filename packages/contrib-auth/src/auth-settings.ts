import type { AuthSettings, Settings } from '@manouche/contracts';

/** The auth settings with Django's defaults for any that are missing (settings built by hand in scripts and tests). */
export type ResolvedAuthSettings = AuthSettings & { SECRET_KEY: string; DEBUG: boolean; AUTH_PASSWORD_VALIDATORS: Settings['AUTH_PASSWORD_VALIDATORS'] };

const DEFAULTS: AuthSettings = {
  AUTH_USER_MODEL: 'auth.User',
  AUTHENTICATION_BACKENDS: ['manouche.contrib.auth.backends.ModelBackend'],
  PASSWORD_HASHERS: [
    'manouche.contrib.auth.hashers.PBKDF2PasswordHasher',
    'manouche.contrib.auth.hashers.PBKDF2SHA1PasswordHasher',
    'manouche.contrib.auth.hashers.Argon2PasswordHasher',
    'manouche.contrib.auth.hashers.ScryptPasswordHasher',
  ],
  LOGIN_URL: '/accounts/login/',
  LOGIN_REDIRECT_URL: '/accounts/profile/',
  LOGOUT_REDIRECT_URL: null,
  PASSWORD_RESET_TIMEOUT: 259_200,
  LOGIN_THROTTLE_FAILURES_PER_USERNAME: 5,
  LOGIN_THROTTLE_FAILURES_PER_ADDRESS: 20,
  LOGIN_THROTTLE_WINDOW: 900,
};

const resolved = new WeakMap<object, ResolvedAuthSettings>();
let current: ResolvedAuthSettings | undefined;

/**
 * The auth settings of a project, remembered as the current ones so code without a request
 * (`getUserModel()`, `authenticate()` in a script) reads the same.
 *
 * @example
 * const { LOGIN_URL, AUTH_USER_MODEL } = authSettings(request.settings); // 'login', 'auth.User' by default
 */
export function authSettings(settings?: Settings | Record<string, unknown>): ResolvedAuthSettings {
  if (!settings) return current ?? { ...DEFAULTS, SECRET_KEY: '', DEBUG: false, AUTH_PASSWORD_VALIDATORS: [] };
  let result = resolved.get(settings);
  if (!result) {
    const raw = settings as Record<string, unknown>;
    result = { ...DEFAULTS, SECRET_KEY: '', DEBUG: false, AUTH_PASSWORD_VALIDATORS: [] } as ResolvedAuthSettings;
    for (const key of [...Object.keys(DEFAULTS), 'SECRET_KEY', 'DEBUG', 'AUTH_PASSWORD_VALIDATORS'] as Array<keyof ResolvedAuthSettings>) {
      if (raw[key] !== undefined) (result as unknown as Record<string, unknown>)[key] = raw[key];
    }
    resolved.set(settings, result);
  }
  current = result;
  return result;
}
