import { isThenable, type Awaitable, type Settings, type TemplateEngine, type UrlResolver } from '@manouche/contracts';
import { ImproperlyConfigured, InvalidResponse, MiddlewareNotUsed } from './errors.js';
import { XFrameOptionsMiddleware } from './middleware/clickjacking.js';
import { CommonMiddleware } from './middleware/common.js';
import { CsrfViewMiddleware } from './middleware/csrf.js';
import { SecurityMiddleware } from './middleware/security.js';
import type { HttpRequest } from './request.js';
import { describeValue } from '@manouche/contracts/text';
import { HttpResponseBase } from './response.js';
import { callView, type ViewStep } from './call-view.js';
import type { ExceptionResponder } from './exception-response.js';
import { responseStepsOf, type ResponseSteps } from './middleware/response-steps.js';

/**
 * The next layer of the onion: the rest of the middleware and, at the centre, the view. It answers
 * with the response itself when every layer inside answered synchronously, else with a promise of
 * it (as Django's get_response is sync or async): `await` it either way.
 *
 * @example
 * const rememberPath: Middleware = (getResponse: GetResponse) => async (request) =>
 *   (await getResponse(request)).setCookie('last_path', request.path, { httpOnly: true });
 */
export type GetResponse = (request: HttpRequest) => Awaitable<HttpResponseBase>;

/**
 * What a middleware factory receives besides `getResponse`.
 *
 * @example
 * const maintenance: Middleware = (getResponse, { settings }: MiddlewareContext) => (request) =>
 *   settings.MAINTENANCE ? new HttpResponse('Back soon', { status: 503 }) : getResponse(request);
 */
export interface MiddlewareContext {
  settings: Settings;
  urls: UrlResolver<unknown>;
  templates?: TemplateEngine;
}

/**
 * Hooks a middleware may add (Django's process_view and process_exception).
 *
 * @example
 * const handler: MiddlewareHandler = (request) => getResponse(request);
 * handler.processException = (request, error) => (error instanceof Http404 ? render(request, 'not-found.html', {}, { status: 404 }) : null);
 */
export interface MiddlewareHooks {
  /** Called just before the view; returning a response skips the view. */
  processView?(
    request: HttpRequest,
    view: unknown,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ): Promise<HttpResponseBase | null | undefined | void> | HttpResponseBase | null | undefined | void;
  /** Called when the view throws; returning a response replaces the error. */
  processException?(request: HttpRequest, error: unknown): Promise<HttpResponseBase | null | undefined | void> | HttpResponseBase | null | undefined | void;
}

/**
 * What a middleware factory returns: the request handler, optionally carrying hooks.
 *
 * @example
 * export const staffOnly: Middleware = (getResponse) => {
 *   const handler: MiddlewareHandler = (request) => getResponse(request);
 *   handler.processView = (request, view) => (isStaffOnly(view) && !request.user.isStaff ? new HttpResponseForbidden() : null);
 *   return handler;
 * };
 */
export type MiddlewareHandler = ((request: HttpRequest) => Promise<HttpResponseBase> | HttpResponseBase) & MiddlewareHooks;

/**
 * A middleware: a factory called once with the next layer, returning the handler called per
 * request (Django's function form). Throw MiddlewareNotUsed from the factory to drop out.
 * A class whose constructor takes `(getResponse, context)` and which has a `handle(request)`
 * method (plus optional hooks) is accepted too.
 *
 * @example
 * export const timing: Middleware = (getResponse) => async (request) => {
 *   const started = performance.now();
 *   const response = await getResponse(request);
 *   response.headers.set('server-timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
 *   return response;
 * };
 */
export type Middleware = (getResponse: GetResponse, context: MiddlewareContext) => MiddlewareHandler;

/**
 * The built-in middleware by setting name.
 *
 * @example
 * Object.keys(BUILTIN_MIDDLEWARE); // ['manouche.middleware.security.SecurityMiddleware', 'manouche.middleware.common.CommonMiddleware', …]
 */
export const BUILTIN_MIDDLEWARE: Readonly<Record<string, Middleware>> = {
  'manouche.middleware.security.SecurityMiddleware': SecurityMiddleware,
  'manouche.middleware.common.CommonMiddleware': CommonMiddleware,
  'manouche.middleware.csrf.CsrfViewMiddleware': CsrfViewMiddleware,
  'manouche.middleware.clickjacking.XFrameOptionsMiddleware': XFrameOptionsMiddleware,
};

