import { closestNames } from './closest-name.js';
import { ConverterRegistrationError } from './errors.js';

/**
 * A path converter: the regex one segment part must match, how matched text becomes the value a
 * view receives, and how a value becomes URL text again. `toValue` or `toUrl` throwing means "does
 * not fit" (Django's `ValueError`): resolve moves on to the next pattern, reverse to the next candidate.
 *
 * @example
 * const year4: Converter<number> = { regex: '[0-9]{4}', toValue: Number, toUrl: (year) => String(year).padStart(4, '0') };
 */
export interface Converter<Value = unknown> {
  /** Regex source (or RegExp) for the text this converter accepts, without anchors. */
  regex: string | RegExp;
  /** Turns matched text into the view's value. */
  toValue(text: string): Value;
  /** Turns a value passed to reverse into URL text (before percent-encoding). */
  toUrl(value: Value): string;
}

/**
 * The value type each converter name gives a view's kwargs. Augment it for custom converters:
 * `declare module '@manouche/routing' { interface ConverterTypes { year4: number } }`.
 *
 * @example
 * declare module '@manouche/routing' { interface ConverterTypes { year4: number } }
 */
export interface ConverterTypes {
  str: string;
  int: number;
  slug: string;
  uuid: string;
  path: string;
}

/** A converter with its regex compiled: what the resolver works with. @internal */
export interface CompiledConverter {
  name: string;
  source: string;
  /** Whether a whole value is accepted (`^(?:source)$`; hand-written loops for int and slug). */
  accepts(text: string): boolean;
  toValue(text: string): unknown;
  toUrl(value: unknown): string;
}

const integerConverter: Converter<number> = {
  regex: '[0-9]+',
  toValue(text) {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`${text} is larger than a safe integer`);
    return value;
  },
  toUrl(value) {
    return String(value);
  },
};

const builtIns: Record<'str' | 'int' | 'slug' | 'uuid' | 'path', Converter> = {
  str: { regex: '[^/]+', toValue: (text) => text, toUrl: (value) => String(value) },
  int: integerConverter as Converter,
  slug: { regex: '[-a-zA-Z0-9_]+', toValue: (text) => text, toUrl: (value) => String(value) },
  uuid: {
    regex: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    toValue: (text) => text,
    toUrl: (value) => String(value),
  },
  path: { regex: '.+', toValue: (text) => text, toUrl: (value) => String(value) },
};

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function isSlug(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ok = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 95;
    if (!ok) return false;
  }
  return true;
}

/** Loops equivalent to the int and slug regexes: the two converters on the hot path of most URLconfs. */
const builtInAcceptors = new Map<Converter, (text: string) => boolean>([
  [builtIns.int, isDigits],
  [builtIns.slug, isSlug],
]);

const registered = new Map<string, Converter>();

function regexSource(regex: string | RegExp): string {
  return typeof regex === 'string' ? regex : regex.source;
}

/** Compiles a converter, naming it in the error when its regex is invalid. @internal */
export function compileConverter(name: string, converter: Converter): CompiledConverter {
  if (converter === null || typeof converter !== 'object' || typeof converter.toValue !== 'function' || typeof converter.toUrl !== 'function') {
    throw new ConverterRegistrationError(`Converter "${name}" must be an object with regex, toValue(text) and toUrl(value).`, name);
  }
  const source = regexSource(converter.regex);
  let whole: RegExp;
  try {
    whole = new RegExp(`^(?:${source})$`);
  } catch (error) {
    throw new ConverterRegistrationError(`Converter "${name}" has an invalid regex /${source}/: ${(error as Error).message}.`, name);
  }
  if (new RegExp(`(?:${source})|`).exec('')!.length > 1) {
    throw new ConverterRegistrationError(`Converter "${name}" regex /${source}/ has a capturing group; use (?:...) so parameters stay aligned.`, name);
  }
  const accepts = builtInAcceptors.get(converter) ?? ((text: string) => whole.test(text));
  return { name, source, accepts, toValue: converter.toValue.bind(converter), toUrl: converter.toUrl.bind(converter) };
}

/**
 * Registers a converter for every resolver created afterwards, as Django's `register_converter`.
 * Per-resolver converters go in `createResolver(..., { converters })` instead.
 *
 * @example
 * registerConverter('year4', { regex: '[0-9]{4}', toValue: Number, toUrl: (y) => String(y).padStart(4, '0') });
 * path('archive/<year4:year>/', archiveView, { name: 'archive' });
 */
export function registerConverter<Value>(name: string, converter: Converter<Value>): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new ConverterRegistrationError(`Converter name "${name}" must be an identifier (letters, digits, _).`, name);
  }
  if (Object.hasOwn(builtIns, name) || registered.has(name)) {
    throw new ConverterRegistrationError(`Converter "${name}" is already registered; pick another name.`, name);
  }
  compileConverter(name, converter as Converter);
  registered.set(name, converter as Converter);
}

/**
 * Removes a converter added with `registerConverter` (for tests). Returns whether it existed.
 *
 * @example
 * afterEach(() => unregisterConverter('year4'));
 */
export function unregisterConverter(name: string): boolean {
  return registered.delete(name);
}

/** The converters a resolver sees: built-ins, then registered ones, then its own. @internal */
export class ConverterTable {
  private readonly compiled = new Map<string, CompiledConverter>();

  constructor(extra: Record<string, Converter<any>> = {}) {
    for (const [name, converter] of Object.entries(builtIns)) this.compiled.set(name, compileConverter(name, converter));
    for (const [name, converter] of registered) this.compiled.set(name, compileConverter(name, converter));
    for (const [name, converter] of Object.entries(extra)) this.compiled.set(name, compileConverter(name, converter));
  }

  get(name: string): CompiledConverter | undefined {
    return this.compiled.get(name);
  }

  /** Known names close to `name`, for the unknown-converter message. */
  suggest(name: string): string[] {
    return closestNames(name, this.compiled.keys());
  }

  names(): string[] {
    return [...this.compiled.keys()];
  }
}
