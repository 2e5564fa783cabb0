import { UrlconfError } from './errors.js';
import type { Include, PatternSpec, UrlConf, UrlConfModule, UrlEntry } from './urlconf.js';

/**
 * Loads a module by specifier (`'blog.urls'`): usually `(s) => import(...)` mapped to a file.
 *
 * @example
 * const importModule: ImportModule = (specifier) => import(`./${specifier.replaceAll('.', '/')}.js`);
 * await createResolver('mysite.urls', { importModule });
 */
export type ImportModule = (specifier: string) => Promise<unknown>;

/** A view-leading pattern in the loaded tree. @internal */
export interface EndpointNode<View> {
  kind: 'endpoint';
  spec: PatternSpec;
  view: View;
  name: string | null;
  defaults: Record<string, unknown>;
}

/** A URLconf level (the root, or an include under a prefix). @internal */
export interface ResolverNode<View> {
  kind: 'resolver';
  /** null for the root, mounted at `/`. */
  spec: PatternSpec | null;
  namespace: string | null;
  appName: string | null;
  defaults: Record<string, unknown>;
  children: Array<EndpointNode<View> | ResolverNode<View>>;
  /** Where this level came from, for messages (`include('blog.urls') at "blog/"`). */
  where: string;
}

function describeSpec(spec: PatternSpec): string {
  return spec.kind === 'route' ? spec.route : spec.regex.written;
}

function isEntry(value: unknown): value is UrlEntry<unknown> {
  return value !== null && typeof value === 'object' && ((value as UrlEntry<unknown>).kind === 'pattern' || (value as UrlEntry<unknown>).kind === 'include');
}

async function loadSource<View>(
  source: Include<View>['source'],
  importModule: ImportModule | undefined,
  where: string,
  loading: string[],
): Promise<{ patterns: UrlConf<View>; appName: string | null; label: string }> {
  let module: unknown = source;
  let label = where;
  if (typeof source === 'string') {
    label = `"${source}"`;
    if (loading.includes(source)) {
      throw new UrlconfError(`URLconf "${source}" includes itself (${[...loading, source].join(' -> ')}).`, source);
    }
    if (!importModule) {
      throw new UrlconfError(`include("${source}") at ${where} names a module, but createResolver() was given no importModule option to load it.`, source);
    }
    try {
      module = await importModule(source);
    } catch (error) {
      throw new UrlconfError(`Could not load URLconf module "${source}" (included at ${where}): ${(error as Error).message}`, source, { cause: error });
    }
  }
  if (Array.isArray(module)) return { patterns: module as UrlConf<View>, appName: null, label };
  if (module !== null && typeof module === 'object') {
    const candidate = module as UrlConfModule<View> & { app_name?: string };
    const patterns = candidate.default ?? candidate.urlpatterns;
    if (Array.isArray(patterns)) {
      const appName = candidate.appName ?? candidate.app_name ?? null;
      return { patterns, appName: typeof appName === 'string' ? appName : null, label };
    }
  }
  throw new UrlconfError(
    `The URLconf ${label} does not have any patterns in it: expected an array of path()/rePath() entries, or a module exporting one as default (or urlpatterns).`,
    typeof source === 'string' ? source : where,
  );
}

async function loadLevel<View>(
  patterns: UrlConf<View>,
  node: ResolverNode<View>,
  label: string,
  importModule: ImportModule | undefined,
  loading: string[],
): Promise<void> {
  for (const [index, entry] of patterns.entries()) {
    if (!isEntry(entry)) {
      const shown =
        entry === null ? 'null' : Array.isArray(entry) ? 'an array' : typeof entry === 'object' ? 'an object' : `${typeof entry} ${JSON.stringify(entry)}`;
      throw new UrlconfError(`Entry ${index} of the URLconf ${label} is ${shown}; expected path(...) or rePath(...).`, label);
    }
    if (entry.kind === 'pattern') {
      node.children.push({ kind: 'endpoint', spec: entry.spec, view: entry.view, name: entry.name, defaults: { ...entry.defaults } });
      continue;
    }
    const route = describeSpec(entry.spec);
    const where = `"${route}" in ${label}`;
    const target = entry.target;
    const nextLoading = typeof target.source === 'string' ? [...loading, target.source] : loading;
    const loaded = await loadSource(target.source, importModule, where, loading);
    const appName = target.appName ?? loaded.appName ?? target.namespace;
    const child: ResolverNode<View> = {
      kind: 'resolver',
      spec: entry.spec,
      namespace: target.namespace ?? appName,
      appName,
      defaults: { ...entry.defaults },
      children: [],
      where,
    };
    await loadLevel(loaded.patterns, child, loaded.label, importModule, nextLoading);
    node.children.push(child);
  }
}

/** Loads a URLconf (patterns, module, or dotted name) and every include in it into a tree. @internal */
export async function loadUrlconf<View>(
  source: UrlConf<View> | UrlConfModule<View> | string,
  importModule: ImportModule | undefined,
): Promise<ResolverNode<View>> {
  const loaded = await loadSource(source, importModule, 'the root URLconf', []);
  const root: ResolverNode<View> = {
    kind: 'resolver',
    spec: null,
    namespace: null,
    appName: null,
    defaults: {},
    children: [],
    where: 'the root URLconf',
  };
  await loadLevel(loaded.patterns, root, loaded.label, importModule, typeof source === 'string' ? [source] : []);
  return root;
}
