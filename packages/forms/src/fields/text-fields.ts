/** Text fields: char, email, url, slug, regex, uuid. */
import type { WidgetClass } from '../widgets/widget.js';
import { domainToASCII } from 'node:url';
import type { Attrs, Widget } from '../widgets/widget.js';
import { EmailInput, Textarea, URLInput } from '../widgets/widget.js';
import { Field, isEmptyValue, type FieldOptions } from './field.js';

/**
 * Options of `char` and the text fields built on it.
 *
 * @example
 * title: forms.char({ maxLength: 250, minLength: 3, strip: true }),
 * nickname: forms.char({ required: false, emptyValue: null }), // string | null
 */
export interface CharFieldOptions extends FieldOptions {
  maxLength?: number;
  minLength?: number;
  /** Trim surrounding whitespace (default true). */
  strip?: boolean;
  /** What an empty optional value cleans to (default ''). */
  emptyValue?: string | null;
}

/**
 * Django's CharField: a string, trimmed, with optional length limits.
 *
 * @example
 * await forms.char({ maxLength: 5 }).clean('  hello  '); // 'hello'
 * await forms.char({ maxLength: 5 }).clean('hello world'); // ValidationError: Ensure this value has at most 5 characters (it has 11).
 */
export class CharField<T = string> extends Field<T> {
  readonly maxLength: number | undefined;
  readonly minLength: number | undefined;
  readonly strip: boolean;
  readonly emptyValue: string | null;
  protected static override defaultErrorMessages: Record<string, string> = {
    max_length: 'Ensure this value has at most %(limit_value)s characters (it has %(show_value)s).',
    min_length: 'Ensure this value has at least %(limit_value)s characters (it has %(show_value)s).',
    null_characters_not_allowed: 'Null characters are not allowed.',
  };

  constructor(options: CharFieldOptions = {}) {
    super(options);
    for (const key of ['maxLength', 'minLength'] as const) {
      const n = options[key];
      if (n !== undefined && (!Number.isInteger(n) || n < 0))
        throw new TypeError(`forms.char(): ${key} must be a whole number of at least 0, got ${String(n)}.`);
    }
    this.maxLength = options.maxLength;
    this.minLength = options.minLength;
    this.strip = options.strip ?? true;
    this.emptyValue = options.emptyValue === undefined ? '' : options.emptyValue;
    this.finishWidget();
  }

  override toPython(value: unknown): unknown {
    if (isEmptyValue(value)) return this.emptyValue;
    let text = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
    if (this.strip) text = text.trim();
    if (text === '') return this.emptyValue;
    return text;
  }

  override validate(value: unknown): void {
    super.validate(value);
    if (typeof value !== 'string') return;
    if (value.includes('\0')) throw this.error('null_characters_not_allowed');
    const length = [...value].length;
    if (this.maxLength !== undefined && length > this.maxLength) throw this.error('max_length', { limit_value: this.maxLength, show_value: length });
    if (this.minLength !== undefined && length < this.minLength) throw this.error('min_length', { limit_value: this.minLength, show_value: length });
  }

  override widgetAttrs(widget: Widget): Attrs {
    const attrs: Attrs = {};
    if (widget.isHidden) return attrs;
    if (this.maxLength !== undefined) attrs.maxlength = String(this.maxLength);
    if (this.minLength !== undefined) attrs.minlength = String(this.minLength);
    return attrs;
  }
}

const EMAIL_USER =
  /^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$|^"([\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0d-\x7f])*"$/i;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const TLD = /^(?!-)(?:[a-z-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)$/i;

function validHostname(host: string, requireTld: boolean): boolean {
  const ascii = domainToASCII(host.replace(/\.$/, ''));
  if (!ascii || ascii.length > 253) return false;
  const labels = ascii.split('.');
  if (labels.some((label) => !DOMAIN_LABEL.test(label))) return false;
  if (requireTld) return labels.length >= 2 && TLD.test(labels[labels.length - 1]!);
  return true;
}

/**
 * Django's EmailValidator: a dot-atom or quoted local part, a domain with a top-level domain or an IP literal.
 *
 * @example
 * isValidEmail('ana@example.com'); // true
 * isValidEmail('ana.example.com'); // false: no @
 */
export function isValidEmail(value: string): boolean {
  if (value.length > 320 || !value.includes('@')) return false;
  const at = value.lastIndexOf('@');
  const user = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!EMAIL_USER.test(user)) return false;
  if (domain === 'localhost') return true;
  const literal = /^\[(.+)\]$/.exec(domain);
  if (literal) return /^(\d{1,3}\.){3}\d{1,3}$/.test(literal[1]!) || /^ipv6:[0-9a-f:.]+$/i.test(literal[1]!);
  return validHostname(domain, true);
}

/**
 * Django's EmailField.
 *
 * @example
 * await forms.email().clean('ana@example.com'); // 'ana@example.com'
 * await forms.email().clean('ana@'); // ValidationError: Enter a valid email address.
 */
export class EmailField<T = string> extends CharField<T> {
  protected static override defaultWidget: WidgetClass = EmailInput;
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a valid email address.' };
  override validate(value: unknown): void {
    super.validate(value);
    if (typeof value === 'string' && value !== '' && !isValidEmail(value)) throw this.error('invalid');
  }
}

