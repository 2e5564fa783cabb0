import { didYouMean } from '@manouche/contracts/text';
import { compilePiece, matchChain, type ChainLevel } from './chain-matcher.js';
import type { CompiledConverter, ConverterTable } from './converters.js';
import { UnknownConverterError } from './errors.js';
import type { EndpointNode, ResolverNode } from './load-urlconf.js';
import type { PatternSpec } from './urlconf.js';

/** A view-leading pattern with its whole chain from the root, in URLconf order. @internal */
export interface Endpoint<View> {
  /** Position in Django's resolution order. */
  index: number;
  view: View;
  name: string | null;
  /** Instance namespaces from the root, outermost first. */
  namespaces: string[];
  appNames: string[];
  /** The levels below the root, outermost first. */
  specs: PatternSpec[];
  /** Resolved converters per level, keyed by parameter name. */
  converters: Array<Map<string, CompiledConverter>>;
  levels: ChainLevel[];
  /** Whether any level adds default kwargs. */
  hasDefaults: boolean;
  /** All default kwargs merged (for reverse). */
  defaults: Record<string, unknown>;
  /** Namespaces and name joined (`blog:post_detail`), or null for an unnamed pattern. */
  viewName: string | null;
  /** The full route as Django joins it (`blog/<int:year>/`). */
  route: string;
  /** The route as the DEBUG 404 page lists it (`blog/ <int:year>/ [name='post_detail']`). */
  description: string;
  /** Django's reference matching of this endpoint alone. */
  matchChain(path: string, convert?: boolean): { kwargs: Record<string, unknown>; args: unknown[] } | null;
}

function specText(spec: PatternSpec): string {
  return spec.kind === 'route' ? spec.route : spec.regex.written;
}

function resolveConverters(spec: PatternSpec, table: ConverterTable, where: string): Map<string, CompiledConverter> {
  const resolved = new Map<string, CompiledConverter>();
  if (spec.kind !== 'route') return resolved;
  for (const token of spec.tokens) {
    if (token.kind !== 'converter') continue;
    const converter = table.get(token.converter);
    if (!converter) {
      const close = table.suggest(token.converter);
      throw new UnknownConverterError(
        `Route "${spec.route}" (${where}) uses unknown converter "${token.converter}" in <${token.converter}:${token.name}>.` +
          didYouMean(close) +
          ` Known converters: ${table.names().join(', ')}; add one with registerConverter() or createResolver(..., { converters }).`,
        spec.route,
        token.converter,
      );
    }
    resolved.set(token.name, converter);
  }
  return resolved;
}

/** Joins levels as Django's ResolverMatch.route does: a nested regex loses its leading `^`. */
function joinRoute(specs: PatternSpec[]): string {
  return specs
    .map((spec, i) => {
      const text = specText(spec);
      return i > 0 && spec.kind === 'regex' && text.startsWith('^') ? text.slice(1) : text;
    })
    .join('');
}

/** Flattens the loaded tree into endpoints in resolution order, resolving converter names. @internal */
export function flattenEndpoints<View>(root: ResolverNode<View>, table: ConverterTable): Endpoint<View>[] {
  const endpoints: Endpoint<View>[] = [];
  const walk = (
    node: ResolverNode<View>,
    specs: PatternSpec[],
    converters: Array<Map<string, CompiledConverter>>,
    levels: ChainLevel[],
    namespaces: string[],
    appNames: string[],
  ) => {
    for (const child of node.children) {
      const where = child.kind === 'resolver' ? child.where : `in ${node.where}`;
      const resolved = resolveConverters(child.spec!, table, where);
      const nextSpecs = [...specs, child.spec!];
      const nextConverters = [...converters, resolved];
      if (child.kind === 'resolver') {
        const level: ChainLevel = { match: compilePiece(child.spec!, false, resolved), defaults: child.defaults };
        walk(
          child,
          nextSpecs,
          nextConverters,
          [...levels, level],
          child.namespace ? [...namespaces, child.namespace] : namespaces,
          child.appName ? [...appNames, child.appName] : appNames,
        );
        continue;
      }
      endpoints.push(
        buildEndpoint(
          child,
          endpoints.length,
          nextSpecs,
          nextConverters,
          [...levels, { match: compilePiece(child.spec, true, resolved), defaults: child.defaults }],
          namespaces,
          appNames,
        ),
      );
    }
  };
  walk(root, [], [], [], [], []);
  return endpoints;
}

function buildEndpoint<View>(
  node: EndpointNode<View>,
  index: number,
  specs: PatternSpec[],
  converters: Array<Map<string, CompiledConverter>>,
  levels: ChainLevel[],
  namespaces: string[],
  appNames: string[],
): Endpoint<View> {
  const defaults: Record<string, unknown> = {};
  for (const level of levels) Object.assign(defaults, level.defaults);
  const pieces = specs.map(specText).filter((text) => text !== '');
  return {
    index,
    view: node.view,
    name: node.name,
    namespaces: Object.freeze(namespaces) as string[],
    appNames: Object.freeze(appNames) as string[],
    specs,
    converters,
    levels,
    hasDefaults: Object.keys(defaults).length > 0,
    defaults,
    viewName: node.name === null ? null : [...namespaces, node.name].join(':'),
    route: joinRoute(specs),
    description: [...pieces, node.name ? `[name='${node.name}']` : ''].filter((text) => text !== '').join(' '),
    matchChain: (path, convert) => matchChain(levels, path, convert),
  };
}
