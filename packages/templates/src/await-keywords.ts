/**
 * Finding the `await` keyword in a template's code, and hiding it from the parser. Which functions
 * must become async is only known once the code is parsed, and acorn refuses `await` in a function
 * that is not async yet; so each `await` is parsed as `void` and the rewrite (forgiving-code.ts)
 * then knows every await by its offset.
 */
import { tokenizer } from 'acorn';
import type { UserRange } from './forgiving-code.js';

/**
 * Where the template's own code (inside `ranges`) uses the `await` keyword; undefined when the
 * code cannot be read (the parse reports why).
 */
export function findAwaits(code: string, ranges: readonly UserRange[]): number[] | undefined {
  const found: number[] = [];
  try {
    for (const token of tokenizer(code, { ecmaVersion: 'latest', allowReturnOutsideFunction: true })) {
      if (token.type.label === 'name' && (token as { value?: unknown }).value === 'await' && ranges.some((r) => token.start >= r.start && token.start < r.end))
        found.push(token.start);
    }
  } catch {
    return undefined;
  }
  return found;
}

/**
 * The code with each `await` at `positions` replaced by `void ` (an operator of the same length and
 * precedence), and `for await` by `for      `, so acorn parses it whatever function it sits in; the
 * rewrite then finds every await and decides which functions must be async.
 */
export function maskAwaits(code: string, positions: readonly number[]): string {
  let out = '';
  let cursor = 0;
  for (const pos of positions) {
    const forAwait = /\bfor\s*$/.test(code.slice(Math.max(0, pos - 16), pos));
    out += code.slice(cursor, pos) + (forAwait ? '     ' : 'void ');
    cursor = pos + 5;
  }
  return out + code.slice(cursor);
}
