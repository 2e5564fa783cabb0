/** The widget base class and the single-input widgets (text, number, email, url, password, hidden, textarea, checkbox). */
import type { DataSource, FileSource } from '../form-data.js';
import { classMedia, type Media, type MediaDefinition } from '../media.js';
import { escapeHtml, renderAttrs, type AttrValue } from '../safe-html.js';

/**
 * HTML attributes of a widget.
 *
 * @example
 * const attrs: Attrs = { class: 'form-control', placeholder: 'Search…', autofocus: true };
 */
export type Attrs = Record<string, AttrValue>;

/**
 * What a widget template gets as `it.widget` (Django's widget context).
 *
 * @example
 * const context: WidgetContext = new TextInput().getContext('q', 'django', {}); // { name: 'q', value: 'django', type: 'text', … }
 */
export interface WidgetContext {
  name: string;
  /** The value as written into the HTML, or null for none. */
  value: string | null;
  /** Every attribute, the bound field's (id, required, …) included. */
  attrs: Attrs;
  isHidden: boolean;
  required: boolean;
  templateName: string;
  /** The input type, for `<input>` widgets. */
  type?: string;
  /** The options of a select, as `[groupLabel | null, options]` (ungrouped options have a null group each). */
  optgroups?: Array<[string | null, WidgetOption[]]>;
}

/**
 * One option of a select in its template's context.
 *
 * @example
 * new Select({ choices: [['PB', 'Published']] }).getContext('status', 'PB').optgroups; // [[null, [{ value: 'PB', label: 'Published', selected: true, index: 0 }]]]
 */
export interface WidgetOption {
  value: string;
  label: string;
  selected: boolean;
  index: number;
  /** For radio buttons and checkboxes: the attributes of the option's input (its id, `checked`). */
  attrs?: Attrs;
}

/**
 * Options every widget takes.
 *
 * @example
 * new TextInput({ attrs: { class: 'special', size: 40 } } satisfies WidgetOptions);
 */
export interface WidgetOptions {
  /** Extra HTML attributes (`class`, `placeholder`, `rows`, …). */
  attrs?: Attrs;
}

/**
 * Django's Widget: renders one form field as HTML and reads its value back from submitted data.
 * Subclass it (override `render` / `valueFromDatadict`) for custom widgets.
 *
 * @example
 * class StarsWidget extends Widget {
 *   override render(name: string, value: unknown) { return `<input type="range" min="1" max="5" name="${name}" value="${value ?? 3}">`; }
 * }
 */
export abstract class Widget {
  attrs: Attrs;
  /** Set by the field: whether the field is required. */
  isRequired = false;
  /** Hidden widgets are rendered without label, after the visible fields. */
  readonly isHidden: boolean = false;
  /** Whether the form needs `enctype="multipart/form-data"`. */
  readonly needsMultipartForm: boolean = false;
  /** Whether the layout wraps the field in a `<fieldset>` with a `<legend>` (radio and checkbox groups). */
  readonly useFieldset: boolean = false;
  /** The template a project can override to change this widget's HTML (Django's `template_name`). */
  templateName = '';
  /** CSS and JavaScript the widget needs; declare it on a subclass: `static override media = { js: ['calendar.js'] }`. */
  static media: MediaDefinition | Media | undefined;

  constructor(options: WidgetOptions = {}) {
    this.attrs = { ...options.attrs };
  }

