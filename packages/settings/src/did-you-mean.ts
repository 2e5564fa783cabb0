import { closestMatches } from '@manouche/contracts/text';

/**
 * The known setting name closest to a misspelt one, or undefined when none is close
 * (a case-insensitive match, or at most a third of the letters edited).
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const upper = name.toUpperCase();
  const exact = known.find((candidate) => candidate === upper);
  if (exact !== undefined) return exact;
  return closestMatches(upper, known, { limit: 1 })[0];
}
