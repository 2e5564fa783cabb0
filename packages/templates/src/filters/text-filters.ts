/** Django's text filters: truncation, case, slugs, plurals, defaults, lengths. */
import { SafeString } from '../safe-string.js';
import { isTruthy, pythonInt, pythonLen, sameSafety, textOf, toNumber } from './python-values.js';
import { quote } from './urlize.js';

/** Whether a UTF-16 code unit is whitespace as the regular expression class `\s` defines it. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `truncatewords(value, 30)`: the first N words followed by " …"; whitespace is collapsed as Django does. */
export function truncatewords(value: unknown, length: unknown): unknown {
  const n = pythonInt(length);
  // Django returns the value unchanged when the length is not a number.
  if (n === undefined) return value;
  if (n <= 0) return sameSafety(value, '');
  // Only the first n + 1 words are looked at: long bodies cost no more than short ones. A scan
  // by char code, not a regular expression: this filter ran on every post of a list page.
  const source = textOf(value);
  const end = source.length;
  let text = '';
  let count = 0;
  let truncated = false;
  let i = 0;
  // While the words so far are separated by single spaces, the result is one slice of the source
  // (joining them word by word made a rope that escaping then had to flatten).
  let first = -1;
  let last = -1;
  for (;;) {
    while (i < end && isSpace(source.charCodeAt(i))) i++;
    if (i === end) break;
    if (count === n) {
      truncated = true;
      break;
    }
    const start = i;
    while (i < end && !isSpace(source.charCodeAt(i))) i++;
    if (count === 0) first = start;
    else if (first !== -1 && (start !== last + 1 || source.charCodeAt(last) !== 32)) {
      text = source.slice(first, last);
      first = -1;
    }
    if (first === -1) text = `${text} ${source.slice(start, i)}`;
    last = i;
    count++;
  }
  if (first !== -1) text = source.slice(first, last);
  return sameSafety(value, truncated ? `${text} …` : text);
}

/** `truncatechars(value, 9)`: at most N characters, the last being "…" when the text was cut. */
export function truncatechars(value: unknown, length: unknown): unknown {
  const n = pythonInt(length);
  if (n === undefined) return value;
  const chars = Array.from(textOf(value).normalize('NFC'));
  if (n <= 0) return sameSafety(value, '');
  if (chars.length <= n) return sameSafety(value, chars.join(''));
  return sameSafety(value, `${chars.slice(0, n - 1).join('')}…`);
}

/** `pluralize(count)` → "s" unless count is 1; `pluralize(count, 'y,ies')`, `pluralize(items, 'es')` (arrays count by length). */
export function pluralize(value: unknown, suffixes: unknown = 's'): string {
  let arg = textOf(suffixes);
  if (!arg.includes(',')) arg = `,${arg}`;
  const bits = arg.split(',');
  if (bits.length > 2) return '';
  const [singular = '', plural = ''] = bits;
  let count = toNumber(value);
  if (Number.isNaN(count)) {
    if (typeof value === 'string' || value instanceof SafeString) return '';
    const size = pythonLen(value);
    if (size === undefined) return '';
    count = size;
  }
  return count === 1 ? singular : plural;
}

/** `default(value, 'nothing')`: the argument when the value is false in Python's sense (empty, 0, null, …). */
export function defaultValue(value: unknown, fallback: unknown): unknown {
  return isTruthy(value) ? value : fallback;
}

/** `default_if_none(value, 'nothing')`: the argument only when the value is null or undefined. */
export function defaultIfNone(value: unknown, fallback: unknown): unknown {
  return value == null ? fallback : value;
}

/** `length(value)`: characters (code points) of a string, items of an array, map or set, keys of a plain object; 0 for anything else. */
export function length(value: unknown): number {
  if (typeof value === 'string' && !/[\ud800-\udfff]/.test(value)) return value.length;
  return pythonLen(value) ?? 0;
}

