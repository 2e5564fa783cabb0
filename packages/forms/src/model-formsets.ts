/** Model formsets: one ModelForm per object of a queryset plus extra ones; inline formsets for the objects of one parent. */
import { ForeignKeyField, type Model, type ModelClass, type QuerySet } from '@manouche/orm';
import { FormsConfigurationError, FormStateError, ValidationError } from './errors.js';
import { ModelChoiceField, type ModelSource } from './fields/model-choice-fields.js';
import { applyFormsetOptions, BaseFormSet, DELETION_FIELD_NAME, type FormsetFactoryOptions, type FormsetOptions } from './formsets.js';
import type { FormOptions } from './form.js';
import { ModelForm, type ModelFormMeta } from './model-form.js';
import { HiddenInput } from './widgets/widget.js';

/**
 * Options of a model formset instance.
 *
 * @example
 * const formset = new AuthorFormSet({ queryset: Author.objects.filter({ name__startswith: 'O' }), data: await request.post() });
 */
export interface ModelFormsetOptions<M extends Model> extends FormsetOptions {
  /** The objects to edit (default: every object of the model, by primary key). */
  queryset?: QuerySet<M> | null;
}

/**
 * A formset of ModelForms over a queryset (Django's BaseModelFormSet). Its objects are read by
 * `await formset.isValid()` or `await formset.loadChoices()` (call one before rendering).
 *
 * @example
 * const AuthorFormSet = modelFormsetFactory(Author, { fields: ['name'], extra: 1, canDelete: true });
 * const formset = new AuthorFormSet({ data: await request.post() });
 * if (await formset.isValid()) await formset.save();
 */
export class BaseModelFormSet<M extends Model = Model> extends BaseFormSet<ModelForm<M>> {
  static model: ModelClass | null = null;
  queryset: QuerySet<M> | null;
  /** The objects of the queryset, once read. */
  protected objects: M[] | null = null;
  /** After `save()`: the objects created, changed (with the changed fields) and deleted. */
  newObjects: M[] = [];
  changedObjects: Array<[M, string[]]> = [];
  deletedObjects: M[] = [];
  private savedForms: Array<ModelForm<M>> = [];

  constructor(options: ModelFormsetOptions<M> = {}) {
    super(options);
    this.queryset = options.queryset ?? null;
  }

  protected get model(): ModelClass {
    const model = (this.constructor as typeof BaseModelFormSet).model;
    if (!model) throw new FormsConfigurationError(`${this.constructor.name} has no model: build it with modelFormsetFactory(Model, { fields }).`);
    return model;
  }

  /** The objects to edit, ordered by primary key when the queryset has no ordering. */
  getQueryset(): QuerySet<M> {
    const qs = (this.queryset ?? this.model.objects.all()) as QuerySet<M>;
    return this.model._meta.ordering.length > 0 ? qs : qs.orderBy('pk' as never);
  }

  /** Reads the queryset's objects (once). */
  async loadObjects(): Promise<void> {
    this.objects ??= await this.getQueryset();
  }

  override get forms(): Array<ModelForm<M>> {
    if (this.objects === null) {
      throw new FormStateError(
        'MANOUCHE_FORMS_CHOICES_NOT_LOADED',
        `${this.constructor.name} reads its objects from the database: call "await formset.loadChoices()" (or isValid()) before using its forms.`,
      );
    }
    return super.forms;
  }

  override initialFormCount(): number {
    if (this.isBound) return super.initialFormCount();
    return this.objects?.length ?? 0;
  }

  private get pkName(): string {
    return this.model._meta.pk.name;
  }

  protected override formOptions(i: number): FormOptions & Record<string, unknown> {
    const options = super.formOptions(i);
    if (i < this.initialFormCount()) {
      let instance: M | undefined;
      if (this.isBound) {
        const submitted = this.data.get(`${this.addPrefix(i)}-${this.pkName}`);
        instance = this.objects?.find((obj) => String(obj.pk) === submitted);
      } else {
        instance = this.objects?.[i];
      }
      if (instance) options.instance = instance;
    } else if (this.initial[i - this.initialFormCount()] && !this.isBound) {
      options.initial = this.initial[i - this.initialFormCount()];
    }
    return options;
  }

