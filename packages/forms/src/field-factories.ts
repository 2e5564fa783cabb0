/**
 * `forms.char()`, `forms.email()`, …: the field constructors, typed so that `Form.define()`
 * knows each cleaned value's type (an optional integer is `number | null`, a modelChoice of
 * `Author.objects` is `Author`).
 */
import type { Model } from '@manouche/orm';
import {
  BooleanField,
  ChoiceField,
  MultipleChoiceField,
  NullBooleanField,
  TypedChoiceField,
  TypedMultipleChoiceField,
  type ChoiceFieldOptions,
  type TypedChoiceFieldOptions,
  type TypedMultipleChoiceFieldOptions,
} from './fields/choice-fields.js';
import { MultiValueField, SplitDateTimeField, type MultiValueFieldOptions, type SplitDateTimeFieldOptions } from './fields/multi-value-fields.js';
import type { Field, FieldOptions } from './fields/field.js';
import { FileField, ImageField, type FileFieldOptions, type ImageUpload } from './fields/file-fields.js';
import { JSONField, type JSONFieldOptions } from './fields/json-field.js';
import { ModelChoiceField, ModelMultipleChoiceField, type ModelChoiceFieldOptions } from './fields/model-choice-fields.js';
import { DecimalField, FloatField, IntegerField, type DecimalFieldOptions, type NumberFieldOptions } from './fields/number-fields.js';
import { DateField, DateTimeField, DurationField, TimeField, type TemporalFieldOptions } from './fields/temporal-fields.js';
import {
  CharField,
  EmailField,
  RegexField,
  SlugField,
  URLField,
  UUIDField,
  type CharFieldOptions,
  type RegexFieldOptions,
  type SlugFieldOptions,
  type URLFieldOptions,
} from './fields/text-fields.js';
import type { FormFile } from './form-data.js';

/**
 * `T`, or `T | null` when the options say `required: false`.
 *
 * @example
 * const age = forms.integer({ required: false }); // Field<Optional<{ required: false }, number>>, i.e. Field<number | null>
 */
export type Optional<O, T> = O extends { required: false } ? T | null : T;
/** A text field's value: a string, or null when `emptyValue: null` and not required. */
type Text<O> = O extends { emptyValue: null; required: false } ? string | null : string;

/**
 * The field constructors. Each returns a Field whose type parameter is the cleaned value's type.
 *
 * @example
 * class ContactForm extends Form.define({
 *   subject: forms.char({ maxLength: 100 }),
 *   sender: forms.email(),
 *   ccMyself: forms.boolean({ required: false }),
 * }) {}
 */
