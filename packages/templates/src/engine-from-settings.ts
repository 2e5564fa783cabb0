/**
 * Builds the engine from one TEMPLATES entry, as the meta-package does from settings:
 * DIRS relative to BASE_DIR, APP_DIRS from the installed apps, and context processors by name.
 */
import path from 'node:path';
import type { AppConfig, TemplateBackendSettings, TemplateGlobals } from '@manouche/contracts';
import { debugContextProcessor, requestContextProcessor, type ContextProcessor } from './context-processors.js';
import { createTemplateEngine, type ManoucheTemplateEngine } from './engine.js';
import { TemplateConfigurationError } from './errors.js';
import type { TemplateFilter } from './filters/builtin-filters.js';

/**
 * The BACKEND names of this engine.
 *
 * @example
 * backendNames.includes(settings.TEMPLATES[0]!.BACKEND); // true for BACKEND: 'manouche.templates'
 */
export const backendNames: readonly string[] = ['manouche.templates', '@manouche/templates'];

/**
 * What `templateEngineFromSettings()` needs besides the TEMPLATES entry.
 *
 * @example
 * templateEngineFromSettings(settings.TEMPLATES[0]!, { baseDir: settings.BASE_DIR, appConfigs: apps.getAppConfigs(), debug: settings.DEBUG, timeZone: settings.TIME_ZONE });
 */
export interface TemplateSettingsContext {
  /** BASE_DIR: relative DIRS are resolved against it. */
  baseDir: string;
  /** The installed apps in INSTALLED_APPS order; their `templatesDir` are searched when APP_DIRS is true. */
  appConfigs?: readonly AppConfig[];
  /** The DEBUG setting (OPTIONS.debug wins when set). */
  debug?: boolean;
  /** `url()`, `static()` and other functions for every template. */
  globals?: TemplateGlobals;
  /** Loads a module by dotted name (`blog.context_processors`), for context processors named in OPTIONS. */
  importModule?: (moduleName: string) => unknown;
  /** Extra filters for this engine. */
  filters?: Record<string, TemplateFilter>;
  /** TIME_ZONE, for the date filters. */
  timeZone?: string;
}

// csrf: the CSRF values (csrfToken(), csrfInput(), csrf_token) reach every template rendered with a
// request already (the meta-package registers them), so Django's csrf entry is accepted and adds nothing.
const csrfContextProcessor: ContextProcessor = () => undefined;

const builtinProcessors: Record<string, (debug: boolean) => ContextProcessor> = {
  'manouche.templates.context_processors.debug': debugContextProcessor,
  'manouche.templates.context_processors.request': () => requestContextProcessor,
  'manouche.templates.context_processors.csrf': () => csrfContextProcessor,
  'django.template.context_processors.debug': debugContextProcessor,
  'django.template.context_processors.request': () => requestContextProcessor,
  'django.template.context_processors.csrf': () => csrfContextProcessor,
};

const knownOptions = ['contextProcessors', 'context_processors', 'autoescape', 'debug', 'strict'];

function importedProcessor(dottedName: string, where: string, importModule: (moduleName: string) => unknown): ContextProcessor {
  const dot = dottedName.lastIndexOf('.');
  const moduleName = dottedName.slice(0, dot);
  const exportName = dottedName.slice(dot + 1);
  let loading: Promise<ContextProcessor> | undefined;
  const load = async (): Promise<ContextProcessor> => {
    let loaded: unknown;
    try {
      loaded = await importModule(moduleName);
    } catch (error) {
      throw new TemplateConfigurationError(
        `${where}: context processor "${dottedName}" could not be loaded: module "${moduleName}" failed to import (${(error as Error).message}).`,
        { cause: error },
      );
    }
    const processor = (loaded as Record<string, unknown> | null)?.[exportName];
    if (typeof processor !== 'function') {
      throw new TemplateConfigurationError(
        `${where}: context processor "${dottedName}" not found: module "${moduleName}" exports no function named "${exportName}".`,
      );
    }
    return processor as ContextProcessor;
  };
  return async (request) => {
    loading ??= load();
    return (await loading)(request);
  };
}

