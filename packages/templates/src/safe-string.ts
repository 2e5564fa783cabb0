/**
 * Safe strings: text that is already HTML and must not be escaped again, and the escaping
 * every `<%= %>` output goes through.
 */
import { escapeHtml } from '@manouche/contracts/text';
import { isThenable } from '@manouche/contracts';
import { notAwaitedOutput } from './not-awaited.js';
import { callFromTemplate } from './output-values.js';

/**
 * A string marked as safe HTML; `<%= %>` outputs it unchanged. Create one with `markSafe()`.
 *
 * @example
 * const banner: SafeString = markSafe('<strong>Sale</strong>');
 * escapeOutput(banner); // '<strong>Sale</strong>', not escaped
 */
export class SafeString {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
  toJSON(): string {
    return this.value;
  }
  get length(): number {
    return this.value.length;
  }
}

/**
 * Marks `value` as safe HTML so templates output it without escaping (Django's `mark_safe`).
 * Only mark text you built or sanitised yourself.
 *
 * @example
 * render('page.html', { banner: markSafe('<strong>Sale</strong>') });
 */
export function markSafe(value: unknown): SafeString {
  if (value instanceof SafeString) return value;
  return new SafeString(value == null ? '' : String(value));
}

/**
 * Whether `value` was marked safe.
 *
 * @example
 * isSafe(markSafe('<b>hi</b>')); // true
 * isSafe('<b>hi</b>'); // false
 */
export function isSafe(value: unknown): value is SafeString {
  return value instanceof SafeString;
}

/** HTML-escapes text (& < > " ', the quote as Django's `&#x27;`), whatever it is, safe or not. */
export { escapeHtml };

/**
 * What `<%= value %>` outputs: safe strings unchanged, `null`/`undefined` as nothing
 * (Django's empty `string_if_invalid`), everything else converted to text and escaped.
 */
export function escapeOutput(value: unknown): string {
  if (typeof value === 'string') return escapeHtml(value);
  if (value == null) return '';
  if (value instanceof SafeString) return value.value;
  if (typeof value === 'function') return escapeOutput(callFromTemplate(value as () => unknown, undefined));
  if (typeof value === 'object' && isThenable(value)) throw notAwaitedOutput(value);
  return escapeHtml(String(value));
}

/** What `<%~ value %>` outputs: the value as text, unescaped; `null`/`undefined` as nothing; a function is called. */
export function rawOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return rawOutput(callFromTemplate(value as () => unknown, undefined));
  if (value == null) return '';
  if (typeof value === 'object' && isThenable(value)) throw notAwaitedOutput(value);
  return String(value);
}

/**
 * Escapes `value` unless it is a safe string (Django's `conditional_escape`).
 *
 * @example
 * conditionalEscape('<b>Tom & Jerry</b>'); // '&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;'
 * conditionalEscape(markSafe('<b>hi</b>')); // '<b>hi</b>'
 */
export function conditionalEscape(value: unknown): string {
  return escapeOutput(value);
}