export const forms = {
  /** Text (`<input type="text">`), with maxLength/minLength/strip/emptyValue. */
  char: <O extends CharFieldOptions>(options?: O) => new CharField<Text<O>>(options),
  /** An email address (`<input type="email">`). */
  email: <O extends CharFieldOptions>(options?: O) => new EmailField<Text<O>>(options),
  /** A URL (`<input type="url">`); http:// is added when the scheme is missing. */
  url: <O extends URLFieldOptions>(options?: O) => new URLField<Text<O>>(options),
  /** A slug: letters, numbers, underscores, hyphens. */
  slug: <O extends SlugFieldOptions>(options?: O) => new SlugField<Text<O>>(options),
  /** Text matching `regex`. */
  regex: <O extends RegexFieldOptions>(options: O) => new RegexField<Text<O>>(options),
  /** A UUID, cleaned to `xxxxxxxx-xxxx-…` lower case. */
  uuid: <O extends CharFieldOptions>(options?: O) => new UUIDField<Optional<O, string>>(options),
  /** A whole number. */
  integer: <O extends NumberFieldOptions>(options?: O) => new IntegerField<Optional<O, number>>(options),
  /** A floating-point number. */
  float: <O extends NumberFieldOptions>(options?: O) => new FloatField<Optional<O, number>>(options),
  /** An exact decimal, as a string (`'12.50'`). */
  decimal: <O extends DecimalFieldOptions>(options?: O) => new DecimalField<Optional<O, string>>(options),
  /** A checkbox; required means it must be checked. */
  boolean: (options?: FieldOptions) => new BooleanField<boolean>(options),
  /** Yes / No / Unknown. */
  nullBoolean: (options?: FieldOptions) => new NullBooleanField<boolean | null>(options),
  /** One of `choices` (a string). */
  choice: <const O extends ChoiceFieldOptions>(options: O) => new ChoiceField<string>(options),
  /** One of `choices`, converted by `coerce`. */
  typedChoice: <C extends (value: string) => unknown, O extends Omit<TypedChoiceFieldOptions<unknown, unknown>, 'coerce'>>(options: O & { coerce: C }) =>
    new TypedChoiceField<ReturnType<C> | (O extends { emptyValue: infer E } ? E : '')>(options as unknown as TypedChoiceFieldOptions<unknown, unknown>),
  /** Several of `choices`. */
  multipleChoice: (options: ChoiceFieldOptions) => new MultipleChoiceField<string[]>(options),
  /** Several of `choices`, each converted by `coerce`; an empty selection cleans to `emptyValue` (default `[]`). */
  typedMultipleChoice: <C extends (value: string) => unknown, O extends Omit<TypedMultipleChoiceFieldOptions<unknown, unknown>, 'coerce'>>(
    options: O & { coerce: C },
  ) =>
    new TypedMultipleChoiceField<Array<ReturnType<C>> | (O extends { emptyValue: infer E } ? E : never)>(
      options as unknown as TypedMultipleChoiceFieldOptions<unknown, unknown>,
    ),
  /** One value from several fields (a MultiWidget's parts), combined by `compress`. */
  multiValue: <O extends MultiValueFieldOptions & { compress: (parts: unknown[]) => unknown }>(options: O) =>
    new MultiValueField<Optional<O, ReturnType<O['compress']>>>(options),
  /** A date input and a time input, cleaned to one Date (in `timeZone`). */
  splitDateTime: <O extends SplitDateTimeFieldOptions>(options?: O) => new SplitDateTimeField<Optional<O, Date>>(options),
  /** A date, as `'YYYY-MM-DD'`. */
  date: <O extends TemporalFieldOptions>(options?: O) => new DateField<Optional<O, string>>(options),
  /** A time of day, as `'HH:MM:SS'`. */
  time: <O extends TemporalFieldOptions>(options?: O) => new TimeField<Optional<O, string>>(options),
  /** A moment, as a Date. */
  dateTime: <O extends TemporalFieldOptions>(options?: O) => new DateTimeField<Optional<O, Date>>(options),
  /** A duration, in milliseconds. */
  duration: <O extends FieldOptions>(options?: O) => new DurationField<Optional<O, number>>(options),
  /** Any JSON value. */
  json: <T = unknown>(options?: JSONFieldOptions) => new JSONField<T>(options),
  /** An uploaded file. */
  file: <O extends FileFieldOptions>(options?: O) => new FileField<Optional<O, FormFile>>(options),
  /** An uploaded PNG, JPEG, GIF or WebP image, with its format and dimensions. */
  image: <O extends FileFieldOptions>(options?: O) => new ImageField<Optional<O, ImageUpload>>(options),
  /** One object of a queryset. */
  modelChoice: <M extends Model, O extends ModelChoiceFieldOptions<M>>(options: O & ModelChoiceFieldOptions<M>) =>
    new ModelChoiceField<Optional<O, M>>(options as unknown as ModelChoiceFieldOptions<Model>),
  /** Several objects of a queryset. */
  modelMultipleChoice: <M extends Model>(options: ModelChoiceFieldOptions<M>) =>
    new ModelMultipleChoiceField<M[]>(options as unknown as ModelChoiceFieldOptions<Model>),
};

/** Any form field. */
export type AnyField = Field<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
