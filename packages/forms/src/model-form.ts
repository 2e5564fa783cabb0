/** Django's ModelForm: a form built from a model's fields that validates and saves an instance. */
import type { Media, MediaDefinition } from './media.js';
import { ForeignKeyField, ManyToManyField, ValidationError as ModelValidationError, type Model, type ModelClass, type ManyRelatedManager } from '@manouche/orm';
import { FormsConfigurationError, FormStateError, ValidationError } from './errors.js';
import type { Field, FieldOptions } from './fields/field.js';
import { isEmptyValue } from './fields/field.js';
import { BaseForm, NON_FIELD_ERRORS, type CleanedData, type DeclaredFields, type FormOptions } from './form.js';
import { formFieldFor, isFormEditable } from './model-fields-to-form.js';
import type { Widget, WidgetClass } from './widgets/widget.js';

/** The cleaned type of a model attribute: many-to-many managers become arrays of objects. */
type ModelValue<V> = V extends ManyRelatedManager<infer T> ? T[] : V;
/**
 * The cleaned data of a ModelForm of `M` with the fields `K` and extra declared fields `E`.
 *
 * @example
 * type CommentData = ModelCleanedData<Comment, 'name' | 'body', {}>; // { name: string; body: string }
 */
export type ModelCleanedData<M, K extends string, E extends DeclaredFields> = { -readonly [P in K & keyof M]: ModelValue<M[P]> } & CleanedData<E>;

/**
 * The `Meta` of a ModelForm.
 *
 * @example
 * class PostForm extends ModelForm.define(Post, { fields: ['title', 'body', 'status'] } satisfies ModelFormMeta<'title' | 'body' | 'status'>) {}
 */
export interface ModelFormMeta<K extends string> {
  /** The model fields on the form, in order, or `'__all__'` for every editable field. */
  fields?: readonly K[] | '__all__';
  /** Model fields to leave out. */
  exclude?: readonly string[];
  labels?: Partial<Record<K, string>>;
  helpTexts?: Partial<Record<K, string>>;
  widgets?: Partial<Record<K, Widget | WidgetClass>>;
  /** Message overrides by field and code (`{ title: { required: 'Give it a title.' } }`). */
  errorMessages?: Partial<Record<K, Record<string, string>>>;
  /** Replace a field's form field entirely: `{ body: (defaults) => forms.char({ ...defaults, maxLength: 500 }) }`. */
  fieldClasses?: Partial<Record<K, (defaults: FieldOptions) => Field>>;
}

/**
 * Options of a ModelForm instance: a form's, plus the instance to edit.
 *
 * @example
 * const form = new PostForm({ instance: post, data: await request.post() });
 */
export interface ModelFormOptions<M extends Model> extends FormOptions {
  /** The object to edit; a new one is created when absent. */
  instance?: M | null;
}

/**
 * The class `ModelForm.define()` returns.
 *
 * @example
 * const CommentFormBase: ModelFormClass<Comment, 'name' | 'body', {}> = ModelForm.define(Comment, { fields: ['name', 'body'] });
 */
export interface ModelFormClass<M extends Model, K extends string, E extends DeclaredFields> {
  new (options?: ModelFormOptions<M>): ModelForm<M, ModelCleanedData<M, K, E>>;
  model: ModelClass<M>;
  declaredFields: DeclaredFields;
  modelFieldNames: string[];
  fieldOrder: readonly string[] | null;
  media: MediaDefinition | Media | undefined;
}

/**
 * A form for a model. `ModelForm.define(Post, { fields: ['title', 'body'] })` derives each form
 * field from the model field (choices → select, foreign key → modelChoice, many-to-many →
 * modelMultipleChoice), validates the instance (`fullClean`, unique, uniqueTogether) and saves it.
 *
 * @example
 * class CommentForm extends ModelForm.define(Comment, { fields: ['name', 'email', 'body'] }) {}
 * const form = new CommentForm({ data: await request.post() });
 * if (await form.isValid()) {
 *   const comment = await form.save({ commit: false });
 *   comment.post = post;
 *   await comment.save();
 * }
 */
export class ModelForm<M extends Model = Model, C extends object = Record<string, unknown>> extends BaseForm<DeclaredFields> {
  static model: ModelClass | undefined;
  static modelFieldNames: string[] = [];
  /** The object being created or edited. */
  instance: M;
  declare cleanedData: C;
  private m2mInitialLoaded = false;
  private pendingM2m: Array<[ManyToManyField, Model[]]> | null = null;