/** `slugify('Joel is a slug')` → "joel-is-a-slug": ASCII only, lowercase, hyphens. */
export function slugify(value: unknown): string {
  return textOf(value)
    .normalize('NFKD')
    .replace(/[^\x00-\x7f]/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

// Titlecase letters that are not the first letter of their uppercase form (Unicode's Lt digraphs).
const titlecase: Record<string, string> = { Ǆ: 'ǅ', ǅ: 'ǅ', ǆ: 'ǅ', Ǉ: 'ǈ', ǈ: 'ǈ', ǉ: 'ǈ', Ǌ: 'ǋ', ǋ: 'ǋ', ǌ: 'ǋ', Ǳ: 'ǲ', ǲ: 'ǲ', ǳ: 'ǲ' };
const cased = /\p{Cased}/u;

/** Python's titlecase of one character: 'ß' → 'Ss', 'ﬁ' → 'Fi', 'ǆ' → 'ǅ'. */
function titleChar(char: string): string {
  const special = titlecase[char];
  if (special) return special;
  const upper = char.toUpperCase();
  if (upper.length <= char.length) return upper;
  const [first = '', ...rest] = Array.from(upper);
  return first + rest.join('').toLowerCase();
}

/** Python's `str.title()`: a cased character after another cased one is lowered, any other is titlecased. */
function pythonTitle(text: string): string {
  let out = '';
  let previousCased = false;
  for (const char of text) {
    out += previousCased ? char.toLowerCase() : titleChar(char);
    previousCased = cased.test(char);
  }
  return out;
}

/** `title('my FIRST post')` → "My First Post", as Python's str.title() with Django's fixes for apostrophes and digits. */
export function title(value: unknown): string | SafeString {
  const titled = pythonTitle(textOf(value))
    .replace(/([a-z])'([A-Z])/g, (match) => match.toLowerCase())
    .replace(/\d([A-Z])/g, (match) => match.toLowerCase());
  return sameSafety(value, titled);
}

/** `upper(value)`. */
export function upper(value: unknown): string {
  return textOf(value).toUpperCase();
}

/** `lower(value)`. */
export function lower(value: unknown): string | SafeString {
  return sameSafety(value, textOf(value).toLowerCase());
}

/** `capfirst(value)`: the first character in upper case. */
export function capfirst(value: unknown): string | SafeString {
  const text = textOf(value);
  return sameSafety(value, text.charAt(0).toUpperCase() + text.slice(1));
}

/** `yesno(value, 'yeah,no,maybe')`: one of the words for true, false, and null/undefined (false when only two are given). */
export function yesno(value: unknown, words: unknown = 'yes,no,maybe'): unknown {
  const bits = textOf(words).split(',');
  if (bits.length < 2) return value;
  const [yes, no, maybe = no] = bits;
  if (value == null) return maybe;
  return isTruthy(value) ? yes : no;
}

/** `wordcount(value)`: the number of words. */
export function wordcount(value: unknown): number {
  return textOf(value).split(/\s+/).filter(Boolean).length;
}

/** `first(list)`: the first item, or '' when empty. */
export function first(value: unknown): unknown {
  if (typeof value === 'string' || value instanceof SafeString) return Array.from(String(value))[0] ?? '';
  if (value == null || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function') return '';
  for (const item of value as Iterable<unknown>) return item;
  return '';
}

/** `last(list)`: the last item, or '' when empty. */
export function last(value: unknown): unknown {
  if (typeof value === 'string' || value instanceof SafeString) return Array.from(String(value)).at(-1) ?? '';
  if (value == null || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function') return '';
  const items = Array.from(value as Iterable<unknown>);
  return items.length > 0 ? items[items.length - 1] : '';
}

/** `urlencode(value)`: percent-encodes for use in a URL ("/" kept unless `safe` is ''). */
export function urlencode(value: unknown, safe: unknown = '/'): string {
  const keep = new Set(Array.from(textOf(safe)));
  return Array.from(textOf(value))
    .map((char) => (keep.has(char) ? char : encodeURIComponent(char).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)))
    .join('');
}

/** `addslashes(value)`: a backslash before each backslash and quote (for CSV and the like). */
export function addslashes(value: unknown): string | SafeString {
  return sameSafety(
    value,
    textOf(value).replace(/[\\"']/g, (char) => `\\${char}`),
  );
}

function padTo(value: unknown, width: unknown, align: 'left' | 'right' | 'center'): unknown {
  const n = pythonInt(width);
  if (n === undefined)
    throw new TypeError(`${align === 'left' ? 'ljust' : align === 'right' ? 'rjust' : 'center'}() needs a number as its width, got ${JSON.stringify(width)}`);
  const text = textOf(value);
  const size = pythonLen(text) ?? 0;
  if (size >= n) return sameSafety(value, text);
  const margin = n - size;
  if (align === 'left') return sameSafety(value, text + ' '.repeat(margin));
  if (align === 'right') return sameSafety(value, ' '.repeat(margin) + text);
  // Python's str.center puts the odd space on the left when the width is odd.
  const left = Math.floor(margin / 2) + (margin & n & 1);
  return sameSafety(value, ' '.repeat(left) + text + ' '.repeat(margin - left));
}

/** `center(value, 15)`: the text centred in a field of that width (Python's str.center). */
export function center(value: unknown, width: unknown): unknown {
  return padTo(value, width, 'center');
}

/** `ljust(value, 10)`: the text left-aligned in a field of that width. */
export function ljust(value: unknown, width: unknown): unknown {
  return padTo(value, width, 'left');
}

/** `rjust(value, 10)`: the text right-aligned in a field of that width. */
export function rjust(value: unknown, width: unknown): unknown {
  return padTo(value, width, 'right');
}

/** `cut(value, ' ')`: every occurrence of the argument removed (a safe input stays safe unless ";" is cut, which could break an entity). */
export function cut(value: unknown, text: unknown): string | SafeString {
  const remove = textOf(text);
  const result = remove === '' ? textOf(value) : textOf(value).split(remove).join('');
  return value instanceof SafeString && remove !== ';' ? new SafeString(result) : result;
}

const phoneLetters: Record<string, string> = {
  a: '2',
  b: '2',
  c: '2',
  d: '3',
  e: '3',
  f: '3',
  g: '4',
  h: '4',
  i: '4',
  j: '5',
  k: '5',
  l: '5',
  m: '6',
  n: '6',
  o: '6',
  p: '7',
  q: '7',
  r: '7',
  s: '7',
  t: '8',
  u: '8',
  v: '8',
  w: '9',
  x: '9',
  y: '9',
  z: '9',
};

/** `phone2numeric('800-COLLECT')` → "800-2655328": letters as the digits of a phone keypad. */
export function phone2numeric(value: unknown): string | SafeString {
  return sameSafety(value, Array.from(textOf(value).toLowerCase(), (char) => phoneLetters[char] ?? char).join(''));
}

/** Python's str.splitlines(keepends=True). */
function splitLinesKeepEnds(text: string): string[] {
  return text.match(/[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]|$)/g)?.filter((line) => line !== '') ?? [];
}

/** `wordwrap(text, 40)`: lines wrapped at spaces to that width; existing line breaks kept, long words not broken. */
export function wordwrap(value: unknown, width: unknown): string | SafeString {
  const n = pythonInt(width);
  if (n === undefined) throw new TypeError(`wordwrap() needs a number as its width, got ${JSON.stringify(width)}`);
  let out = '';
  for (let line of splitLinesKeepEnds(textOf(value))) {
    let maxWidth = Math.min(line.endsWith('\n') ? n + 1 : n, n);
    while (Array.from(line).length > maxWidth) {
      const chars = Array.from(line);
      let space = chars.slice(0, maxWidth + 1).lastIndexOf(' ') + 1;
      if (space === 0) {
        space = chars.indexOf(' ') + 1;
        if (space === 0) {
          out += line;
          line = '';
          break;
        }
      }
      out += `${chars.slice(0, space - 1).join('')}\n`;
      line = chars.slice(space).join('');
      maxWidth = Math.min(line.endsWith('\n') ? n + 1 : n, n);
    }
    out += line;
  }
  return sameSafety(value, out);
}

const jsEscapes: Record<string, string> = {
  '\\': '\\u005C',
  "'": '\\u0027',
  '"': '\\u0022',
  '>': '\\u003E',
  '<': '\\u003C',
  '&': '\\u0026',
  '=': '\\u003D',
  '-': '\\u002D',
  ';': '\\u003B',
  '`': '\\u0060',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** `escapejs(value)`: the text escaped for a JavaScript string literal (quotes, <, >, &, control characters as \\uXXXX). Safe. */
export function escapejs(value: unknown): SafeString {
  return new SafeString(
    textOf(value).replace(
      /[\\'"<>&=\-;`\u2028\u2029\x00-\x1f]/g,
      (char) => jsEscapes[char] ?? `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    ),
  );
}

/** `iriencode(value)`: an IRI made a URI (non-ASCII and unsafe characters percent-encoded as UTF-8; reserved ones kept). */
export function iriencode(value: unknown): string | SafeString {
  return sameSafety(value, quote(textOf(value), "/#%[]=:;$&()+,!?*@'~"));
}

/** `make_list(value)`: the characters of the value's text (a number's digits too). */
export function make_list(value: unknown): string[] {
  return Array.from(textOf(value));
}