/** Django middleware that Manouche has no counterpart for yet, with what to do instead. */
const DJANGO_MIDDLEWARE_WITHOUT_COUNTERPART: Readonly<Record<string, string>> = {
  'django.middleware.gzip.GZipMiddleware': 'compress in the reverse proxy (nginx, Caddy) in front of the server',
  'django.middleware.locale.LocaleMiddleware': 'Manouche has no translation layer yet',
};

/** Django middleware that the cache framework (a tier-two package core does not know) provides. */
const DJANGO_CACHE_MIDDLEWARE: Readonly<Record<string, string>> = {
  'django.middleware.cache.UpdateCacheMiddleware': 'manouche.cache.middleware.UpdateCacheMiddleware',
  'django.middleware.cache.FetchFromCacheMiddleware': 'manouche.cache.middleware.FetchFromCacheMiddleware',
  'django.middleware.cache.CacheMiddleware': 'manouche.cache.middleware.CacheMiddleware',
  'django.middleware.http.ConditionalGetMiddleware': 'manouche.cache.middleware.ConditionalGetMiddleware',
};

/**
 * The Manouche name for a Django middleware name: `django.middleware.<m>.<Class>` →
 * `manouche.middleware.<m>.<Class>` for the built-ins, `django.contrib.<app>.middleware.<Class>` →
 * `manouche.contrib.<app>.middleware.<Class>`; undefined for other names.
 *
 * @example
 * manoucheMiddlewareName('django.middleware.csrf.CsrfViewMiddleware'); // 'manouche.middleware.csrf.CsrfViewMiddleware'
 * manoucheMiddlewareName('django.contrib.sessions.middleware.SessionMiddleware'); // 'manouche.contrib.sessions.middleware.SessionMiddleware'
 */
export function manoucheMiddlewareName(djangoName: string): string | undefined {
  if (djangoName.startsWith('django.middleware.')) {
    const name = `manouche.${djangoName.slice('django.'.length)}`;
    return name in BUILTIN_MIDDLEWARE ? name : DJANGO_CACHE_MIDDLEWARE[djangoName];
  }
  if (/^django\.contrib\.\w+\.middleware\.\w+$/.test(djangoName)) return `manouche.${djangoName.slice('django.'.length)}`;
  return undefined;
}

function refuseDjangoName(entry: string): never {
  const manouche = manoucheMiddlewareName(entry);
  if (manouche) throw new ImproperlyConfigured(`MIDDLEWARE entry '${entry}' is Django's name: write '${manouche}' instead.`);
  const instead = DJANGO_MIDDLEWARE_WITHOUT_COUNTERPART[entry];
  if (instead) throw new ImproperlyConfigured(`MIDDLEWARE entry '${entry}' is a Django middleware Manouche does not have: remove it (${instead}).`);
  throw new ImproperlyConfigured(
    `MIDDLEWARE entry '${entry}' is a Django name Manouche does not know. The built-in middleware are: ${Object.keys(BUILTIN_MIDDLEWARE).join(', ')}; ` +
      "the contrib apps' are 'manouche.contrib.<app>.middleware.<Name>'.",
  );
}

/**
 * A MIDDLEWARE entry: a dotted `module.ExportName`, or a middleware function given directly.
 *
 * @example
 * const middleware: MiddlewareEntry[] = ['manouche.middleware.security.SecurityMiddleware', 'blog.middleware.timing', timing];
 */
export type MiddlewareEntry = string | Middleware;

/**
 * Imports a module by dotted path (`blog.middleware`); provided by whoever loads the project.
 *
 * @example
 * const importModule: ImportModule = (specifier) => import(`./${specifier.replaceAll('.', '/')}.js`);
 * createApplication({ settings, urls, importModule });
 */
export type ImportModule = (specifier: string) => Promise<Record<string, unknown>>;

/** A middleware loaded and named after its MIDDLEWARE entry. */
export interface LoadedMiddleware {
  entry: string;
  factory: unknown;
}

function describe(entry: MiddlewareEntry): string {
  return typeof entry === 'string' ? entry : entry.name || '(anonymous middleware function)';
}

