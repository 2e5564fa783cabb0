/** Boolean and choice fields: boolean, nullBoolean, choice, typedChoice, multipleChoice. */
import type { WidgetClass } from '../widgets/widget.js';
import { choiceText, flatChoices, type ChoiceList } from '../choices.js';
import { ChoiceWidget, NullBooleanSelect, Select, SelectMultiple } from '../widgets/choice-widgets.js';
import { CheckboxInput } from '../widgets/widget.js';
import { Field, isEmptyValue, type FieldOptions } from './field.js';

/**
 * Django's BooleanField: `true`/`false`; a required one must be checked.
 *
 * @example
 * acceptTerms: forms.boolean(), // must be ticked
 * newsletter: forms.boolean({ required: false }),
 */
export class BooleanField<T = boolean> extends Field<T> {
  protected static override defaultWidget: WidgetClass = CheckboxInput;
  override toPython(value: unknown): unknown {
    if (typeof value === 'string' && ['false', '0'].includes(value.toLowerCase())) return false;
    return Boolean(value);
  }
  override validate(value: unknown): void {
    if (!value && this.required) throw this.error('required');
  }
  override hasChanged(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    return this.toPython(initial) !== this.toPython(data);
  }
}

/**
 * Django's NullBooleanField: `true`, `false` or `null` (unknown).
 *
 * @example
 * await forms.nullBoolean().clean('unknown'); // null
 * await forms.nullBoolean().clean('true'); // true
 */
export class NullBooleanField<T = boolean | null> extends BooleanField<T> {
  protected static override defaultWidget: WidgetClass = NullBooleanSelect;
  override toPython(value: unknown): unknown {
    if (value === true || value === 'True' || value === 'true' || value === '1' || value === '2') return true;
    if (value === false || value === 'False' || value === 'false' || value === '0' || value === '3') return false;
    return null;
  }
  override validate(): void {}
}

/**
 * Options of `choice`.
 *
 * @example
 * status: forms.choice({ choices: [['DF', 'Draft'], ['PB', 'Published']], initial: 'DF' }),
 */
export interface ChoiceFieldOptions extends FieldOptions {
  /** `[value, label]` pairs (or groups), or a function returning them. */
  choices: ChoiceList | (() => ChoiceList);
}

/**
 * Django's ChoiceField: one of the choices' values, as a string.
 *
 * @example
 * const status = forms.choice({ choices: [['DF', 'Draft'], ['PB', 'Published']] });
 * await status.clean('PB'); // 'PB'
 * await status.clean('XX'); // ValidationError: Select a valid choice. XX is not one of the available choices.
 */
export class ChoiceField<T = string> extends Field<T> {
  protected static override defaultWidget: WidgetClass = Select;
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid_choice: 'Select a valid choice. %(value)s is not one of the available choices.',
  };
  private choiceList: ChoiceList = [];

  constructor(options: ChoiceFieldOptions) {
    super(options);
    if (options.choices === undefined) throw new TypeError("forms.choice() needs choices, such as { choices: [['a', 'A'], ['b', 'B']] }.");
    this.choices = typeof options.choices === 'function' ? options.choices() : options.choices;
  }

  /** The choices; setting them updates the widget too. */
  get choices(): ChoiceList {
    return this.choiceList;
  }
  set choices(choices: ChoiceList) {
    this.choiceList = choices;
    if (this.widget instanceof ChoiceWidget) this.widget.choices = choices;
  }

  override clone(): this {
    const copy = super.clone();
    copy.choices = this.choiceList;
    return copy;
  }

  override toPython(value: unknown): unknown {
    if (isEmptyValue(value)) return '';
    return String(value);
  }

  override validate(value: unknown): void {
    super.validate(value);
    if (!isEmptyValue(value) && !this.validValue(value)) throw this.error('invalid_choice', { value });
  }

  /** Whether `value` is one of the choices' values. */
  validValue(value: unknown): boolean {
    const text = choiceText(value);
    return flatChoices(this.choiceList).some(([choice]) => choiceText(choice) === text);
  }
}

/**
 * Options of `typedChoice`.
 *
 * @example
 * rating: forms.typedChoice({ choices: [[1, 'Poor'], [5, 'Great']], coerce: Number, emptyValue: null, required: false }),
 */
