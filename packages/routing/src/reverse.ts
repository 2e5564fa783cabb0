import { describeValue } from '@manouche/contracts/text';
import type { CompiledConverter } from './converters.js';
import type { Endpoint } from './endpoint.js';
import { didYouMean } from './closest-name.js';
import { DuplicateNamespaceError, NoReverseMatch, type ReverseCandidate } from './errors.js';
import type { ResolverNode } from './load-urlconf.js';
import { quotePath } from './url-quote.js';

/** How to rebuild one endpoint's URL from arguments. */
interface ReverseTemplate {
  /** Pre-quoted literal text, or the index of a parameter. */
  parts: Array<string | number>;
  params: Array<{ name: string; accepts: (text: string) => boolean; converter: CompiledConverter | null; label: string }>;
  /** Distinct parameter names. */
  names: Set<string>;
  /** Why the endpoint cannot be reversed at all, if it cannot. */
  unsupported: string | null;
}

interface Reversible<View> {
  endpoint: Endpoint<View>;
  template: ReverseTemplate;
}

/** An instance namespace: the scope it opens, where it was declared, and its application namespace. */
interface NamespaceEntry<View> {
  scope: ReverseScope<View>;
  where: string;
  appName: string;
}

/** One URLconf level's names, namespaces and applications, as Django's reverse_dict/namespace_dict/app_dict. */
interface ReverseScope<View> {
  /** Per name, candidates in the order reverse tries them (the last defined first, as Django). */
  lookups: Map<string, Reversible<View>[]>;
  namespaces: Map<string, NamespaceEntry<View>>;
  apps: Map<string, string[]>;
}

function buildTemplate<View>(endpoint: Endpoint<View>): ReverseTemplate {
  const parts: Array<string | number> = ['/'];
  const params: ReverseTemplate['params'] = [];
  let positional = 0;
  for (const [piece, spec] of endpoint.specs.entries()) {
    if (spec.kind === 'route') {
      for (const token of spec.tokens) {
        if (token.kind === 'literal') parts.push(quotePath(token.text));
        else if (token.kind === 'converter') {
          const converter = endpoint.converters[piece].get(token.name)!;
          parts.push(params.length);
          params.push({ name: token.name, accepts: converter.accepts, converter, label: `<${token.converter}:${token.name}>` });
        }
      }
      continue;
    }
    const regex = spec.regex;
    if (regex.tokens === null) {
      return {
        parts,
        params,
        names: new Set(),
        unsupported: `its regex "${regex.written}" uses alternation, lookaround or flags that reverse() cannot fill in`,
      };
    }
    for (const token of regex.tokens) {
      if (token.kind === 'literal') parts.push(quotePath(token.text));
      else if (token.kind === 'dynamic') {
        return {
          parts,
          params,
          names: new Set(),
          unsupported: `its regex "${regex.written}" has "${token.source}" outside a capturing group, which reverse() cannot fill in`,
        };
      } else if (token.kind === 'group') {
        if (token.quantifier) {
          return {
            parts,
            params,
            names: new Set(),
            unsupported: `its regex "${regex.written}" has a quantified group "(${token.source})${token.quantifier}", which reverse() cannot fill in`,
          };
        }
        const name = token.name ?? `_${positional++}`;
        parts.push(params.length);
        const whole = new RegExp(`^(?:${token.source})$`, regex.flags);
        params.push({ name, accepts: (text) => whole.test(text), converter: null, label: `(${token.name ? `?<${token.name}>` : ''}${token.source})` });
      } else {
        return { parts, params, names: new Set(), unsupported: `its regex "${regex.written}" cannot be analysed` };
      }
    }
  }
  return { parts, params, names: new Set(params.map((p) => p.name)), unsupported: null };
}

const NO_KWARGS: Record<string, unknown> = {};

/** Whether `given` holds exactly the template's parameter names (the common case, checked without allocating). */
function exactKwargs(template: ReverseTemplate, given: Record<string, unknown>): boolean {
  let count = 0;
  for (const key in given) {
    if (!template.names.has(key)) return false;
    count++;
  }
  return count === template.names.size;
}