  /** Adds the hidden primary key field (a tampered key is "not one of the available choices"), then ORDER/DELETE. */
  override addFields(form: ModelForm<M>, index: number | null): void {
    const pk = this.pkName;
    if (!(pk in form.fields)) {
      const initial = index !== null && index < this.initialFormCount() ? form.instance.pk : undefined;
      form.fields[pk] = new ModelChoiceField({
        queryset: this.getQueryset() as unknown as ModelSource<Model>,
        required: false,
        widget: HiddenInput,
        initial,
        label: 'ID',
      });
    }
    super.addFields(form, index);
  }

  override async isValid(): Promise<boolean> {
    await this.loadObjects();
    return super.isValid();
  }

  override async loadChoices(): Promise<void> {
    await this.loadObjects();
    for (const form of this.forms) {
      for (const [name, field] of Object.entries(form.fields)) if (field instanceof ModelChoiceField && name !== this.pkName) await field.loadChoices();
      await form.loadChoices();
    }
  }

  /** Checks unique fields and uniqueTogether groups across the forms, as Django does. */
  override async clean(): Promise<void> {
    const model = this.model;
    const checks: string[][] = [];
    for (const field of model._meta.concreteFields) if (field.options.unique && !field.primaryKey) checks.push([field.name]);
    for (const group of model._meta.meta.uniqueTogether ?? []) checks.push([...group]);
    const messages: string[] = [];
    for (const check of checks) {
      const seen = new Set<string>();
      for (const form of this.forms) {
        const cleaned = form.cleanedData as Record<string, unknown>;
        if (
          form.errors.size > 0 ||
          cleaned[DELETION_FIELD_NAME] ||
          !check.every((name) => name in form.fields && cleaned[name] !== null && cleaned[name] !== undefined)
        )
          continue;
        const key = JSON.stringify(
          check.map((name) => {
            const v = cleaned[name];
            return v && typeof v === 'object' && 'pk' in v ? String((v as Model).pk) : String(v);
          }),
        );
        if (seen.has(key)) {
          form.addError(null, new ValidationError('Please correct the duplicate values below.', { code: 'duplicate' }));
          const message = `Please correct the duplicate data for ${check.length === 1 ? check[0] : check.slice(0, -1).join(', ') + ' and ' + check[check.length - 1]}, which must be unique.`;
          if (!messages.includes(message)) messages.push(message);
        } else {
          seen.add(key);
        }
      }
    }
    if (messages.length > 0) throw new ValidationError(messages, { code: 'unique' });
  }

  /**
   * Saves the changed and new objects and deletes the ones marked DELETE; returns the saved ones.
   * With `{ commit: false }` nothing is written: save them yourself, then call `saveM2m()`.
   */
  async save(options: { commit?: boolean } = {}): Promise<M[]> {
    if (!(await this.isValid()))
      throw new FormStateError('MANOUCHE_FORMS_SAVE_INVALID', `The ${this.model.name} formset could not be saved because the data didn't validate.`);
    const commit = options.commit !== false;
    this.newObjects = [];
    this.changedObjects = [];
    this.deletedObjects = [];
    this.savedForms = [];
    const saved: M[] = [];
    const deleting = new Set(this.deletedForms);
    for (const form of this.initialForms) {
      const obj = form.instance;
      if (obj._state.adding) continue;
      if (deleting.has(form)) {
        this.deletedObjects.push(obj);
        if (commit) await obj.delete();
        continue;
      }
      if (!form.hasChanged()) continue;
      this.changedObjects.push([obj, form.changedData]);
      saved.push(await this.saveForm(form, commit));
    }
    for (const form of this.extraForms) {
      if (!form.hasChanged() || deleting.has(form)) continue;
      const obj = await this.saveForm(form, commit);
      this.newObjects.push(obj);
      saved.push(obj);
    }
    return saved;
  }

  /** Saves one form's object (inline formsets set the parent first). */
  protected async saveForm(form: ModelForm<M>, commit: boolean): Promise<M> {
    const obj = await form.save({ commit });
    if (!commit) this.savedForms.push(form);
    return obj;
  }

  /** After `save({ commit: false })` and saving the objects: writes their many-to-many values. */
  async saveM2m(): Promise<void> {
    for (const form of this.savedForms) await form.saveM2m();
    this.savedForms = [];
  }
}

/**
 * Options of `modelFormsetFactory`: the ModelForm's meta (or a form class), and the formset's options.
 *
 * @example
 * const AuthorFormSet = modelFormsetFactory(Author, { fields: ['name', 'title'], extra: 0, canDelete: true, maxNum: 20 });
 */
