/**
 * What resolving a path found. `View` is whatever the URLconf holds; the core layer calls it.
 *
 * @example
 * const match = resolver.resolve('/blog/2024/hello/');
 * if (match) await match.view(request, match.kwargs); // kwargs: { year: 2024, slug: 'hello' }
 */
export interface ResolverMatch<View = unknown> {
  view: View;
  /** Converted keyword arguments from named groups (`{ year: 2024, slug: 'hello' }`). */
  kwargs: Record<string, unknown>;
  /** Positional arguments from unnamed regex groups. */
  args: unknown[];
  /** The URL's name without namespaces (`post_detail`). */
  urlName: string | null;
  /** Application namespaces, outermost first. */
  appNames: string[];
  /** Instance namespaces, outermost first. */
  namespaces: string[];
  /** The full route as written, for debug pages (`blog/<int:year>/<slug:slug>/`). */
  route: string;
}

/**
 * Options for reverse: positional or keyword arguments, never both.
 *
 * @example
 * resolver.reverse('blog:post_detail', { kwargs: { year: 2024, slug: 'hello' } });
 * resolver.reverse('blog:archive', { args: [2024], currentApp: 'blog' });
 */
export type ReverseOptions =
  | { args?: readonly unknown[]; kwargs?: undefined; currentApp?: string }
  | { args?: undefined; kwargs?: Record<string, unknown>; currentApp?: string };

/**
 * The URLconf: maps paths to views and names back to paths.
 *
 * @example
 * const match = resolver.resolve('/blog/2024/hello/');
 * const url = resolver.reverse('blog:post_detail', { kwargs: { year: 2024, slug: 'hello' } });
 */
export interface UrlResolver<View = unknown> {
  /** Finds the view for a path (leading slash included), or null when nothing matches. */
  resolve(path: string): ResolverMatch<View> | null;
  /** Builds the path for a named URL; throws a NoReverseMatch-coded error explaining each candidate. */
  reverse(name: string, options?: ReverseOptions): string;
  /** Every pattern, in order, as written: for the DEBUG 404 page. */
  describePatterns(): string[];
}