  constructor(options: ModelFormOptions<M> = {}) {
    const ctor = new.target as unknown as typeof ModelForm;
    const model = ctor.model;
    if (!model) throw new FormsConfigurationError(`${ctor.name} has no model: define it with ModelForm.define(Model, { fields: [...] }).`);
    const instance = options.instance ?? (new model() as M);
    const fromInstance: Record<string, unknown> = {};
    const self = instance as unknown as Record<string, unknown>;
    for (const name of ctor.modelFieldNames) {
      const field = model._meta.getField(name)!;
      if (field instanceof ManyToManyField) continue;
      if (options.instance) fromInstance[name] = self[field.attname];
    }
    super({ ...options, initial: { ...fromInstance, ...options.initial } });
    this.instance = instance;
  }

  /**
   * A ModelForm class for `model`: `meta.fields` (or `'__all__'`, or `meta.exclude`) chooses the
   * model fields; `declared` adds form fields of its own.
   */
  static define<M extends Model, const K extends keyof M & string = never, E extends DeclaredFields = Record<never, never>>(
    model: ModelClass<M>,
    meta: ModelFormMeta<K>,
    declared?: E,
  ): ModelFormClass<M, K, E> {
    if (meta.fields === undefined && meta.exclude === undefined) {
      throw new FormsConfigurationError(
        `Creating a ModelForm without either the 'fields' attribute or the 'exclude' attribute is prohibited; the ModelForm for ${model.name} needs updating.`,
      );
    }
    // The form fields are built on first use, once the model is registered (a module may define
    // its forms before the app registry has loaded the models).
    let built: { fields: DeclaredFields; names: string[] } | undefined;
    const build = () => (built ??= buildFields(model as unknown as ModelClass, meta as ModelFormMeta<string>, declared ?? {}));
    const Defined = class extends ModelForm<M> {};
    Defined.model = model as unknown as ModelClass;
    Object.defineProperty(Defined, 'declaredFields', { get: () => build().fields, configurable: true });
    Object.defineProperty(Defined, 'modelFieldNames', { get: () => build().names, configurable: true });
    Object.defineProperty(Defined, 'name', { value: `${model.name}Form`, configurable: true });
    return Defined as unknown as ModelFormClass<M, K, E>;
  }

  private get modelClass(): ModelClass {
    return (this.constructor as typeof ModelForm).model!;
  }

  /** Reads the many-to-many initial values of a saved instance (needed to show and compare them). */
  private async loadM2mInitial(): Promise<void> {
    if (this.m2mInitialLoaded) return;
    this.m2mInitialLoaded = true;
    if (this.instance._state.adding) return;
    const self = this.instance as unknown as Record<string, ManyRelatedManager<Model>>;
    for (const name of (this.constructor as typeof ModelForm).modelFieldNames) {
      const field = this.modelClass._meta.getField(name);
      if (!(field instanceof ManyToManyField) || Object.hasOwn(this.initial, name)) continue;
      const related = await self[name]!.all();
      this.initial[name] = related.map((obj) => obj.pk);
    }
  }

  /** Loads model choices and many-to-many initial values; call before rendering. */
  override async loadChoices(): Promise<void> {
    await this.loadM2mInitial();
    await super.loadChoices();
  }

  override async isValid(): Promise<boolean> {
    await this.loadM2mInitial();
    return super.isValid();
  }

  /** Model fields that the model's own validation skips (not on the form, or already failed). */
  protected validationExclusions(): string[] {
    const onForm = new Set((this.constructor as typeof ModelForm).modelFieldNames);
    const exclude: string[] = [];
    for (const field of this.modelClass._meta.fields) {
      const name = field.name;
      if (!onForm.has(name) || !(name in this.fields)) exclude.push(name);
      else if (this.errors.has(name)) exclude.push(name);
      else {
        const formField = this.fields[name]!;
        const value = (this.cleanedData as Record<string, unknown>)[name];
        if (!formField.required && !field.options.blank && isEmptyValue(value)) exclude.push(name);
      }
    }
    return exclude;
  }

  /** Copies the cleaned values onto the instance (many-to-many ones wait for `saveM2m`). */
  protected constructInstance(): void {
    const self = this.instance as unknown as Record<string, unknown>;
    const cleaned = this.cleanedData as Record<string, unknown>;
    for (const name of (this.constructor as typeof ModelForm).modelFieldNames) {
      const field = this.modelClass._meta.getField(name)!;
      if (field instanceof ManyToManyField || !(name in cleaned)) continue;
      const formField = this.fields[name]!;
      // Leave a model default in place when the field was left out of the submission entirely.
      if (field.hasDefault() && formField.widget.valueOmittedFromData(this.data, this.files, this.addPrefix(name))) continue;
      const value = cleaned[name];
      if (field instanceof ForeignKeyField) self[field.name] = value ?? null;
      else self[field.attname] = value;
    }
  }

