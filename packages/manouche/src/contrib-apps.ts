import { createRequire } from 'node:module';
import path from 'node:path';
import type { ImportModule } from './setup.js';
import { FRAMEWORK_MODULES } from './framework-modules.js';

/**
 * The contrib apps this package ships, by INSTALLED_APPS name: the npm package that holds the
 * app and a loader per dotted module a project may name (`manouche.contrib.sessions.middleware`
 * in MIDDLEWARE, `manouche.contrib.auth.models` for the app's models). Loaders are literal
 * imports so bundlers see them. docs/contrib-apps.md describes the layout of such an app.
 */
interface ContribApp {
  /** The npm package that holds the app (its folder holds migrations/, templates/, static/). */
  readonly packageName: string;
  /** Dotted module name below the app (`''` = the app itself, `'models'`, `'middleware'`) → loader. */
  readonly modules: Readonly<Record<string, () => Promise<Record<string, unknown>>>>;
}

const CONTRIB_APPS: Readonly<Record<string, ContribApp>> = {
  'manouche.contrib.contenttypes': {
    packageName: '@manouche/contrib-contenttypes',
    modules: {
      '': () => import('@manouche/contrib-contenttypes'),
      models: () => import('@manouche/contrib-contenttypes/models'),
    },
  },
  'manouche.contrib.sessions': {
    packageName: '@manouche/contrib-sessions',
    modules: {
      '': () => import('@manouche/contrib-sessions'),
      models: () => import('@manouche/contrib-sessions/models'),
      middleware: () => import('@manouche/contrib-sessions/middleware'),
    },
  },
  'manouche.contrib.auth': {
    packageName: '@manouche/contrib-auth',
    modules: {
      '': () => import('@manouche/contrib-auth'),
      models: () => import('@manouche/contrib-auth/models'),
      middleware: () => import('@manouche/contrib-auth/middleware'),
      context_processors: () => import('@manouche/contrib-auth/context_processors'),
      urls: () => import('@manouche/contrib-auth/urls'),
    },
  },
  'manouche.contrib.messages': {
    packageName: '@manouche/contrib-messages',
    modules: {
      '': () => import('@manouche/contrib-messages'),
      middleware: () => import('@manouche/contrib-messages/middleware'),
      context_processors: () => import('@manouche/contrib-messages/context_processors'),
    },
  },
  'manouche.contrib.admin': {
    packageName: '@manouche/contrib-admin',
    modules: {
      '': () => import('@manouche/contrib-admin'),
      models: () => import('@manouche/contrib-admin/models'),
    },
  },
  'manouche.contrib.staticfiles': {
    packageName: '@manouche/contrib-staticfiles',
    modules: { '': () => import('@manouche/contrib-staticfiles') },
  },
};

/** The Django names users bring along, and the Manouche name to write instead. */
const DJANGO_APP_NAMES: Readonly<Record<string, string>> = {
  'django.contrib.admin': 'manouche.contrib.admin',
  'django.contrib.auth': 'manouche.contrib.auth',
  'django.contrib.contenttypes': 'manouche.contrib.contenttypes',
  'django.contrib.sessions': 'manouche.contrib.sessions',
  'django.contrib.messages': 'manouche.contrib.messages',
  'django.contrib.staticfiles': 'manouche.contrib.staticfiles',
};

const require = createRequire(import.meta.url);

/** The contrib app an INSTALLED_APPS name or dotted module belongs to, with the rest of the name. */
function findContribApp(specifier: string): { name: string; app: ContribApp; rest: string } | undefined {
  for (const [name, app] of Object.entries(CONTRIB_APPS)) {
    if (specifier === name) return { name, app, rest: '' };
    if (specifier.startsWith(`${name}.`)) return { name, app, rest: specifier.slice(name.length + 1) };
  }
  return undefined;
}

/** Whether an INSTALLED_APPS entry names one of the contrib apps this package ships. */
export function isContribApp(name: string): boolean {
  return name in CONTRIB_APPS;
}

/** The names of every contrib app this package ships. */
export function contribAppNames(): string[] {
  return Object.keys(CONTRIB_APPS);
}

/** The Manouche name for a Django contrib app or module name (`django.contrib.auth` → `manouche.contrib.auth`), or undefined. */
export function manoucheNameFor(djangoName: string): string | undefined {
  const app = Object.keys(DJANGO_APP_NAMES).find((name) => djangoName === name || djangoName.startsWith(`${name}.`));
  return app ? DJANGO_APP_NAMES[app] + djangoName.slice(app.length) : undefined;
}

/** The folder of a contrib app (its npm package's root), or undefined for any other name. */
export function contribAppFolder(name: string): string | undefined {
  const app = CONTRIB_APPS[name];
  return app ? path.dirname(require.resolve(`${app.packageName}/package.json`)) : undefined;
}

/**
 * Wraps a project's module importer so dotted names under a contrib app
 * (`manouche.contrib.auth`, `manouche.contrib.sessions.middleware`) load from the app's package;
 * every other name goes to `importModule`. An unknown module of a contrib app is an error
 * naming the modules it has.
 */
export function withContribApps(importModule: ImportModule): ImportModule {
  return async (specifier) => {
    const framework = FRAMEWORK_MODULES[specifier];
    if (framework) return framework();
    const found = findContribApp(specifier);
    if (!found) return importModule(specifier);
    const load = found.app.modules[found.rest];
    if (!load) {
      const known = Object.keys(found.app.modules).map((rest) => (rest ? `${found.name}.${rest}` : found.name));
      const error = new Error(`Cannot find module '${specifier}': the contrib app ${found.name} has the modules ${known.join(', ')}.`);
      Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND', specifier });
      throw error;
    }
    return load();
  };
}
