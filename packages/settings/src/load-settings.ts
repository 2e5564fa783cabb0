import path from 'node:path';
import type { Settings } from '@manouche/contracts';
import type { BuiltinSettings } from './builtin-settings.js';
import { layerValues } from './convict-store.js';
import type { RegisteredSettings } from './define-settings.js';
import { closestName } from './did-you-mean.js';
import type { SettingOrigin } from './errors.js';
import { InvalidSettingError, MissingSettingError, SettingsError, SettingsValidationError, SettingValueError, UnknownSettingError } from './errors.js';
import type { SettingsRegistry } from './registry.js';
import { defaultRegistry, envVarOf } from './registry.js';
import type { SettingSpec } from './setting-types.js';
import { acceptsString, checkType, expectedForm, typeName } from './setting-types.js';

/**
 * The effective settings loadSettings() returns: the contracts' Settings plus the base schema and registered settings.
 *
 * @example
 * const settings: LoadedSettings = loadSettings({ values, source: 'mysite/settings.ts', baseDir });
 * settings.SESSION_COOKIE_AGE; // 1209600 unless the module set it
 */
export type LoadedSettings = Settings & Readonly<BuiltinSettings> & Readonly<RegisteredSettings>;

/**
 * Options of loadSettings().
 *
 * @example
 * loadSettings({ values: defineSettings({ DEBUG: true }), source: 'mysite/settings.ts', baseDir: '/srv/mysite', env: {} });
 */
export interface LoadSettingsOptions {
  /** What the settings module exported (defineSettings(...)), or a plain object. */
  values: unknown;
  /** The file or dotted module the values came from, for error messages (`mysite/settings.ts`). */
  source: string;
  /** Environment variables; `process.env` by default. */
  env?: Record<string, string | undefined>;
  /** The project folder: the default BASE_DIR and the root relative paths resolve against. */
  baseDir: string;
  /** The schema to validate against; the default registry (base + registerSettings()) by default. */
  registry?: SettingsRegistry;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * Validates a settings module's values and returns the effective, deeply frozen settings.
 * Precedence: schema defaults < the settings module < environment variables (`MANOUCHE_<NAME>`,
 * and `DATABASE_URL` for DATABASES.default). Every problem is reported at once, naming the setting,
 * the expected form and the file or environment variable; a secret's value is never printed.
 *
 * @example
 * const settings = loadSettings({
 *   values: defineSettings({ DEBUG: true, INSTALLED_APPS: ['blog'] }),
 *   source: 'mysite/settings.ts',
 *   env: { MANOUCHE_ALLOWED_HOSTS: 'example.com,www.example.com' },
 *   baseDir: '/srv/mysite',
 * });
 * settings.ALLOWED_HOSTS; // ['example.com', 'www.example.com']
 */
export function loadSettings(options: LoadSettingsOptions): LoadedSettings {
  const { source } = options;
  const registry = options.registry ?? defaultRegistry;
  const env = options.env ?? process.env;
  const baseDir = path.resolve(options.baseDir);
  if (typeof options.values !== 'object' || options.values === null || Array.isArray(options.values)) {
    throw new SettingsError(
      'MANOUCHE_SETTINGS_NOT_AN_OBJECT',
      `The settings module ${source} must export default defineSettings({ ... }); it exported ${typeName(options.values)}.`,
    );
  }
  if (Object.keys(options.values).length === 1 && 'default' in options.values) {
    throw new SettingsError(
      'MANOUCHE_SETTINGS_NOT_AN_OBJECT',
      `The values from ${source} look like the module itself ({ default: ... }): pass its default export, the object defineSettings() returned.`,
    );
  }
  const moduleValues = Object.fromEntries(Object.entries(options.values).filter(([, value]) => value !== undefined));
  const problems: SettingsError[] = [];
  const moduleOrigin: SettingOrigin = { kind: 'module', label: source };
  const overriddenByEnv = (name: string, spec: Pick<SettingSpec, 'env'>) => env[envVarOf(name, spec)] !== undefined;
  const originOf = (name: string, spec: Pick<SettingSpec, 'env'>): SettingOrigin => {
    if (overriddenByEnv(name, spec)) return { kind: 'env', label: envVarOf(name, spec) };
    return name in moduleValues ? moduleOrigin : { kind: 'default', label: 'the default settings' };
  };

  const rejected = new Set<string>();
  const layerable: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(moduleValues)) {
    const spec = registry.get(name);
    if (spec === undefined) {
      problems.push(new UnknownSettingError(name, source, closestName(name, registry.names())));
    } else if (name === 'DATABASES' && typeof value === 'string') {
      // The shorthand DATABASES: 'postgres://...' is the default database's URL.
      layerable[name] = { default: value };
    } else if (typeof value === 'string' && !acceptsString(spec.type) && !overriddenByEnv(name, spec)) {
      // convict would coerce text; in a settings module a string here is a type mistake.
      const got = spec.sensitive || spec.type === 'json' ? 'a string' : JSON.stringify(value);
      problems.push(new InvalidSettingError(name, moduleOrigin, expectedForm(spec), got));
      rejected.add(name);
    } else {
      layerable[name] = value;
    }
  }

