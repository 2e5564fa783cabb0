import { parseRegex, type ParsedRegex } from './regex-pattern.js';
import { parseRoute } from './route-pattern.js';
import type { PatternToken } from './pattern-tokens.js';
import type { RegexKwargs, RouteKwargs } from './route-kwargs.js';

/** How one level of a URLconf matches: a path() route or a rePath() regex. @internal */
export type PatternSpec = { kind: 'route'; route: string; tokens: PatternToken[] } | { kind: 'regex'; regex: ParsedRegex };

/**
 * A URL that leads to a view: what path() and rePath() return for a view.
 *
 * @example
 * const home: UrlPattern<typeof homeView> = path('', homeView, { name: 'home' });
 * home.name; // 'home'
 */
export interface UrlPattern<View> {
  readonly kind: 'pattern';
  /** @internal */
  readonly spec: PatternSpec;
  readonly view: View;
  /** The name reverse() finds it by, without namespaces. */
  readonly name: string | null;
  /** Extra kwargs passed to the view (Django's third argument to path()). */
  readonly defaults: Readonly<Record<string, unknown>>;
}

/**
 * A prefix under which another URLconf is mounted: what path() and rePath() return for include().
 *
 * @example
 * const blog = path('blog/', include('blog.urls', { namespace: 'blog' })); // kind: 'include'
 */
export interface UrlIncludePattern<View> {
  readonly kind: 'include';
  /** @internal */
  readonly spec: PatternSpec;
  readonly target: Include<View>;
  readonly defaults: Readonly<Record<string, unknown>>;
}

/**
 * One entry of a URLconf.
 *
 * @example
 * const entries: UrlEntry<View>[] = [path('', home), path('blog/', include('blog.urls'))];
 */
export type UrlEntry<View> = UrlPattern<View> | UrlIncludePattern<View>;

/**
 * A URLconf: patterns tried in order, first match wins.
 *
 * @example
 * export const urlpatterns: UrlConf<View> = [path('', postList, { name: 'post_list' }), path('<slug:slug>/', postDetail, { name: 'post_detail' })];
 */
export type UrlConf<View> = ReadonlyArray<UrlEntry<View>>;

/**
 * A URLconf module: `export default [...]` (or `export const urlpatterns`) and optionally `export const appName`.
 *
 * @example
 * // blog/urls.ts
 * export const appName = 'blog';
 * export default [path('', postList, { name: 'post_list' })];
 */
export interface UrlConfModule<View> {
  default?: UrlConf<View>;
  urlpatterns?: UrlConf<View>;
  /** The application namespace (Django's `app_name`). */
  appName?: string;
}

/**
 * What include() returns, for path()/rePath() to mount.
 *
 * @example
 * const blog = include('blog.urls', { namespace: 'blog' }); // { kind: 'included', source: 'blog.urls', namespace: 'blog', appName: null }
 */
export interface Include<View> {
  readonly kind: 'included';
  /** The patterns, a module object, or a dotted module name loaded when the resolver is created. */
  readonly source: UrlConf<View> | UrlConfModule<View> | string;
  /** Instance namespace, when given. */
  readonly namespace: string | null;
  /** Application namespace given to include() (a module's `appName` otherwise). */
  readonly appName: string | null;
}

/**
 * Options for a path()/rePath() that leads to a view.
 *
 * @example
 * path('feed/', feedView, { name: 'feed', kwargs: { format: 'atom' } });
 */
export interface PathOptions {
  /** The name reverse() finds this URL by. */
  name?: string;
  /** Extra keyword arguments given to the view (Django's `kwargs` argument). */
  kwargs?: Record<string, unknown>;
}

/**
 * Options for a path()/rePath() that mounts an include().
 *
 * @example
 * path('fr/blog/', include('blog.urls'), { kwargs: { language: 'fr' } });
 */
export interface IncludePathOptions {
  /** Extra keyword arguments given to every view in the included URLconf. */
  kwargs?: Record<string, unknown>;
}

/**
 * Options for include().
 *
 * @example
 * include(blogPatterns, { namespace: 'news', appName: 'blog' });
 */
export interface IncludeOptions {
  /** The instance namespace; defaults to the application namespace. */
  namespace?: string;
  /** The application namespace when the patterns are a plain array (a module's `appName` otherwise). */
  appName?: string;
}

