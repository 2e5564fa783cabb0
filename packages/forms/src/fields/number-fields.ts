/** Number fields: integer, float, decimal. Parsing is locale-free: `1234.5`, never `1 234,5`. */
import type { WidgetClass } from '../widgets/widget.js';
import type { Attrs, Widget } from '../widgets/widget.js';
import { NumberInput } from '../widgets/widget.js';
import { Field, isEmptyValue, type FieldOptions } from './field.js';

/**
 * Options of the number fields.
 *
 * @example
 * quantity: forms.integer({ minValue: 1, maxValue: 99, stepSize: 1 }),
 */
export interface NumberFieldOptions extends FieldOptions {
  minValue?: number;
  maxValue?: number;
  /** Valid values are multiples of this (from `minValue` when given). */
  stepSize?: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

abstract class NumberField<T> extends Field<T> {
  protected static override defaultWidget: WidgetClass = NumberInput;
  protected static override defaultErrorMessages: Record<string, string> = {
    max_value: 'Ensure this value is less than or equal to %(limit_value)s.',
    min_value: 'Ensure this value is greater than or equal to %(limit_value)s.',
    step_size: 'Ensure this value is a multiple of step size %(limit_value)s.',
    step_size_offset:
      'Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on.',
  };
  readonly minValue: number | undefined;
  readonly maxValue: number | undefined;
  readonly stepSize: number | undefined;

  constructor(options: NumberFieldOptions = {}) {
    super(options);
    this.minValue = options.minValue;
    this.maxValue = options.maxValue;
    this.stepSize = options.stepSize;
  }

  /** The trimmed text of a submitted number, or null when empty. */
  protected text(value: unknown): string | null {
    if (isEmptyValue(value)) return null;
    const text = String(Array.isArray(value) ? value[value.length - 1] : value).trim();
    return text === '' ? null : text;
  }

  override validate(value: unknown): void {
    super.validate(value);
    if (value === null || value === undefined) return;
    const n = Number(value);
    if (this.maxValue !== undefined && n > this.maxValue) throw this.error('max_value', { limit_value: this.maxValue });
    if (this.minValue !== undefined && n < this.minValue) throw this.error('min_value', { limit_value: this.minValue });
    if (this.stepSize !== undefined) {
      const offset = this.minValue ?? 0;
      const ratio = (n - offset) / this.stepSize;
      if (Math.abs(ratio - Math.round(ratio)) > 1e-9) {
        if (offset === 0) throw this.error('step_size', { limit_value: this.stepSize });
        throw this.error('step_size_offset', {
          limit_value: this.stepSize,
          offset,
          valid_value1: offset + this.stepSize,
          valid_value2: offset + 2 * this.stepSize,
        });
      }
    }
  }

  override widgetAttrs(widget: Widget): Attrs {
    const attrs: Attrs = {};
    if (!(widget instanceof NumberInput)) return attrs;
    if (this.minValue !== undefined) attrs.min = String(this.minValue);
    if (this.maxValue !== undefined) attrs.max = String(this.maxValue);
    if (this.stepSize !== undefined) attrs.step = String(this.stepSize);
    return attrs;
  }
}

/**
 * Django's IntegerField: a whole number (`12`, `12.0`), else "Enter a whole number.".
 *
 * @example
 * await forms.integer({ minValue: 1 }).clean('12'); // 12
 * await forms.integer().clean('1.5'); // ValidationError: Enter a whole number.
 */
export class IntegerField<T = number> extends NumberField<T> {
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a whole number.' };
  constructor(options: NumberFieldOptions = {}) {
    super(options);
    this.finishWidget();
  }
  override toPython(value: unknown): unknown {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    const text = this.text(value);
    if (text === null) return null;
    const whole = text.replace(/\.0*$/, '');
    if (!/^[+-]?\d+$/.test(whole)) throw this.error('invalid');
    const n = Number(whole);
    if (!Number.isSafeInteger(n)) throw this.error('invalid');
    return n;
  }
}

/**
 * Django's FloatField: a finite number.
 *
 * @example
 * await forms.float({ maxValue: 5 }).clean('4.5'); // 4.5
 */
export class FloatField<T = number> extends NumberField<T> {
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a number.' };
  constructor(options: NumberFieldOptions = {}) {
    super(options);
    this.finishWidget();
  }
  override toPython(value: unknown): unknown {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw this.error('invalid');
      return value;
    }
    const text = this.text(value);
    if (text === null) return null;
    if (!NUMBER.test(text)) throw this.error('invalid');
    const n = Number(text);
    if (!Number.isFinite(n)) throw this.error('invalid');
    return n;
  }
  override widgetAttrs(widget: Widget): Attrs {
    const attrs = super.widgetAttrs(widget);
    if (widget instanceof NumberInput && !('step' in widget.attrs) && this.stepSize === undefined) attrs.step = 'any';
    return attrs;
  }
}

