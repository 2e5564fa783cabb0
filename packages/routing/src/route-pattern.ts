import { RouteSyntaxError } from './errors.js';
import type { PatternToken } from './pattern-tokens.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Parses a Django route (`blog/<int:year>/<slug:slug>/`) into tokens. Converter names are checked
 * later, when the resolver knows its converters; syntax is checked here, where the route is written.
 * @internal
 */
export function parseRoute(route: string): PatternToken[] {
  if (typeof route !== 'string') {
    throw new RouteSyntaxError(`path() expects a route string, got ${typeof route}.`, String(route));
  }
  const tokens: PatternToken[] = [];
  const seen = new Set<string>();
  let literal = '';
  let i = 0;
  while (i < route.length) {
    const open = route.indexOf('<', i);
    const strayClose = route.indexOf('>', i);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      throw new RouteSyntaxError(
        `Route "${route}" has a ">" at position ${strayClose} without a matching "<"; parameters are written <converter:name>.`,
        route,
      );
    }
    if (open === -1) {
      literal += route.slice(i);
      break;
    }
    literal += route.slice(i, open);
    const close = route.indexOf('>', open + 1);
    const nextOpen = route.indexOf('<', open + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      throw new RouteSyntaxError(`Route "${route}" has an unbalanced "<" at position ${open}; parameters are written <converter:name>.`, route);
    }
    const inner = route.slice(open + 1, close);
    if (/\s/.test(inner)) {
      throw new RouteSyntaxError(`Route "${route}" cannot contain whitespace in angle brackets <${inner}>.`, route);
    }
    const colon = inner.indexOf(':');
    const converter = colon === -1 ? 'str' : inner.slice(0, colon);
    const name = colon === -1 ? inner : inner.slice(colon + 1);
    if (!IDENTIFIER.test(name)) {
      throw new RouteSyntaxError(
        `Route "${route}" uses parameter name "${name}", which is not a valid identifier; expected <converter:name> like <int:year>.`,
        route,
      );
    }
    if (converter === '') {
      throw new RouteSyntaxError(`Route "${route}" has an empty converter name in <${inner}>; expected <converter:name>.`, route);
    }
    if (seen.has(name)) {
      throw new RouteSyntaxError(`Route "${route}" uses parameter "${name}" twice; each parameter needs its own name.`, route);
    }
    seen.add(name);
    if (literal) tokens.push({ kind: 'literal', text: literal });
    literal = '';
    tokens.push({ kind: 'converter', name, converter });
    i = close + 1;
  }
  if (literal) tokens.push({ kind: 'literal', text: literal });
  return tokens;
}
