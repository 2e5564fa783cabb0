/** The widget base class and the single-input widgets (text, number, email, url, password, hidden, textarea, checkbox). */
import type { DataSource, FileSource } from '../form-data.js';
import { escapeHtml, renderAttrs, type AttrValue } from '../safe-html.js';

/** HTML attributes of a widget. */
export type Attrs = Record<string, AttrValue>;

/** Options every widget takes. */
export interface WidgetOptions {
  /** Extra HTML attributes (`class`, `placeholder`, `rows`, …). */
  attrs?: Attrs;
}

/**
 * Django's Widget: renders one form field as HTML and reads its value back from submitted data.
 * Subclass it (override `render` / `valueFromDatadict`) for custom widgets.
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

/** `<input type="…">`. */
export class Input extends Widget {
  constructor(
    readonly inputType: string,
    options: WidgetOptions = {},
  ) {
    super(options);
  }
  render(name: string, value: unknown, attrs: Attrs = {}): string {
    const formatted = this.formatValue(value);
    return `<input type="${this.inputType}" name="${escapeHtml(name)}"${formatted === null ? '' : ` value="${escapeHtml(formatted)}"`}${renderAttrs(this.buildAttrs(attrs))}>`;
  }
}

/** `<input type="text">`. */
export class TextInput extends Input {
  constructor(options: WidgetOptions = {}) {
    super('text', options);
  }
}
/** `<input type="number">`. */
export class NumberInput extends Input {
  constructor(options: WidgetOptions = {}) {
    super('number', options);
  }
}
/** `<input type="email">`. */
export class EmailInput extends Input {
  constructor(options: WidgetOptions = {}) {
    super('email', options);
  }
}
/** `<input type="url">`. */
export class URLInput extends Input {
  constructor(options: WidgetOptions = {}) {
    super('url', options);
  }
}

/** `<input type="password">`: the submitted value is never written back unless `renderValue` is set. */
export class PasswordInput extends Input {
  readonly renderValue: boolean;
  constructor(options: WidgetOptions & { renderValue?: boolean } = {}) {
    super('password', options);
    this.renderValue = options.renderValue ?? false;
  }
  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    return super.render(name, this.renderValue ? value : null, attrs);
  }
}

/** `<input type="hidden">`. */
export class HiddenInput extends Input {
  override readonly isHidden = true;
  constructor(options: WidgetOptions = {}) {
    super('hidden', options);
  }
}

/** Several `<input type="hidden">` with the same name, for multi-valued fields. */
export class MultipleHiddenInput extends HiddenInput {
  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    const id = attrs.id;
    return values.map((item, i) => super.render(name, item, id ? { ...attrs, id: `${String(id)}_${i}` } : attrs)).join('\n');
  }
  override valueFromDatadict(data: DataSource, _files: FileSource, name: string): unknown {
    return data.getAll(name);
  }
}

/** `<textarea>`, 40 columns by 10 rows unless attrs say otherwise. */
export class Textarea extends Widget {
  constructor(options: WidgetOptions = {}) {
    super({ attrs: { cols: '40', rows: '10', ...options.attrs } });
  }
  render(name: string, value: unknown, attrs: Attrs = {}): string {
    const formatted = this.formatValue(value);
    return `<textarea name="${escapeHtml(name)}"${renderAttrs(this.buildAttrs(attrs))}>\n${formatted === null ? '' : escapeHtml(formatted)}</textarea>`;
  }
}

/** `<input type="checkbox">`: checked when the value is truthy; absent from the data means false. */
export class CheckboxInput extends Input {
  readonly checkTest: (value: unknown) => boolean;
  constructor(options: WidgetOptions & { checkTest?: (value: unknown) => boolean } = {}) {
    super('checkbox', options);
    this.checkTest = options.checkTest ?? ((value) => Boolean(value) && value !== 'false' && value !== '0');
  }
  override formatValue(value: unknown): string | null {
    if (value === '' || value === true || value === false || value === null || value === undefined) return null;
    return String(value);
  }
  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    return super.render(name, value, this.checkTest(value) ? { ...attrs, checked: true } : attrs);
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
