import { BUILTIN_SETTINGS } from './builtin-settings.js';
import { SettingsRegistrationError, SettingValueError } from './errors.js';
import type { SettingSpec, SettingType } from './setting-types.js';
import { checkType } from './setting-types.js';

const NAME = /^[A-Z][A-Z0-9_]*$/;
const TYPES: readonly SettingType[] = ['boolean', 'integer', 'number', 'string', 'list', 'url', 'enum', 'json'];
/** Environment variables the loader reads itself. */
const RESERVED_ENV = new Set(['DATABASE_URL', 'MANOUCHE_SETTINGS_MODULE']);

/**
 * A schema fragment: setting names (UPPER_CASE) to their declarations.
 *
 * @example
 * const blogSettings: SettingsFragment = { BLOG_PAGE_SIZE: { type: 'integer', default: 20, min: 1 } };
 * registerSettings(blogSettings);
 */
export type SettingsFragment = Record<string, SettingSpec<any>>;

/**
 * The schema settings are validated against: the base settings plus what apps and layers register.
 * Most code uses the default registry through registerSettings(); tests and embedders may build their own.
 *
 * @example
 * const registry = createSettingsRegistry();
 * registry.register({ BLOG_PAGE_SIZE: { type: 'integer', default: 20, min: 1 } });
 * loadSettings({ values: { BLOG_PAGE_SIZE: 10 }, source: 'mysite/settings.ts', baseDir: '/srv/mysite', registry });
 */
export class SettingsRegistry {
  readonly #specs = new Map<string, SettingSpec>();

  /** Adds settings; re-declaring a setting with the same type and default is a no-op, any other clash throws. */
  register(fragment: SettingsFragment): void {
    if (typeof fragment !== 'object' || fragment === null || Array.isArray(fragment)) {
      throw new SettingsRegistrationError(
        'registerSettings() expects an object of setting declarations, such as { BLOG_PAGE_SIZE: { type: "integer", default: 20 } }.',
      );
    }
    const entries = Object.entries(fragment);
    for (const [name, spec] of entries) this.#checkDeclaration(name, spec);
    for (const [name, spec] of entries) {
      const existing = this.#specs.get(name);
      if (existing !== undefined) {
        if (sameDeclaration(existing, spec)) continue;
        throw new SettingsRegistrationError(
          `The setting ${name} is already registered with type "${existing.type}" and a different declaration; choose another name for your setting.`,
        );
      }
      const envVar = envVarOf(name, spec);
      for (const [other, otherSpec] of this.#specs) {
        if (envVarOf(other, otherSpec) === envVar)
          throw new SettingsRegistrationError(`The setting ${name} uses the environment variable ${envVar}, which ${other} already uses.`);
      }
      this.#specs.set(name, { ...spec });
    }
  }

  /** Whether a setting is declared. */
  has(name: string): boolean {
    return this.#specs.has(name);
  }

  /** The declaration of a setting, or undefined. */
  get(name: string): Readonly<SettingSpec> | undefined {
    return this.#specs.get(name);
  }

  /** Every declared setting name, in registration order. */
  names(): string[] {
    return [...this.#specs.keys()];
  }

  /** [name, declaration] pairs in registration order. */
  entries(): Array<[string, Readonly<SettingSpec>]> {
    return [...this.#specs.entries()];
  }

  /** A copy that can be extended without touching this registry. */
  clone(): SettingsRegistry {
    const copy = new SettingsRegistry();
    for (const [name, spec] of this.#specs) copy.#specs.set(name, spec);
    return copy;
  }

  #checkDeclaration(name: string, spec: SettingSpec): void {
    if (!NAME.test(name)) throw new SettingsRegistrationError(`Setting names are UPPER_CASE identifiers, like Django's; got "${name}".`);
    if (typeof spec !== 'object' || spec === null || !TYPES.includes(spec.type)) {
      throw new SettingsRegistrationError(
        `The setting ${name} needs a "type" among ${TYPES.join(', ')}; got ${JSON.stringify((spec as { type?: unknown } | null)?.type)}.`,
      );
    }
    if (!('default' in spec)) throw new SettingsRegistrationError(`The setting ${name} needs a "default" value.`);
    if (spec.type === 'enum' && (!Array.isArray(spec.values) || spec.values.length === 0)) {
      throw new SettingsRegistrationError(`The enum setting ${name} needs "values", the list of accepted strings.`);
    }
    if (spec.validate !== undefined && typeof spec.validate !== 'function')
      throw new SettingsRegistrationError(`The "validate" of setting ${name} must be a function.`);
    const envVar = envVarOf(name, spec);
    if (RESERVED_ENV.has(envVar))
      throw new SettingsRegistrationError(`The setting ${name} cannot use the environment variable ${envVar}: the loader reserves it.`);
    try {
      checkType(spec, spec.default);
    } catch (error) {
      if (error instanceof SettingValueError) throw new SettingsRegistrationError(`The default of setting ${name} is not ${error.message}.`);
      throw error;
    }
  }
}

function sameDeclaration(a: SettingSpec, b: SettingSpec): boolean {
  return (
    a.type === b.type &&
    JSON.stringify(a.default) === JSON.stringify(b.default) &&
    Boolean(a.nullable) === Boolean(b.nullable) &&
    envVarOf('', a) === envVarOf('', b)
  );
}

/**
 * The environment variable that overrides a setting: its `env`, or `MANOUCHE_<NAME>`.
 *
 * @example
 * envVarOf('DEBUG', {}); // 'MANOUCHE_DEBUG'
 */
export function envVarOf(name: string, spec: Pick<SettingSpec, 'env'>): string {
  return spec.env ?? `MANOUCHE_${name}`;
}

/**
 * A new registry holding the base settings only (the default registry also holds what apps registered).
 *
 * @example
 * const registry = createSettingsRegistry();
 * registry.has('SECURE_HSTS_SECONDS'); // true
 */
export function createSettingsRegistry(): SettingsRegistry {
  const registry = new SettingsRegistry();
  registry.register(BUILTIN_SETTINGS);
  return registry;
}

/**
 * The registry registerSettings() extends and loadSettings() uses unless given another.
 *
 * @example
 * defaultRegistry.get('SESSION_COOKIE_AGE')?.default; // 1209600
 */
export const defaultRegistry: SettingsRegistry = createSettingsRegistry();

/**
 * Declares settings of an app or layer (type, default, validation) in the default registry, so that a
 * settings module may set them and unknown-setting detection knows them. Type them for defineSettings()
 * by augmenting RegisteredSettings.
 *
 * @example
 * registerSettings({ BLOG_PAGE_SIZE: { type: 'integer', default: 20, min: 1, doc: 'Posts per page.' } });
 * declare module '@manouche/settings' { interface RegisteredSettings { BLOG_PAGE_SIZE: number } }
 */
export function registerSettings(fragment: SettingsFragment, registry: SettingsRegistry = defaultRegistry): void {
  registry.register(fragment);
}