  /** A copy with its own attrs (each form instance gets its own fields and widgets). */
  clone(): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this);
    copy.attrs = { ...this.attrs };
    return copy;
  }

  /** The value as the widget writes it into HTML, or null for none. */
  formatValue(value: unknown): string | null {
    if (value === '' || value === null || value === undefined) return null;
    return String(value);
  }

  /** The widget's attrs merged with `extra` (the id, required, … a bound field adds). */
  buildAttrs(extra: Attrs = {}): Attrs {
    return { ...this.attrs, ...extra };
  }

  /** The HTML for a field called `name` with `value`. */
  abstract render(name: string, value: unknown, attrs?: Attrs): string;

  /** What the widget's template gets: the value formatted and the attrs merged. */
  getContext(name: string, value: unknown, attrs: Attrs = {}): WidgetContext {
    return {
      name,
      value: this.formatValue(value),
      attrs: this.buildAttrs(attrs),
      isHidden: this.isHidden,
      required: this.isRequired,
      templateName: this.templateName,
    };
  }

  /** The widget class's media (with its parents'). */
  get media(): Media {
    return classMedia(this.constructor);
  }

  /** The submitted value for `name`. */
  valueFromDatadict(data: DataSource, _files: FileSource, name: string): unknown {
    return data.get(name);
  }

  /** Whether the submission left the field out entirely (a model's default is then kept). */
  valueOmittedFromData(data: DataSource, _files: FileSource, name: string): boolean {
    return !data.has(name);
  }

  /** The id a `<label for>` should point at (`''` for none). */
  idForLabel(id: string): string {
    return id;
  }

  /** Whether to write the `required` attribute (not for file inputs that already have a file). */
  useRequiredAttribute(_initial: unknown): boolean {
    return !this.isHidden;
  }
}

/**
 * `<input type="…">`.
 *
 * @example
 * class ColorInput extends Input { constructor() { super('color'); } } // <input type="color">
 */
export class Input extends Widget {
  override templateName = 'django/forms/widgets/input.html';
  constructor(
    readonly inputType: string,
    options: WidgetOptions = {},
  ) {
    super(options);
  }
  /** The value written into the input (the password input drops it). */
  protected inputValue(value: unknown): unknown {
    return value;
  }
  /** The attributes for `value` (the checkbox adds `checked`). */
  protected inputAttrs(_value: unknown, attrs: Attrs): Attrs {
    return attrs;
  }
  override getContext(name: string, value: unknown, attrs: Attrs = {}): WidgetContext {
    const context = super.getContext(name, this.inputValue(value), this.inputAttrs(value, attrs));
    context.type = this.inputType;
    return context;
  }
  // Writes the HTML directly rather than through getContext(): this runs for every input of every form.
  render(name: string, value: unknown, attrs: Attrs = {}): string {
    const formatted = this.formatValue(this.inputValue(value));
    return `<input type="${this.inputType}" name="${escapeHtml(name)}"${formatted === null ? '' : ` value="${escapeHtml(formatted)}"`}${renderAttrs(this.buildAttrs(this.inputAttrs(value, attrs)))}>`;
  }
}

/**
 * `<input type="text">`.
 *
 * @example
 * new TextInput({ attrs: { placeholder: 'Title' } }).render('title', 'Hello'); // <input type="text" name="title" value="Hello" placeholder="Title">
 */
export class TextInput extends Input {
  override templateName = 'django/forms/widgets/text.html';
  constructor(options: WidgetOptions = {}) {
    super('text', options);
  }
}
/**
 * `<input type="number">`.
 *
 * @example
 * quantity: forms.integer({ widget: new NumberInput({ attrs: { step: 5 } }) }),
 */
export class NumberInput extends Input {
  override templateName = 'django/forms/widgets/number.html';
  constructor(options: WidgetOptions = {}) {
    super('number', options);
  }
}
/**
 * `<input type="email">`.
 *
 * @example
 * new EmailInput().render('email', 'ana@example.com'); // <input type="email" name="email" value="ana@example.com">
 */
export class EmailInput extends Input {
  override templateName = 'django/forms/widgets/email.html';
  constructor(options: WidgetOptions = {}) {
    super('email', options);
  }
}
/**
 * `<input type="url">`.
 *
 * @example
 * new URLInput().render('website', 'https://example.com'); // <input type="url" name="website" value="https://example.com">
 */
export class URLInput extends Input {
  override templateName = 'django/forms/widgets/url.html';
  constructor(options: WidgetOptions = {}) {
    super('url', options);
  }
}