/**
 * Loads every MIDDLEWARE entry: built-ins by name, anything else as `module.ExportName` through
 * `importModule`. A failure names the entry and what was tried.
 *
 * @example
 * await loadMiddleware(settings.MIDDLEWARE, importModule); // throws ImproperlyConfigured naming a bad entry
 */
export async function loadMiddleware(entries: readonly MiddlewareEntry[], importModule?: ImportModule): Promise<LoadedMiddleware[]> {
  const loaded: LoadedMiddleware[] = [];
  for (const entry of entries) {
    if (typeof entry === 'function') {
      loaded.push({ entry: describe(entry), factory: entry });
      continue;
    }
    if (typeof entry !== 'string')
      throw new ImproperlyConfigured(`MIDDLEWARE entry ${JSON.stringify(entry)} must be a dotted path string like 'blog.middleware.timing'`);
    const builtin = BUILTIN_MIDDLEWARE[entry];
    if (builtin) {
      loaded.push({ entry, factory: builtin });
      continue;
    }
    if (entry.startsWith('django.')) refuseDjangoName(entry);
    const dot = entry.lastIndexOf('.');
    if (dot <= 0 || dot === entry.length - 1) {
      throw new ImproperlyConfigured(`MIDDLEWARE entry '${entry}' is not a dotted path 'module.ExportName' nor a built-in middleware.`);
    }
    const moduleName = entry.slice(0, dot);
    const exportName = entry.slice(dot + 1);
    if (!importModule) {
      throw new ImproperlyConfigured(
        `MIDDLEWARE entry '${entry}' is not built in, and no importModule was given to createApplication to load module '${moduleName}'.`,
      );
    }
    let module: Record<string, unknown>;
    try {
      module = await importModule(moduleName);
    } catch (error) {
      throw new ImproperlyConfigured(`MIDDLEWARE entry '${entry}': cannot import module '${moduleName}': ${(error as Error).message}.`, { cause: error });
    }
    const factory = module?.[exportName];
    if (typeof factory !== 'function') {
      const exported = Object.keys(module ?? {}).join(', ') || 'nothing';
      throw new ImproperlyConfigured(
        `MIDDLEWARE entry '${entry}': module '${moduleName}' has no middleware function '${exportName}' (it exports: ${exported}).`,
      );
    }
    loaded.push({ entry, factory });
  }
  return loaded;
}

