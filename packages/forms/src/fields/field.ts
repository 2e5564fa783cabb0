/** The form Field base class: required, initial, label, help text, widget, validators, disabled, error messages. */
import type { WidgetClass } from '../widgets/widget.js';
import { ValidationError } from '../errors.js';
import type { Attrs, Widget } from '../widgets/widget.js';
import { TextInput } from '../widgets/widget.js';

/**
 * A validator: throws a ValidationError, or returns a message (string) when the value is invalid.
 *
 * @example
 * const even: FieldValidator<number> = (value) => (value % 2 === 0 ? undefined : `${value} is not an even number.`);
 * count: forms.integer({ validators: [even] }),
 */
export type FieldValidator<T = unknown> = (value: T) => void | string | undefined | Promise<void | string | undefined>;

/**
 * Options every field takes.
 *
 * @example
 * name: forms.char({ label: 'Your name', helpText: '100 characters max.', initial: 'Anonymous', errorMessages: { required: 'Please enter your name.' } }),
 */
export interface FieldOptions {
  /** Whether a value must be given (default true). */
  required?: boolean;
  /** The label; by default made from the field's name (`first_name` → `First name`). */
  label?: string;
  /** The value an unbound form shows (or a function giving it). */
  initial?: unknown;
  /** Text shown beside the field (escaped unless it is a SafeString). */
  helpText?: string;
  /** The widget instance (or class) to render with. */
  widget?: Widget | (new () => Widget);
  /** Extra checks run after the field's own. */
  validators?: ReadonlyArray<FieldValidator<never>>;
  /** A disabled field is rendered disabled and always takes its initial value, whatever was submitted. */
  disabled?: boolean;
  /** Replacements for the default messages, by code (`required`, `invalid`, `max_length`, …). */
  errorMessages?: Record<string, string>;
  /** Overrides the form's label suffix (`:`) for this field. */
  labelSuffix?: string;
  /** Renders a hidden input with the initial value beside the widget (for `hasChanged`). */
  showHiddenInitial?: boolean;
  /** The template file of this field's `asFieldGroup()` (default `django/forms/field.html`). */
  templateName?: string;
}

/**
 * The empty values: a field that is not required returns its empty value for these.
 *
 * @example
 * isEmptyValue(''); // true
 * isEmptyValue([]); // true
 * isEmptyValue(0); // false
 */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && value.constructor === Object && Object.keys(value).length === 0)
  );
}

/**
 * Django's forms.Field. `T` is the cleaned value's type, which `Form.define` turns into the type
 * of `form.cleanedData`. Subclasses override `toPython`, `validate` and `widgetAttrs`.
 *
 * @example
 * class UpperField extends Field<string> {
 *   override toPython(value: unknown) { return String(value ?? '').toUpperCase(); }
 * }
 */
export class Field<T = unknown> {
  /** The cleaned value's type (types only). */
  declare readonly $output: T;
  required: boolean;
  label: string | undefined;
  initial: unknown;
  helpText: string;
  widget: Widget;
  validators: Array<FieldValidator<never>>;
  disabled: boolean;
  labelSuffix: string | undefined;
  showHiddenInitial: boolean;
  templateName: string | undefined;
  errorMessages: Record<string, string>;
  /** The widget used when `widget` is not given. */
  protected static defaultWidget: WidgetClass = TextInput;
  /** The messages this field raises, by code. */
  protected static defaultErrorMessages: Record<string, string> = { required: 'This field is required.' };

  constructor(options: FieldOptions = {}) {
    this.required = options.required ?? true;
    this.label = options.label;
    this.initial = options.initial;
    this.helpText = options.helpText ?? '';
    this.disabled = options.disabled ?? false;
    this.labelSuffix = options.labelSuffix;
    this.showHiddenInitial = options.showHiddenInitial ?? false;
    this.templateName = options.templateName;
    this.validators = [...(options.validators ?? [])];
    const ctor = this.constructor as typeof Field;
    const given = options.widget ?? ctor.defaultWidget;
    this.widget = typeof given === 'function' ? new given() : given.clone();
    this.widget.isRequired = this.required;
    const messages: Record<string, string> = {};
    for (let proto = ctor; proto && proto !== Function.prototype; proto = Object.getPrototypeOf(proto) as typeof Field) {
      if (Object.hasOwn(proto, 'defaultErrorMessages')) for (const [k, v] of Object.entries(proto.defaultErrorMessages)) messages[k] ??= v;
    }
    this.errorMessages = { ...messages, ...options.errorMessages };
  }

  /** Called once the constructor has set everything up: merges `widgetAttrs()` into the widget's attrs. */
  protected finishWidget(): void {
    const extra = this.widgetAttrs(this.widget);
    for (const [key, value] of Object.entries(extra)) if (!(key in this.widget.attrs)) this.widget.attrs[key] = value;
  }

  /** A copy for one form instance (forms never share mutable field state). */
  clone(): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this);
    copy.widget = this.widget.clone();
    copy.validators = [...this.validators];
    return copy;
  }

  /** A ValidationError with this field's message for `code`. */
  protected error(code: string, params?: Record<string, unknown>): ValidationError {
    return new ValidationError(this.errorMessages[code] ?? code, { code, params });
  }

  /** Converts submitted data to the field's type; throws ValidationError when it cannot. */
  toPython(value: unknown): unknown {
    return value;
  }

  /** Checks that do not depend on validators (required, choices, …). */
  validate(value: unknown): void {
    if (this.required && isEmptyValue(value)) throw this.error('required');
  }

  /** Runs the validators, collecting every message. */
  async runValidators(value: unknown): Promise<void> {
    if (isEmptyValue(value) || this.validators.length === 0) return;
    const errors: ValidationError[] = [];
    for (const validator of this.validators) {
      try {
        const message = await (validator as FieldValidator<unknown>)(value);
        if (typeof message === 'string') errors.push(new ValidationError(message, { code: 'invalid' }));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new ValidationError(errors);
  }

  /** toPython, validate, validators: the cleaned value, or a ValidationError. */
  async clean(value: unknown, _initial?: unknown): Promise<T> {
    const converted = await this.toPython(value);
    this.validate(converted);
    await this.runValidators(converted);
    return converted as T;
  }

  /** The value to show for a bound form: a disabled field keeps its initial value. */
  boundData(data: unknown, initial: unknown): unknown {
    return this.disabled ? initial : data;
  }

  /** The value as the widget should get it. */
  prepareValue(value: unknown): unknown {
    return value;
  }

  /** HTML attributes this field adds to its widget (`maxlength`, `min`, …). */
  widgetAttrs(_widget: Widget): Attrs {
    return {};
  }

  /** Whether submitted `data` differs from `initial`. */
  hasChanged(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    let converted: unknown;
    try {
      converted = this.toPython(data);
      if (converted instanceof Promise) return true;
    } catch {
      return true;
    }
    const a = initial === null || initial === undefined ? '' : initial;
    const b = converted === null || converted === undefined ? '' : converted;
    return comparable(this.prepareValue(a)) !== comparable(this.prepareValue(b));
  }
}

function comparable(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return JSON.stringify(value.map(comparable));
  if (value && typeof value === 'object' && 'pk' in value) return String((value as { pk: unknown }).pk);
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
