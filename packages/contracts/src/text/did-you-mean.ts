/**
 * Edit distance between two words: insertions, deletions, substitutions and swaps of two
 * neighbours each count as one edit (the optimal string alignment distance).
 *
 * @example
 * editDistance('DEBG', 'DEBUG'); // 1
 * editDistance('form', 'from'); // 1 (a swap)
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * How {@link closestMatches} picks its candidates.
 *
 * @example
 * closestMatches('DEBG', ['DEBUG', 'DEFAULT_FROM_EMAIL'], { ignoreCase: true, limit: 1 }); // ['DEBUG']
 */
export interface ClosestMatchOptions {
  /** Compare without regard to case (the candidates are returned as written). Default false. */
  ignoreCase?: boolean;
  /** The most edits a candidate may be away. Default: a third of the wanted word's length, at least 1. */
  maxDistance?: number;
  /** How many candidates to return at most. Default 3. */
  limit?: number;
  /** Accepts a candidate further away than `maxDistance` (a shared suffix, a prefix). */
  alsoAccept?: (candidate: string) => boolean;
}

/**
 * A candidate with its edit distance from the wanted word.
 *
 * @example
 * const [best]: RankedMatch[] = rankMatches('migrat', ['migrate', 'makemigrations']); // { candidate: 'migrate', distance: 1 }
 */
export interface RankedMatch {
  candidate: string;
  distance: number;
}

/**
 * The known words closest to `wanted`, nearest first (ties in alphabetical order), with their
 * distances: for "did you mean" hints.
 *
 * @example
 * rankMatches('migrat', ['migrate', 'makemigrations']); // [{ candidate: 'migrate', distance: 1 }]
 */
export function rankMatches(wanted: string, known: Iterable<string>, options: ClosestMatchOptions = {}): RankedMatch[] {
  const fold = (word: string) => (options.ignoreCase ? word.toLowerCase() : word);
  const target = fold(wanted);
  const maxDistance = options.maxDistance ?? Math.max(1, Math.floor(wanted.length / 3));
  const ranked: RankedMatch[] = [];
  for (const candidate of known) {
    const distance = editDistance(target, fold(candidate));
    if (distance <= maxDistance || options.alsoAccept?.(candidate)) ranked.push({ candidate, distance });
  }
  ranked.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return ranked.slice(0, options.limit ?? 3);
}

/**
 * The known words closest to `wanted`, nearest first: within a third of its length in edits
 * unless `options` say otherwise.
 *
 * @example
 * closestMatches('DEBG', ['DEBUG', 'DATABASES']); // ['DEBUG']
 */
export function closestMatches(wanted: string, known: Iterable<string>, options: ClosestMatchOptions = {}): string[] {
  return rankMatches(wanted, known, options).map((match) => match.candidate);
}

/**
 * The end of an error message suggesting `names`: ` Did you mean "a" or "b"?` with a leading
 * space, or '' when there are none.
 *
 * @example
 * `Unknown setting "DEBG".${didYouMean(['DEBUG'])}`; // 'Unknown setting "DEBG". Did you mean "DEBUG"?'
 * didYouMean(['migrate'], "'"); // " Did you mean 'migrate'?"
 */
export function didYouMean(names: readonly string[], quote = '"'): string {
  if (names.length === 0) return '';
  return ` Did you mean ${names.map((name) => `${quote}${name}${quote}`).join(' or ')}?`;
}
