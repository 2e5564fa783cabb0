import type { AppConfig, AppRegistry, Project, Settings, TemplateEngine, UrlResolver } from '@manouche/contracts';
import type { AsgiApplication } from '@manouche/asgi';
import { createAppRegistry, createApplication } from '@manouche/core';
import { configureOrm, connectDatabases, modelStates, registerModels } from '@manouche/orm';
import { createResolver } from '@manouche/routing';
import { templateEngineFromSettings } from '@manouche/templates';
import path from 'node:path';
import { appFolderResolver } from './app-paths.js';
import { isContribApp, withContribApps } from './contrib-apps.js';
import { ProjectSetupError } from './errors.js';

/** Imports a project module by dotted name (`blog.models`) or path. */
export type ImportModule = (specifier: string) => Promise<Record<string, unknown>>;

/** What `setup` wires together. */
export interface SetupOptions {
  /** The effective settings (from `loadSettings`). */
  settings: Settings;
  /** The project folder; `settings.BASE_DIR` when omitted. */
  baseDir?: string;
  /** The dotted module or file the settings came from, for messages. */
  settingsModule?: string;
  /** How project modules (URLconfs, models, views, middleware) are imported. */
  importModule: ImportModule;
  /** An app registry already built from these settings (the bin builds one to find the apps' commands). */
  apps?: AppRegistry;
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'MANOUCHE_CLI_MODULE_NOT_FOUND' || code === 'MANOUCHE_MODULE_NOT_BUNDLED' || code === 'ERR_MODULE_NOT_FOUND';
}

/** Imports `<app>/models` of an installed app, or returns null when the app has no models module. */
async function importModels(app: AppConfig, importModule: ImportModule, baseDir: string): Promise<Record<string, unknown> | null> {
  const inProject = !path.relative(baseDir, app.path).startsWith('..');
  const specifier = isContribApp(app.name) ? `${app.name}.models` : inProject ? `${path.relative(baseDir, app.path).split(path.sep).join('.')}.models` : path.join(app.path, 'models');
  try {
    return await importModule(specifier);
  } catch (error) {
    if (isModuleNotFound(error) && String((error as Error).message).includes('models')) return null;
    throw error;
  }
}

/**
 * Wires every layer into a project: settings → app registry (apps' `ready()` run) → each app's models registered →
 * databases connected → URL resolver from ROOT_URLCONF → template engine from TEMPLATES (with
 * `url` and `static` globals) → the gateway application. The returned Project is what commands use.
 *
 * @example
 * const project = await setup({ settings, baseDir: '/srv/mysite', importModule: (s) => import(`./${s.replace(/\./g, '/')}.js`) });
 * const app = await project.application();
 */
export async function setup(options: SetupOptions): Promise<Project> {
  const { settings } = options;
  const importModule = withContribApps(options.importModule);
  const baseDir = options.baseDir ?? settings.BASE_DIR;
  const apps: AppRegistry = options.apps ?? (await createAppRegistry(settings.INSTALLED_APPS, { importModule, resolveAppPath: appFolderResolver(baseDir) }));

  for (const app of apps.getAppConfigs()) {
    const models = await importModels(app, importModule, baseDir);
    if (models) registerModels(app.label, models, app.defaultAutoField ? { defaultAutoField: app.defaultAutoField } : {});
  }

  const databases = connectDatabases(settings.DATABASES, { baseDir });
  configureOrm({ databases, useTz: settings.USE_TZ, timeZone: settings.TIME_ZONE, defaultAutoField: settings.DEFAULT_AUTO_FIELD });

  let urls: Promise<UrlResolver> | undefined;
  let templates: Promise<TemplateEngine> | undefined;
  let application: Promise<AsgiApplication> | undefined;
  let loadedUrls: UrlResolver | undefined;
  const loadUrls = () =>
    (urls ??= createResolver(settings.ROOT_URLCONF, { importModule }).then(
      (resolver) => (loadedUrls = resolver as UrlResolver),
      (error: unknown) => {
        urls = undefined;
        throw error;
      },
    ));
  const loadTemplates = () =>
    (templates ??= (async () => {
      // Templates do not need the URLconf to load; url() reports it when it is broken.
      await loadUrls().catch(() => undefined);
      const reverse = (name: string, options: Parameters<UrlResolver['reverse']>[1]) => {
        if (!loadedUrls) throw new ProjectSetupError(`url('${name}') needs the URLconf ${settings.ROOT_URLCONF}, which did not load: run 'manouche check'.`);
        return loadedUrls.reverse(name, options);
      };
      const staticUrl = settings.STATIC_URL.endsWith('/') ? settings.STATIC_URL : `${settings.STATIC_URL}/`;
      const entry = settings.TEMPLATES[0];
      if (!entry) throw new ProjectSetupError(`TEMPLATES is empty in ${options.settingsModule ?? 'the settings'}: render() needs one template backend, such as { BACKEND: 'manouche.templates', APP_DIRS: true }.`);
      return templateEngineFromSettings(entry, {
        baseDir,
        appConfigs: apps.getAppConfigs(),
        debug: settings.DEBUG,
        timeZone: settings.TIME_ZONE,
        importModule,
        globals: {
          url: (name: string, argsOrKwargs?: readonly unknown[] | Record<string, unknown>) =>
            reverse(name, Array.isArray(argsOrKwargs) ? { args: argsOrKwargs } : { kwargs: argsOrKwargs as Record<string, unknown> | undefined }),
          static: (file: string) => `${staticUrl}${file.replace(/^\/+/, '')}`,
        },
      });
    })());

  let closed = false;
  const project: Project = {
    baseDir,
    settingsModule: options.settingsModule ?? '(settings given to setup)',
    settings,
    apps,
    databases,
    modelStates: () => modelStates(),
    importModule,
    urls: loadUrls,
    templates: loadTemplates,
    application: () =>
      (application ??= (async () =>
        createApplication({ settings, urls: await loadUrls(), templates: await loadTemplates(), apps, importModule, defaultOutsideRequests: true }))()),
    async close() {
      if (closed) return;
      closed = true;
      await databases.closeAll();
    },
  };
  return project;
}
