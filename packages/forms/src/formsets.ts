/**
 * Django's formsets: several copies of a form on one page, counted by a management form, with
 * extra/min/max forms, deletion and ordering, and checks against forged counts.
 */
import { ErrorList, type ErrorDict } from './error-list.js';
import { FormsConfigurationError, FormStateError, ValidationError } from './errors.js';
import { BooleanField } from './fields/choice-fields.js';
import { IntegerField } from './fields/number-fields.js';
import { EMPTY_DATA, toDataSource, toFileSource, type DataInput, type DataSource, type FileInput, type FileSource } from './form-data.js';
import type { BaseForm, FormOptions } from './form.js';
import { getDefaultRenderer, type FormRenderer, type LayoutName } from './renderer.js';
import { markSafe, SafeHtml, type SafeString } from './safe-html.js';
import { HiddenInput, NumberInput } from './widgets/widget.js';

/**
 * Name of the management form's input counting the forms sent (`form-TOTAL_FORMS`).
 *
 * @example
 * `${formset.managementForm}`; // <input type="hidden" name="form-TOTAL_FORMS" value="1" …>…
 * new ArticleFormSet({ data: { [`form-${TOTAL_FORM_COUNT}`]: '1', 'form-INITIAL_FORMS': '0', 'form-0-title': 'Hi' } });
 */
export const TOTAL_FORM_COUNT = 'TOTAL_FORMS';
/**
 * Name of the management form's input counting the forms that edit existing data (`form-INITIAL_FORMS`).
 *
 * @example
 * new ArticleFormSet({ data: { 'form-TOTAL_FORMS': '1', [`form-${INITIAL_FORM_COUNT}`]: '0', 'form-0-title': 'Hi' } });
 */
export const INITIAL_FORM_COUNT = 'INITIAL_FORMS';
/**
 * Name of the management form's input echoing `minNum` (`form-MIN_NUM_FORMS`).
 *
 * @example
 * `form-${MIN_NUM_FORM_COUNT}`; // 'form-MIN_NUM_FORMS'
 */
export const MIN_NUM_FORM_COUNT = 'MIN_NUM_FORMS';
/**
 * Name of the management form's input echoing `maxNum` (`form-MAX_NUM_FORMS`).
 *
 * @example
 * `form-${MAX_NUM_FORM_COUNT}`; // 'form-MAX_NUM_FORMS'
 */
export const MAX_NUM_FORM_COUNT = 'MAX_NUM_FORMS';
/**
 * The field a formset with `canOrder` adds to each form (`form-0-ORDER`).
 *
 * @example
 * formset.forms[0].get(ORDERING_FIELD_NAME); // <input type="number" name="form-0-ORDER" …>
 */
export const ORDERING_FIELD_NAME = 'ORDER';
/**
 * The checkbox a formset with `canDelete` adds to each form (`form-0-DELETE`).
 *
 * @example
 * formset.forms[0].get(DELETION_FIELD_NAME); // <input type="checkbox" name="form-0-DELETE" …>
 */
export const DELETION_FIELD_NAME = 'DELETE';
/**
 * Django's default max_num (and the margin absolute_max adds to it).
 *
 * @example
 * formsetFactory(ArticleForm, { maxNum: DEFAULT_MAX_NUM }); // the same as no maxNum: 1000, as in Django
 */
export const DEFAULT_MAX_NUM = 1000;

/**
 * A form class a formset can copy.
 *
 * @example
 * const form: FormsetForm<ArticleForm> = ArticleForm;
 */
export type FormsetForm<F extends BaseForm = BaseForm> = new (options?: FormOptions & Record<string, unknown>) => F;

/**
 * Options of a formset instance.
 *
 * @example
 * const formset = new ArticleFormSet({ data: await request.post(), prefix: 'articles', initial: [{ title: 'Django is now open source' }] });
 */
export interface FormsetOptions {
  data?: DataInput | null;
  files?: FileInput | null;
  /** Input name prefix (default `form`; inline formsets use the relation's name). */
  prefix?: string | null;
  /** Initial values, one object per form. */
  initial?: Array<Record<string, unknown>>;
  autoId?: string | boolean;
  /** Options passed to every form. */
  formKwargs?: Record<string, unknown>;
  renderer?: FormRenderer;
}