/** A view that is not a function, kept opaque (a function view goes through the typed-kwargs overload). */
type NonFunctionView<View> = View extends (...args: any[]) => any ? never : View;

function buildEntry<View>(spec: PatternSpec, target: unknown, options: PathOptions | IncludePathOptions | undefined): UrlEntry<View> {
  const defaults = Object.freeze({ ...(options?.kwargs ?? {}) });
  if (target !== null && typeof target === 'object' && (target as Include<View>).kind === 'included') {
    return Object.freeze({ kind: 'include', spec, target: target as Include<View>, defaults });
  }
  const name = (options as PathOptions | undefined)?.name ?? null;
  return Object.freeze({ kind: 'pattern', spec, view: target as View, name, defaults });
}

/**
 * A URL from a Django route: `<converter:name>` parameters (str, int, slug, uuid, path, or registered),
 * leading to a view or mounting an include(). Routes have no leading slash; the root URLconf is mounted at `/`.
 * A function view's kwargs are typed from the route.
 *
 * @example
 * path('blog/<int:year>/<slug:slug>/', (request, kwargs) => postDetail(kwargs.year, kwargs.slug), { name: 'post_detail' });
 * path('blog/', include('blog.urls'));
 */
export function path<View>(route: string, target: Include<View>, options?: IncludePathOptions): UrlIncludePattern<View>;
export function path<const R extends string, Req = any, Res = unknown>(
  route: R,
  view: (request: Req, kwargs: RouteKwargs<R>) => Res,
  options?: PathOptions,
): UrlPattern<(request: Req, kwargs: any) => Res>;
export function path<View>(route: string, view: NonFunctionView<View>, options?: PathOptions): UrlPattern<View>;
export function path(route: string, target: unknown, options?: PathOptions | IncludePathOptions): UrlEntry<unknown> {
  return buildEntry({ kind: 'route', route, tokens: parseRoute(route) }, target, options);
}

/**
 * A URL from a regular expression (Python `(?P<name>...)` or JavaScript `(?<name>...)` groups).
 * Named groups become string kwargs; without named groups, groups become positional args.
 *
 * @example
 * rePath('^archive/(?P<year>[0-9]{4})/$', (request, kwargs) => yearArchive(kwargs.year), { name: 'year_archive' });
 */
export function rePath<View>(regex: string | RegExp, target: Include<View>, options?: IncludePathOptions): UrlIncludePattern<View>;
export function rePath<const R extends string, Req = any, Res = unknown>(
  regex: R,
  view: (request: Req, kwargs: RegexKwargs<R>) => Res,
  options?: PathOptions,
): UrlPattern<(request: Req, kwargs: any) => Res>;
export function rePath<Req = any, Res = unknown>(
  regex: RegExp,
  view: (request: Req, kwargs: Record<string, string>) => Res,
  options?: PathOptions,
): UrlPattern<(request: Req, kwargs: any) => Res>;
export function rePath<View>(regex: string | RegExp, view: NonFunctionView<View>, options?: PathOptions): UrlPattern<View>;
export function rePath(regex: string | RegExp, target: unknown, options?: PathOptions | IncludePathOptions): UrlEntry<unknown> {
  return buildEntry({ kind: 'regex', regex: parseRegex(regex) }, target, options);
}

/**
 * Mounts another URLconf under a path()/rePath() prefix: an array of patterns, a module object
 * (`{ default, appName }`), or a dotted module name (`'blog.urls'`) that createResolver loads through
 * its `importModule` option. `namespace` is the instance namespace (defaults to the app namespace).
 *
 * @example
 * path('blog/', include('blog.urls', { namespace: 'blog' }));
 * path('news/', include(newsPatterns, { namespace: 'news', appName: 'blog' }));
 */
export function include(source: string, options?: IncludeOptions): Include<never>;
export function include<View>(source: UrlConf<View> | UrlConfModule<View>, options?: IncludeOptions): Include<View>;
export function include<View>(source: UrlConf<View> | UrlConfModule<View> | string, options: IncludeOptions = {}): Include<View> {
  return Object.freeze({
    kind: 'included',
    source,
    namespace: options.namespace ?? null,
    appName: options.appName ?? null,
  });
}
