import { BadHeaderError } from './errors.js';

/** Throws BadHeaderError when `value` has a line break, which would let it start a header of its own. */
export function forbidMultiLineHeader(name: string, value: string): void {
  if (/[\r\n]/.test(value)) {
    throw new BadHeaderError(`Header values can't contain newlines (got ${JSON.stringify(value)} for header "${name}")`);
  }
}