const URL_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'ftps:']);

/**
 * Options of `url`.
 *
 * @example
 * website: forms.url({ assumeScheme: 'https', required: false }),
 */
export interface URLFieldOptions extends CharFieldOptions {
  /** The scheme added to input without one (Django 5's default: http). */
  assumeScheme?: string;
}

/**
 * Django's URLField: adds the scheme when missing, then checks scheme and host.
 *
 * @example
 * await forms.url().clean('example.com/about'); // 'http://example.com/about'
 */
export class URLField<T = string> extends CharField<T> {
  protected static override defaultWidget: WidgetClass = URLInput;
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a valid URL.' };
  readonly assumeScheme: string;
  constructor(options: URLFieldOptions = {}) {
    super(options);
    this.assumeScheme = options.assumeScheme ?? 'http';
  }
  override toPython(value: unknown): unknown {
    const text = super.toPython(value);
    if (typeof text !== 'string' || text === '') return text;
    if (text.length > 2048) throw this.error('invalid');
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:]+:\d/.test(text) ? text : `${this.assumeScheme}://${text}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      throw this.error('invalid');
    }
    if (!URL_SCHEMES.has(url.protocol) || /\s/.test(withScheme)) throw this.error('invalid');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const ipv4 = /^(\d{1,3}\.){3}\d{1,3}$/.test(host);
    if (!(host === 'localhost' || ipv4 || host.includes(':') || validHostname(host, true))) throw this.error('invalid');
    return withScheme;
  }
}

/**
 * Options of `slug`.
 *
 * @example
 * slug: forms.slug({ allowUnicode: true }),
 */
export interface SlugFieldOptions extends CharFieldOptions {
  /** Accept Unicode letters as well as ASCII ones. */
  allowUnicode?: boolean;
}

/**
 * Django's SlugField: letters, numbers, underscores, hyphens.
 *
 * @example
 * await forms.slug().clean('my-first-post'); // 'my-first-post'
 * await forms.slug().clean('my first post'); // ValidationError
 */
export class SlugField<T = string> extends CharField<T> {
  readonly allowUnicode: boolean;
  constructor(options: SlugFieldOptions = {}) {
    super(options);
    this.allowUnicode = options.allowUnicode ?? false;
    if (this.allowUnicode)
      this.errorMessages.invalid = options.errorMessages?.invalid ?? 'Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens.';
  }
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid: 'Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.',
  };
  override validate(value: unknown): void {
    super.validate(value);
    if (typeof value !== 'string' || value === '') return;
    const ok = this.allowUnicode ? /^[-\p{L}\p{N}_]+$/u.test(value) : /^[-a-zA-Z0-9_]+$/.test(value);
    if (!ok) throw this.error('invalid');
  }
}

/**
 * Options of `regex`.
 *
 * @example
 * postcode: forms.regex({ regex: /^\d{5}$/, errorMessages: { invalid: 'Enter five digits.' } }),
 */
export interface RegexFieldOptions extends CharFieldOptions {
  /** The pattern the value must match (searched, as Django's RegexValidator does; anchor it with ^…$). */
  regex: RegExp | string;
}

/**
 * Django's RegexField.
 *
 * @example
 * await forms.regex({ regex: /^[A-Z]{3}$/ }).clean('EUR'); // 'EUR'
 */
export class RegexField<T = string> extends CharField<T> {
  readonly regex: RegExp;
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a valid value.' };
  constructor(options: RegexFieldOptions) {
    super(options);
    if (options.regex === undefined) throw new TypeError('forms.regex() needs a regex option, such as { regex: /^[A-Z]{3}$/ }.');
    this.regex = typeof options.regex === 'string' ? new RegExp(options.regex) : new RegExp(options.regex.source, options.regex.flags.replace('g', ''));
  }
  override validate(value: unknown): void {
    super.validate(value);
    if (typeof value === 'string' && value !== '' && !this.regex.test(value)) throw this.error('invalid');
  }
}

const UUID_HEX = /^[0-9a-f]{32}$/i;

/**
 * Django's UUIDField: a UUID in any of its usual spellings, cleaned to the canonical lower-case form with dashes.
 *
 * @example
 * await forms.uuid().clean('{12345678-1234-5678-1234-567812345678}'); // '12345678-1234-5678-1234-567812345678'
 */
export class UUIDField<T = string> extends CharField<T> {
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a valid UUID.' };
  constructor(options: CharFieldOptions = {}) {
    super({ ...options, emptyValue: options.emptyValue ?? null });
  }
  override toPython(value: unknown): unknown {
    const text = super.toPython(value);
    if (typeof text !== 'string' || text === '') return text;
    const hex = text
      .replace(/^urn:uuid:/i, '')
      .replace(/^\{|\}$/g, '')
      .replace(/-/g, '');
    if (!UUID_HEX.test(hex)) throw this.error('invalid');
    const h = hex.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  override prepareValue(value: unknown): unknown {
    return value;
  }
}

/** A CharField rendered as a textarea (what a model's text field becomes). @internal */
export function textareaCharOptions(options: CharFieldOptions): CharFieldOptions {
  return { ...options, widget: options.widget ?? Textarea };
}