/** The counts a bound formset read from its management form. */
interface ManagementCounts {
  total: number;
  initial: number;
  missing: string[];
}

function readCount(data: DataSource, name: string): number | null {
  const raw = data.get(name);
  if (raw === undefined) return null;
  const text = raw.trim();
  if (!/^[+-]?\d+$/.test(text)) return Number.NaN;
  return Number(text);
}

/**
 * A formset: a list of forms of one class. Define one with `formsetFactory(ArticleForm, { extra: 2 })`.
 *
 * @example
 * const ArticleFormSet = formsetFactory(ArticleForm, { extra: 2, canDelete: true, maxNum: 10 });
 * const formset = new ArticleFormSet({ data: await request.post() });
 * if (await formset.isValid()) for (const data of formset.cleanedData) { ... }
 */
export class BaseFormSet<F extends BaseForm = BaseForm> extends SafeHtml implements Iterable<F> {
  static form: FormsetForm | null = null;
  static extra = 1;
  static canOrder = false;
  static canDelete = false;
  static canDeleteExtra = true;
  static maxNum = DEFAULT_MAX_NUM;
  static minNum = 0;
  static absoluteMax = 2 * DEFAULT_MAX_NUM;
  static validateMax = false;
  static validateMin = false;

  readonly isBound: boolean;
  readonly data: DataSource;
  readonly files: FileSource;
  readonly prefix: string;
  initial: Array<Record<string, unknown>>;
  autoId: string | boolean;
  formKwargs: Record<string, unknown>;
  renderer: FormRenderer;
  /** The layout each form is rendered with. */
  templateName: LayoutName = 'div';
  private formList: F[] | null = null;
  private formErrors: ErrorDict[] | null = null;
  private nonFormErrorList: ErrorList;

  constructor(options: FormsetOptions = {}) {
    super();
    this.isBound = (options.data !== undefined && options.data !== null) || (options.files !== undefined && options.files !== null);
    this.data = options.data ? toDataSource(options.data) : EMPTY_DATA;
    this.files = options.files ? toFileSource(options.files) : EMPTY_DATA;
    this.prefix = options.prefix ?? (this.constructor as typeof BaseFormSet).getDefaultPrefix();
    this.initial = options.initial ?? [];
    this.autoId = options.autoId ?? 'id_%s';
    this.formKwargs = options.formKwargs ?? {};
    this.renderer = options.renderer ?? getDefaultRenderer();
    this.nonFormErrorList = new ErrorList([], 'nonform', this.renderer);
  }

  static getDefaultPrefix(): string {
    return 'form';
  }

  protected get settings(): typeof BaseFormSet {
    return this.constructor as typeof BaseFormSet;
  }

  /** `prefix-index`, or `prefix-name` for a management field. */
  addPrefix(index: number | string): string {
    return `${this.prefix}-${index}`;
  }

  /** The counts from the submitted management form, with the names of missing or invalid fields. */
  protected managementCounts(): ManagementCounts {
    const total = readCount(this.data, this.addPrefix(TOTAL_FORM_COUNT));
    const initial = readCount(this.data, this.addPrefix(INITIAL_FORM_COUNT));
    const missing: string[] = [];
    if (total === null || Number.isNaN(total)) missing.push(TOTAL_FORM_COUNT);
    if (initial === null || Number.isNaN(initial)) missing.push(INITIAL_FORM_COUNT);
    return { total: missing.includes(TOTAL_FORM_COUNT) ? 0 : total!, initial: missing.includes(INITIAL_FORM_COUNT) ? 0 : initial!, missing };
  }

  /** The management form's hidden inputs (TOTAL_FORMS, INITIAL_FORMS, MIN_NUM_FORMS, MAX_NUM_FORMS). */
  get managementForm(): SafeString {
    const hidden = new HiddenInput();
    const id = (name: string) => (this.autoId === false ? {} : { id: `id_${this.addPrefix(name)}` });
    const values: Array<[string, number]> = [
      [TOTAL_FORM_COUNT, this.totalFormCount()],
      [INITIAL_FORM_COUNT, this.initialFormCount()],
      [MIN_NUM_FORM_COUNT, this.settings.minNum],
      [MAX_NUM_FORM_COUNT, this.settings.maxNum],
    ];
    return markSafe(values.map(([name, value]) => hidden.render(this.addPrefix(name), value, id(name))).join(''));
  }