  protected override async postClean(): Promise<void> {
    this.constructInstance();
    try {
      await this.instance.fullClean({ exclude: this.validationExclusions() });
    } catch (error) {
      if (!(error instanceof ModelValidationError)) throw error;
      for (const [field, messages] of Object.entries(error.messages)) {
        const target = field !== NON_FIELD_ERRORS && field in this.fields ? field : null;
        const override = target ? this.fields[target]!.errorMessages.unique : undefined;
        for (const message of messages) {
          // A form-level `unique` message replaces the model's "… already exists." (Django's error_messages).
          this.addError(
            target,
            new ValidationError(override && message.endsWith('already exists.') ? override : message, {
              code: message.endsWith('already exists.') ? (target ? 'unique' : 'unique_together') : 'invalid',
            }),
          );
        }
      }
    }
  }

  /**
   * Saves the instance (and, with `commit`, its many-to-many values) and returns it. With
   * `{ commit: false }` nothing is written: save the instance yourself, then call `saveM2m()`.
   */
  async save(options: { commit?: boolean } = {}): Promise<M> {
    if (this.errors.size > 0 || !(await this.isValid())) {
      const verb = this.instance._state.adding ? 'created' : 'changed';
      throw new FormStateError('MANOUCHE_FORMS_SAVE_INVALID', `The ${this.modelClass.name} could not be ${verb} because the data didn't validate.`);
    }
    const cleaned = this.cleanedData as Record<string, unknown>;
    this.pendingM2m = [];
    for (const name of (this.constructor as typeof ModelForm).modelFieldNames) {
      const field = this.modelClass._meta.getField(name);
      if (field instanceof ManyToManyField && name in cleaned) this.pendingM2m.push([field, (cleaned[name] as Model[]) ?? []]);
    }
    if (options.commit === false) return this.instance;
    await this.instance.save();
    await this.saveM2m();
    return this.instance;
  }

  /** Writes the many-to-many values of the last `save()`; after `save({ commit: false })`, call it once the instance is saved. */
  async saveM2m(): Promise<void> {
    if (this.pendingM2m === null)
      throw new FormStateError('MANOUCHE_FORMS_NOT_VALIDATED', `${this.constructor.name}.saveM2m() must follow save({ commit: false }).`);
    const self = this.instance as unknown as Record<string, ManyRelatedManager<Model>>;
    for (const [field, objects] of this.pendingM2m) await self[field.name]!.set(objects);
    this.pendingM2m = [];
  }
}

/** The form fields of a ModelForm: derived from the model's fields, with the meta's overrides and the declared fields. */
function buildFields(model: ModelClass, meta: ModelFormMeta<string>, declared: DeclaredFields): { fields: DeclaredFields; names: string[] } {
  const all = model._meta.fields;
  const requested = meta.fields === '__all__' || meta.fields === undefined ? null : [...meta.fields];
  const unknown = (requested ?? []).filter((name) => !all.some((f) => f.name === name) && !(declared && name in declared));
  if (unknown.length > 0) {
    throw new FormsConfigurationError(
      `Unknown field(s) (${unknown.join(', ')}) specified for ${model.name}. Its fields: ${all.map((f) => f.name).join(', ')}.`,
    );
  }
  const exclude = new Set(meta.exclude ?? []);
  const fields: DeclaredFields = {};
  const modelFieldNames: string[] = [];
  const names = requested ?? all.filter((f) => isFormEditable(f)).map((f) => f.name);
  for (const name of names) {
    if (exclude.has(name)) continue;
    if (declared && name in declared) {
      fields[name] = declared[name]!;
      continue;
    }
    const field = model._meta.getField(name)!;
    if (!isFormEditable(field)) {
      throw new FormsConfigurationError(`'${name}' cannot be specified for ${model.name} model form as it is a non-editable field.`);
    }
    const key = name;
    const overrides: FieldOptions = {};
    if (meta.labels?.[key] !== undefined) overrides.label = meta.labels[key];
    if (meta.helpTexts?.[key] !== undefined) overrides.helpText = meta.helpTexts[key];
    if (meta.widgets?.[key] !== undefined) overrides.widget = meta.widgets[key];
    if (meta.errorMessages?.[key] !== undefined) overrides.errorMessages = meta.errorMessages[key];
    const custom = meta.fieldClasses?.[key];
    fields[name] = custom ? custom(overrides) : formFieldFor(model, field, overrides);
    modelFieldNames.push(name);
  }
  for (const [name, field] of Object.entries(declared ?? {})) if (!(name in fields)) fields[name] = field;
  return { fields, names: modelFieldNames };
}
