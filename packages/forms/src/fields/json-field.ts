/** Django's JSONField for forms: any JSON value, edited as text in a textarea. */
import type { WidgetClass } from '../widgets/widget.js';
import { Textarea } from '../widgets/widget.js';
import { Field, type FieldOptions } from './field.js';

/**
 * Options of `json`.
 *
 * @example
 * settings: forms.json({ indent: 2, required: false }),
 */
export interface JSONFieldOptions extends FieldOptions {
  /** Indentation of the JSON shown in the textarea (default none). */
  indent?: number;
}

/**
 * Django's forms.JSONField: text parsed as JSON; an empty optional value is null.
 *
 * @example
 * await forms.json().clean('{"theme": "dark"}'); // { theme: 'dark' }
 * await forms.json().clean('{theme}'); // ValidationError: Enter a valid JSON.
 */
export class JSONField<T = unknown> extends Field<T> {
  protected static override defaultWidget: WidgetClass = Textarea;
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a valid JSON.' };
  readonly indent: number | undefined;
  constructor(options: JSONFieldOptions = {}) {
    super(options);
    this.indent = options.indent;
  }
  override toPython(value: unknown): unknown {
    if (this.disabled) return value;
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      throw this.error('invalid', { value });
    }
  }
  override validate(value: unknown): void {
    if (this.required && (value === null || value === undefined)) throw this.error('required');
  }
  override boundData(data: unknown, initial: unknown): unknown {
    if (this.disabled) return initial;
    if (data === null || data === undefined) return null;
    try {
      return JSON.parse(String(data));
    } catch {
      // Re-shown as typed, so the user can fix it.
      return new InvalidJSONInput(String(data));
    }
  }
  override prepareValue(value: unknown): unknown {
    if (value instanceof InvalidJSONInput) return value.text;
    if (value === null || value === undefined) return value;
    return JSON.stringify(value, null, this.indent);
  }
  override hasChanged(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    try {
      return JSON.stringify(initial ?? null) !== JSON.stringify(this.toPython(data) ?? null);
    } catch {
      return true;
    }
  }
}

class InvalidJSONInput {
  constructor(readonly text: string) {}
}
