import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig, AppReadyContext, AppRegistry, Command, PostMigrateContext, Settings } from '@manouche/contracts';
import { AppRegistryError } from './errors.js';
import type { ImportModule } from './middleware.js';

/**
 * What an app module may export as `appConfig` to override the defaults.
 *
 * @example
 * // blog/index.ts
 * export const appConfig: AppConfigOverrides = { label: 'blog', verboseName: 'Blog', defaultAutoField: 'bigAuto' };
 */
export interface AppConfigOverrides {
  label?: string;
  verboseName?: string;
  defaultAutoField?: 'auto' | 'bigAuto' | 'smallAuto';
  commands?: Command[];
  ready?(context?: AppReadyContext): void | Promise<void>;
  postMigrate?(context: PostMigrateContext): void | Promise<void>;
}

/**
 * How the registry finds apps: imports an app's module and tells where its folder is.
 *
 * @example
 * const options: AppRegistryOptions = { importModule: (name) => import(`./${name}/index.js`), resolveAppPath: (name) => join(baseDir, name), settings };
 * const apps = await createAppRegistry(settings.INSTALLED_APPS, options);
 */
export interface AppRegistryOptions {
  /** Imports an app module by its INSTALLED_APPS name (`blog`, `manouche.contrib.auth`). */
  importModule: ImportModule;
  /** The absolute folder of an app. */
  resolveAppPath: (name: string) => string | Promise<string>;
  /** The project's settings, handed to every app's `ready()`. */
  settings?: Settings;
}

const LABEL_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

function titleCase(label: string): string {
  return label.replace(/_/g, ' ').replace(/\b\w/g, (char) => char.toUpperCase());
}

async function loadAppConfig(name: string, options: AppRegistryOptions): Promise<AppConfig> {
  let path: string;
  try {
    path = await options.resolveAppPath(name);
  } catch (error) {
    throw new AppRegistryError(`INSTALLED_APPS entry '${name}' cannot be found: looking up its folder failed: ${(error as Error).message}`, { cause: error });
  }
  let module: Record<string, unknown>;
  try {
    module = await options.importModule(name);
  } catch (error) {
    throw new AppRegistryError(
      `INSTALLED_APPS entry '${name}' cannot be found: importing module '${name}' (folder ${path}) failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const overrides = (module?.appConfig ?? {}) as AppConfigOverrides;
  if (typeof overrides !== 'object' || overrides === null) {
    throw new AppRegistryError(`INSTALLED_APPS entry '${name}': the module's appConfig export must be an object, got ${typeof overrides}`);
  }
  const label = overrides.label ?? name.split('.').pop()!;
  if (!LABEL_PATTERN.test(label)) {
    throw new AppRegistryError(
      `INSTALLED_APPS entry '${name}': the app label '${label}' is not a valid identifier (letters, digits and _; set appConfig.label)`,
    );
  }
  const templatesDir = join(path, 'templates');
  const ready = overrides.ready;
  const postMigrate = overrides.postMigrate;
  return {
    name,
    label,
    path,
    verboseName: overrides.verboseName ?? titleCase(label),
    defaultAutoField: overrides.defaultAutoField,
    templatesDir: existsSync(templatesDir) ? templatesDir : undefined,
    migrationsDir: join(path, 'migrations'),
    commands: overrides.commands ?? [],
    ...(ready ? { ready: (context?: AppReadyContext) => ready.call(overrides, context) } : {}),
    ...(postMigrate ? { postMigrate: (context: PostMigrateContext) => postMigrate.call(overrides, context) } : {}),
  };
}

/**
 * Loads INSTALLED_APPS into an app registry: one AppConfig per entry (label = the entry's last
 * dotted segment unless the module exports `appConfig = { label, … }`), then every `ready()`
 * in INSTALLED_APPS order once all apps are loaded.
 *
 * @example
 * const apps = await createAppRegistry(settings.INSTALLED_APPS, {
 *   importModule: (name) => import(`./${name}/index.js`),
 *   resolveAppPath: (name) => join(baseDir, ...name.split('.')),
 * });
 * apps.getAppConfig('blog').templatesDir;
 */
export async function createAppRegistry(installedApps: readonly string[], options: AppRegistryOptions): Promise<AppRegistry> {
  const seenNames = new Set<string>();
  const duplicateNames = installedApps.filter((name) => seenNames.has(name) || !seenNames.add(name));
  if (duplicateNames.length > 0) {
    throw new AppRegistryError(
      `Application names aren't unique, duplicates: ${[...new Set(duplicateNames)].join(', ')} (INSTALLED_APPS lists each of them more than once)`,
    );
  }
  const configs: AppConfig[] = [];
  const byLabel = new Map<string, AppConfig>();
  for (const name of installedApps) {
    const config = await loadAppConfig(name, options);
    const clash = byLabel.get(config.label);
    if (clash) {
      throw new AppRegistryError(
        `Application labels aren't unique, duplicates: ${config.label} (INSTALLED_APPS entries '${clash.name}' and '${name}'; set a different appConfig.label in one of them)`,
      );
    }
    byLabel.set(config.label, config);
    configs.push(config);
  }
  for (const config of configs) {
    try {
      await config.ready?.({ settings: options.settings });
    } catch (error) {
      throw new AppRegistryError(`ready() of app '${config.label}' (INSTALLED_APPS entry '${config.name}') failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return {
    getAppConfigs: () => [...configs],
    getAppConfig(label) {
      const config = byLabel.get(label);
      if (!config) {
        throw new AppRegistryError(`No installed app with label '${label}'. Installed labels: ${[...byLabel.keys()].join(', ') || '(none)'}`);
      }
      return config;
    },
    isInstalled: (nameOrLabel) => configs.some((config) => config.name === nameOrLabel || config.label === nameOrLabel),
  };
}
