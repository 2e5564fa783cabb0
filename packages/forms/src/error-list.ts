/** ErrorList and ErrorDict: a field's (or the form's) messages, printable as HTML, text, data or JSON. */
import type { ErrorEntry } from './errors.js';
import { escapeHtml, SafeHtml } from './safe-html.js';

/**
 * What prints an error list from a template file when the project overrides it (the form's renderer).
 *
 * @example
 * const renderer: ErrorListRenderer = { renderErrorList: (list) => `<div class="alert">${list.asText()}</div>` };
 */
export interface ErrorListRenderer {
  /** The list's HTML from `django/forms/errors/list/ul.html`, or undefined for the built-in HTML. */
  renderErrorList(list: ErrorList): string | undefined;
}

/**
 * The messages of one field (or the non-field errors). Prints as `<ul class="errorlist">`.
 *
 * @example
 * form.errors.get('email')?.asText(); // '* Enter a valid email address.'
 */
export class ErrorList extends SafeHtml implements Iterable<string> {
  readonly entries: ErrorEntry[];
  /** Extra CSS class: `nonfield` for non-field errors, `nonform` for formset errors. */
  readonly errorClass: string;

  /** The renderer that may print it from a template file. */
  readonly renderer: ErrorListRenderer | undefined;

  constructor(entries: ErrorEntry[] = [], errorClass = '', renderer?: ErrorListRenderer) {
    super();
    this.entries = entries;
    this.errorClass = errorClass ? `errorlist ${errorClass}` : 'errorlist';
    this.renderer = renderer;
  }

  get size(): number {
    return this.entries.length;
  }
  /** The messages as strings. */
  get messages(): string[] {
    return this.entries.map((entry) => entry.message);
  }
  /** Whether one of the errors has this code. */
  hasCode(code: string): boolean {
    return this.entries.some((entry) => entry.code === code);
  }
  /** `[{ message, code }]`. */
  asData(): ErrorEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }
  /** The same as a JSON string. */
  asJson(): string {
    return JSON.stringify(this.asData());
  }
  /** `* message` lines. */
  asText(): string {
    return this.entries.map((entry) => `* ${entry.message}`).join('\n');
  }
  /** `<ul class="errorlist"><li>…</li></ul>`, or '' when empty. */
  asUl(): string {
    if (this.entries.length === 0) return '';
    const fromFile = this.renderer?.renderErrorList(this);
    if (fromFile !== undefined) return fromFile;
    return `<ul class="${this.errorClass}">${this.entries.map((entry) => `<li>${escapeHtml(entry.message)}</li>`).join('')}</ul>`;
  }
  toHtml(): string {
    return this.asUl();
  }
  [Symbol.iterator](): Iterator<string> {
    return this.messages[Symbol.iterator]();
  }
}

/**
 * The errors of a form, per field name (`__all__` for non-field errors). Prints as a nested `<ul>`.
 *
 * @example
 * form.errors.asJson(); // '{"email":[{"message":"Enter a valid email address.","code":"invalid"}]}'
 */
export class ErrorDict extends SafeHtml {
  private readonly byField = new Map<string, ErrorList>();

  constructor(private readonly renderer?: ErrorListRenderer) {
    super();
  }

  get(field: string): ErrorList | undefined {
    return this.byField.get(field);
  }
  has(field: string): boolean {
    return this.byField.has(field);
  }
  /** @internal */
  add(field: string, entries: ErrorEntry[]): void {
    let list = this.byField.get(field);
    if (!list) {
      list = new ErrorList([], field === '__all__' ? 'nonfield' : '', this.renderer);
      this.byField.set(field, list);
    }
    list.entries.push(...entries);
  }
  /** Field names with errors. */
  keys(): string[] {
    return [...this.byField.keys()];
  }
  get size(): number {
    return this.byField.size;
  }
  /** `{ field: ['message', …] }`. */
  toObject(): Record<string, string[]> {
    return Object.fromEntries([...this.byField].map(([field, list]) => [field, list.messages]));
  }
  /** `{ field: [{ message, code }] }`. */
  asData(): Record<string, ErrorEntry[]> {
    return Object.fromEntries([...this.byField].map(([field, list]) => [field, list.asData()]));
  }
  /** The same as a JSON string. */
  asJson(): string {
    return JSON.stringify(this.asData());
  }
  /** `* field\n  * message` lines. */
  asText(): string {
    return [...this.byField].map(([field, list]) => `* ${field}\n${list.messages.map((m) => `  * ${m}`).join('\n')}`).join('\n');
  }
  /** `<ul class="errorlist"><li>field<ul class="errorlist">…</ul></li></ul>`. */
  asUl(): string {
    if (this.byField.size === 0) return '';
    return `<ul class="errorlist">${[...this.byField].map(([field, list]) => `<li>${escapeHtml(field)}${list.asUl()}</li>`).join('')}</ul>`;
  }
  toHtml(): string {
    return this.asUl();
  }
}