  /** How many forms there are: bound, the submitted TOTAL_FORMS capped at `absoluteMax`; unbound, initial + extra within min/max. */
  totalFormCount(): number {
    if (this.isBound) return Math.max(0, Math.min(this.managementCounts().total, this.settings.absoluteMax));
    const initialForms = this.initialFormCount();
    let total = Math.max(initialForms, this.settings.minNum) + this.settings.extra;
    if (initialForms > this.settings.maxNum && this.settings.maxNum >= 0) total = initialForms;
    else if (total > this.settings.maxNum && this.settings.maxNum >= 0) total = this.settings.maxNum;
    return total;
  }

  /** How many forms edit existing data (submitted INITIAL_FORMS when bound). */
  initialFormCount(): number {
    if (this.isBound) return Math.max(0, Math.min(this.managementCounts().initial, this.totalFormCount()));
    return this.initial.length;
  }

  /** The forms, built on first use. */
  get forms(): F[] {
    this.formList ??= Array.from({ length: this.totalFormCount() }, (_, i) => this.constructForm(i));
    return this.formList;
  }

  /** The form class. */
  protected formClass(): FormsetForm<F> {
    const form = this.settings.form;
    if (!form) throw new FormsConfigurationError(`${this.constructor.name} has no form: build it with formsetFactory(FormClass).`);
    return form as FormsetForm<F>;
  }

  /** The options of form `i`. */
  protected formOptions(i: number): FormOptions & Record<string, unknown> {
    const options: FormOptions & Record<string, unknown> = {
      autoId: this.autoId,
      prefix: this.addPrefix(i),
      useRequiredAttribute: false,
      renderer: this.renderer,
      ...this.formKwargs,
    };
    if (this.isBound) {
      options.data = this.data as DataInput;
      options.files = this.files as FileInput;
    }
    if (this.initial[i] && (!this.isBound || i < this.initialFormCount())) options.initial = this.initial[i];
    // Extra forms left empty are fine, unless minNum asks for them.
    if (i >= this.initialFormCount() && i >= this.settings.minNum) options.emptyPermitted = true;
    return options;
  }

  protected constructForm(i: number): F {
    const FormClass = this.formClass();
    const form = new FormClass(this.formOptions(i));
    this.addFields(form, i);
    return form;
  }

  /** Adds the ORDER and DELETE fields. */
  addFields(form: F, index: number | null): void {
    const initialCount = this.initialFormCount();
    if (this.settings.canOrder) {
      form.fields[ORDERING_FIELD_NAME] = new IntegerField({
        label: 'Order',
        required: false,
        initial: index !== null && index < initialCount ? index + 1 : undefined,
        widget: NumberInput,
      });
    }
    if (this.settings.canDelete && (this.settings.canDeleteExtra || (index !== null && index < initialCount))) {
      form.fields[DELETION_FIELD_NAME] = new BooleanField({ label: 'Delete', required: false });
    }
  }

  /** A blank form with `__prefix__` in its names, for adding forms in the browser. */
  get emptyForm(): F {
    const FormClass = this.formClass();
    const form = new FormClass({
      autoId: this.autoId,
      prefix: this.addPrefix('__prefix__'),
      emptyPermitted: true,
      useRequiredAttribute: false,
      renderer: this.renderer,
      ...this.formKwargs,
    });
    this.addFields(form, null);
    return form;
  }

  /** The forms that edit existing data. */
  get initialForms(): F[] {
    return this.forms.slice(0, this.initialFormCount());
  }
  /** The forms beyond the initial ones. */
  get extraForms(): F[] {
    return this.forms.slice(this.initialFormCount());
  }

  private shouldDelete(form: F): boolean {
    return Boolean((form.cleanedData as Record<string, unknown>)[DELETION_FIELD_NAME]);
  }

