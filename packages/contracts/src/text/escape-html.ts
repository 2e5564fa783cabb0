const SPECIAL = /[&<>"']/;

/**
 * Escapes text for HTML content and attribute values as Django's `escape()` does: `&`, `<`,
 * `>`, `"` and `'` (as `&#x27;`). Anything that is not a string is converted to text first.
 *
 * @example
 * escapeHtml(`<a title="it's">`); // '&lt;a title=&quot;it&#x27;s&quot;&gt;'
 */
export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  if (!SPECIAL.test(text)) return text;
  // Five native replaceAll passes beat one regexp pass with a callback per match (`&` first, so no entity is escaped twice).
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;');
}