function isClass(fn: unknown): fn is new (...args: unknown[]) => Record<string, unknown> {
  return typeof fn === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

interface Instance extends MiddlewareHooks {
  handle: (request: HttpRequest) => Promise<HttpResponseBase> | HttpResponseBase;
}

function instantiate(loaded: LoadedMiddleware, getResponse: GetResponse, context: MiddlewareContext): Instance {
  if (isClass(loaded.factory)) {
    const object = new loaded.factory(getResponse, context) as unknown as Instance;
    if (typeof object.handle !== 'function') {
      throw new ImproperlyConfigured(`MIDDLEWARE entry '${loaded.entry}': a middleware class needs a handle(request) method`);
    }
    return {
      handle: object.handle.bind(object),
      processView: object.processView?.bind(object),
      processException: object.processException?.bind(object),
    };
  }
  const handler = (loaded.factory as Middleware)(getResponse, context);
  if (typeof handler !== 'function') {
    throw new ImproperlyConfigured(`MIDDLEWARE entry '${loaded.entry}': the factory returned ${typeof handler}, expected a (request) => response function`);
  }
  return { handle: handler, processView: handler.processView?.bind(handler), processException: handler.processException?.bind(handler) };
}

/**
 * One MIDDLEWARE layer as Django's convert_exception_to_response wraps it: what it throws or rejects
 * with, or a value that is not a response, becomes the response for that error. A response given
 * synchronously is passed on as it is; this runs for every layer of every request.
 */
function convertingErrors(layer: MiddlewareHandler, entry: string, toResponse: ExceptionResponder): GetResponse {
  const notAResponse = (value: unknown) => new InvalidResponse(`MIDDLEWARE entry '${entry}' returned ${describeValue(value)} instead of an HttpResponse`);
  return (request) => {
    let result: Promise<HttpResponseBase> | HttpResponseBase;
    try {
      result = layer(request);
    } catch (error) {
      return toResponse(request, error);
    }
    if (result instanceof HttpResponseBase) return result;
    if (!isThenable(result)) return toResponse(request, notAResponse(result));
    return Promise.resolve(result).then(
      (response) => (response instanceof HttpResponseBase ? response : toResponse(request, notAResponse(response))),
      (error: unknown) => toResponse(request, error),
    );
  };
}

/**
 * Consecutive layers made of response steps (the built-in middleware; `layers[0]` outermost) run as
 * convertingErrors would run each of their handlers, with the conversions in the same steps: what a
 * `before` or `after` throws, or what the layers inside reject with, becomes the response for that error,
 * which the layers outside finish. Behind an asynchronous view the whole run costs one promise reaction
 * instead of two per layer. Their steps return responses, so no value is checked.
 */
function convertingSteps(layers: readonly ResponseSteps[], inside: GetResponse, toResponse: ExceptionResponder): GetResponse {
  const innermost = layers.length - 1;
  // The after steps of layer `i` and of every layer outside it, on a response that is there.
  const finishFrom = (i: number, request: HttpRequest, response: HttpResponseBase): Awaitable<HttpResponseBase> => {
    let current = response;
    for (; i >= 0; i--) {
      try {
        current = layers[i]!.after(request, current);
      } catch (error) {
        return settleFrom(i - 1, request, toResponse(request, error));
      }
    }
    return current;
  };
  // Layer `i` and the layers outside it go on once `pending` (what the layer inside answered) settles.
  const settleFrom = (i: number, request: HttpRequest, pending: Promise<HttpResponseBase>): Awaitable<HttpResponseBase> => {
    if (i < 0) return pending;
    return pending.then(
      (ready) => finishFrom(i, request, ready),
      (error: unknown) => settleFrom(i - 1, request, toResponse(request, error)),
    );
  };
  return (request) => {
    for (let i = 0; i <= innermost; i++) {
      const before = layers[i]!.before;
      if (before === undefined) continue;
      let early: HttpResponseBase | undefined;
      try {
        early = before(request);
      } catch (error) {
        return settleFrom(i - 1, request, toResponse(request, error));
      }
      if (early !== undefined) return finishFrom(i - 1, request, early);
    }
    let response: Awaitable<HttpResponseBase>;
    try {
      response = inside(request);
    } catch (error) {
      return settleFrom(innermost - 1, request, toResponse(request, error));
    }
    if (!isThenable(response)) return finishFrom(innermost, request, response);
    return settleFrom(innermost, request, Promise.resolve(response));
  };
}

/**
 * Builds the request handler: Django's onion of MIDDLEWARE (first entry outermost) around the
 * view step ({@link callView}: resolve, processView hooks, the view, processException hooks).
 * Every layer's errors become responses through `toResponse` before the next layer out sees
 * them, as Django's convert_exception_to_response; the handler never throws.
 */
export function buildRequestHandler(loaded: readonly LoadedMiddleware[], context: MiddlewareContext, toResponse: ExceptionResponder): GetResponse {
  // Its hook lists are filled while the layers are built below, before the handler is returned and called.
  const step: ViewStep = { view: [], exception: [], toResponse };
  const urls = context.urls;
  // The centre: the view step, which answers its own errors.
  let handle: GetResponse = (request) => callView(request, urls, step);
  // Layers made of response steps next to each other run as one (see convertingSteps): the open run, outermost
  // first, and the handler inside it.
  let run: ResponseSteps[] = [];
  let insideRun = handle;
  for (const middleware of [...loaded].reverse()) {
    let instance: Instance;
    try {
      instance = instantiate(middleware, handle, context);
    } catch (error) {
      if (error instanceof MiddlewareNotUsed) continue;
      if (error instanceof ImproperlyConfigured) throw error;
      throw new ImproperlyConfigured(`MIDDLEWARE entry '${middleware.entry}' failed to initialise: ${(error as Error).message}`, { cause: error });
    }
    if (instance.processView) step.view.unshift(instance.processView);
    if (instance.processException) step.exception.push(instance.processException);
    const steps = responseStepsOf(instance.handle);
    if (steps) {
      if (run.length === 0) insideRun = handle;
      run = [steps, ...run];
      handle = convertingSteps(run, insideRun, toResponse);
    } else {
      run = [];
      handle = convertingErrors(instance.handle, middleware.entry, toResponse);
    }
  }
  return handle;
}
