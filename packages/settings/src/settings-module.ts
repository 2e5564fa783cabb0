import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SettingsError, SettingsModuleNotConfiguredError, SettingsModuleNotFoundError } from './errors.js';

/**
 * Options of resolveSettingsModule().
 *
 * @example
 * resolveSettingsModule({ cliFlag: 'mysite.settings.production', baseDir: '/srv/mysite', env: process.env });
 */
export interface ResolveSettingsModuleOptions {
  /** The value of `--settings`, if given. */
  cliFlag?: string;
  /** Environment variables; MANOUCHE_SETTINGS_MODULE is read from them (`process.env` by default). */
  env?: Record<string, string | undefined>;
  /** package.json's `"manouche": { "settings": ... }`; read from `<baseDir>/package.json` when omitted. */
  packageJsonSetting?: string;
  /** The project folder dotted paths and relative file paths start from. */
  baseDir: string;
}

/**
 * The settings module selected for a project.
 *
 * @example
 * const { file, from } = resolveSettingsModule({ baseDir: '/srv/mysite' }); // from: 'package.json'
 */
export interface ResolvedSettingsModule {
  /** What was asked for: `mysite.settings.production` or `config/settings.ts`. */
  specifier: string;
  /** The absolute file to load. */
  file: string;
  /** Every path looked at, in order. */
  tried: string[];
  /** Where the specifier came from. */
  from: '--settings' | 'MANOUCHE_SETTINGS_MODULE' | 'package.json';
}

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];
const DOTTED = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;
const FILE_EXTENSION = /\.(c|m)?(t|j)s$/;

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

function packageJsonSettings(baseDir: string): string | undefined {
  const file = path.join(baseDir, 'package.json');
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SettingsError('MANOUCHE_SETTINGS_PACKAGE_JSON', `Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const settings = (parsed as { manouche?: { settings?: unknown } } | null)?.manouche?.settings;
  if (settings === undefined) return undefined;
  if (typeof settings !== 'string' || settings === '') {
    throw new SettingsError(
      'MANOUCHE_SETTINGS_PACKAGE_JSON',
      `"manouche.settings" in ${file} must be a dotted module path such as "mysite.settings"; got ${JSON.stringify(settings)}.`,
    );
  }
  return settings;
}

function candidates(base: string): string[] {
  return [...EXTENSIONS.map((extension) => `${base}${extension}`), ...EXTENSIONS.map((extension) => path.join(base, `index${extension}`))];
}

/**
 * Finds the settings module of a project: `--settings` beats MANOUCHE_SETTINGS_MODULE beats package.json's
 * `"manouche": { "settings" }`. A dotted path `mysite.settings.production` maps to
 * `<baseDir>/mysite/settings/production.ts` (then `.mts`, `.js`, `.mjs`, `/index.*`); a file path is used as is.
 * It does not import the module: the CLI loads TypeScript.
 *
 * @example
 * const { file } = resolveSettingsModule({ cliFlag: 'mysite.settings.production', baseDir: '/srv/mysite' });
 * // '/srv/mysite/mysite/settings/production.ts'
 */
export function resolveSettingsModule(options: ResolveSettingsModuleOptions): ResolvedSettingsModule {
  const baseDir = path.resolve(options.baseDir);
  const env = options.env ?? process.env;
  const fromEnv = env.MANOUCHE_SETTINGS_MODULE === '' ? undefined : env.MANOUCHE_SETTINGS_MODULE;
  const fromPackage = options.cliFlag === undefined && fromEnv === undefined ? (options.packageJsonSetting ?? packageJsonSettings(baseDir)) : undefined;
  const [specifier, from] =
    options.cliFlag !== undefined
      ? [options.cliFlag, '--settings' as const]
      : fromEnv !== undefined
        ? [fromEnv, 'MANOUCHE_SETTINGS_MODULE' as const]
        : fromPackage !== undefined
          ? [fromPackage, 'package.json' as const]
          : [undefined, undefined];
  if (specifier === undefined || from === undefined) throw new SettingsModuleNotConfiguredError(baseDir);
  if (specifier.trim() === '') throw new SettingsModuleNotFoundError(specifier, from, []);

  const looksLikeFile = specifier.includes('/') || specifier.includes('\\') || FILE_EXTENSION.test(specifier);
  let tried: string[];
  if (looksLikeFile) {
    const file = path.resolve(baseDir, specifier);
    tried = FILE_EXTENSION.test(file) ? [file] : [file, ...candidates(file)];
  } else {
    if (!DOTTED.test(specifier))
      throw new SettingsModuleNotFoundError(specifier, `${from}; expected a dotted module path such as mysite.settings or a file path`, []);
    tried = candidates(path.join(baseDir, ...specifier.split('.')));
  }
  const file = tried.find(isFile);
  if (file === undefined) throw new SettingsModuleNotFoundError(specifier, from, tried);
  return { specifier, file, tried: tried.slice(0, tried.indexOf(file) + 1), from };
}
