import type { Field } from './fields/field.js';
import { ValidationError } from './errors.js';
import { normalizeDecimal } from './values.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SLUG = /^[-a-zA-Z0-9_]+$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function validUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return ['http:', 'https:', 'ftp:', 'ftps:'].includes(url.protocol) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function typeMessages(field: Field, value: unknown): string[] {
  const o = field.options;
  const messages: string[] = [];
  switch (field.type) {
    case 'char':
    case 'slug':
    case 'email':
    case 'url':
    case 'text': {
      if (typeof value !== 'string') return [`"${String(value)}" must be a string.`];
      const max = o.maxLength as number | undefined;
      if (max !== undefined && value.length > max) messages.push(`Ensure this value has at most ${max} characters (it has ${value.length}).`);
      if (field.type === 'email' && !EMAIL.test(value)) messages.push('Enter a valid email address.');
      if (field.type === 'url' && !validUrl(value)) messages.push('Enter a valid URL.');
      if (field.type === 'slug' && !SLUG.test(value)) messages.push('Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.');
      return messages;
    }
    case 'integer':
    case 'smallInteger':
    case 'positiveInteger':
    case 'positiveSmallInteger':
    case 'bigInteger':
    case 'positiveBigInteger': {
      const isWhole = typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
      if (!isWhole) return [`“${String(value)}” value must be an integer.`];
      if (field.type.startsWith('positive') && Number(value) < 0) messages.push('Ensure this value is greater than or equal to 0.');
      if (field.type.includes('mall') && (Number(value) < -32768 || Number(value) > 32767)) messages.push('Ensure this value is between -32768 and 32767.');
      if ((field.type === 'integer' || field.type === 'positiveInteger') && (Number(value) < -2147483648 || Number(value) > 2147483647))
        messages.push('Ensure this value is between -2147483648 and 2147483647.');
      return messages;
    }
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`“${String(value)}” value must be a float.`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`“${String(value)}” value must be either true or false.`];
    case 'decimal': {
      let text: string;
      try {
        text = normalizeDecimal(value, Number(o.decimalPlaces ?? 0), field.name);
      } catch (error) {
        if (error instanceof ValidationError) return Object.values(error.messages).flat();
        throw error;
      }
      const digits = text.replace(/^-/, '').split('.')[0].replace(/^0+/, '').length;
      const maxWhole = Number(o.maxDigits ?? 0) - Number(o.decimalPlaces ?? 0);
      if (digits > maxWhole) messages.push(`Ensure that there are no more than ${maxWhole} digits before the decimal point.`);
      return messages;
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
        ? []
        : [`“${String(value)}” value has an invalid date format. It must be in YYYY-MM-DD format.`];
    case 'time':
      return typeof value === 'string' && /^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/.test(value)
        ? []
        : [`“${String(value)}” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format.`];
    case 'dateTime':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? [] : [`“${String(value)}” value must be a valid Date.`];
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? [] : [`“${String(value)}” is not a valid UUID.`];
    default:
      return [];
  }
}

/** The validation messages for one field's value (empty when valid). */
export function validateField(field: Field, value: unknown): string[] {
  const o = field.options;
  if (value === null || value === undefined) {
    return field.nullable || o.blank ? [] : ['This field cannot be null.'];
  }
  if (isEmpty(value)) return o.blank ? [] : ['This field cannot be blank.'];
  const messages = field.isRelation ? [] : typeMessages(field, value);
  if (o.choices && !o.choices.some(([choice]) => choice === value)) messages.push(`Value ${JSON.stringify(value)} is not a valid choice.`);
  for (const validator of (o.validators ?? []) as Array<(v: unknown) => string | void | undefined>) {
    try {
      const message = validator(value);
      if (typeof message === 'string') messages.push(message);
    } catch (error) {
      if (error instanceof ValidationError) messages.push(...Object.values(error.messages).flat());
      else messages.push((error as Error).message);
    }
  }
  return messages;
}
