/** Edit distance and "did you mean" suggestions for error messages. */
export { editDistance, rankMatches, closestMatches, didYouMean } from './did-you-mean.js';
export type { ClosestMatchOptions, RankedMatch } from './did-you-mean.js';
/** One description of a value for error messages, the same in every layer. */
export { describeValue } from './describe-value.js';
/** Django's HTML escaping (`'` as `&#x27;`). */
export { escapeHtml } from './escape-html.js';
