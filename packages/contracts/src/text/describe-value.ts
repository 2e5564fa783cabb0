const MAX_LENGTH = 80;

function cut(text: string): string {
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

/**
 * A short description of a value for an error message, the same in every layer: strings
 * quoted, bigints with their `n`, plain objects and arrays as JSON, functions and class
 * instances by name; cut at 80 characters. Never pass a secret: use a type name for those.
 *
 * @example
 * describeValue('jazz'); // '"jazz"'
 * describeValue(undefined); // 'undefined'
 * describeValue(new Map()); // 'an instance of Map'
 * describeValue(function postList() {}); // 'the function postList'
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return cut(JSON.stringify(value));
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      if (/^class[\s{]/.test(Function.prototype.toString.call(value))) return value.name ? `the class ${value.name}` : 'an anonymous class';
      return value.name ? `the function ${value.name}` : 'an anonymous function';
    case 'object': {
      if (value === null) return 'null';
      const prototype = Object.getPrototypeOf(value);
      if (Array.isArray(value) || prototype === Object.prototype || prototype === null) {
        try {
          return cut(JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? `${inner}n` : inner)));
        } catch {
          return Array.isArray(value) ? 'an array' : 'an object';
        }
      }
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `the Date ${value.toISOString()}`;
      return `an instance of ${(value as object).constructor?.name || 'an anonymous class'}`;
    }
    default:
      return String(value);
  }
}