/** Explains why kwargs do not fit a template, or picks the values when they do (defaults filled in). */
function valuesFromKwargs<View>(endpoint: Endpoint<View>, template: ReverseTemplate, given: Record<string, unknown>): unknown[] | string {
  const defaults = endpoint.defaults;
  const { names } = template;
  const missing = [...names].filter((n) => !(n in given) && !(n in defaults));
  const unexpected = Object.keys(given).filter((n) => !names.has(n) && !(n in defaults));
  if (missing.length || unexpected.length) {
    const problems = [
      missing.length ? `missing ${missing.map((n) => `"${n}"`).join(', ')}` : '',
      unexpected.length ? `unexpected ${unexpected.map((n) => `"${n}"`).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return `expects keyword arguments {${[...names].join(', ')}}: ${problems}`;
  }
  for (const [key, value] of Object.entries(defaults)) {
    if (key in given && given[key] !== value) {
      return `kwargs.${key} = ${describeValue(given[key])} differs from the pattern's default ${describeValue(value)}`;
    }
  }
  return template.params.map((param) => (param.name in given ? given[param.name] : defaults[param.name]));
}

/** Builds the URL for one candidate (a string), or explains why it does not fit. */
function tryCandidate<View>(
  candidate: Reversible<View>,
  args: readonly unknown[] | undefined,
  kwargs: Record<string, unknown> | undefined,
): string | { reason: string } {
  const { template, endpoint } = candidate;
  if (template.unsupported) return { reason: template.unsupported };
  const { params } = template;
  let values: readonly unknown[] | null = null;
  if (args !== undefined && args.length > 0) {
    if (args.length !== params.length) {
      const names = params.map((p) => p.name).join(', ');
      return { reason: `expects ${params.length} positional argument(s)${names ? ` (${names})` : ''}, got ${args.length}` };
    }
    values = args;
  } else {
    const given = kwargs ?? NO_KWARGS;
    if (!endpoint.hasDefaults && exactKwargs(template, given)) {
      values = null;
    } else {
      const picked = valuesFromKwargs(endpoint, template, given);
      if (typeof picked === 'string') return { reason: picked };
      values = picked;
    }
  }
  let url = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      url += part;
      continue;
    }
    const param = params[part];
    const value = values === null ? kwargs![param.name] : values[part];
    let text: string;
    try {
      text = param.converter ? param.converter.toUrl(value) : String(value);
    } catch (error) {
      return { reason: `converter ${param.converter!.name} refused ${param.name} = ${describeValue(value)}: ${(error as Error).message}` };
    }
    if (typeof text !== 'string' || !param.accepts(text)) {
      return { reason: `${param.name} = ${describeValue(value)} does not match ${param.label}` };
    }
    try {
      url += quotePath(text);
    } catch {
      return { reason: `${param.name} = ${describeValue(value)} cannot be percent-encoded` };
    }
  }
  if (url.charCodeAt(1) === 47 && url.charCodeAt(0) === 47) url = `/%2F${url.slice(2)}`;
  return url;
}

/** Django's reverse(): namespaces (application and instance, with currentApp) and per-name candidates. @internal */
export class ReverseTable<View> {
  private readonly root: ReverseScope<View>;
  /** Every name reverse() accepts without currentApp, for "did you mean". */
  private readonly knownNames = new Set<string>();
  private readonly cache = new Map<string, Reversible<View>[]>();

  constructor(tree: ResolverNode<View>, endpoints: readonly Endpoint<View>[]) {
    let next = 0;
    const build = (node: ResolverNode<View>): ReverseScope<View> => {
      const built: Array<
        { kind: 'endpoint'; name: string | null; reversible: Reversible<View> } | { kind: 'resolver'; node: ResolverNode<View>; scope: ReverseScope<View> }
      > = [];
      for (const child of node.children) {
        if (child.kind === 'endpoint') {
          const endpoint = endpoints[next++];
          built.push({ kind: 'endpoint', name: child.name, reversible: { endpoint, template: buildTemplate(endpoint) } });
        } else {
          built.push({ kind: 'resolver', node: child, scope: build(child) });
        }
      }
      const scope: ReverseScope<View> = { lookups: new Map(), namespaces: new Map(), apps: new Map() };
      const addNamespace = (namespace: string, entry: NamespaceEntry<View>) => {
        const existing = scope.namespaces.get(namespace);
        if (existing) {
          throw new DuplicateNamespaceError(
            `URL namespace "${namespace}" is used twice in ${node.where}: by the include at ${existing.where} and by the include at ${entry.where}. Give one of them include(..., { namespace: '...' }) with another name.`,
            namespace,
          );
        }
        scope.namespaces.set(namespace, entry);
      };
      for (const child of built) {
        if (child.kind === 'endpoint') {
          if (child.name !== null) scope.lookups.set(child.name, [child.reversible, ...(scope.lookups.get(child.name) ?? [])]);
          continue;
        }
        const { node: resolver, scope: inner } = child;
        if (resolver.namespace) {
          scope.apps.set(resolver.appName!, [resolver.namespace, ...(scope.apps.get(resolver.appName!) ?? [])]);
          addNamespace(resolver.namespace, { scope: inner, where: resolver.where, appName: resolver.appName! });
          continue;
        }
        for (const [name, list] of inner.lookups) scope.lookups.set(name, [...list, ...(scope.lookups.get(name) ?? [])]);
        for (const [namespace, entry] of inner.namespaces) addNamespace(namespace, entry);
        for (const [app, list] of inner.apps) scope.apps.set(app, [...list, ...(scope.apps.get(app) ?? [])]);
      }
      return scope;
    };
    this.root = build(tree);
    const collect = (scope: ReverseScope<View>, prefixes: string[]) => {
      for (const name of scope.lookups.keys()) for (const prefix of prefixes) this.knownNames.add(prefix + name);
      for (const [namespace, entry] of scope.namespaces) {
        collect(
          entry.scope,
          prefixes.flatMap((prefix) => [`${prefix}${namespace}:`, `${prefix}${entry.appName}:`]),
        );
      }
    };
    collect(this.root, ['']);
  }