  const layered = layerValues(registry, layerable, env);
  const result: Record<string, unknown> = {};
  const context = { baseDir, name: '' };
  for (const [name, spec] of orderedEntries(registry)) {
    let value = layered.values[name];
    let origin = originOf(name, spec);
    if (name === 'DATABASES' && layered.databaseUrl !== null) {
      value = { ...(value as Record<string, unknown>), default: layered.databaseUrl };
    }
    try {
      checkType(spec, value);
      const normalized = spec.validate && value !== null ? spec.validate(value, { ...context, name }) : undefined;
      result[name] = normalized === undefined ? value : normalized;
      if (name === 'BASE_DIR') context.baseDir = result[name] as string;
    } catch (error) {
      if (name === 'DATABASES' && layered.databaseUrl !== null && error instanceof SettingValueError && /^default(\.|$)/.test(error.path)) {
        origin = { kind: 'env', label: 'DATABASE_URL' };
      }
      problems.push(toInvalidSetting(name, origin, error));
      rejected.add(name);
    }
  }

  if (!rejected.has('DEBUG') && result.DEBUG === false && result.SECRET_KEY === '') {
    const spec = registry.get('SECRET_KEY') ?? {};
    const origin = originOf('SECRET_KEY', spec);
    problems.push(
      new MissingSettingError('SECRET_KEY', 'when DEBUG is false', origin.kind === 'default' ? moduleOrigin : origin, envVarOf('SECRET_KEY', spec)),
    );
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new SettingsValidationError(problems, source);

  const report = layered.convictReport();
  if (report !== undefined) throw new SettingsError('MANOUCHE_SETTINGS_INVALID', `Invalid settings from ${source}: ${report}`);
  return deepFreeze(result) as LoadedSettings;
}

/** BASE_DIR first: the paths of every other setting resolve against it. */
function orderedEntries(registry: SettingsRegistry): Array<[string, Readonly<SettingSpec>]> {
  const entries = registry.entries();
  return [...entries.filter(([name]) => name === 'BASE_DIR'), ...entries.filter(([name]) => name !== 'BASE_DIR')];
}

function toInvalidSetting(name: string, origin: SettingOrigin, error: unknown): SettingsError {
  if (error instanceof SettingValueError) {
    return new InvalidSettingError(error.path === '' ? name : `${name}.${error.path}`, origin, error.message, error.got);
  }
  if (error instanceof SettingsError) return error;
  // A registered validate() hook threw a plain Error: its message says what was expected.
  return new InvalidSettingError(name, origin, error instanceof Error ? error.message : String(error), undefined);
}
