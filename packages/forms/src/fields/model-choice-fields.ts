/** modelChoice and modelMultipleChoice: pick model instances from a queryset. */
import type { WidgetClass } from '../widgets/widget.js';
import type { Model, QuerySet } from '@manouche/orm';
import type { ChoiceList } from '../choices.js';
import { FormStateError } from '../errors.js';
import { ChoiceWidget, Select, SelectMultiple } from '../widgets/choice-widgets.js';
import { Field, isEmptyValue, type FieldOptions } from './field.js';

/**
 * A Manager or a QuerySet (anything with `all()` returning a QuerySet).
 *
 * @example
 * const authors: ModelSource<Author> = Author.objects.filter({ active: true });
 */
export interface ModelSource<M extends Model> {
  all(): QuerySet<M>;
}

/**
 * Options of `modelChoice`.
 *
 * @example
 * author: forms.modelChoice({ queryset: Author.objects, emptyLabel: '(nobody)', toFieldName: 'slug' }),
 */
export interface ModelChoiceFieldOptions<M extends Model> extends FieldOptions {
  /** Where the choices come from: `Author.objects` or `Author.objects.filter({ active: true })`. */
  queryset: ModelSource<M>;
  /** The first, empty option's text (default `---------`; null for none). */
  emptyLabel?: string | null;
  /** The field whose value identifies an object in the data (default: the primary key). */
  toFieldName?: string;
  /** The label of each object (default `String(obj)`). */
  labelFromInstance?: (obj: M) => string;
}

function isInvalidLookup(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /INVALID_VALUE|VALIDATION|FIELD_ERROR|DATABASE_ERROR/.test(code);
}

/**
 * Django's ModelChoiceField: one object of the queryset, by primary key (or `toFieldName`).
 * Choices are read from the database by `await form.loadChoices()` (generic views call it) before rendering.
 *
 * @example
 * class PostForm extends Form.define({ author: forms.modelChoice({ queryset: Author.objects.filter({ active: true }) }) }) {}
 * const form = new PostForm({ data: { author: '3' } });
 * if (await form.isValid()) form.cleanedData.author; // the Author with pk 3
 */
export class ModelChoiceField<T = Model> extends Field<T> {
  protected static override defaultWidget: WidgetClass = Select;
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid_choice: 'Select a valid choice. That choice is not one of the available choices.',
  };
  queryset: ModelSource<Model>;
  readonly emptyLabel: string | null;
  readonly toFieldName: string | undefined;
  readonly labelFromInstance: (obj: Model) => string;
  /** The choices read by `loadChoices()`, or undefined before. */
  loadedChoices: ChoiceList | undefined;

  constructor(options: ModelChoiceFieldOptions<Model>) {
    super(options);
    if (!options.queryset || typeof options.queryset.all !== 'function') {
      throw new TypeError('forms.modelChoice() needs a queryset: a Manager or QuerySet, such as { queryset: Author.objects }.');
    }
    this.queryset = options.queryset;
    this.emptyLabel = options.emptyLabel === undefined ? '---------' : options.emptyLabel;
    this.toFieldName = options.toFieldName;
    this.labelFromInstance = options.labelFromInstance ?? ((obj) => String(obj));
  }

  protected keyOf(obj: Model): unknown {
    return this.toFieldName ? (obj as unknown as Record<string, unknown>)[this.toFieldName] : obj.pk;
  }

  /** Whether an empty option goes first. */
  protected get includesEmptyOption(): boolean {
    return this.emptyLabel !== null && !(this.widget instanceof SelectMultiple);
  }

  /** Reads the queryset and gives the widget its choices. */
  async loadChoices(): Promise<void> {
    const objects = await this.queryset.all();
    const choices: Array<readonly [string, string]> = objects.map((obj) => [String(this.keyOf(obj)), this.labelFromInstance(obj)] as const);
    if (this.includesEmptyOption) choices.unshift(['', this.emptyLabel!]);
    this.loadedChoices = choices;
    if (this.widget instanceof ChoiceWidget) this.widget.choices = choices;
  }

  /** The loaded choices; throws when `loadChoices()` has not run. */
  get choices(): ChoiceList {
    if (!this.loadedChoices) {
      throw new FormStateError(
        'MANOUCHE_FORMS_CHOICES_NOT_LOADED',
        `The choices of this ${this.constructor.name} come from the database: call "await form.loadChoices()" before rendering the form (the generic views do it for you).`,
      );
    }
    return this.loadedChoices;
  }

  override prepareValue(value: unknown): unknown {
    if (value && typeof value === 'object' && 'pk' in value) return this.keyOf(value as Model);
    return value;
  }

  protected async lookup(values: unknown[]): Promise<Model[]> {
    const key = this.toFieldName ?? 'pk';
    try {
      return await this.queryset.all().filter({ [`${key}__in`]: values } as never);
    } catch (error) {
      if (isInvalidLookup(error)) return [];
      throw error;
    }
  }

  override async clean(value: unknown): Promise<T> {
    if (isEmptyValue(value)) {
      if (this.required) throw this.error('required');
      return null as T;
    }
    const raw = this.prepareValue(Array.isArray(value) ? value[value.length - 1] : value);
    const [found] = await this.lookup([String(raw)]);
    if (!found) throw this.error('invalid_choice', { value: raw });
    await this.runValidators(found);
    return found as T;
  }

  override hasChanged(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    const a = initial === null || initial === undefined ? '' : String(this.prepareValue(initial));
    const b = data === null || data === undefined ? '' : String(data);
    return a !== b;
  }
}

/**
 * Django's ModelMultipleChoiceField: several objects of the queryset.
 *
 * @example
 * tags: forms.modelMultipleChoice({ queryset: Tag.objects, required: false }),
 */
export class ModelMultipleChoiceField<T = Model[]> extends ModelChoiceField<T> {
  protected static override defaultWidget: WidgetClass = SelectMultiple;
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid_list: 'Enter a list of values.',
    invalid_choice: 'Select a valid choice. %(value)s is not one of the available choices.',
    invalid_pk_value: '“%(pk)s” is not a valid value.',
  };

  override prepareValue(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => super.prepareValue(item));
    return super.prepareValue(value);
  }

  override async clean(value: unknown): Promise<T> {
    const values = value === null || value === undefined || value === '' ? [] : value;
    if (!Array.isArray(values)) throw this.error('invalid_list');
    if (values.length === 0) {
      if (this.required) throw this.error('required');
      return [] as T;
    }
    const keys = [...new Set(values.map((item) => String(this.prepareValue(item))))];
    const found = await this.lookup(keys);
    const foundKeys = new Set(found.map((obj) => String(this.keyOf(obj))));
    for (const key of keys) if (!foundKeys.has(key)) throw this.error('invalid_choice', { value: key });
    await this.runValidators(found);
    return found as T;
  }

  override hasChanged(initial: unknown, data: unknown): boolean {
    if (this.disabled) return false;
    const a = new Set(((this.prepareValue(initial ?? []) as unknown[]) ?? []).map(String));
    const b = new Set(((Array.isArray(data) ? data : data == null ? [] : [data]) as unknown[]).map(String));
    return a.size !== b.size || [...a].some((item) => !b.has(item));
  }
}