  /** Validates every form, the counts and `clean()`. */
  async fullClean(): Promise<void> {
    this.formErrors = [];
    this.nonFormErrorList = new ErrorList([], 'nonform', this.renderer);
    if (!this.isBound) return;
    const counts = this.managementCounts();
    if (counts.missing.length > 0) {
      this.nonFormErrorList.entries.push({
        message: `ManagementForm data is missing or has been tampered with. Missing fields: ${counts.missing.map((name) => this.addPrefix(name)).join(', ')}. You may need to file a bug report if the issue persists.`,
        code: 'missing_management_form',
      });
    }
    let emptyForms = 0;
    for (const [i, form] of this.forms.entries()) {
      if (!form.hasChanged() && i >= this.initialFormCount()) emptyForms += 1;
      await form.isValid();
      if (this.settings.canDelete && this.shouldDelete(form)) continue;
      this.formErrors.push(form.errors);
    }
    try {
      const deleted = this.settings.canDelete ? this.forms.filter((form) => this.shouldDelete(form)).length : 0;
      const { maxNum, minNum, absoluteMax } = this.settings;
      if ((this.settings.validateMax && this.totalFormCount() - deleted > maxNum) || counts.total > absoluteMax) {
        throw new ValidationError(`Please submit at most ${maxNum} form${maxNum === 1 ? '' : 's'}.`, { code: 'too_many_forms' });
      }
      if (this.settings.validateMin && this.totalFormCount() - deleted - emptyForms < minNum) {
        throw new ValidationError(`Please submit at least ${minNum} form${minNum === 1 ? '' : 's'}.`, { code: 'too_few_forms' });
      }
      await this.clean();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      this.nonFormErrorList.entries.push(...error.entries());
    }
  }

  /** Formset-wide checks after each form's: throw a ValidationError for a non-form error. */
  clean(): void | Promise<void> {}

  /** Whether every (not deleted) form is valid and there are no non-form errors. */
  async isValid(): Promise<boolean> {
    if (!this.isBound) return false;
    if (this.formErrors === null) await this.fullClean();
    const valid = this.forms.every((form) => (this.settings.canDelete && this.shouldDelete(form)) || form.errors.size === 0);
    return valid && this.nonFormErrorList.size === 0;
  }

  /** Each form's errors (deleted forms left out). */
  get errors(): ErrorDict[] {
    return this.formErrors ?? [];
  }
  /** Errors about the formset as a whole (counts, tampering, `clean()`). */
  nonFormErrors(): ErrorList {
    return this.nonFormErrorList;
  }
  /** All errors, form and non-form, counted. */
  totalErrorCount(): number {
    return this.nonFormErrorList.size + this.errors.reduce((sum, errors) => sum + errors.keys().reduce((n, key) => n + errors.get(key)!.size, 0), 0);
  }

  /** Each valid form's cleaned data; throws before `isValid()`. */
  get cleanedData(): Array<F['cleanedData']> {
    if (this.formErrors === null)
      throw new FormStateError('MANOUCHE_FORMS_NOT_VALIDATED', `${this.constructor.name}.cleanedData is only available after "await formset.isValid()".`);
    return this.forms.map((form) => form.cleanedData);
  }
  /** The forms marked for deletion. */
  get deletedForms(): F[] {
    if (!this.settings.canDelete || this.formErrors === null) return [];
    return this.forms.filter((form, i) => (i < this.initialFormCount() || form.hasChanged()) && this.shouldDelete(form));
  }
  /** The valid, kept forms in the submitted ORDER (forms without one last). */
  get orderedForms(): F[] {
    if (!this.settings.canOrder)
      throw new FormsConfigurationError(`'${this.constructor.name}' object has no attribute 'orderedForms': build it with canOrder: true.`);
    const kept = this.forms.filter((form, i) => (i < this.initialFormCount() || form.hasChanged()) && !(this.settings.canDelete && this.shouldDelete(form)));
    const order = (form: F) => (form.cleanedData as Record<string, unknown>)[ORDERING_FIELD_NAME] as number | null | undefined;
    return kept
      .map((form, i) => ({ form, i, key: order(form) }))
      .sort((a, b) => (a.key ?? Number.POSITIVE_INFINITY) - (b.key ?? Number.POSITIVE_INFINITY) || a.i - b.i)
      .map(({ form }) => form);
  }

