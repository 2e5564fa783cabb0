import { closestMatches, didYouMean as suggestNames } from '@manouche/contracts/text';

/**
 * The known names closest to `wanted` (at most three), for "did you mean" hints: within a third of
 * the name's length in edits, or sharing its last `:`-part.
 */
export function closestNames(wanted: string, known: Iterable<string>): string[] {
  const wantedTail = wanted.slice(wanted.lastIndexOf(':') + 1);
  return closestMatches(wanted, known, {
    alsoAccept: (name) => wantedTail !== '' && name.slice(name.lastIndexOf(':') + 1) === wantedTail,
  });
}

/** `Did you mean "a" or "b"?` with a leading space, or '' when there is nothing close. */
export function didYouMean(wanted: string, known: Iterable<string>): string {
  return suggestNames(closestNames(wanted, known));
}
