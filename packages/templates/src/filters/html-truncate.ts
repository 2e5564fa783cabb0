/**
 * `truncatechars_html` and `truncatewords_html`, as Django 5 runs them through its HTMLParser
 * (here htmlparser2): text is counted after decoding entities and written escaped, start tags
 * are kept as written, and the tags still open where the text is cut are closed.
 */
import { Parser } from 'htmlparser2';
import { escapeHtml } from '../safe-string.js';

/** Django's VOID_ELEMENTS: tags that have no end tag. */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

class TruncationCompleted extends Error {}

type Process = (data: string, remaining: number, output: readonly string[]) => { size: number; text: string; complete?: boolean };

function truncateHtml(html: string, length: number, replacement: string, process: Process): string {
  const output: string[] = [];
  const open: string[] = [];
  let remaining = length;
  let pending = '';
  let done = false;
  const addReplacement = (text: string): string => (text.endsWith(replacement) ? text : text + replacement);
  const flush = (): void => {
    if (pending === '' || done) return;
    const data = pending;
    pending = '';
    const step = process(data, remaining, output);
    if (step.complete) {
      output.push(step.text);
      throw new TruncationCompleted();
    }
    if (remaining < step.size) {
      remaining = 0;
      output.push(addReplacement(step.text));
      throw new TruncationCompleted();
    }
    remaining -= step.size;
    output.push(step.text);
  };
  const parser = new Parser(
    {
      ontext: (data) => {
        if (!done) pending += data;
      },
      onopentag: (name, _attributes, implied) => {
        if (done) return;
        flush();
        if (implied) return;
        output.push(html.slice(parser.startIndex, parser.endIndex + 1));
        if (!voidElements.has(name)) open.unshift(name);
      },
      onclosetag: (name, implied) => {
        if (done) return;
        flush();
        if (implied || voidElements.has(name)) return;
        output.push(`</${name}>`);
        const at = open.indexOf(name);
        if (at !== -1) open.splice(at, 1);
      },
      oncomment: () => {
        if (!done) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  try {
    parser.write(html);
    parser.end();
    flush();
  } catch (error) {
    if (!(error instanceof TruncationCompleted)) throw error;
    done = true;
    for (const tag of open) output.push(`</${tag}>`);
  }
  return output.join('');
}

/** Django's TruncateCharsHTMLParser: `length` characters of text, the last being "…" when cut. */
export function truncateCharsHtml(html: string, length: number): string {
  if (length <= 0) return '';
  let processed = 0;
  return truncateHtml(html.normalize('NFC'), length - 1, '…', (data, remaining, output) => {
    const chars = Array.from(data);
    processed += chars.length;
    // All of the text fits exactly: nothing is cut.
    if (processed === length && output.length + data.length === html.length) return { size: chars.length, text: data, complete: true };
    return { size: chars.length, text: escapeHtml(chars.slice(0, remaining).join('')) };
  });
}

/** Django's TruncateWordsHTMLParser: `length` words of text followed by " …" when cut. */
export function truncateWordsHtml(html: string, length: number): string {
  if (length <= 0) return '';
  return truncateHtml(html, length, ' …', (data, remaining) => {
    const words = data.split(/(?<=\S)\s+(?=\S)/);
    return { size: words.length, text: escapeHtml(words.slice(0, remaining).join(' ')) };
  });
}
