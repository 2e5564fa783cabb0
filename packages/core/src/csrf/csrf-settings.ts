import type { CsrfSettings, SessionSettings, Settings } from '@manouche/contracts';
import { ImproperlyConfigured } from '../errors.js';
import { requireSettings } from '../required-settings.js';

/** The CSRF settings, read once per settings object, with Django's defaults. */
export interface CsrfConfig {
  cookieName: string;
  cookieAge: number | undefined;
  cookieDomain: string | undefined;
  cookiePath: string;
  cookieSecure: boolean;
  cookieHttpOnly: boolean;
  cookieSameSite: 'Lax' | 'Strict' | 'None' | undefined;
  /** The request header carrying the token, in Django's META form (`HTTP_X_CSRFTOKEN`) or as a header name. */
  headerSetting: string;
  /** The same header as a lower-case HTTP header name (`x-csrftoken`). */
  headerName: string;
  useSessions: boolean;
  sessionCookieDomain: string | undefined;
  trustedOrigins: readonly string[];
  failureView: string;
  debug: boolean;
}

const cache = new WeakMap<Settings, CsrfConfig>();

/** `HTTP_X_CSRFTOKEN` (Django's META key) or `X-CSRFToken` → `x-csrftoken`. */
export function headerNameOf(setting: string): string {
  return setting
    .replace(/^HTTP_/i, '')
    .replace(/_/g, '-')
    .toLowerCase();
}

/** How Django names the header in messages: `HTTP_X_CSRFTOKEN` → `X-Csrftoken`. */
export function displayHeaderName(setting: string): string {
  return headerNameOf(setting)
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}

/** The settings layer checks these values; a project wiring core by hand gets the same messages here. */
function checkHandWired(csrf: Readonly<CsrfSettings>): void {
  const sameSite = csrf.CSRF_COOKIE_SAMESITE;
  if (sameSite !== null && !['Lax', 'Strict', 'None'].includes(String(sameSite))) {
    throw new ImproperlyConfigured(`CSRF_COOKIE_SAMESITE must be 'Lax', 'Strict', 'None' or null, got ${JSON.stringify(sameSite)}`);
  }
  const age = csrf.CSRF_COOKIE_AGE;
  if (age !== null && (typeof age !== 'number' || !Number.isFinite(age))) {
    throw new ImproperlyConfigured(`CSRF_COOKIE_AGE must be a number of seconds or null (a browser-session cookie), got ${JSON.stringify(age)}`);
  }
  const trusted: unknown = csrf.CSRF_TRUSTED_ORIGINS;
  if (!Array.isArray(trusted) || trusted.some((origin) => typeof origin !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/./i.test(origin))) {
    throw new ImproperlyConfigured(
      `CSRF_TRUSTED_ORIGINS must be a list of origins with a scheme, such as 'https://example.com' or 'https://*.example.com', got ${JSON.stringify(trusted)}`,
    );
  }
  for (const name of ['CSRF_COOKIE_NAME', 'CSRF_COOKIE_PATH', 'CSRF_HEADER_NAME', 'CSRF_FAILURE_VIEW'] as const) {
    if (typeof csrf[name] !== 'string' || csrf[name] === '')
      throw new ImproperlyConfigured(`${name} must be a non-empty string, got ${JSON.stringify(csrf[name])}`);
  }
}

const CSRF_SETTINGS = [
  'CSRF_COOKIE_NAME',
  'CSRF_COOKIE_AGE',
  'CSRF_COOKIE_DOMAIN',
  'CSRF_COOKIE_PATH',
  'CSRF_COOKIE_SECURE',
  'CSRF_COOKIE_HTTPONLY',
  'CSRF_COOKIE_SAMESITE',
  'CSRF_HEADER_NAME',
  'CSRF_USE_SESSIONS',
  'CSRF_TRUSTED_ORIGINS',
  'CSRF_FAILURE_VIEW',
] as const;

/**
 * The CSRF_* settings (and the few others CSRF reads) of `settings`, in the shape the middleware uses.
 * Django's defaults and the checks of each value live in the settings layer; this only reshapes them.
 */
export function csrfConfig(settings: Settings): CsrfConfig {
  let read = cache.get(settings);
  if (read) return read;
  requireSettings(settings, CSRF_SETTINGS, 'CsrfViewMiddleware');
  const csrf = settings as Settings & Readonly<CsrfSettings> & Readonly<Pick<SessionSettings, 'SESSION_COOKIE_DOMAIN'>>;
  checkHandWired(csrf);
  read = {
    cookieName: csrf.CSRF_COOKIE_NAME,
    cookieAge: csrf.CSRF_COOKIE_AGE ?? undefined,
    cookieDomain: csrf.CSRF_COOKIE_DOMAIN || undefined,
    cookiePath: csrf.CSRF_COOKIE_PATH,
    cookieSecure: csrf.CSRF_COOKIE_SECURE,
    cookieHttpOnly: csrf.CSRF_COOKIE_HTTPONLY,
    cookieSameSite: csrf.CSRF_COOKIE_SAMESITE ?? undefined,
    headerSetting: csrf.CSRF_HEADER_NAME,
    headerName: headerNameOf(csrf.CSRF_HEADER_NAME),
    useSessions: csrf.CSRF_USE_SESSIONS,
    sessionCookieDomain: csrf.SESSION_COOKIE_DOMAIN || undefined,
    trustedOrigins: csrf.CSRF_TRUSTED_ORIGINS,
    failureView: csrf.CSRF_FAILURE_VIEW,
    debug: Boolean(settings.DEBUG),
  };
  cache.set(settings, read);
  return read;
}
