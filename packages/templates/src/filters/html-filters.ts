/**
 * Django's filters that produce HTML: they escape their input (unless it is already safe or
 * autoescape is off) and return safe strings, so `<%= %>` outputs their markup as is.
 */
import { SafeString, escapeHtml, escapeOutput } from '../safe-string.js';
import { truncateCharsHtml, truncateWordsHtml } from './html-truncate.js';
import { dictEntries } from './python-format.js';
import { pythonInt, sameSafety, textOf } from './python-values.js';
import { urlizeText } from './urlize.js';

/** The HTML filters for an engine, with its autoescape setting. */
export function createHtmlFilters(autoescape: boolean) {
  const escapeUnlessSafe = (value: unknown): string => (autoescape && !(value instanceof SafeString) ? escapeHtml(textOf(value)) : textOf(value));

  return {
    /** `linebreaks(text)`: paragraphs in `<p>`, single newlines as `<br>`. */
    linebreaks(value: unknown): SafeString {
      const escaped = escapeUnlessSafe(value);
      // Text without line breaks (a truncated excerpt, a title) is one paragraph: no regular expressions needed.
      if (escaped.indexOf('\n') === -1 && escaped.indexOf('\r') === -1) return new SafeString(`<p>${escaped}</p>`);
      return new SafeString(paragraphsHtml(escaped.indexOf('\r') === -1 ? escaped : escaped.replace(/\r\n|\r/g, '\n')));
    },

    /** `linebreaksbr(text)`: every newline as `<br>`. */
    linebreaksbr(value: unknown): SafeString {
      const escaped = escapeUnlessSafe(value);
      const text = escaped.indexOf('\r') === -1 ? escaped : escaped.replace(/\r\n|\r/g, '\n');
      return new SafeString(text.indexOf('\n') === -1 ? text : text.replaceAll('\n', '<br>'));
    },

    /** `join(list, ', ')`: the items (a string's characters, a dict's keys) joined by the separator, each escaped. */
    join(value: unknown, separator: unknown = ''): unknown {
      const items = iterableItems(value);
      if (items === undefined) return value;
      if (!autoescape) return new SafeString(items.map(textOf).join(textOf(separator)));
      return new SafeString(items.map((item) => escapeOutput(item)).join(escapeOutput(separator)));
    },

    /** `urlize(text)`: http(s) URLs, www. and bare domains, and e-mail addresses become links (rel="nofollow"). */
    urlize(value: unknown): SafeString {
      return new SafeString(urlizeText(textOf(value), { safeInput: value instanceof SafeString, autoescape }));
    },

    /** `urlizetrunc(text, 15)`: as urlize, with each link's text cut to that many characters ("…" included). */
    urlizetrunc(value: unknown, limit: unknown): SafeString {
      const n = pythonInt(limit);
      if (n === undefined) throw new TypeError(`urlizetrunc() needs a number as its limit, got ${JSON.stringify(limit)}`);
      return new SafeString(urlizeText(textOf(value), { safeInput: value instanceof SafeString, autoescape, limit: n }));
    },

    /** `linenumbers(text)`: each line prefixed with its number ("01. "), the lines escaped unless the text is safe. */
    linenumbers(value: unknown): SafeString {
      const lines = textOf(value).split('\n');
      const width = String(lines.length).length;
      const escapeLine = autoescape && !(value instanceof SafeString);
      return new SafeString(lines.map((line, i) => `${String(i + 1).padStart(width, '0')}. ${escapeLine ? escapeHtml(line) : line}`).join('\n'));
    },

    /** `unordered_list(['States', ['Kansas', ['Lawrence']]])`: nested `<li>` items (without the outer `<ul>`), each escaped. */
    unordered_list(value: unknown): SafeString {
      const escaper = autoescape ? (item: unknown): string => escapeOutput(item) : textOf;
      return new SafeString(listItems(value, 1, escaper));
    },

    /** `truncatechars_html(html, 9)`: at most N characters of text, tags kept and closed. Escaped on output unless the input was safe. */
    truncatechars_html(value: unknown, length: unknown): unknown {
      const n = pythonInt(length);
      if (n === undefined) return value;
      return sameSafety(value, truncateCharsHtml(textOf(value), n));
    },

    /** `truncatewords_html(html, 30)`: the first N words of text, tags kept and closed. Escaped on output unless the input was safe. */
    truncatewords_html(value: unknown, length: unknown): unknown {
      const n = pythonInt(length);
      if (n === undefined) return value;
      return sameSafety(value, truncateWordsHtml(textOf(value), n));
    },

    /** `safeseq(list)`: each item marked safe (for a later join()). */
    safeseq(value: unknown): SafeString[] {
      return (iterableItems(value) ?? []).map((item) => (item instanceof SafeString ? item : new SafeString(textOf(item))));
    },

    /** `escapeseq(list)`: each item escaped unless it is safe (Django 5.0). */
    escapeseq(value: unknown): SafeString[] {
      return (iterableItems(value) ?? []).map((item) => new SafeString(escapeOutput(item)));
    },

    /** `json_script(value, 'element-id')`: the value as JSON in a `<script type="application/json">`, safe against `</script>`. */
    json_script(value: unknown, elementId?: unknown): SafeString {
      const json = (JSON.stringify(value ?? null, bigintAsNumber) ?? 'null').replace(/[<>&\u2028\u2029]/g, jsonEscape);
      const id = elementId == null || elementId === '' ? '' : ` id="${escapeHtml(textOf(elementId))}"`;
      return new SafeString(`<script${id} type="application/json">${json}</script>`);
    },

    /** `safe(value)`: marks the value as safe HTML (no escaping on output). */
    safe(value: unknown): SafeString {
      return value instanceof SafeString ? value : new SafeString(textOf(value));
    },

    /** `escape(value)`: escapes once, leaving a safe string as it is (Django's conditional escape); the result is safe. */
    escape(value: unknown): SafeString {
      return value instanceof SafeString ? value : new SafeString(escapeHtml(textOf(value)));
    },

    /** `force_escape(value)`: escapes now, even a safe string (escaping it again), and returns safe text. */
    force_escape(value: unknown): SafeString {
      return new SafeString(escapeHtml(textOf(value)));
    },
  };
}

