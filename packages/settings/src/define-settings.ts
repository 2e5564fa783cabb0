import type { CoreSettings, DatabaseSettings, TemplateBackendSettings } from '@manouche/contracts';
import type { BaseSettings } from './builtin-settings.js';
import { SettingsError } from './errors.js';

/**
 * Settings that apps and layers register, for typing only: augment it next to registerSettings().
 *
 * @example
 * declare module '@manouche/settings' { interface RegisteredSettings { BLOG_PAGE_SIZE: number } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface, so projects can augment it (a type alias cannot be merged)
export interface RegisteredSettings {}

/**
 * A DATABASES entry as a settings module may write it (Django's dict form).
 *
 * @example
 * defineSettings({ DATABASES: { default: { ENGINE: 'postgresql', NAME: 'mysite', USER: 'mysite', HOST: 'db', PORT: '5432' } } });
 */
export interface DatabaseInput {
  ENGINE: DatabaseSettings['ENGINE'] | 'django.db.backends.sqlite3' | 'django.db.backends.postgresql' | 'django.db.backends.mysql';
  NAME: string;
  USER?: string;
  PASSWORD?: string;
  HOST?: string;
  PORT?: number | string;
  OPTIONS?: Record<string, unknown>;
  TEST?: { NAME?: string };
  ATOMIC_REQUESTS?: boolean;
  AUTOCOMMIT?: boolean;
  CONN_MAX_AGE?: number | null;
  CONN_HEALTH_CHECKS?: boolean;
  TIME_ZONE?: string | null;
}

/**
 * A TEMPLATES entry as a settings module may write it; omitted keys take their defaults.
 *
 * @example
 * defineSettings({ TEMPLATES: [{ BACKEND: 'manouche.templates', DIRS: ['templates'], APP_DIRS: true }] });
 */
export interface TemplateBackendInput {
  BACKEND?: string;
  DIRS?: string[];
  APP_DIRS?: boolean;
  OPTIONS?: Partial<TemplateBackendSettings['OPTIONS']>;
  NAME?: string;
}

type AutoFieldInput = CoreSettings['DEFAULT_AUTO_FIELD'] | 'django.db.models.BigAutoField' | 'django.db.models.AutoField' | 'django.db.models.SmallAutoField';

/**
 * What a settings module may set: every known setting, each optional, in its accepted input forms.
 *
 * @example
 * const base: SettingsInput = { DEBUG: false, DATABASES: 'sqlite:///db.sqlite3', INSTALLED_APPS: ['blog'] };
 */
export type SettingsInput = Partial<
  Omit<BaseSettings, 'DATABASES' | 'TEMPLATES' | 'DEFAULT_AUTO_FIELD'> & {
    /** Aliases to a dict entry or a URL (`sqlite:///db.sqlite3`, `postgres://user:password@host:5432/name`); a lone URL is the default database. */
    DATABASES: Record<string, DatabaseInput | string> | string;
    TEMPLATES: TemplateBackendInput[];
    DEFAULT_AUTO_FIELD: AutoFieldInput;
  } & RegisteredSettings
>;

/** Marks an object made by defineSettings(); shared across copies of this package. */
const SETTINGS_MARK = Symbol.for('manouche.settings.defined');

/**
 * The not yet validated values a settings module exports: deeply frozen and marked at run time
 * (isDefinedSettings() checks the mark; the type carries no symbol so declaration files stay portable).
 *
 * @example
 * const settings: DefinedSettings = defineSettings({ DEBUG: true });
 * isDefinedSettings(settings); // true
 */
export type DefinedSettings<T extends SettingsInput = SettingsInput> = Readonly<T>;

function deepFrozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map((item) => deepFrozenCopy(item))) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = deepFrozenCopy(item);
    return Object.freeze(copy) as T;
  }
  return value;
}

/**
 * Declares a settings module's values: typed (a misspelt name is a compile error), deeply frozen,
 * validated later by loadSettings(). A per-environment module spreads its base and overrides keys.
 *
 * @example
 * // mysite/settings/base.ts
 * export default defineSettings({ INSTALLED_APPS: ['blog'], DATABASES: { default: 'sqlite:///db.sqlite3' } });
 * // mysite/settings/production.ts
 * import base from './base.js';
 * export default defineSettings({ ...base, DEBUG: false, ALLOWED_HOSTS: ['example.com'] });
 */
export function defineSettings<T extends SettingsInput>(values: T & Record<Exclude<keyof T, keyof SettingsInput>, never>): DefinedSettings<T> {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new SettingsError(
      'MANOUCHE_SETTINGS_NOT_AN_OBJECT',
      `defineSettings() expects an object of settings, such as { DEBUG: true }; got ${values === null ? 'null' : Array.isArray(values) ? 'an array' : typeof values}.`,
    );
  }
  const copy = deepFrozenCopy({ ...values });
  const marked = Object.defineProperty({ ...copy }, SETTINGS_MARK, { value: true, enumerable: false });
  return Object.freeze(marked) as unknown as DefinedSettings<T>;
}

/**
 * Whether a value was made by defineSettings() (what the CLI checks a settings module's default export with).
 *
 * @example
 * if (!isDefinedSettings(module.default)) console.warn(`${file} should export default defineSettings({ ... })`);
 */
export function isDefinedSettings(value: unknown): value is DefinedSettings {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SETTINGS_MARK] === true;
}
