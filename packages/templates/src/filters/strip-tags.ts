/**
 * `striptags` through a real HTML tokenizer (htmlparser2), as Django runs its HTMLParser:
 * tags and comments go, text stays as written (entities are not decoded), and text such as
 * `a < b > c` that is not a tag is kept.
 */
import { Parser } from 'htmlparser2';
import type { SafeString } from '../safe-string.js';
import { sameSafety, textOf } from './python-values.js';

function stripOnce(html: string): string {
  let text = '';
  const parser = new Parser({ ontext: (data) => (text += data) }, { decodeEntities: false, recognizeSelfClosing: true });
  parser.end(html);
  return text;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** The text of `html` with its tags removed, repeated while that still removes tags (`<scr<script>ipt>` cannot rebuild a tag). */
export function stripTags(html: string): string {
  let value = html;
  while (value.includes('<') && value.includes('>')) {
    const stripped = stripOnce(value);
    if (count(stripped, '<') === count(value, '<')) break;
    value = stripped;
  }
  return value;
}

/** `striptags(value)`: the text without [X]HTML tags; keeps a safe input safe, and `<%= %>` escapes the rest. */
export function striptags(value: unknown): string | SafeString {
  return sameSafety(value, stripTags(textOf(value)));
}