/** Big integers (BigAutoField ids) as JSON numbers when exact, as strings otherwise. */
function bigintAsNumber(_key: string, value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
}

const jsonEscapes: Record<string, string> = { '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };
function jsonEscape(char: string): string {
  return jsonEscapes[char] as string;
}

/** The items Python iterates: a string's characters, a dict's keys, an iterable's items; undefined for anything else. */
export function iterableItems(value: unknown): unknown[] | undefined {
  if (typeof value === 'string') return Array.from(value);
  if (value instanceof SafeString) return Array.from(value.value);
  if (value == null) return undefined;
  if (value instanceof Map) return [...value.keys()];
  if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') return Array.from(value as Iterable<unknown>);
  const entries = dictEntries(value);
  return entries ? entries.map(([key]) => key) : undefined;
}

function isSublist(value: unknown): boolean {
  return Array.isArray(value);
}

/** Django's unordered_list walk: an item followed by a list has that list as its children. */
function listItems(items: unknown, tabs: number, escaper: (item: unknown) => string): string {
  const list = iterableItems(items) ?? [];
  const indent = '\t'.repeat(tabs);
  const output: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const next = list[i + 1];
    let sublist = '';
    if (next !== undefined && isSublist(next)) {
      i++;
      if ((next as unknown[]).length > 0) sublist = `\n${indent}<ul>\n${listItems(next, tabs + 1, escaper)}\n${indent}</ul>\n${indent}`;
    }
    output.push(`${indent}<li>${escaper(item)}${sublist}</li>`);
  }
  return output.join('\n');
}

/**
 * `text` (newlines already `\n`) as `<p>` paragraphs split at runs of two or more newlines, single
 * newlines as `<br>`, joined by a blank line. A scan with indexOf, not split() and replace() with
 * regular expressions: linebreaks runs on every post body of a page.
 */
function paragraphsHtml(text: string): string {
  let html = '';
  let start = 0;
  for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', start)) {
    html += `${paragraphHtml(text.slice(start, at))}\n\n`;
    start = at + 2;
    while (text.charCodeAt(start) === 10) start++;
  }
  return html + paragraphHtml(text.slice(start));
}

function paragraphHtml(text: string): string {
  return `<p>${text.indexOf('\n') === -1 ? text : text.replaceAll('\n', '<br>')}</p>`;
}
