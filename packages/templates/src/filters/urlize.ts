/**
 * Django's `urlize` and `urlizetrunc`: the text is split into words at spaces, quotes and
 * angle brackets; wrapping and trailing punctuation is trimmed; what is left becomes a link
 * when it is an http(s) URL, a `www.` or bare .com/.org/… domain, or an e-mail address.
 * International domains are written in punycode; the text is escaped unless it was safe.
 */
import { domainToASCII } from 'node:url';
import { Parser } from 'htmlparser2';
import { escapeHtml } from '../safe-string.js';

/** Decodes HTML entities (Python's `html.unescape`); words here hold no "<", so the tokenizer sees only text. */
function decodeHTML(text: string): string {
  if (!text.includes('&')) return text;
  let decoded = '';
  new Parser({ ontext: (data) => (decoded += data) }, { decodeEntities: true }).end(text);
  return decoded;
}

const trailingPunctuation = '.,:;!';
const wrapping: Array<[string, string]> = [
  ['(', ')'],
  ['[', ']'],
];
const wordSplit = /([\s<>"']+)/u;
const simpleUrl = /^https?:\/\/\[?[\p{L}\p{N}_]/iu;
const simpleUrl2 = /^www\.|^(?!http)[\p{L}\p{N}_][^@]+\.(com|edu|gov|int|mil|net|org)($|\/.*)$/iu;

/** Percent-decodes what decodes as UTF-8 and leaves the rest as written (Python's `unquote`). */
function unquote(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

const alwaysSafe = /[A-Za-z0-9_.\-~]/;

/** Python's `urllib.parse.quote(text, safe)`: every character but letters, digits, `_.-~` and `safe` percent-encoded as UTF-8. */
export function quote(text: string, safe: string): string {
  let out = '';
  for (const char of text) {
    if (alwaysSafe.test(char) || safe.includes(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function quotePlus(text: string): string {
  return quote(text, ' ').replace(/ /g, '+');
}

function unquotePlus(text: string): string {
  return unquote(text.replace(/\+/g, ' '));
}

const urlSafe = "!$&'()*+,;=:/?#[]@~";
function unquoteQuote(segment: string): string {
  return quote(unquote(segment), urlSafe);
}

/** Django's `smart_urlquote`: punycode for the host, the path and fragment quoted, the query re-encoded pair by pair. */
function smartUrlquote(url: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(url);
  if (!match) return unquoteQuote(url);
  const [, scheme = '', netloc = '', path = '', query, fragment] = match;
  let host = netloc;
  if (/[^\x00-\x7f]/.test(netloc)) {
    const at = netloc.lastIndexOf('@');
    const userinfo = at === -1 ? '' : netloc.slice(0, at + 1);
    const hostPort = netloc.slice(at + 1);
    const portAt = hostPort.lastIndexOf(':');
    const hostname = portAt === -1 ? hostPort : hostPort.slice(0, portAt);
    const ascii = domainToASCII(hostname.toLowerCase());
    if (ascii === '') return unquoteQuote(url);
    host = userinfo + ascii + (portAt === -1 ? '' : hostPort.slice(portAt));
  }
  let out = `${scheme}://${host}${unquoteQuote(path)}`;
  if (query) {
    const pairs = query
      .split('&')
      .filter((part) => part !== '')
      .map((part) => {
        const eq = part.indexOf('=');
        const [key, value] = eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
        return `${quotePlus(unquotePlus(key))}=${quotePlus(unquotePlus(value))}`;
      });
    if (pairs.length > 0) out += `?${pairs.join('&')}`;
  }
  if (fragment) out += `#${unquoteQuote(fragment)}`;
  return out;
}

function countOf(text: string, char: string): number {
  return text.split(char).length - 1;
}

function trimPunctuation(word: string): [string, string, string] {
  let lead = '';
  let middle = word;
  let trail = '';
  let trimmed = true;
  while (trimmed) {
    trimmed = false;
    for (const [opening, closing] of wrapping) {
      if (middle.startsWith(opening)) {
        middle = middle.slice(opening.length);
        lead += opening;
        trimmed = true;
      }
      // A closing bracket at the end stays when it is balanced (Wikipedia-style URLs).
      if (middle.endsWith(closing) && countOf(middle, closing) === countOf(middle, opening) + 1) {
        middle = middle.slice(0, -closing.length);
        trail = closing + trail;
        trimmed = true;
      }
    }
    // Trailing punctuation, after decoding entities so that the ";" of "&amp;" is not taken for punctuation.
    const unescaped = decodeHTML(middle);
    let end = unescaped.length;
    while (end > 0 && trailingPunctuation.includes(unescaped[end - 1] as string)) end--;
    if (end < unescaped.length) {
      const count = unescaped.length - end;
      trail = middle.slice(-count) + trail;
      middle = middle.slice(0, -count);
      trimmed = true;
    }
  }
  return [lead, middle, trail];
}

function isEmailSimple(value: string): boolean {
  if (!value.includes('@') || value.startsWith('@') || value.endsWith('@')) return false;
  const parts = value.split('@');
  if (parts.length !== 2) return false;
  const domain = parts[1] as string;
  if (domain.length > 63) return false;
  return domain.includes('.') && !domain.startsWith('.');
}

function trimUrl(text: string, limit: number | undefined): string {
  const chars = Array.from(text);
  if (limit === undefined || chars.length <= limit) return text;
  return `${chars.slice(0, Math.max(0, limit - 1)).join('')}…`;
}

function urlizeWord(word: string, options: UrlizeOptions): string {
  const { safeInput, autoescape, limit } = options;
  const plain = (): string => (safeInput || !autoescape ? word : escapeHtml(word));
  if (!word.includes('.') && !word.includes('@') && !word.includes(':')) return plain();
  let [lead, middle, trail] = trimPunctuation(word);
  let url: string | undefined;
  let nofollow = ' rel="nofollow"';
  if (simpleUrl.test(middle)) url = smartUrlquote(decodeHTML(middle));
  else if (simpleUrl2.test(middle)) url = smartUrlquote(`http://${decodeHTML(middle)}`);
  else if (!middle.includes(':') && isEmailSimple(middle)) {
    const at = middle.lastIndexOf('@');
    const domain = domainToASCII(middle.slice(at + 1).toLowerCase());
    if (domain === '') return plain();
    url = `mailto:${middle.slice(0, at)}@${domain}`;
    nofollow = '';
  }
  if (url === undefined) return plain();
  let trimmed = trimUrl(middle, limit);
  if (autoescape && !safeInput) {
    lead = escapeHtml(lead);
    trail = escapeHtml(trail);
    trimmed = escapeHtml(trimmed);
  }
  return `${lead}<a href="${escapeHtml(url)}"${nofollow}>${trimmed}</a>${trail}`;
}

interface UrlizeOptions {
  /** The text was a safe string: it is HTML already and is not escaped. */
  safeInput: boolean;
  autoescape: boolean;
  /** urlizetrunc's limit on the length of a link's text. */
  limit?: number;
}

/** Converts the URLs and e-mail addresses in `text` into links, as Django's `urlize` does. */
export function urlizeText(text: string, options: UrlizeOptions): string {
  return text
    .split(wordSplit)
    .map((word, index) => (index % 2 === 1 ? (options.safeInput || !options.autoescape ? word : escapeHtml(word)) : urlizeWord(word, options)))
    .join('');
}
