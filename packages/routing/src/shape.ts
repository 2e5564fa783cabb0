import type { CompiledConverter } from './converters.js';
import type { Endpoint } from './endpoint.js';
import { escapeRegex, mayMatchSlash, type PatternToken } from './pattern-tokens.js';

/** A token with the level it came from and, for a route parameter, its converter. */
interface Part {
  piece: number;
  token: PatternToken;
  converter?: CompiledConverter;
}

/**
 * The find-my-way route an endpoint is registered under: whole path segments, each static text or
 * one parameter (`/blog/:p0/:p1/`), optionally ending in a wildcard tail (`/files/*`). Every path the
 * endpoint matches fits its shape; which of the endpoints sharing a shape matches is decided after.
 * @internal
 */
export interface Shape {
  key: string;
  /** Static text, or null for a parameter segment. */
  segments: Array<string | null>;
  tail: boolean;
}

type FastCheck =
  | { key: string; single: true; name: string; converter: CompiledConverter }
  | { key: string; single: false; regex: RegExp; params: Array<{ name: string; converter: CompiledConverter }> };

/** An endpoint's shape and how to check it against find-my-way's parameters. @internal */
export interface EndpointShape<View> {
  endpoint: Endpoint<View>;
  shape: Shape;
  /** For each segment: null for static ones; for parameter ones a test of one segment's text (null when unknown). */
  segmentTests: Array<((text: string) => boolean) | null>;
  /** Checks from find-my-way's params alone, or null when the endpoint needs Django's level-by-level match. */
  fast: FastCheck[] | null;
}

const FIND_MY_WAY_SPECIAL = /[*?#%;]/;

function partSource(part: Part, named: boolean): string {
  const { token } = part;
  switch (token.kind) {
    case 'literal':
      return escapeRegex(token.text);
    case 'converter':
      return named ? `(?<${token.name}>${part.converter!.source})` : `(?:${part.converter!.source})`;
    case 'group':
      return `(?:${token.source})${token.quantifier}`;
    case 'dynamic':
      return `(?:${token.source})`;
  }
}

function compileOrNull(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

/** Within a segment (or the tail), a parameter followed by text of a later level could split differently than Django's level-by-level match. */
function ambiguous(parts: Part[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].token.kind === 'literal') continue;
    for (let j = i + 1; j < parts.length; j++) if (parts[j].piece !== parts[i].piece) return true;
  }
  return false;
}

function slashCapable(part: Part): boolean {
  const { token } = part;
  if (token.kind === 'literal') return false;
  if (token.kind === 'converter') return mayMatchSlash(part.converter!.source);
  return mayMatchSlash(token.source);
}

