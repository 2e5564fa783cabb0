import { isDeepStrictEqual } from 'node:util';
import type { Settings } from '@manouche/contracts';
import { BUILTIN_SETTINGS } from './builtin-settings.js';
import { maskDatabaseUrl } from './databases.js';
import type { SettingsRegistry } from './registry.js';
import { defaultRegistry } from './registry.js';

/**
 * What a masked secret prints as (Django's placeholder).
 *
 * @example
 * safeSettings(settings).SECRET_KEY === MASKED_VALUE; // true
 */
export const MASKED_VALUE = '********************';

/** Django's pattern of names whose values are secrets, matched as whole words of a setting or key name. */
const SECRET_NAME = /(^|_)(API|TOKEN|KEY|SECRET|PASS|PASSWORD|SIGNATURE|CREDENTIALS?)(_|$)/i;

function cleanse(key: string, value: unknown, sensitive: boolean): unknown {
  if (sensitive || (SECRET_NAME.test(key) && (typeof value === 'string' || typeof value === 'number'))) {
    return value === '' || value === null || value === undefined ? value : MASKED_VALUE;
  }
  if (typeof value === 'string') return maskDatabaseUrl(value, MASKED_VALUE);
  if (Array.isArray(value)) return value.map((item, index) => cleanse(String(index), item, false));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, cleanse(name, item, false)]));
  }
  return value;
}

/**
 * A plain copy of the settings with every secret replaced by `********************`: settings declared
 * sensitive (SECRET_KEY), keys named like secrets (PASSWORD, API_KEY, TOKEN...) at any depth, and the
 * password of URLs. What debug pages and dumps may print.
 *
 * @example
 * safeSettings(settings).DATABASES.default.PASSWORD; // '********************'
 */
export function safeSettings(settings: Settings, registry: SettingsRegistry = defaultRegistry): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).map(([name, value]) => [name, cleanse(name, value, registry.get(name)?.sensitive === true)]));
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A value as it would be written in a TypeScript settings module, on one line. */
function formatValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${IDENTIFIER.test(key) ? key : `'${key}'`}: ${formatValue(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

/**
 * Options of diffSettings().
 *
 * @example
 * diffSettings(settings, { all: true, output: 'unified' });
 */
export interface DiffSettingsOptions {
  /** Also list settings equal to their defaults (Django's --all), prefixed with `###`. */
  all?: boolean;
  /** Compare against these settings instead of the base schema's defaults (Django's --default). */
  defaults?: Record<string, unknown>;
  /** `hash` (default): Django's `KEY = value` lines; `unified`: `- default` / `+ value` lines. */
  output?: 'hash' | 'unified';
  /** Where sensitivity is declared; the default registry by default. */
  registry?: SettingsRegistry;
}

function baseDefaults(settings: Settings): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  const baseDir = typeof settings.BASE_DIR === 'string' ? settings.BASE_DIR : process.cwd();
  for (const [name, spec] of Object.entries(BUILTIN_SETTINGS)) {
    const normalized = spec.validate && spec.default !== null ? spec.validate(spec.default, { baseDir, name }) : undefined;
    defaults[name] = normalized === undefined ? spec.default : normalized;
  }
  return defaults;
}

/**
 * Django's `diffsettings`: the effective settings compared with the defaults, secrets masked, sorted by name.
 * `KEY = value` for a changed setting, `KEY = value  ###` for one the base schema does not declare
 * (registered by an app or the project), and with `all`, `### KEY = value` for one left at its default.
 *
 * @example
 * console.log(diffSettings(settings));
 * // DEBUG = true
 * // INSTALLED_APPS = ['blog']
 * // SECRET_KEY = '********************'
 */
export function diffSettings(settings: Settings, options: DiffSettingsOptions = {}): string {
  const defaults = options.defaults ?? baseDefaults(settings);
  const safe = safeSettings(settings, options.registry);
  const safeDefaults = safeSettings(defaults as Settings, options.registry);
  const lines: string[] = [];
  for (const key of Object.keys(safe).sort()) {
    const shown = `${key} = ${formatValue(safe[key])}`;
    const unified = options.output === 'unified';
    if (!(key in defaults)) {
      lines.push(unified ? `+ ${shown}` : `${shown}  ###`);
    } else if (!isDeepStrictEqual(settings[key], defaults[key])) {
      if (unified) lines.push(`- ${key} = ${formatValue(safeDefaults[key])}`, `+ ${shown}`);
      else lines.push(shown);
    } else if (options.all) {
      lines.push(unified ? `  ${shown}` : `### ${shown}`);
    }
  }
  return lines.join('\n');
}
