/** Which form field a model field becomes in a ModelForm (Django's `Field.formfield()`). */
import { ForeignKeyField, ManyToManyField, type Field as ModelField, type Model, type ModelClass } from '@manouche/orm';
import { BooleanField, NullBooleanField, TypedChoiceField } from './fields/choice-fields.js';
import type { Field, FieldOptions } from './fields/field.js';
import { ValidationError } from './errors.js';
import { JSONField } from './fields/json-field.js';
import { ModelChoiceField, ModelMultipleChoiceField, type ModelSource } from './fields/model-choice-fields.js';
import { DecimalField, FloatField, IntegerField } from './fields/number-fields.js';
import { DateField, DateTimeField, DurationField, TimeField } from './fields/temporal-fields.js';
import { CharField, EmailField, SlugField, URLField, UUIDField } from './fields/text-fields.js';
import { Textarea } from './widgets/widget.js';

const INTEGER_RANGES: Record<string, [number | undefined, number | undefined]> = {
  integer: [-2147483648, 2147483647],
  smallInteger: [-32768, 32767],
  bigInteger: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  positiveInteger: [0, 2147483647],
  positiveSmallInteger: [0, 32767],
  positiveBigInteger: [0, Number.MAX_SAFE_INTEGER],
};

function capfirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The verbose name of a model field (`publish date` for `publishDate`). */
export function modelFieldLabel(field: ModelField): string {
  const verbose =
    field.options.verboseName ??
    field.name
      .replace(/_/g, ' ')
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase();
  return capfirst(String(verbose));
}

/** Whether a ModelForm can edit the field (not automatic, not `editable: false`, not autoNow/autoNowAdd, not binary). */
export function isFormEditable(field: ModelField): boolean {
  return field.editable && !field.options.autoNow && !field.options.autoNowAdd && field.type !== 'binary';
}

function coerceFor(field: ModelField): (value: string) => unknown {
  if (/integer|Integer|float/.test(field.type)) {
    return (value) => {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw new Error('not a number');
      return n;
    };
  }
  if (field.type === 'boolean') return (value) => value === 'true' || value === 'True' || value === '1';
  return (value) => value;
}

/**
 * The objects a relation offers in forms: the target's, narrowed by its limitChoicesTo each time they are read.
 *
 * @example
 * const writers = relatedChoices(Book, Book._meta.getField('writer'));
 */
export function relatedChoices(model: ModelClass, field: ForeignKeyField | ManyToManyField): ModelSource<Model> {
  const target = model._meta.remoteModel(field);
  const objects = target.objects as unknown as ModelSource<Model>;
  if (field.options.limitChoicesTo === undefined) return objects;
  return { all: () => objects.all().filter(field.getLimitChoicesTo() as never) };
}

/** The form field for `field` of `model`, with `overrides` (label, widget, …) applied. @internal */
export function formFieldFor(model: ModelClass, field: ModelField, overrides: FieldOptions): Field {
  const o = field.options;
  const base: FieldOptions = {
    required: !o.blank,
    label: modelFieldLabel(field),
    helpText: o.helpText ?? '',
  };
  if (field.hasDefault()) {
    base.initial = typeof o.default === 'function' ? o.default : o.default;
    if (typeof o.default === 'function') base.showHiddenInitial = false;
  }
  const opts = { ...base, ...overrides };
  if (field instanceof ManyToManyField) {
    return new ModelMultipleChoiceField({ ...opts, queryset: relatedChoices(model, field) });
  }
  if (field instanceof ForeignKeyField) {
    return new ModelChoiceField({
      ...opts,
      queryset: relatedChoices(model, field),
      toFieldName: o.toField as string | undefined,
      emptyLabel: field.hasDefault() && !o.blank ? null : '---------',
    });
  }
  if (o.choices) {
    const includeBlank = Boolean(o.blank) || !(field.hasDefault() || 'initial' in overrides);
    const choices = [...(o.choices as ReadonlyArray<readonly [unknown, string]>)].map(([v, l]) => [v as string, l] as const);
    return new TypedChoiceField({
      ...opts,
      choices: includeBlank ? [['', '---------'], ...choices] : choices,
      coerce: coerceFor(field),
      emptyValue: field.nullable ? null : '',
    });
  }
  const maxLength = o.maxLength as number | undefined;
  const text = { ...opts, maxLength, emptyValue: field.nullable ? null : '' };
  switch (field.type) {
    case 'char':
      return new CharField(text);
    case 'text':
      return new CharField({ ...text, widget: opts.widget ?? Textarea });
    case 'email':
      return new EmailField(text);
    case 'url':
      return new URLField(text);
    case 'slug':
      return new SlugField(text);
    case 'uuid':
      return new UUIDField(opts);
    case 'float':
      return new FloatField(opts);
    case 'decimal':
      return new DecimalField({ ...opts, maxDigits: o.maxDigits as number | undefined, decimalPlaces: o.decimalPlaces as number | undefined });
    case 'boolean':
      return field.nullable ? new NullBooleanField(opts) : new BooleanField({ ...opts, required: false });
    case 'date':
      return new DateField(opts);
    case 'time':
      return new TimeField(opts);
    case 'dateTime':
      return new DateTimeField(opts);
    case 'duration':
      return new DurationField(opts);
    case 'json':
      return new JSONField(opts);
    default: {
      const range = INTEGER_RANGES[field.type];
      if (range) {
        // The column's range is checked like Django's backend validators; only positive fields show min="0".
        const [min, max] = range as [number, number];
        const inRange = (value: never) => {
          const n = Number(value);
          if (n > max)
            throw new ValidationError('Ensure this value is less than or equal to %(limit_value)s.', { code: 'max_value', params: { limit_value: max } });
          if (n < min)
            throw new ValidationError('Ensure this value is greater than or equal to %(limit_value)s.', { code: 'min_value', params: { limit_value: min } });
        };
        return new IntegerField({ ...(min === 0 ? { minValue: 0 } : {}), ...opts, validators: [...(opts.validators ?? []), inRange] });
      }
      return new CharField(text);
    }
  }
}
