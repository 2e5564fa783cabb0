import {
  isModuleNotFound,
  type AppConfig,
  type AppRegistry,
  type CacheSettings,
  type Project,
  type Settings,
  type TemplateEngine,
  type UrlResolver,
} from '@manouche/contracts';
import type { AsgiApplication } from '@manouche/asgi';
import { createStaticUrl, withProjectStaticFiles } from '@manouche/contrib-staticfiles';
import { createAppRegistry, createApplication } from '@manouche/core';
import { configureOrm, connectDatabases, modelStates, registerModels } from '@manouche/orm';
import { createResolver } from '@manouche/routing';
import { formRendererFromSettings, setDefaultRenderer, setMediaStatic } from '@manouche/forms';
import { templateEngineFromSettings } from '@manouche/templates';
import path from 'node:path';
import { appFolderResolver } from './app-paths.js';
import { isContribApp, withContribApps } from './contrib-apps.js';
import { installCsrfTemplateValues } from './csrf-template-values.js';
import { configureMail } from '@manouche/mail';
import { closeCaches, configureCaches } from '@manouche/cache';
import { closeChannelLayers, configureChannels } from '@manouche/channels';
import { loadWebsocketApplication } from './websocket-application.js';
import { ProjectSetupError } from './errors.js';

/**
 * Imports a project module by dotted name (`blog.models`) or path.
 *
 * @example
 * const importModule: ImportModule = (specifier) => import(`./${specifier.replace(/\./g, '/')}.js`);
 */
export type ImportModule = (specifier: string) => Promise<Record<string, unknown>>;

/**
 * What `setup` wires together.
 *
 * @example
 * const options: SetupOptions = { settings, baseDir: '/srv/mysite', settingsModule: 'mysite.settings', importModule };
 * const project = await setup(options);
 */
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
  /** static() gives plain names while collectstatic has written no manifest: the test runner sets it (DEBUG is off in tests). */
  staticWithoutManifest?: boolean;
}

/** Imports `<app>/<name>` (`models`, `admin`) of an installed app, or returns null when the app has no such module. */
async function importAppModule(app: AppConfig, importModule: ImportModule, baseDir: string, name = 'models'): Promise<Record<string, unknown> | null> {
  const inProject = !path.relative(baseDir, app.path).startsWith('..');
  const specifier = isContribApp(app.name)
    ? `${app.name}.${name}`
    : inProject
      ? `${path.relative(baseDir, app.path).split(path.sep).join('.')}.${name}`
      : path.join(app.path, name);
  try {
    return await importModule(specifier);
  } catch (error) {
    if (isModuleNotFound(error, specifier)) return null;
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
  const apps: AppRegistry =
    options.apps ?? (await createAppRegistry(settings.INSTALLED_APPS, { importModule, resolveAppPath: appFolderResolver(baseDir), settings }));

  for (const app of apps.getAppConfigs()) {
    const models = await importAppModule(app, importModule, baseDir);
    if (models) registerModels(app.label, models, app.defaultAutoField ? { defaultAutoField: app.defaultAutoField } : {});
  }
  // Django's admin autodiscover: with the admin installed, each project app's `admin` module registers its models.
  if (settings.INSTALLED_APPS.includes('manouche.contrib.admin')) {
    for (const app of apps.getAppConfigs()) if (!isContribApp(app.name)) await importAppModule(app, importModule, baseDir, 'admin');
  }

  configureMail(settings, { importModule });
  installCsrfTemplateValues();
  const databases = connectDatabases(settings.DATABASES, { baseDir });
  configureOrm({ databases, useTz: settings.USE_TZ, timeZone: settings.TIME_ZONE, defaultAutoField: settings.DEFAULT_AUTO_FIELD });
  await configureCaches(settings.CACHES as Record<string, CacheSettings> | undefined, { databases, baseDir, importModule });
  await configureChannels(settings);

  const staticfilesInstalled = settings.INSTALLED_APPS.includes('manouche.contrib.staticfiles');
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
      if (!entry)
        throw new ProjectSetupError(
          `TEMPLATES is empty in ${options.settingsModule ?? 'the settings'}: render() needs one template backend, such as { BACKEND: 'manouche.templates', APP_DIRS: true }.`,
        );
      const globals = {
        url: (name: string, argsOrKwargs?: readonly unknown[] | Record<string, unknown>) =>
          reverse(name, Array.isArray(argsOrKwargs) ? { args: argsOrKwargs } : { kwargs: argsOrKwargs as Record<string, unknown> | undefined }),
        static: staticfilesInstalled
          ? createStaticUrl({
              staticUrl,
              staticRoot: settings.STATIC_ROOT ? path.resolve(baseDir, settings.STATIC_ROOT) : null,
              debug: settings.DEBUG,
              plainWithoutManifest: options.staticWithoutManifest === true,
            })
          : (file: string) => `${staticUrl}${file.replace(/^\/+/, '')}`,
      };
      const engine = templateEngineFromSettings(entry, {
        baseDir,
        appConfigs: apps.getAppConfigs(),
        debug: settings.DEBUG,
        timeZone: settings.TIME_ZONE,
        importModule,
        globals,
      });
      // FORM_RENDERER over the same folders: a project's django/forms/*.html overrides the built-in form layouts.
      setDefaultRenderer(formRendererFromSettings(settings.FORM_RENDERER as string, { dirs: engine.dirs, debug: settings.DEBUG, globals }));
      setMediaStatic(globals.static);
      return engine;
    })());

  // With staticfiles installed and DEBUG off, STATIC_ROOT is served in front of the project (WhiteNoise's role);
  // in DEBUG, runserver serves the finders instead (see runserver-command.ts).
  const withStaticRoot = (app: AsgiApplication): AsgiApplication =>
    staticfilesInstalled && !settings.DEBUG ? withProjectStaticFiles({ settings, baseDir, apps }, app) : app;

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
        withStaticRoot(
          createApplication({
            settings,
            urls: await loadUrls(),
            templates: await loadTemplates(),
            apps,
            importModule,
            defaultOutsideRequests: true,
            // ASGI_APPLICATION's websocket route (Channels' ProtocolTypeRouter); without it handshakes are refused.
            websocket: await loadWebsocketApplication(settings, importModule),
          }),
        ))()),
    async close() {
      if (closed) return;
      closed = true;
      await closeCaches();
      await closeChannelLayers();
      await databases.closeAll();
    },
  };
  return project;
}