export interface ModelFormsetFactoryOptions<K extends string> extends ModelFormMeta<K>, FormsetFactoryOptions {
  /** A ModelForm class to use instead of building one from `fields`. */
  form?: typeof ModelForm<Model> | (new (options?: FormOptions) => ModelForm<Model>);
}

/**
 * The class `modelFormsetFactory` returns.
 *
 * @example
 * const AuthorFormSet: ModelFormsetClass<Author> = modelFormsetFactory(Author, { fields: ['name'] });
 */
export interface ModelFormsetClass<M extends Model> {
  new (options?: ModelFormsetOptions<M>): BaseModelFormSet<M>;
}

function modelFormFor(model: ModelClass, options: ModelFormsetFactoryOptions<string>, exclude: string[] = []): typeof ModelForm {
  if (options.form) return options.form as unknown as typeof ModelForm;
  const {
    form: _form,
    extra: _e,
    canOrder: _co,
    canDelete: _cd,
    canDeleteExtra: _cde,
    maxNum: _mx,
    minNum: _mn,
    validateMax: _vx,
    validateMin: _vn,
    absoluteMax: _am,
    ...meta
  } = options;
  return ModelForm.define(model, { ...meta, exclude: [...(meta.exclude ?? []), ...exclude] } as ModelFormMeta<never>) as unknown as typeof ModelForm;
}

/**
 * A formset class of ModelForms of `model` (Django's modelformset_factory).
 *
 * @example
 * const AuthorFormSet = modelFormsetFactory(Author, { fields: ['name'], extra: 2 });
 */
export function modelFormsetFactory<M extends Model, const K extends string = never>(
  model: ModelClass<M>,
  options: ModelFormsetFactoryOptions<K & keyof M & string>,
): ModelFormsetClass<M> {
  const form = modelFormFor(model as unknown as ModelClass, options as ModelFormsetFactoryOptions<string>);
  const FormSet = class extends BaseModelFormSet<M> {};
  FormSet.model = model as unknown as ModelClass;
  applyFormsetOptions(FormSet as unknown as typeof BaseFormSet, form as never, options);
  Object.defineProperty(FormSet, 'name', { value: `${model.name}FormFormSet`, configurable: true });
  return FormSet;
}

/**
 * Options of an inline formset instance: the parent object whose children it edits.
 *
 * @example
 * const formset = new BookFormSet({ instance: author, data: await request.post(), prefix: 'books' });
 */
export interface InlineFormsetOptions<P extends Model, M extends Model> extends ModelFormsetOptions<M> {
  /** The parent (an unsaved one has no children yet). */
  instance?: P | null;
}

/**
 * The children of one parent object (Django's BaseInlineFormSet): the queryset is filtered by the
 * foreign key, the key is not on the forms, and new children get the parent when saved.
 *
 * @example
 * const BookFormSet = inlineFormsetFactory(Author, Book, { fields: ['title'] });
 * const formset = new BookFormSet({ instance: author, data: await request.post() });
 * if (await formset.isValid()) await formset.save(); // new books get author
 */
export class BaseInlineFormSet<P extends Model = Model, M extends Model = Model> extends BaseModelFormSet<M> {
  static parentModel: ModelClass | null = null;
  static fkName = '';
  readonly instance: P;

  constructor(options: InlineFormsetOptions<P, M> = {}) {
    const ctor = new.target as unknown as typeof BaseInlineFormSet;
    super(options);
    this.instance = options.instance ?? (new ctor.parentModel!() as P);
  }

  /** The reverse accessor's name (`comments`), as Django's default prefix. */
  static override getDefaultPrefix(): string {
    if (!this.model || !this.fkName) return 'form';
    const field = this.model._meta.getField(this.fkName) as ForeignKeyField;
    return (field.options.relatedName as string | undefined) ?? `${this.model._meta.modelName}_set`;
  }

  private get fk(): ForeignKeyField {
    return this.model._meta.getField((this.constructor as typeof BaseInlineFormSet).fkName) as ForeignKeyField;
  }

  override getQueryset(): QuerySet<M> {
    const base = super.getQueryset();
    if (this.instance._state.adding || this.instance.pk === null || this.instance.pk === undefined) return base.none();
    return base.filter({ [this.fk.name]: this.instance.pk } as never);
  }

