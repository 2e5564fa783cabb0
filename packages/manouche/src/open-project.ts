import type { AppRegistry, Project } from '@manouche/contracts';
import type { LoadProjectOptions } from '@manouche/cli';
import { loadSettings, resolveSettingsModule } from '@manouche/settings';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModuleNotBundledError } from './errors.js';
import { setup, type ImportModule } from './setup.js';

/**
 * Where a project is and how to import its modules.
 *
 * @example
 * const options: OpenProjectOptions = { settingsModule: 'mysite.settings', baseDir: new URL('..', import.meta.url) };
 * const project = await openProject(options);
 */
export interface OpenProjectOptions {
  /** The settings module (`mysite.settings`); else MANOUCHE_SETTINGS_MODULE, else package.json's "manouche.settings". */
  settingsModule?: string;
  /** The project folder (a path or a file URL); the nearest folder with a package.json above the working directory when omitted. */
  baseDir?: string | URL;
  /** How project modules are imported; the TypeScript loader of `@manouche/cli` when omitted. */
  importModule?: ImportModule;
  /** Environment variables for settings overrides; `process.env` by default. */
  env?: Record<string, string | undefined>;
}

function toDir(dir: string | URL): string {
  return dir instanceof URL || dir.startsWith('file:') ? fileURLToPath(dir) : path.resolve(dir);
}

/**
 * Loads the settings module (validated by the settings layer: defaults < module < environment)
 * and wires the project with `setup`. The `manouche` command uses it for every command.
 *
 * @example
 * const project = await loadProject({ baseDir: '/srv/mysite', settingsModule: 'mysite.settings', settingsFile: '/srv/mysite/mysite/settings.ts', importModule });
 */
export async function loadProject(
  options: Pick<LoadProjectOptions, 'baseDir' | 'settingsModule' | 'settingsFile' | 'importModule'> & {
    env?: Record<string, string | undefined>;
    apps?: AppRegistry;
  },
): Promise<Project> {
  const module = await options.importModule(options.settingsFile);
  const source = path.relative(options.baseDir, options.settingsFile) || options.settingsFile;
  const settings = loadSettings({ values: module.default, source, baseDir: options.baseDir, env: options.env });
  return setup({ settings, baseDir: options.baseDir, settingsModule: options.settingsModule, importModule: options.importModule, apps: options.apps });
}

const BUNDLED = Symbol.for('manouche.bundledModules');

/**
 * Imports from the module table `manouche build` writes (dotted name → loader), accepting dotted names and paths.
 *
 * @example
 * const importModule = bundledImporter('/srv/mysite', { 'mysite.urls': () => import('./mysite/urls.js') });
 * await importModule('mysite.urls'); // also accepts 'mysite/urls.ts'
 */
export function bundledImporter(baseDir: string, modules: Record<string, () => Promise<unknown>>): ImportModule {
  return async (specifier) => {
    const relative = path.isAbsolute(specifier) ? path.relative(baseDir, specifier) : specifier;
    const key = /[\\/]|\.m?[tj]sx?$/.test(relative)
      ? relative
          .replace(/\.m?[tj]sx?$/, '')
          .split(/[\\/]/)
          .join('.')
      : relative;
    const load = modules[key];
    if (!load) throw new ModuleNotBundledError(specifier, Object.keys(modules));
    return (await load()) as Record<string, unknown>;
  };
}

/**
 * Finds a project from a settings module name and a folder (as `asgi.ts` and built servers do)
 * and wires it. Inside a bundle from `manouche build`, modules come from the bundle.
 *
 * @example
 * const project = await openProject({ settingsModule: 'mysite.settings', baseDir: new URL('..', import.meta.url) });
 */
export async function openProject(options: OpenProjectOptions = {}): Promise<Project> {
  const bundled = (globalThis as Record<symbol, Record<string, () => Promise<unknown>> | undefined>)[BUNDLED];
  // The CLI (and the TypeScript compiler it loads) only when modules are not bundled: a built server never needs it.
  const cli = bundled && options.baseDir !== undefined ? undefined : await import('@manouche/cli');
  const baseDir = options.baseDir !== undefined ? toDir(options.baseDir) : (cli!.findProjectRoot(process.cwd())?.baseDir ?? process.cwd());
  const importModule = options.importModule ?? (bundled ? bundledImporter(baseDir, bundled) : cli!.createModuleImporter(baseDir));
  if (bundled && !options.importModule) {
    const settingsModule = options.settingsModule ?? options.env?.MANOUCHE_SETTINGS_MODULE ?? process.env.MANOUCHE_SETTINGS_MODULE;
    if (!settingsModule) throw new ModuleNotBundledError('(no settings module given)', Object.keys(bundled));
    const settings = loadSettings({ values: (await importModule(settingsModule)).default, source: settingsModule, baseDir, env: options.env });
    return setup({ settings, baseDir, settingsModule, importModule });
  }
  const resolved = resolveSettingsModule({ cliFlag: options.settingsModule, env: options.env, baseDir });
  return loadProject({ baseDir, settingsModule: resolved.specifier, settingsFile: resolved.file, importModule, env: options.env });
}

/** @internal Installs the module table of a bundle so `openProject` imports from it. */
export function installBundledModules(modules: Record<string, () => Promise<unknown>>): void {
  (globalThis as Record<symbol, unknown>)[BUNDLED] = modules;
}