  /** Whether any form changed. */
  hasChanged(): boolean {
    return this.forms.some((form) => form.hasChanged());
  }
  isMultipart(): boolean {
    return this.forms.length > 0 ? this.forms[0]!.isMultipart() : this.emptyForm.isMultipart();
  }

  /** Reads the model choices of every form (and, for model formsets, their objects); call before rendering. */
  async loadChoices(): Promise<void> {
    for (const form of this.forms) await form.loadChoices();
  }

  [Symbol.iterator](): Iterator<F> {
    return this.forms[Symbol.iterator]();
  }

  /** The management form, then every form with `templateName`. */
  render(templateName?: LayoutName): SafeString {
    return markSafe(this.htmlWith(templateName ?? this.templateName));
  }
  asDiv(): SafeString {
    return this.render('div');
  }
  asP(): SafeString {
    return this.render('p');
  }
  asUl(): SafeString {
    return this.render('ul');
  }
  asTable(): SafeString {
    return this.render('table');
  }
  private htmlWith(layout: LayoutName): string {
    return (
      this.renderer.renderFormset(this, layout) ?? `${this.managementForm.toString()}\n${this.forms.map((form) => form.render(layout).toString()).join('\n')}`
    );
  }
  toHtml(): string {
    return this.htmlWith(this.templateName);
  }
}

/**
 * Options of `formsetFactory`.
 *
 * @example
 * const ArticleFormSet = formsetFactory(ArticleForm, { extra: 2, canOrder: true, canDelete: true, maxNum: 10, validateMax: true });
 */
export interface FormsetFactoryOptions {
  /** Blank forms after the initial ones (default 1). */
  extra?: number;
  canOrder?: boolean;
  canDelete?: boolean;
  /** Offer DELETE on extra forms too (default true). */
  canDeleteExtra?: boolean;
  /** At most this many forms are shown (default 1000); with `validateMax`, submitted. */
  maxNum?: number;
  minNum?: number;
  validateMax?: boolean;
  validateMin?: boolean;
  /** The hard cap on forms read from the data, whatever TOTAL_FORMS says (default maxNum + 1000). */
  absoluteMax?: number;
}

/**
 * The class `formsetFactory` returns.
 *
 * @example
 * const ArticleFormSet: FormsetClass<ArticleForm> = formsetFactory(ArticleForm, { extra: 1 });
 */
export interface FormsetClass<F extends BaseForm> {
  new (options?: FormsetOptions): BaseFormSet<F>;
}

/** @internal */
export function applyFormsetOptions(target: typeof BaseFormSet, form: FormsetForm, options: FormsetFactoryOptions): void {
  const maxNum = options.maxNum ?? DEFAULT_MAX_NUM;
  const absoluteMax = options.absoluteMax ?? maxNum + DEFAULT_MAX_NUM;
  if (absoluteMax < maxNum)
    throw new FormsConfigurationError(`formsetFactory(${form.name}): 'absoluteMax' (${absoluteMax}) must be greater or equal to 'maxNum' (${maxNum}).`);
  Object.assign(target, {
    form,
    extra: options.extra ?? 1,
    canOrder: options.canOrder ?? false,
    canDelete: options.canDelete ?? false,
    canDeleteExtra: options.canDeleteExtra ?? true,
    minNum: options.minNum ?? 0,
    maxNum,
    absoluteMax,
    validateMax: options.validateMax ?? false,
    validateMin: options.validateMin ?? false,
  });
}

/**
 * A formset class of `form` (Django's formset_factory).
 *
 * @example
 * const BookFormSet = formsetFactory(BookForm, { extra: 2, canDelete: true });
 */
export function formsetFactory<F extends BaseForm>(form: FormsetForm<F>, options: FormsetFactoryOptions = {}): FormsetClass<F> {
  const FormSet = class extends BaseFormSet<F> {};
  applyFormsetOptions(FormSet as unknown as typeof BaseFormSet, form as FormsetForm, options);
  Object.defineProperty(FormSet, 'name', { value: `${form.name}FormSet`, configurable: true });
  return FormSet;
}