/**
 * Options of `decimal`.
 *
 * @example
 * price: forms.decimal({ maxDigits: 6, decimalPlaces: 2, minValue: 0 }),
 */
export interface DecimalFieldOptions extends NumberFieldOptions {
  maxDigits?: number;
  decimalPlaces?: number;
}

/**
 * Django's DecimalField: an exact decimal, cleaned to a string (`'12.50'` stays `'12.50'`), as the ORM stores decimals.
 *
 * @example
 * await forms.decimal({ maxDigits: 5, decimalPlaces: 2 }).clean('12.50'); // '12.50'
 */
export class DecimalField<T = string> extends NumberField<T> {
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid: 'Enter a number.',
    max_digits: 'Ensure that there are no more than %(max)s digits in total.',
    max_decimal_places: 'Ensure that there are no more than %(max)s decimal places.',
    max_whole_digits: 'Ensure that there are no more than %(max)s digits before the decimal point.',
  };
  readonly maxDigits: number | undefined;
  readonly decimalPlaces: number | undefined;
  constructor(options: DecimalFieldOptions = {}) {
    super(options);
    this.maxDigits = options.maxDigits;
    this.decimalPlaces = options.decimalPlaces;
    this.finishWidget();
  }
  override toPython(value: unknown): unknown {
    const text = this.text(value);
    if (text === null) return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) throw this.error('invalid');
    let normalized = text.replace(/^\+/, '');
    if (normalized.startsWith('.')) normalized = `0${normalized}`;
    if (normalized.startsWith('-.')) normalized = `-0${normalized.slice(1)}`;
    return normalized.replace(/\.$/, '');
  }
  override validate(value: unknown): void {
    super.validate(value);
    if (typeof value !== 'string') return;
    const [whole = '', fraction = ''] = value.replace(/^-/, '').split('.');
    const wholeDigits = whole.replace(/^0+/, '').length;
    const decimals = fraction.length;
    const digits = wholeDigits + decimals || 1;
    if (this.maxDigits !== undefined && digits > this.maxDigits) throw this.error('max_digits', { max: this.maxDigits });
    if (this.decimalPlaces !== undefined && decimals > this.decimalPlaces) throw this.error('max_decimal_places', { max: this.decimalPlaces });
    if (this.maxDigits !== undefined && this.decimalPlaces !== undefined && wholeDigits > this.maxDigits - this.decimalPlaces) {
      throw this.error('max_whole_digits', { max: this.maxDigits - this.decimalPlaces });
    }
  }
  override widgetAttrs(widget: Widget): Attrs {
    const attrs = super.widgetAttrs(widget);
    if (widget instanceof NumberInput && !('step' in widget.attrs) && this.stepSize === undefined) {
      attrs.step = this.decimalPlaces !== undefined ? (this.decimalPlaces === 0 ? '1' : `0.${'0'.repeat(this.decimalPlaces - 1)}1`) : 'any';
    }
    return attrs;
  }
}
