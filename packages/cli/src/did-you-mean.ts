import { rankMatches } from '@manouche/contracts/text';

/**
 * The known command names closest to `word` (ties included, and words starting with it): within a third of its length in
 * edits (at least 2), starting with it, or sharing most of it as a prefix (`makemigrate` → `makemigrations`).
 *
 * @example
 * suggest('migrat', ['migrate', 'makemigrations', 'runserver']); // ['migrate']
 */
export function suggest(word: string, known: readonly string[]): string[] {
  const ranked = rankMatches(word, known, {
    ignoreCase: true,
    maxDistance: Math.max(2, Math.floor(word.length / 3)),
    limit: Number.POSITIVE_INFINITY,
    alsoAccept: (candidate) => word.length >= 3 && (candidate.startsWith(word) || sharesMostOf(word, candidate)),
  });
  const best = ranked[0]?.distance ?? 0;
  return ranked
    .filter(({ candidate, distance }) => distance === best || candidate.startsWith(word))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

/** Whether `candidate` starts with at least three quarters of `word` (a truncated or mis-ended name). */
function sharesMostOf(word: string, candidate: string): boolean {
  let shared = 0;
  while (shared < word.length && word[shared]?.toLowerCase() === candidate[shared]?.toLowerCase()) shared++;
  return shared >= Math.ceil(word.length * 0.75);
}
