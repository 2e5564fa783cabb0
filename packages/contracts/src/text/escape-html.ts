const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

function entity(char: string): string {
  return ENTITIES[char] as string;
}

/**
 * Escapes text for HTML content and attribute values as Django's `escape()` does: `&`, `<`,
 * `>`, `"` and `'` (as `&#x27;`). Anything that is not a string is converted to text first.
 *
 * @example
 * escapeHtml(`<a title="it's">`); // '&lt;a title=&quot;it&#x27;s&quot;&gt;'
 */
export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, entity) : text;
}
