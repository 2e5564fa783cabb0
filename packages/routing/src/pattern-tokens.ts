/**
 * The pieces a route or a regex is made of, shared by matching (shapes for find-my-way),
 * reversing (what to fill in) and debugging (how it was written). @internal
 */
export type PatternToken =
  /** Text that must appear as is (already unescaped for regexes). */
  | { kind: 'literal'; text: string }
  /** `<converter:name>` in a path() route. */
  | { kind: 'converter'; name: string; converter: string }
  /** A capturing group of a rePath regex: named (kwarg) or positional (arg `_0`, `_1`, ...). */
  | { kind: 'group'; name: string | null; source: string; quantifier: string }
  /** Any other regex atom (class, dot, escape class, non-capturing group), possibly quantified. */
  | { kind: 'dynamic'; source: string };

/** Conservatively, whether a regex fragment could match text containing `/`. @internal */
export function mayMatchSlash(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!/^[dwsbBnrtfv0.\-^$*+?()[\]{}|]$/.test(next)) return true;
      i++;
    } else if (c === '.' || c === '/') {
      return true;
    } else if (c === '[') {
      const end = classEnd(source, i);
      if (classMayMatchSlash(source.slice(i + 1, end))) return true;
      i = end;
    }
  }
  return false;
}

function classMayMatchSlash(body: string): boolean {
  const negated = body.startsWith('^');
  const members = negated ? body.slice(1) : body;
  let containsSlash = false;
  let opaque = false;
  for (let i = 0; i < members.length; i++) {
    let code: number;
    if (members[i] === '\\') {
      const next = members[i + 1] ?? '';
      i++;
      if (/^[dwsnrtfvb]$/.test(next)) continue;
      if (!/^[-\]\\^[.*+?(){}|$/]$/.test(next)) {
        opaque = true;
        continue;
      }
      code = next.charCodeAt(0);
    } else {
      code = members.charCodeAt(i);
    }
    if (members[i + 1] === '-' && i + 2 < members.length) {
      const high = members[i + 2] === '\\' ? members.charCodeAt(i + 3) : members.charCodeAt(i + 2);
      if (code <= 47 && high >= 47) containsSlash = true;
      i += members[i + 2] === '\\' ? 3 : 2;
      continue;
    }
    if (code === 47) containsSlash = true;
  }
  if (opaque) return true;
  return negated ? !containsSlash : containsSlash;
}

/** Index of the `]` closing the class that opens at `start`. @internal */
export function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

/** Escapes text for use inside a RegExp. @internal */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
