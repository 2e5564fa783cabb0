import type { Settings } from '@manouche/contracts';
import { ImproperlyConfigured } from '../errors.js';

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

function optionalString(settings: Settings, name: string): string | undefined {
  const value = settings[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ImproperlyConfigured(`${name} must be a string or null, got ${JSON.stringify(value)}`);
  return value;
}

function stringSetting(settings: Settings, name: string, fallback: string): string {
  return optionalString(settings, name) ?? fallback;
}

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

/** The CSRF_* settings (and the few others CSRF reads) of `settings`, checked. */
export function csrfConfig(settings: Settings): CsrfConfig {
  let read = cache.get(settings);
  if (read) return read;
  const sameSite = settings.CSRF_COOKIE_SAMESITE === undefined ? 'Lax' : settings.CSRF_COOKIE_SAMESITE;
  if (sameSite !== null && sameSite !== false && !['Lax', 'Strict', 'None'].includes(String(sameSite))) {
    throw new ImproperlyConfigured(`CSRF_COOKIE_SAMESITE must be 'Lax', 'Strict', 'None' or null, got ${JSON.stringify(sameSite)}`);
  }
  const age = settings.CSRF_COOKIE_AGE === undefined ? 31_449_600 : settings.CSRF_COOKIE_AGE;
  if (age !== null && (typeof age !== 'number' || !Number.isFinite(age))) {
    throw new ImproperlyConfigured(`CSRF_COOKIE_AGE must be a number of seconds or null (a browser-session cookie), got ${JSON.stringify(age)}`);
  }
  const trusted = settings.CSRF_TRUSTED_ORIGINS ?? [];
  if (!Array.isArray(trusted) || trusted.some((origin) => typeof origin !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/./i.test(origin))) {
    throw new ImproperlyConfigured(
      `CSRF_TRUSTED_ORIGINS must be a list of origins with a scheme, such as 'https://example.com' or 'https://*.example.com', got ${JSON.stringify(trusted)}`,
    );
  }
  const headerSetting = stringSetting(settings, 'CSRF_HEADER_NAME', 'HTTP_X_CSRFTOKEN');
  read = {
    cookieName: stringSetting(settings, 'CSRF_COOKIE_NAME', 'csrftoken'),
    cookieAge: age === null ? undefined : (age as number),
    cookieDomain: optionalString(settings, 'CSRF_COOKIE_DOMAIN'),
    cookiePath: stringSetting(settings, 'CSRF_COOKIE_PATH', '/'),
    cookieSecure: Boolean(settings.CSRF_COOKIE_SECURE),
    cookieHttpOnly: Boolean(settings.CSRF_COOKIE_HTTPONLY),
    cookieSameSite: sameSite === null || sameSite === false ? undefined : (sameSite as CsrfConfig['cookieSameSite']),
    headerSetting,
    headerName: headerNameOf(headerSetting),
    useSessions: Boolean(settings.CSRF_USE_SESSIONS),
    sessionCookieDomain: optionalString(settings, 'SESSION_COOKIE_DOMAIN'),
    trustedOrigins: trusted as string[],
    failureView: stringSetting(settings, 'CSRF_FAILURE_VIEW', 'manouche.views.csrf.csrfFailure'),
    debug: Boolean(settings.DEBUG),
  };
  cache.set(settings, read);
  return read;
}