  protected override formOptions(i: number): FormOptions & Record<string, unknown> {
    const options = super.formOptions(i);
    if (!options.instance) options.instance = new this.model() as M;
    // The child knows its parent before validation, so unique checks that include the key work.
    (options.instance as unknown as Record<string, unknown>)[this.fk.attname] = this.instance.pk;
    return options;
  }

  protected override async saveForm(form: ModelForm<M>, commit: boolean): Promise<M> {
    (form.instance as unknown as Record<string, unknown>)[this.fk.name] = this.instance;
    return super.saveForm(form, commit);
  }
}

/**
 * Options of `inlineFormsetFactory`.
 *
 * @example
 * const BookFormSet = inlineFormsetFactory(Author, Book, { fields: ['title'], fkName: 'author', extra: 1 });
 */
export interface InlineFormsetFactoryOptions<K extends string> extends ModelFormsetFactoryOptions<K> {
  /** The foreign key to the parent, when the model has several. */
  fkName?: string;
}

/**
 * The class `inlineFormsetFactory` returns.
 *
 * @example
 * const BookFormSet: InlineFormsetClass<Author, Book> = inlineFormsetFactory(Author, Book, { fields: ['title'] });
 */
export interface InlineFormsetClass<P extends Model, M extends Model> {
  new (options?: InlineFormsetOptions<P, M>): BaseInlineFormSet<P, M>;
}

/**
 * A formset of the `model` objects that point at one `parentModel` object (Django's
 * inlineformset_factory): 3 extra forms and deletion by default.
 *
 * @example
 * const ChoiceFormSet = inlineFormsetFactory(Question, Choice, { fields: ['choiceText'] });
 * const formset = new ChoiceFormSet({ instance: question, data: await request.post() });
 */
export function inlineFormsetFactory<P extends Model, M extends Model, const K extends string = never>(
  parentModel: ModelClass<P>,
  model: ModelClass<M>,
  options: InlineFormsetFactoryOptions<K & keyof M & string>,
): InlineFormsetClass<P, M> {
  const FormSet = class extends BaseInlineFormSet<P, M> {};
  let resolved: ForeignKeyField | undefined;
  const fk = () => {
    if (resolved) return resolved;
    const candidates = (model as unknown as ModelClass)._meta.fields.filter(
      (f): f is ForeignKeyField =>
        f instanceof ForeignKeyField &&
        (model as unknown as ModelClass)._meta.remoteModel(f) === (parentModel as unknown as ModelClass) &&
        (!options.fkName || f.name === options.fkName),
    );
    if (candidates.length === 0) {
      throw new FormsConfigurationError(
        options.fkName
          ? `fk_name '${options.fkName}' is not a ForeignKey to '${parentModel.name}' on ${model.name}.`
          : `'${model.name}' has no ForeignKey to '${parentModel.name}'.`,
      );
    }
    if (candidates.length > 1)
      throw new FormsConfigurationError(`'${model.name}' has more than one ForeignKey to '${parentModel.name}'. You must specify a 'fkName' attribute.`);
    resolved = candidates[0]!;
    return resolved;
  };
  FormSet.model = model as unknown as ModelClass;
  FormSet.parentModel = parentModel as unknown as ModelClass;
  Object.defineProperty(FormSet, 'fkName', { get: () => fk().name, configurable: true });
  let form: typeof ModelForm | undefined;
  Object.defineProperty(FormSet, 'form', {
    get: () => (form ??= modelFormFor(model as unknown as ModelClass, options as ModelFormsetFactoryOptions<string>, [fk().name])),
    configurable: true,
  });
  const { extra = 3, canDelete = true, ...rest } = options;
  const settings = { ...rest, extra, canDelete };
  const maxNum = settings.maxNum ?? 1000;
  Object.assign(FormSet, {
    extra: settings.extra,
    canOrder: settings.canOrder ?? false,
    canDelete: settings.canDelete,
    canDeleteExtra: settings.canDeleteExtra ?? true,
    minNum: settings.minNum ?? 0,
    maxNum,
    absoluteMax: settings.absoluteMax ?? maxNum + 1000,
    validateMax: settings.validateMax ?? false,
    validateMin: settings.validateMin ?? false,
  });
  Object.defineProperty(FormSet, 'name', { value: `${model.name}FormFormSet`, configurable: true });
  return FormSet;
}
