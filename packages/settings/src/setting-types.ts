import { describeValue } from '@manouche/contracts/text';
import { SettingValueError } from './errors.js';

/**
 * The value types a setting can declare. Each parses its environment-variable form.
 *
 * @example
 * registerSettings({ BLOG_THEMES: { type: 'list' satisfies SettingType, default: ['light'] } }); // MANOUCHE_BLOG_THEMES=light,dark
 */
export type SettingType = 'boolean' | 'integer' | 'number' | 'string' | 'list' | 'url' | 'enum' | 'json';

/**
 * What a validate hook receives besides the value.
 *
 * @example
 * const validate = (value: string, { baseDir }: SettingValidationContext) => {
 *   if (!existsSync(path.resolve(baseDir, value))) throw new SettingValueError('an existing folder');
 * };
 */
export interface SettingValidationContext {
  /** The project folder (BASE_DIR), to resolve relative paths against. */
  baseDir: string;
  /** The setting's name. */
  name: string;
}

/**
 * One setting's declaration: type, Django-style default, and optional extra validation.
 *
 * @example
 * const spec: SettingSpec = { type: 'integer', default: 0, min: 0, doc: 'Seconds of HSTS.' };
 */
export interface SettingSpec<T = unknown> {
  type: SettingType;
  default: T;
  doc?: string;
  /** `null` is an accepted value (an empty environment variable means null). */
  nullable?: boolean;
  /** Never printed in errors, dumps or debug pages. */
  sensitive?: boolean;
  /** Environment variable that overrides it; `MANOUCHE_<NAME>` by default. */
  env?: string;
  /** The accepted values of an `enum`. */
  values?: readonly string[];
  /** Bounds of an `integer` or `number`. */
  min?: number;
  max?: number;
  /** URL schemes a `url` accepts (`['http', 'https']`); any scheme by default. */
  schemes?: readonly string[];
  /** Extra validation after the type check; throw SettingValueError to reject, return a value to normalise. */
  validate?: (value: T, context: SettingValidationContext) => T | void;
}

/** A value an environment variable could not be parsed into; it fails validation with its reason. */
export class UnparsedEnvValue {
  constructor(
    readonly raw: string,
    readonly expected: string,
  ) {}
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** What a value of each type looks like, for error messages. */
export function expectedForm(spec: Pick<SettingSpec, 'type' | 'values' | 'min' | 'max' | 'nullable' | 'schemes' | 'default'>): string {
  let form: string;
  switch (spec.type) {
    case 'boolean':
      form = 'a boolean (true or false; in the environment also 1/0, yes/no, on/off)';
      break;
    case 'integer':
      form = `an integer${bounds(spec)}`;
      break;
    case 'number':
      form = `a number${bounds(spec)}`;
      break;
    case 'string':
      form = 'a string';
      break;
    case 'list':
      form = 'a list of strings (in the environment: comma-separated, or a JSON array)';
      break;
    case 'url':
      form = spec.schemes ? `a URL (${spec.schemes.map((scheme) => `${scheme}://`).join(', ')})` : 'an absolute URL';
      break;
    case 'enum':
      form = `one of ${(spec.values ?? []).map((value) => JSON.stringify(value)).join(', ')}`;
      break;
    case 'json':
      form = `${spec.default === null || spec.default === undefined ? 'an object or array' : Array.isArray(spec.default) ? 'an array' : 'an object'} (in the environment: JSON)`;
      break;
  }
  return spec.nullable ? `${form} or null` : form;
}

function bounds(spec: Pick<SettingSpec, 'min' | 'max'>): string {
  if (spec.min !== undefined && spec.max !== undefined) return ` from ${spec.min} to ${spec.max}`;
  if (spec.min !== undefined) return ` >= ${spec.min}`;
  if (spec.max !== undefined) return ` <= ${spec.max}`;
  return '';
}

/** Parses an environment variable's text into a value of the type, or an UnparsedEnvValue. */
export function parseEnvValue(type: SettingType, raw: string, nullable: boolean): unknown {
  const text = raw.trim();
  if (nullable && (text === '' || text === 'null')) return null;
  switch (type) {
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return new UnparsedEnvValue(raw, 'a boolean (true/false, 1/0, yes/no, on/off)');
    }
    case 'integer':
      return /^[+-]?\d+$/.test(text) ? Number(text) : new UnparsedEnvValue(raw, 'an integer');
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : new UnparsedEnvValue(raw, 'a number');
    case 'list':
      if (text.startsWith('[')) return parseJson(raw, 'a JSON array or comma-separated list');
      return text === ''
        ? []
        : text
            .split(',')
            .map((item) => item.trim())
            .filter((item) => item !== '');
    case 'json':
      return parseJson(raw, 'JSON');
    case 'string':
    case 'url':
    case 'enum':
      return raw;
  }
}

function parseJson(raw: string, expected: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return new UnparsedEnvValue(raw, expected);
  }
}

/** Checks a value against its type (not the validate hook). Throws SettingValueError. */
export function checkType(spec: SettingSpec, value: unknown): void {
  if (value instanceof UnparsedEnvValue) {
    // Structured text (JSON, lists) may carry credentials: echo only short scalar forms.
    const echo = !spec.sensitive && ['boolean', 'integer', 'number', 'enum'].includes(spec.type);
    throw new SettingValueError(value.expected, { got: echo ? describeValue(value.raw) : undefined });
  }
  if (value === null && spec.nullable) return;
  const fail = (): never => {
    // Structured values (DATABASES...) may carry credentials: name their type only.
    throw new SettingValueError(expectedForm(spec), { got: spec.sensitive || spec.type === 'json' ? typeName(value) : describeValue(value) });
  };
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail();
      return;
    case 'integer':
      if (!Number.isSafeInteger(value) || outOfBounds(spec, value as number)) fail();
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || outOfBounds(spec, value)) fail();
      return;
    case 'string':
      if (typeof value !== 'string') fail();
      return;
    case 'list':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) fail();
      return;
    case 'url':
      if (typeof value !== 'string' || !isUrl(value, spec.schemes)) fail();
      return;
    case 'enum':
      if (typeof value !== 'string' || !(spec.values ?? []).includes(value)) fail();
      return;
    case 'json':
      // An array setting takes an array and an object setting an object, as their default shows.
      if (typeof value !== 'object' || value === null || (spec.default !== null && Array.isArray(spec.default) !== Array.isArray(value))) fail();
      return;
  }
}

function outOfBounds(spec: SettingSpec, value: number): boolean {
  return (spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max);
}

function isUrl(value: string, schemes: readonly string[] | undefined): boolean {
  if (!URL.canParse(value)) return false;
  const scheme = new URL(value).protocol.slice(0, -1);
  return schemes === undefined || schemes.includes(scheme);
}

/** Whether a settings-module value of this type may be a string (others must not be coerced from text). */
export function acceptsString(type: SettingType): boolean {
  return type === 'string' || type === 'url' || type === 'enum';
}

/** The type of a value in words ("a string", "an array"), safe to print for a secret. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