export interface TypedChoiceFieldOptions<T, E> extends ChoiceFieldOptions {
  /** Converts the chosen string (`Number`, `(v) => v === 'yes'`, …); a throw means "not a valid choice". */
  coerce: (value: string) => T;
  /** What an empty optional value cleans to (default ''). */
  emptyValue?: E;
}

/**
 * Django's TypedChoiceField: a ChoiceField whose value is converted with `coerce`.
 *
 * @example
 * const rating = forms.typedChoice({ choices: [[1, 'Poor'], [5, 'Great']], coerce: Number });
 * await rating.clean('5'); // 5
 */
export class TypedChoiceField<T = unknown> extends ChoiceField<T> {
  readonly coerce: (value: string) => unknown;
  readonly emptyValue: unknown;
  constructor(options: TypedChoiceFieldOptions<unknown, unknown>) {
    super(options);
    this.coerce = options.coerce ?? ((v: string) => v);
    this.emptyValue = 'emptyValue' in options ? options.emptyValue : '';
  }
  override async clean(value: unknown): Promise<T> {
    const chosen = await super.clean(value);
    if (chosen === '' || chosen === this.emptyValue || isEmptyValue(chosen)) return this.emptyValue as T;
    try {
      return this.coerce(chosen as string) as T;
    } catch {
      throw this.error('invalid_choice', { value: chosen });
    }
  }
}

/**
 * Django's MultipleChoiceField: several of the choices' values, as strings.
 *
 * @example
 * const toppings = forms.multipleChoice({ choices: [['ham', 'Ham'], ['olives', 'Olives']], widget: CheckboxSelectMultiple });
 * await toppings.clean(['ham', 'olives']); // ['ham', 'olives']
 */
export class MultipleChoiceField<T = string[]> extends ChoiceField<T> {
  protected static override defaultWidget: WidgetClass = SelectMultiple;
  protected static override defaultErrorMessages: Record<string, string> = { invalid_list: 'Enter a list of values.' };
  override toPython(value: unknown): unknown {
    if (value === null || value === undefined || value === '') return [];
    if (!Array.isArray(value)) throw this.error('invalid_list');
    return value.map((item) => String(item));
  }
  override validate(value: unknown): void {
    const values = value as string[];
    if (this.required && values.length === 0) throw this.error('required');
    for (const item of values) if (!this.validValue(item)) throw this.error('invalid_choice', { value: item });
  }
  override hasChanged(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    const a = new Set((Array.isArray(initial) ? initial : initial == null ? [] : [initial]).map(choiceText));
    const b = new Set((Array.isArray(data) ? data : data == null ? [] : [data]).map(choiceText));
    return a.size !== b.size || [...a].some((item) => !b.has(item));
  }
}

/**
 * Options of `typedMultipleChoice`.
 *
 * @example
 * sizes: forms.typedMultipleChoice({ choices: [[36, '36'], [38, '38']], coerce: Number, required: false }),
 */
export interface TypedMultipleChoiceFieldOptions<T, E> extends ChoiceFieldOptions {
  /** Converts each chosen string (`Number`, …); a throw means "not one of the available choices". */
  coerce: (value: string) => T;
  /** What an empty optional selection cleans to (default `[]`). */
  emptyValue?: E;
}

/**
 * Django's TypedMultipleChoiceField: a MultipleChoiceField whose values are converted with `coerce`.
 *
 * @example
 * const sizes = forms.typedMultipleChoice({ choices: [[36, '36'], [38, '38']], coerce: Number });
 * await sizes.clean(['36', '38']); // [36, 38]
 */
export class TypedMultipleChoiceField<T = unknown[]> extends MultipleChoiceField<T> {
  readonly coerce: (value: string) => unknown;
  readonly emptyValue: unknown;
  constructor(options: TypedMultipleChoiceFieldOptions<unknown, unknown>) {
    super(options);
    this.coerce = options.coerce ?? ((v: string) => v);
    this.emptyValue = 'emptyValue' in options ? options.emptyValue : [];
  }
  override validate(value: unknown): void {
    if (!isEmptyValue(value)) super.validate(value);
    else if (this.required) throw this.error('required');
  }
  override async clean(value: unknown): Promise<T> {
    const chosen = (await super.clean(value)) as unknown as string[];
    if (isEmptyValue(chosen)) return this.emptyValue as T;
    return chosen.map((choice) => {
      try {
        return this.coerce(choice);
      } catch {
        throw this.error('invalid_choice', { value: choice });
      }
    }) as T;
  }
}