/** Works out an endpoint's shape and fast checks. @internal */
export function analyseEndpoint<View>(endpoint: Endpoint<View>): EndpointShape<View> {
  const parts: Part[] = [];
  let breakAt = -1;
  let needsChain = endpoint.hasDefaults;
  for (const [piece, spec] of endpoint.specs.entries()) {
    if (spec.kind === 'route') {
      for (const token of spec.tokens)
        parts.push({ piece, token, converter: token.kind === 'converter' ? endpoint.converters[piece].get(token.name) : undefined });
      continue;
    }
    needsChain = true;
    const regex = spec.regex;
    if (regex.tokens === null || !regex.anchoredStart) {
      breakAt = parts.length;
      break;
    }
    for (const token of regex.tokens) parts.push({ piece, token });
    if (piece === endpoint.specs.length - 1 && !regex.anchoredEnd) breakAt = parts.length;
  }
  const firstSlash = parts.findIndex(slashCapable);
  if (firstSlash !== -1 && (breakAt === -1 || firstSlash < breakAt)) breakAt = firstSlash;
  const tokenLimit = breakAt === -1 ? parts.length : breakAt;

  const segments: Part[][] = [];
  let current: Part[] = [];
  for (const part of parts.slice(0, tokenLimit)) {
    if (part.token.kind !== 'literal') {
      current.push(part);
      continue;
    }
    const chunks = part.token.text.split('/');
    chunks.forEach((chunk, i) => {
      if (i > 0) {
        segments.push(current);
        current = [];
      }
      if (chunk !== '') current.push({ piece: part.piece, token: { kind: 'literal', text: chunk } });
    });
  }
  const tail = breakAt !== -1;
  const fixed = tail ? segments : [...segments, current];
  const tailParts = tail ? [...current, ...parts.slice(breakAt)] : [];

  const shapeSegments: Array<string | null> = [];
  const segmentTests: EndpointShape<View>['segmentTests'] = [];
  const fast: FastCheck[] = [];
  const keyParts: string[] = [];
  let fastPossible = !needsChain;
  for (const segment of fixed) {
    const literalOnly = segment.every((p) => p.token.kind === 'literal');
    const text = literalOnly ? segment.map((p) => (p.token as { text: string }).text).join('') : '';
    if (literalOnly && !FIND_MY_WAY_SPECIAL.test(text)) {
      shapeSegments.push(text);
      segmentTests.push(null);
      keyParts.push(text.replaceAll(':', '::'));
      continue;
    }
    const key = `p${fast.length}`;
    shapeSegments.push(null);
    keyParts.push(`:${key}`);
    const test = compileOrNull(`^${segment.map((p) => partSource(p, false)).join('')}$`);
    segmentTests.push(test ? (value) => test.test(value) : null);
    if (ambiguous(segment)) fastPossible = false;
    if (segment.length === 1 && segment[0].token.kind === 'converter') {
      fast.push({ key, single: true, name: segment[0].token.name, converter: segment[0].converter! });
    } else {
      const params = segment.filter((p) => p.token.kind === 'converter').map((p) => ({ name: (p.token as { name: string }).name, converter: p.converter! }));
      fast.push({ key, single: false, regex: compileOrNull(`^${segment.map((p) => partSource(p, true)).join('')}$`) ?? /$^/, params });
    }
  }
  if (tail) {
    if (ambiguous(tailParts)) fastPossible = false;
    const params = tailParts.filter((p) => p.token.kind === 'converter').map((p) => ({ name: (p.token as { name: string }).name, converter: p.converter! }));
    const regex = fastPossible ? compileOrNull(`^${tailParts.map((p) => partSource(p, true)).join('')}$`) : null;
    if (regex === null) fastPossible = false;
    else fast.push({ key: '*', single: false, regex, params });
  }
  const key = '/' + keyParts.join('/') + (tail ? (keyParts.length ? '/*' : '*') : '');
  return {
    endpoint,
    shape: { key, segments: shapeSegments, tail },
    segmentTests,
    fast: fastPossible ? fast : null,
  };
}

function segmentsCompatible<View>(shape: Shape, other: EndpointShape<View>, count: number): boolean {
  for (let i = 0; i < count; i++) {
    const mine = shape.segments[i];
    const theirs = other.shape.segments[i];
    if (mine === null) continue;
    if (theirs !== null) {
      if (mine !== theirs) return false;
      continue;
    }
    const test = other.segmentTests[i];
    if (test && !test(mine)) return false;
  }
  return true;
}

/**
 * Whether some path fitting `shape` could match `other` (conservative: true when unsure). An earlier
 * endpoint that overlaps a shape must be tried before the shape's own endpoints, as Django would.
 * @internal
 */
export function shapesOverlap<View>(shape: Shape, other: EndpointShape<View>): boolean {
  const mine = shape.segments.length;
  const theirs = other.shape.segments.length;
  if (!shape.tail && !other.shape.tail) return mine === theirs && segmentsCompatible(shape, other, mine);
  if (!shape.tail) return mine >= theirs + 1 && segmentsCompatible(shape, other, theirs);
  if (!other.shape.tail) return theirs >= mine + 1 && segmentsCompatible(shape, other, mine);
  return segmentsCompatible(shape, other, Math.min(mine, theirs));
}

/** Runs an endpoint's fast checks on find-my-way's params. @internal */
export function runFastChecks(checks: FastCheck[], params: Record<string, string | undefined>): Record<string, unknown> | null {
  const kwargs: Record<string, unknown> = {};
  for (const check of checks) {
    const text = params[check.key] ?? '';
    if (check.single) {
      if (!check.converter.accepts(text)) return null;
      try {
        kwargs[check.name] = check.converter.toValue(text);
      } catch {
        return null;
      }
      continue;
    }
    const match = check.regex.exec(text);
    if (match === null) return null;
    for (const { name, converter } of check.params) {
      try {
        kwargs[name] = converter.toValue(match.groups![name]);
      } catch {
        return null;
      }
    }
  }
  return kwargs;
}
