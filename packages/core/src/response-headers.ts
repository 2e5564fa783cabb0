import { InvalidResponse } from './errors.js';

// RFC 9110 token characters: what a field name may contain.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A value may not break out of its line (header injection), nor carry NUL.
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

// Every response sets mostly the same names and values (content-type, the security headers…):
// those already checked are remembered, so the checks run once per distinct string, not per response.
const CHECKED_LIMIT = 512;
const checkedNames = new Map<string, string>();
const checkedValues = new Set<string>();

function fieldName(name: string): string {
  const known = checkedNames.get(name);
  if (known !== undefined) return known;
  const lower = name.toLowerCase();
  if (!TOKEN.test(lower))
    throw new InvalidResponse(`Invalid header name ${JSON.stringify(name)}: a header name is a token (letters, digits and !#$%&'*+-.^_\`|~)`);
  if (checkedNames.size < CHECKED_LIMIT) checkedNames.set(name, lower);
  return lower;
}

function fieldValue(name: string, value: string): string {
  if (checkedValues.has(value)) return value;
  const text = checkedFieldValue(name, value);
  // Only values that come back unchanged, and short ones: a cookie or an ETag is seldom seen twice.
  if (text === value && text.length <= 64 && checkedValues.size < CHECKED_LIMIT) checkedValues.add(text);
  return text;
}

function checkedFieldValue(name: string, value: string): string {
  let text = String(value);
  const last = text.length - 1;
  // Leading and trailing whitespace is dropped, as the Fetch standard's Headers does.
  if (last >= 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(last) <= 32)) text = text.replace(EDGE_WHITESPACE, '');
  if (FORBIDDEN_IN_VALUE.test(text)) throw new InvalidResponse(`Header "${name}" can't contain newlines or NUL, got ${JSON.stringify(value)}`);
  return text;
}

/**
 * A header value that middleware sets on every response, checked on its first use rather than per
 * response; a refused value throws on every use, as a per-response check would. @internal
 */
export function checkedOnFirstUse(name: string, value: string): () => string {
  let text: string | undefined;
  return () => (text ??= checkedFieldValue(name, value));
}

/**
 * Headers given to a response: a plain object, pairs, or a Headers object.
 *
 * @example
 * new HttpResponse('ok', { headers: { 'cache-control': 'no-store' } });
 * new HttpResponse('ok', { headers: [['vary', 'Cookie'], ['x-frame-options', 'DENY']] });
 */
export type HeadersInit = Record<string, string> | Array<[string, string]> | Headers;

/**
 * The lower-case form of a name given to has/get/delete: the checked names cache holds it for every
 * name already set (toLowerCase costs about two Map lookups, and middleware asks for a few names per response).
 */
function lookupName(name: string): string {
  return checkedNames.get(name) ?? name.toLowerCase();
}

/**
 * A response's headers: case-insensitive, in the order they were first set (as Django's
 * HttpResponse keeps them), with the methods of the standard `Headers`. Names and values are
 * checked when set, so a value with a newline cannot smuggle in another header.
 *
 * Not the standard class: it is on every response's path, and that class validates, sorts and
 * copies on every call. Not a Map either: a response has a handful of headers, which two small
 * arrays searched in order hold with less work than a hash table made (and grown) per response.
 *
 * @example
 * response.headers.set('Cache-Control', 'no-store');
 * response.headers.get('cache-control'); // 'no-store'
 */
export class ResponseHeaders implements Headers {
  /** Lower-case names in the order they were first set, `set-cookie` aside. @internal */
  readonly fieldNames: string[] = [];
  /** The value of `fieldNames[i]` is `fieldValues[i]`. @internal */
  readonly fieldValues: string[] = [];
  /** `set-cookie` values, one per header line (they cannot be joined with commas). @internal */
  readonly setCookies: string[] = [];

  constructor(init?: HeadersInit) {
    if (init === undefined) return;
    if (Array.isArray(init)) for (const [name, value] of init) this.append(name, value);
    else if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const [name, value] of init as Iterable<[string, string]>) this.append(name, value);
    } else for (const name of Object.keys(init)) this.append(name, (init as Record<string, string>)[name]!);
  }

  /** Where the lower-case `key` is in `fieldNames`, or -1. */
  private indexOf(key: string): number {
    const names = this.fieldNames;
    for (let i = 0; i < names.length; i++) if (names[i] === key) return i;
    return -1;
  }

  append(name: string, value: string): void {
    const key = fieldName(name);
    const text = fieldValue(name, value);
    if (key === 'set-cookie') {
      this.setCookies.push(text);
      return;
    }
    const index = this.indexOf(key);
    if (index === -1) {
      this.fieldNames.push(key);
      this.fieldValues.push(text);
    } else this.fieldValues[index] = `${this.fieldValues[index]}, ${text}`;
  }

  set(name: string, value: string): void {
    const key = fieldName(name);
    const text = fieldValue(name, value);
    if (key === 'set-cookie') {
      this.setCookies.splice(0, this.setCookies.length, text);
      return;
    }
    const index = this.indexOf(key);
    if (index === -1) {
      this.fieldNames.push(key);
      this.fieldValues.push(text);
    } else this.fieldValues[index] = text;
  }

  /**
   * Sets `name` unless the response already has it (Django's HttpResponse.setdefault): what
   * middleware and the send path do for their defaults, in one lookup instead of `has` then `set`. @internal
   */
  setDefault(name: string, value: string): void {
    const key = fieldName(name);
    if (key === 'set-cookie' ? this.setCookies.length > 0 : this.indexOf(key) !== -1) return;
    const text = fieldValue(name, value);
    if (key === 'set-cookie') this.setCookies.push(text);
    else {
      this.fieldNames.push(key);
      this.fieldValues.push(text);
    }
  }

  /**
   * setDefault for a name the caller spells as a constant: lower-case, a valid token, not set-cookie
   * (content-type, the security headers). The name needs no check, which was a Map lookup per call
   * on every response; the value is checked as always. @internal
   */
  setDefaultNamed(key: string, value: string): void {
    if (this.indexOf(key) !== -1) return;
    const text = fieldValue(key, value);
    this.fieldNames.push(key);
    this.fieldValues.push(text);
  }

  /**
   * setDefaultNamed for a value known to be valid (content-length digits, a constant, a value from
   * checkedOnFirstUse): no check, and no lengths filling the cache of checked values. @internal
   */
  setDefaultValid(key: string, text: string): void {
    if (this.indexOf(key) !== -1) return;
    this.fieldNames.push(key);
    this.fieldValues.push(text);
  }

  get(name: string): string | null {
    const key = lookupName(name);
    if (key === 'set-cookie') return this.setCookies.length === 0 ? null : this.setCookies.join(', ');
    const index = this.indexOf(key);
    return index === -1 ? null : this.fieldValues[index]!;
  }

  has(name: string): boolean {
    const key = lookupName(name);
    return key === 'set-cookie' ? this.setCookies.length > 0 : this.indexOf(key) !== -1;
  }

  delete(name: string): void {
    const key = lookupName(name);
    if (key === 'set-cookie') {
      this.setCookies.length = 0;
      return;
    }
    const index = this.indexOf(key);
    if (index !== -1) {
      this.fieldNames.splice(index, 1);
      this.fieldValues.splice(index, 1);
    }
  }

  getSetCookie(): string[] {
    return [...this.setCookies];
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this) callback.call(thisArg, value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    for (let i = 0; i < this.fieldNames.length; i++) yield [this.fieldNames[i]!, this.fieldValues[i]!];
    for (const cookie of this.setCookies) yield ['set-cookie', cookie];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