/**
 * Creates the engine one TEMPLATES entry describes.
 *
 * @example
 * const engine = templateEngineFromSettings(settings.TEMPLATES[0], {
 *   baseDir: settings.BASE_DIR, appConfigs: apps.getAppConfigs(), debug: settings.DEBUG,
 *   globals: { url: (name, args) => resolver.reverse(name, args), static: (p) => settings.STATIC_URL + p },
 * });
 */
export function templateEngineFromSettings(entry: TemplateBackendSettings, context: TemplateSettingsContext): ManoucheTemplateEngine {
  const where = 'TEMPLATES';
  if (!backendNames.includes(entry.BACKEND)) {
    throw new TemplateConfigurationError(
      `${where}: BACKEND ${JSON.stringify(entry.BACKEND)} is not this engine: expected one of ${backendNames.map((n) => `"${n}"`).join(', ')}.`,
    );
  }
  const options = entry.OPTIONS ?? {};
  for (const key of Object.keys(options)) {
    if (!knownOptions.includes(key)) {
      throw new TemplateConfigurationError(
        `${where}: unknown OPTIONS key "${key}" for BACKEND "${entry.BACKEND}": expected one of ${knownOptions.map((k) => `"${k}"`).join(', ')}.`,
      );
    }
  }
  if (options.autoescape !== undefined && typeof options.autoescape !== 'boolean') {
    throw new TemplateConfigurationError(`${where}: OPTIONS.autoescape must be true or false, got ${JSON.stringify(options.autoescape)}.`);
  }
  if (options.debug !== undefined && typeof options.debug !== 'boolean') {
    throw new TemplateConfigurationError(`${where}: OPTIONS.debug must be true or false, got ${JSON.stringify(options.debug)}.`);
  }
  if (options.strict !== undefined && typeof options.strict !== 'boolean') {
    throw new TemplateConfigurationError(`${where}: OPTIONS.strict must be true or false, got ${JSON.stringify(options.strict)}.`);
  }
  const debug = (options.debug as boolean | undefined) ?? context.debug ?? false;
  const names = (options.contextProcessors ?? options.context_processors ?? []) as unknown;
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
    throw new TemplateConfigurationError(
      `${where}: OPTIONS.contextProcessors must be a list of dotted names such as "manouche.templates.context_processors.request".`,
    );
  }
  const contextProcessors = (names as string[]).map((name, index): ContextProcessor => {
    const at = `${where} OPTIONS.contextProcessors[${index}]`;
    const builtin = builtinProcessors[name];
    if (builtin) return builtin(debug);
    if (!/^[\w$-]+(\.[\w$-]+)+$/.test(name)) {
      throw new TemplateConfigurationError(
        `${at}: "${name}" is not a dotted name "module.path.exportName" (built in: ${Object.keys(builtinProcessors).join(', ')}).`,
      );
    }
    if (!context.importModule) {
      throw new TemplateConfigurationError(`${at}: "${name}" names a module, but templateEngineFromSettings() was given no importModule to load it with.`);
    }
    return importedProcessor(name, at, context.importModule);
  });
  const dirs = (entry.DIRS ?? []).map((dir) => path.resolve(context.baseDir, dir));
  const appDirs = entry.APP_DIRS ? (context.appConfigs ?? []).flatMap((app) => (app.templatesDir ? [app.templatesDir] : [])) : [];
  return createTemplateEngine({
    dirs,
    appDirs,
    debug,
    globals: context.globals,
    contextProcessors,
    filters: context.filters,
    autoescape: options.autoescape as boolean | undefined,
    timeZone: context.timeZone,
    strict: options.strict as boolean | undefined,
  });
}
