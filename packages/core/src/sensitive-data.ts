/**
 * Names whose values debug pages hide (Django's hidden_settings): settings, request headers (by name and
 * by their META name, so `Cookie` is `HTTP_COOKIE` and hidden whole), query and form fields, cookies.
 *
 * @example
 * HIDDEN_SETTINGS.test('SECRET_KEY'); // true
 * HIDDEN_SETTINGS.test('DEBUG'); // false
 */
export const HIDDEN_SETTINGS = /API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE/i;

/** Whether a request header's value is hidden: its name, or its META name (`HTTP_X_AUTH_USER`), is sensitive. */
export function isHiddenHeader(name: string): boolean {
  return HIDDEN_SETTINGS.test(name) || HIDDEN_SETTINGS.test(`HTTP_${name.toUpperCase().replace(/-/g, '_')}`);
}

/**
 * What hidden values are replaced with (Django's cleansed substitute).
 *
 * @example
 * cleanseValue('API_KEY', 'abc123') === CLEANSED_SUBSTITUTE; // true: '********************'
 */
export const CLEANSED_SUBSTITUTE = '********************';

function cleanseString(value: string): string {
  // Passwords inside URLs (postgres://user:secret@host) are secrets under any setting name.
  return value.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/g, `$1${CLEANSED_SUBSTITUTE}@`);
}

/**
 * A copy of `value` safe to show: every key matching {@link HIDDEN_SETTINGS} has its value
 * replaced, at any depth, and passwords in URLs are hidden too.
 *
 * @example
 * cleanseValue('DATABASES', { default: { URL: 'postgres://app:s3cret@db/app', PASSWORD: 'x' } });
 * // { default: { URL: 'postgres://app:********************@db/app', PASSWORD: '********************' } }
 */
export function cleanseValue(key: string, value: unknown, seen = new WeakSet<object>()): unknown {
  if (HIDDEN_SETTINGS.test(key)) return CLEANSED_SUBSTITUTE;
  if (typeof value === 'string') return cleanseString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '(circular)';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => cleanseValue('', item, seen));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanseValue(k, v, seen)]));
}

/** Settings as shown on the DEBUG 500 page: sorted, secrets masked. */
export function cleansedSettings(settings: Record<string, unknown>): Array<[string, unknown]> {
  return Object.keys(settings)
    .sort()
    .map((key) => [key, cleanseValue(key, settings[key])]);
}

/** A printable form of a value for debug pages. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'function' ? `[function ${v.name}]` : v), 2) ?? String(value)
    );
  } catch {
    return String(value);
  }
}
