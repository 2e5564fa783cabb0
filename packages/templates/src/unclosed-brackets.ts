/**
 * Finds the bracket a template leaves open (or closes without opening) across its tags, so a
 * syntax error names the line of `<% if (…) { %>` that is never closed, not the end of the file.
 */
import { tokenizer, tokTypes } from 'acorn';
import type { UserRange } from './forgiving-code.js';

interface Open {
  char: string;
  line: number;
}

const closing: Record<string, string> = { '(': ')', '[': ']', '{': '}', '${': '}' };

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The first bracket problem in the template's own code, with the template line it is on. */
export function unbalancedBrackets(code: string, ranges: readonly UserRange[]): { line: number; detail: string } | undefined {
  const stack: Open[] = [];
  for (const range of ranges) {
    const text = code.slice(range.start, range.end);
    try {
      for (const token of tokenizer(text, { ecmaVersion: 'latest' })) {
        const label = token.type.label;
        const line = range.line + countNewlines(text, 0, token.start);
        if (token.type === tokTypes.parenL || token.type === tokTypes.bracketL || token.type === tokTypes.braceL || token.type === tokTypes.dollarBraceL) {
          stack.push({ char: token.type === tokTypes.dollarBraceL ? '${' : label, line });
        } else if (token.type === tokTypes.parenR || token.type === tokTypes.bracketR || token.type === tokTypes.braceR) {
          const open = stack.pop();
          if (!open) return { line, detail: `a "${label}" in a tag closes a bracket that no earlier tag opened` };
          if (closing[open.char] !== label) {
            return { line, detail: `a "${label}" in a tag closes the "${open.char}" opened at line ${open.line}, which needs a "${closing[open.char]}"` };
          }
        }
      }
    } catch {
      // A tag that does not even tokenize (an unterminated string) is reported by the parser.
      return undefined;
    }
  }
  const open = stack[stack.length - 1];
  if (!open) return undefined;
  const hint = open.char === '{' ? 'close it with <% } %> (or <% }) %> after a block() or include body)' : `close it with "${closing[open.char]}"`;
  return { line: open.line, detail: `the "${open.char}" opened here is never closed: ${hint}` };
}
