/** Django's MultiValueField (one value from several fields) and SplitDateTimeField (a date field and a time field). */
import { ValidationError } from '../errors.js';
import { formatDatePart, formatTimePart, instantOf, wallClockAt } from '../time-zone.js';
import { SplitDateTimeWidget } from '../widgets/date-widgets.js';
import { MultiWidget } from '../widgets/multi-widget.js';
import type { WidgetClass } from '../widgets/widget.js';
import { Field, isEmptyValue, type FieldOptions } from './field.js';
import { DateField, TimeField } from './temporal-fields.js';

/**
 * Options of a MultiValueField.
 *
 * @example
 * phone: forms.multiValue({ fields: [forms.char(), forms.char()], requireAllFields: false, compress: (parts) => parts.join('-') }),
 */
export interface MultiValueFieldOptions extends FieldOptions {
  /** The fields that clean each part, in the order of the widget's parts. */
  fields: readonly Field[];
  /** Every part must be given (default true); with false, only the parts whose field is required. */
  requireAllFields?: boolean;
  /** Combines the cleaned parts (an empty list when nothing was given); instead of overriding `compress()`. */
  compress?: (parts: unknown[]) => unknown;
}

/**
 * Cleans a list of values (from a MultiWidget) with one field per item, then `compress()`es the
 * cleaned parts into one value. Subclass it and implement `compress()`.
 *
 * @example
 * phone: forms.multiValue({
 *   fields: [forms.regex({ regex: /^\d{3}$/ }), forms.regex({ regex: /^\d{4}$/ })],
 *   widget: new MultiWidget({ widgets: [TextInput, TextInput] }),
 *   compress: (parts) => (parts.length ? parts.join('-') : null),
 * })
 */
export class MultiValueField<T = unknown> extends Field<T> {
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid: 'Enter a list of values.',
    incomplete: 'Enter a complete value.',
  };
  fields: Field[];
  readonly requireAllFields: boolean;
  private readonly compressParts: ((parts: unknown[]) => unknown) | undefined;

  constructor(options: MultiValueFieldOptions) {
    super(options);
    this.requireAllFields = options.requireAllFields ?? true;
    this.compressParts = options.compress;
    this.fields = options.fields.map((field) => {
      const copy = field.clone();
      copy.errorMessages = { incomplete: this.errorMessages.incomplete!, ...copy.errorMessages };
      // With every part required, the form's own `required` decides; the parts stay optional.
      if (this.requireAllFields) copy.required = false;
      return copy;
    });
  }

  override clone(): this {
    const copy = super.clone();
    copy.fields = this.fields.map((field) => field.clone());
    return copy;
  }

  /** Combines the cleaned parts into the field's value (an empty list when nothing was given). */
  compress(parts: unknown[]): unknown {
    if (this.compressParts) return this.compressParts(parts);
    throw new TypeError(`${this.constructor.name}.compress() is not implemented: subclass MultiValueField and combine the cleaned parts.`);
  }

  override validate(): void {}

  override async clean(value: unknown): Promise<T> {
    const values = this.disabled && !Array.isArray(value) ? this.decompressed(value) : value;
    if (values !== null && values !== undefined && values !== '' && !Array.isArray(values)) throw this.error('invalid');
    const list = (values ?? []) as unknown[];
    if (list.every((item) => isEmptyValue(item))) {
      if (this.required) throw this.error('required');
      return this.compress([]) as T;
    }
    const errors: ValidationError[] = [];
    const seen = new Set<string>();
    const keep = (error: ValidationError) => {
      const fresh = error.errorList.filter((entry) => !seen.has(entry.message));
      for (const entry of fresh) seen.add(entry.message);
      if (fresh.length > 0) errors.push(new ValidationError(fresh.map((entry) => new ValidationError(entry.message, { code: entry.code }))));
    };
    const cleaned: unknown[] = [];
    for (const [i, field] of this.fields.entries()) {
      const item = list[i] ?? null;
      if (isEmptyValue(item)) {
        if (this.requireAllFields) {
          if (this.required) throw this.error('required');
        } else if (field.required) {
          keep(new ValidationError(field.errorMessages.incomplete!, { code: 'incomplete' }));
          continue;
        }
      }
      try {
        cleaned.push(await field.clean(item));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        keep(error);
      }
    }
    if (errors.length > 0) throw new ValidationError(errors);
    const out = this.compress(cleaned);
    await this.runValidators(out);
    return out as T;
  }

  /** A single value split by the widget, as a MultiWidget would show it. */
  protected decompressed(value: unknown): unknown[] {
    if (value === null || value === undefined) return this.fields.map(() => null);
    if (this.widget instanceof MultiWidget) return this.widget.decompress(value);
    throw this.error('invalid');
  }

  override hasChanged(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    const initials = Array.isArray(initial) ? initial : this.decompressed(initial);
    const datas = Array.isArray(data) ? data : this.fields.map(() => '');
    return this.fields.some((field, i) => {
      try {
        return field.hasChanged(field.toPython(initials[i] ?? null), datas[i]);
      } catch {
        return true;
      }
    });
  }
}

/**
 * Options of `splitDateTime`.
 *
 * @example
 * startsAt: forms.splitDateTime({ timeZone: 'Europe/Paris' }),
 */
export interface SplitDateTimeFieldOptions extends FieldOptions {
  /** The zone the date and time are read in and a Date is shown in (default UTC). */
  timeZone?: string;
}

/**
 * Django's SplitDateTimeField: a date input and a time input, cleaned to one Date.
 *
 * @example
 * await forms.splitDateTime().clean(['2026-12-06', '07:30']); // Date 2026-12-06T07:30:00.000Z
 */
export class SplitDateTimeField<T = Date> extends MultiValueField<T> {
  protected static override defaultWidget: WidgetClass = SplitDateTimeWidget;
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid_date: 'Enter a valid date.',
    invalid_time: 'Enter a valid time.',
  };
  readonly timeZone: string;

  constructor(options: SplitDateTimeFieldOptions = {}) {
    const zone = options.timeZone ?? 'UTC';
    super({ ...options, fields: [new DateField({ timeZone: zone }), new TimeField()] });
    this.timeZone = zone;
    const [date, time] = this.fields as [DateField, TimeField];
    date.errorMessages = { ...date.errorMessages, invalid: this.errorMessages.invalid_date! };
    time.errorMessages = { ...time.errorMessages, invalid: this.errorMessages.invalid_time! };
    if (this.widget instanceof SplitDateTimeWidget) this.widget.timeZone = zone;
  }

  /** `'YYYY-MM-DD'` and `'HH:MM:SS'` → the Date at that wall-clock time in `timeZone`. */
  override compress(parts: unknown[]): unknown {
    if (parts.length === 0) return null;
    const [date, time] = parts as [string | null, string | null];
    if (date === null) throw this.error('invalid_date');
    if (time === null) throw this.error('invalid_time');
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute, rest] = time.split(':') as [string, string, string];
    const [second, millisecond = '0'] = rest.split('.');
    return instantOf(
      { year, month, day, hour: Number(hour), minute: Number(minute), second: Number(second), millisecond: Number(millisecond.padEnd(3, '0')) },
      this.timeZone,
    );
  }

  /** A Date splits into its date and time of day in `timeZone`. */
  protected override decompressed(value: unknown): unknown[] {
    if (value instanceof Date && !Number.isNaN(value.getTime())) {
      const wall = wallClockAt(value, this.timeZone);
      return [formatDatePart(wall), formatTimePart(wall)];
    }
    return super.decompressed(value);
  }
}
