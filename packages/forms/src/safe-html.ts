/**
 * HTML that forms build themselves (escaped while building) and that templates must print as
 * is: `<%= it.form %>` prints the whole form, `<%= it.form.get('title') %>` one field.
 */
import { escapeHtml, markSafe, SafeString } from '@manouche/templates';

/**
 * HTML rendered on demand that templates treat as a SafeString: subclasses implement `toHtml()`;
 * `<%= %>` sees a SafeString (by prototype) and prints `value`, the rendered HTML, unchanged.
 * It does not run SafeString's constructor, which would store a fixed `value`.
 */
export abstract class SafeHtml {
  /** The HTML, with every user-supplied value escaped. */
  abstract toHtml(): string;

  /** What the templates' escaping reads from a SafeString. */
  get value(): string {
    return this.toHtml();
  }

  get length(): number {
    return this.toHtml().length;
  }

  toString(): string {
    return this.toHtml();
  }

  toJSON(): string {
    return this.toHtml();
  }
}
Object.setPrototypeOf(SafeHtml.prototype, SafeString.prototype);

/** An attribute value: `true` writes the bare name, `false`/null/undefined leaves it out. */
export type AttrValue = string | number | boolean | null | undefined;

/** Writes ` name="value"` pairs in order (Django's flatatt and attrs.html). */
export function renderAttrs(attrs: Readonly<Record<string, AttrValue>>): string {
  let out = '';
  for (const name in attrs) {
    const value = attrs[name];
    if (value === false || value === null || value === undefined) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/** Escapes text unless it is already a SafeString (Django's conditional_escape). */
export function escapeText(value: unknown): string {
  if (value instanceof SafeString) return value.value;
  if (value === null || value === undefined) return '';
  return escapeHtml(String(value));
}

export { escapeHtml, markSafe, SafeString };