  private candidatesFor(viewName: string, currentApp: string | undefined): Reversible<View>[] {
    const cached = currentApp === undefined ? this.cache.get(viewName) : undefined;
    if (cached) return cached;
    const path = viewName.split(':');
    const view = path.pop()!;
    let currentPath = currentApp ? currentApp.split(':').reverse() : null;
    let scope = this.root;
    const resolved: string[] = [];
    for (let ns of path) {
      const currentNs = currentPath && currentPath.length ? currentPath.pop()! : null;
      const appList = scope.apps.get(ns);
      if (appList) {
        if (currentNs && appList.includes(currentNs)) ns = currentNs;
        else if (!appList.includes(ns)) ns = appList[0];
      }
      if (ns !== currentNs) currentPath = null;
      const entry = scope.namespaces.get(ns);
      if (!entry) {
        const known = [...new Set([...scope.namespaces.keys(), ...scope.apps.keys()])];
        const inside = resolved.length ? ` inside "${resolved.join(':')}"` : '';
        throw new NoReverseMatch(
          `Reverse for "${viewName}" failed: "${ns}" is not a registered namespace${inside}.` +
            (known.length ? didYouMean(ns, known) || ` Known namespaces here: ${known.join(', ')}.` : ' No namespaces are registered here.'),
          viewName,
        );
      }
      resolved.push(ns);
      scope = entry.scope;
    }
    const candidates = scope.lookups.get(view);
    if (!candidates) {
      throw new NoReverseMatch(
        `Reverse for "${viewName}" not found: "${view}" is not a URL name${resolved.length ? ` in namespace "${resolved.join(':')}"` : ''}.` +
          didYouMean(viewName, this.knownNames),
        viewName,
      );
    }
    if (currentApp === undefined) this.cache.set(viewName, candidates);
    return candidates;
  }

  /** The URL for a name and arguments; throws NoReverseMatch listing every candidate and why it did not fit. */
  reverse(viewName: string, options: { args?: readonly unknown[]; kwargs?: Record<string, unknown>; currentApp?: string } = {}): string {
    const { args, kwargs, currentApp } = options;
    if (args && args.length > 0 && kwargs && Object.keys(kwargs).length > 0) {
      throw new NoReverseMatch(`Reverse for "${viewName}" got both args and kwargs; pass one or the other.`, viewName);
    }
    const candidates = this.candidatesFor(viewName, currentApp);
    let tried: ReverseCandidate[] | null = null;
    for (const candidate of candidates) {
      const result = tryCandidate(candidate, args, kwargs);
      if (typeof result === 'string') return result;
      (tried ??= []).push({ route: candidate.endpoint.route, reason: result.reason });
    }
    tried ??= [];
    const given =
      args && args.length > 0
        ? `arguments [${args.map(describeValue).join(', ')}]`
        : kwargs && Object.keys(kwargs).length > 0
          ? `keyword arguments {${Object.entries(kwargs)
              .map(([k, v]) => `${k}: ${describeValue(v)}`)
              .join(', ')}}`
          : 'no arguments';
    throw new NoReverseMatch(
      `Reverse for "${viewName}" with ${given} not found. ${tried.length} pattern(s) tried:\n` + tried.map((t) => `  - "${t.route}": ${t.reason}`).join('\n'),
      viewName,
      tried,
    );
  }
}