/**
 * `<input type="password">`: the submitted value is never written back unless `renderValue` is set.
 *
 * @example
 * password: forms.char({ widget: PasswordInput }), // the value is not written back after a failed submit
 * pin: forms.char({ widget: new PasswordInput({ renderValue: true }) }),
 */
export class PasswordInput extends Input {
  readonly renderValue: boolean;
  override templateName = 'django/forms/widgets/password.html';
  constructor(options: WidgetOptions & { renderValue?: boolean } = {}) {
    super('password', options);
    this.renderValue = options.renderValue ?? false;
  }
  protected override inputValue(value: unknown): unknown {
    return this.renderValue ? value : null;
  }
}

/**
 * `<input type="hidden">`.
 *
 * @example
 * next: forms.char({ widget: HiddenInput, required: false }),
 */
export class HiddenInput extends Input {
  override readonly isHidden = true;
  override templateName = 'django/forms/widgets/hidden.html';
  constructor(options: WidgetOptions = {}) {
    super('hidden', options);
  }
}

/**
 * Several `<input type="hidden">` with the same name, for multi-valued fields.
 *
 * @example
 * new MultipleHiddenInput().render('ids', ['1', '2']); // two <input type="hidden" name="ids">
 */
export class MultipleHiddenInput extends HiddenInput {
  // One input per value: not overridable through the single-input template.
  override templateName = '';
  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    const id = attrs.id;
    return values.map((item, i) => super.render(name, item, id ? { ...attrs, id: `${String(id)}_${i}` } : attrs)).join('\n');
  }
  override valueFromDatadict(data: DataSource, _files: FileSource, name: string): unknown {
    return data.getAll(name);
  }
}

/**
 * `<textarea>`, 40 columns by 10 rows unless attrs say otherwise.
 *
 * @example
 * body: forms.char({ widget: new Textarea({ attrs: { rows: 4, cols: 60 } }) }),
 */
export class Textarea extends Widget {
  override templateName = 'django/forms/widgets/textarea.html';
  constructor(options: WidgetOptions = {}) {
    super({ attrs: { cols: '40', rows: '10', ...options.attrs } });
  }
  render(name: string, value: unknown, attrs: Attrs = {}): string {
    const formatted = this.formatValue(value);
    return `<textarea name="${escapeHtml(name)}"${renderAttrs(this.buildAttrs(attrs))}>\n${formatted === null ? '' : escapeHtml(formatted)}</textarea>`;
  }
}

/**
 * `<input type="checkbox">`: checked when the value is truthy; absent from the data means false.
 *
 * @example
 * new CheckboxInput().render('agree', true); // <input type="checkbox" name="agree" checked>
 */
export class CheckboxInput extends Input {
  readonly checkTest: (value: unknown) => boolean;
  override templateName = 'django/forms/widgets/checkbox.html';
  constructor(options: WidgetOptions & { checkTest?: (value: unknown) => boolean } = {}) {
    super('checkbox', options);
    this.checkTest = options.checkTest ?? ((value) => Boolean(value) && value !== 'false' && value !== '0');
  }
  override formatValue(value: unknown): string | null {
    if (value === '' || value === true || value === false || value === null || value === undefined) return null;
    return String(value);
  }
  protected override inputAttrs(value: unknown, attrs: Attrs): Attrs {
    return this.checkTest(value) ? { ...attrs, checked: true } : attrs;
  }
  override valueFromDatadict(data: DataSource, _files: FileSource, name: string): unknown {
    if (!data.has(name)) return false;
    const value = data.get(name);
    const lower = value?.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    return Boolean(value);
  }
  override valueOmittedFromData(): boolean {
    // An unchecked box sends nothing: absence is a value (false), never "omitted".
    return false;
  }
}

/** A widget class that can be built without arguments (a field's default widget). */
export type WidgetClass = new () => Widget;
