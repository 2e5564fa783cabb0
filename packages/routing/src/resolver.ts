import type { ResolverMatch, ReverseOptions, UrlResolver } from '@manouche/contracts';
import { ConverterTable, type Converter } from './converters.js';
import { flattenEndpoints, type Endpoint } from './endpoint.js';
import { loadUrlconf, type ImportModule } from './load-urlconf.js';
import { ReverseTable } from './reverse.js';
import { ShapeIndex } from './shape-index.js';
import type { UrlConf, UrlConfModule } from './urlconf.js';

/**
 * Options for createResolver.
 *
 * @example
 * await createResolver(urlpatterns, { importModule, converters: { year4: { regex: '[0-9]{4}', toValue: Number, toUrl: String } } });
 */
export interface ResolverOptions {
  /** Loads dotted URLconf modules named in include('blog.urls') (and a dotted root URLconf). */
  importModule?: ImportModule;
  /** Converters for this resolver only, on top of the built-ins and registerConverter() ones. */
  converters?: Record<string, Converter<any>>;
}

/**
 * A resolved path: the contract's ResolverMatch plus Django's `viewName`.
 *
 * @example
 * const match = resolver.resolve('/blog/2024/hello/');
 * match?.viewName; // 'blog:post_detail'
 */
export interface RouteMatch<View> extends ResolverMatch<View> {
  /** Namespaces and name joined (`blog:post_detail`), or null for an unnamed pattern. */
  viewName: string | null;
}

function toRouteMatch<View>(endpoint: Endpoint<View>, kwargs: Record<string, unknown>, args: unknown[]): RouteMatch<View> {
  return {
    view: endpoint.view,
    kwargs,
    args,
    urlName: endpoint.name,
    appNames: endpoint.appNames,
    namespaces: endpoint.namespaces,
    route: endpoint.route,
    viewName: endpoint.viewName,
  };
}

/**
 * A compiled URLconf: resolve() paths to views, reverse() names to paths. Implements the contracts'
 * UrlResolver; built by createResolver(). Its methods are bound and can be passed around alone.
 *
 * @example
 * const { reverse } = await createResolver(urlpatterns);
 * reverse('blog:post_list'); // '/blog/'
 */
export class Resolver<View> implements UrlResolver<View> {
  private readonly index: ShapeIndex<View>;
  private readonly names: ReverseTable<View>;
  private readonly descriptions: string[];

  /** @internal */
  constructor(
    private readonly endpoints: readonly Endpoint<View>[],
    names: ReverseTable<View>,
  ) {
    this.index = new ShapeIndex(endpoints);
    this.names = names;
    this.descriptions = endpoints.map((e) => e.description);
    // Bound, so `const { reverse } = resolver` can be handed to templates as their url() helper.
    this.resolve = this.resolve.bind(this);
    this.reverse = this.reverse.bind(this);
    this.describePatterns = this.describePatterns.bind(this);
  }

  /**
   * Finds the view for a decoded path (leading slash included), first match wins as in Django;
   * null when nothing matches (describePatterns() then lists what was tried).
   *
   * @example
   * resolver.resolve('/blog/2024/hello/'); // { view, kwargs: { year: 2024, slug: 'hello' }, urlName: 'post_detail', ... }
   */
  resolve(path: string): RouteMatch<View> | null {
    return this.index.match(path, toRouteMatch);
  }

  /**
   * Builds the path for a URL name (`'blog:post_detail'`), percent-encoding the arguments.
   * Throws NoReverseMatch listing every candidate pattern and why it did not fit.
   *
   * @example
   * resolver.reverse('blog:post_detail', { kwargs: { year: 2024, slug: 'hello' } }); // '/blog/2024/hello/'
   * resolver.reverse('blog:post_detail', { args: [2024, 'hello'] });
   */
  reverse(name: string, options?: ReverseOptions): string {
    return this.names.reverse(name, options);
  }

  /** Every pattern in resolution order, as the DEBUG 404 page lists them (`blog/ <int:year>/ [name='archive']`). */
  describePatterns(): string[] {
    return [...this.descriptions];
  }

  /** How the URLconf was compiled: endpoints, find-my-way routes, and endpoints checked level by level. */
  stats(): { endpoints: number; routerRoutes: number; levelByLevel: number } {
    return { endpoints: this.endpoints.length, routerRoutes: this.index.shapeCount, levelByLevel: this.index.slowEndpoints };
  }
}

/**
 * Loads a URLconf (patterns, a module object, or a dotted module name) with every include in it,
 * checks it (converter names, namespaces) and compiles it onto one find-my-way router.
 *
 * @example
 * const resolver = await createResolver([
 *   path('blog/', include(blogUrls, { namespace: 'blog' })),
 *   path('', home, { name: 'home' }),
 * ]);
 * resolver.reverse('blog:post_detail', { kwargs: { year: 2024, slug: 'hello' } });
 */
export async function createResolver<View>(urlconf: UrlConf<View> | UrlConfModule<View> | string, options: ResolverOptions = {}): Promise<Resolver<View>> {
  const tree = await loadUrlconf(urlconf, options.importModule);
  const endpoints = flattenEndpoints(tree, new ConverterTable(options.converters));
  return new Resolver(endpoints, new ReverseTable(tree, endpoints));
}
