/** Django's Form: declared fields, binding, validation with clean hooks, errors and rendering. */
import { BoundField } from './bound-field.js';
import { ErrorDict, ErrorList } from './error-list.js';
import { FormStateError, ValidationError, type ValidationErrorInput } from './errors.js';
import { ModelChoiceField } from './fields/model-choice-fields.js';
import type { Field } from './fields/field.js';
import { EMPTY_DATA, toDataSource, toFileSource, type DataInput, type DataSource, type FileInput, type FileSource } from './form-data.js';
import { classMedia, type Media, type MediaDefinition } from './media.js';
import { FORM_TEMPLATE_FILES, getDefaultRenderer, type FormRenderer, type LayoutName } from './renderer.js';
import { markSafe, SafeHtml, type SafeString } from './safe-html.js';

/**
 * The declared fields of a form, by name.
 *
 * @example
 * const fields = { name: forms.char(), email: forms.email() } satisfies DeclaredFields;
 * class ContactForm extends Form.define(fields) {}
 */
export type DeclaredFields = Record<string, Field<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
/**
 * The cleaned data a form with fields `F` produces: each field's cleaned type.
 *
 * @example
 * type Contact = CleanedData<{ name: Field<string>; age: Field<number | null> }>; // { name: string; age: number | null }
 */
export type CleanedData<F extends DeclaredFields> = { -readonly [K in keyof F]: F[K]['$output'] };

/**
 * Where `addError`/`errors` put messages that belong to no single field.
 *
 * @example
 * form.addError(null, 'The passwords do not match.');
 * form.errors.get(NON_FIELD_ERRORS); // the same list as form.nonFieldErrors()
 */
export const NON_FIELD_ERRORS = '__all__';

/**
 * Options of a form instance.
 *
 * @example
 * const form = new ContactForm({ data: await request.post(), initial: { subject: 'Hello' }, prefix: 'contact' });
 */
export interface FormOptions {
  /** Submitted values: `await request.post()` or a plain object. A form given data (even empty) is bound. */
  data?: DataInput | null;
  /** Uploaded files: `await request.files()` or a plain object. */
  files?: FileInput | null;
  /** Initial values by field name (override the fields' own `initial`). */
  initial?: Record<string, unknown>;
  /** Prefix of every input name (`prefix-name`), to put several forms in one `<form>`. */
  prefix?: string | null;
  /** The id pattern: `id_%s` (default), `false` for no ids. */
  autoId?: string | boolean;
  /** Appended to labels (default `:`). */
  labelSuffix?: string;
  /** An unchanged form is valid without checking its fields (formsets' extra forms). */
  emptyPermitted?: boolean;
  /** Write `required` attributes (default true). */
  useRequiredAttribute?: boolean;
  /** The renderer (default: `getDefaultRenderer()`). */
  renderer?: FormRenderer;
  /** Field names to put first, in this order (overrides the class's `fieldOrder`); unknown names are ignored. */
  fieldOrder?: readonly string[] | null;
}

const hookNames = new Map<string, string>();

/** `first_name` → `cleanFirstName`, `email` → `cleanEmail`. */
function hookName(field: string): string {
  let name = hookNames.get(field);
  if (name === undefined) {
    name = `clean${field.replace(/(^|_)([a-z0-9])/gi, (_, __, c: string) => c.toUpperCase())}`;
    hookNames.set(field, name);
  }
  return name;
}

function resolveInitial(value: unknown): unknown {
  return typeof value === 'function' ? (value as () => unknown)() : value;
}

/**
 * What every form has (Form and ModelForm): binding, validation, errors, rendering.
 *
 * @example
 * const form = new ContactForm({ data: await request.post() });
 * if (await form.isValid()) await sendMail(form.cleanedData);
 * else form.errors.asJson();
 */
export class BaseForm<F extends DeclaredFields = DeclaredFields> extends SafeHtml {
  /** The fields declared by `define()`; each instance works on copies. */
  static declaredFields: DeclaredFields = {};
  /** Field names to put first, in this order (Django's `field_order`); the others follow as declared. */
  static fieldOrder: readonly string[] | null = null;
  /** The form's own CSS and JavaScript (Django's `class Media`); `form.media` adds its widgets'. */
  static media: MediaDefinition | Media | undefined;

  /** This instance's fields (copies of the declared ones: change them freely, e.g. a queryset). */
  fields: F;
  readonly isBound: boolean;
  readonly data: DataSource;
  readonly files: FileSource;
  initial: Record<string, unknown>;
  prefix: string | null;
  autoId: string | boolean;
  labelSuffix: string;
  emptyPermitted: boolean;
  useRequiredAttribute: boolean;
  renderer: FormRenderer;
  /** The layout `toString()`/`<%= form %>` uses: `div`, `p`, `ul`, `table` or a template file name. */
  templateName: LayoutName = 'div';
  /** The template file of `asDiv()` (and of the `div` layout). */
  templateNameDiv: string = FORM_TEMPLATE_FILES.div;
  /** The template file of `asP()`. */
  templateNameP: string = FORM_TEMPLATE_FILES.p;
  /** The template file of `asUl()`. */
  templateNameUl: string = FORM_TEMPLATE_FILES.ul;
  /** The template file of `asTable()`. */
  templateNameTable: string = FORM_TEMPLATE_FILES.table;
  /** A CSS class for rows of fields with errors. */
  errorCssClass = '';
  /** A CSS class for rows (and labels) of required fields. */
  requiredCssClass = '';
  /** The cleaned values, after `isValid()`; only fields that validated are present. */
  cleanedData = {} as CleanedData<F>;
  private errorDict: ErrorDict | null = null;
  private readonly bound = new Map<string, BoundField>();
  private readonly calledInitials = new Map<unknown, { value: unknown }>();

  constructor(options: FormOptions = {}) {
    super();
    const declared = (this.constructor as typeof BaseForm).declaredFields;
    const fields: Record<string, Field> = {};
    for (const name in declared) fields[name] = declared[name]!.clone();
    this.fields = fields as F;
    const order = options.fieldOrder === undefined ? (this.constructor as typeof BaseForm).fieldOrder : options.fieldOrder;
    if (order) this.orderFields(order);
    this.isBound = (options.data !== undefined && options.data !== null) || (options.files !== undefined && options.files !== null);
    this.data = options.data ? toDataSource(options.data) : EMPTY_DATA;
    this.files = options.files ? toFileSource(options.files) : EMPTY_DATA;
    this.initial = { ...options.initial };
    this.prefix = options.prefix ?? null;
    this.autoId = options.autoId ?? 'id_%s';
    this.labelSuffix = options.labelSuffix ?? ':';
    this.emptyPermitted = options.emptyPermitted ?? false;
    this.useRequiredAttribute = options.useRequiredAttribute ?? true;
    this.renderer = options.renderer ?? getDefaultRenderer();
  }

  /**
   * Puts the fields named in `order` first, in that order; names that are not fields are ignored,
   * the other fields follow in their current order (Django's `order_fields`).
   */
  orderFields(order: readonly string[]): void {
    const current = this.fields as Record<string, Field>;
    const ordered: Record<string, Field> = {};
    for (const name of order) if (Object.hasOwn(current, name)) ordered[name] = current[name]!;
    for (const name in current) if (!Object.hasOwn(ordered, name)) ordered[name] = current[name]!;
    this.fields = ordered as F;
  }

  /** The CSS and JavaScript of the form class and of every field's widget, merged (Django's `form.media`). */
  get media(): Media {
    let media = classMedia(this.constructor);
    for (const field of Object.values(this.fields)) media = media.add((field as Field).widget.media);
    return media;
  }

  // ---- errors ----------------------------------------------------------------------------

  /** The errors by field (`__all__` for non-field errors); empty until `isValid()` has run. */
  get errors(): ErrorDict {
    return this.errorDict ?? EMPTY_ERRORS;
  }

  /** The errors that belong to no field. */
  nonFieldErrors(): ErrorList {
    return this.errors.get(NON_FIELD_ERRORS) ?? new ErrorList([], 'nonfield');
  }

  /** Whether `field` (or the form, with `__all__`) has an error, optionally with `code`. */
  hasError(field: string, code?: string): boolean {
    const list = this.errors.get(field);
    return list !== undefined && (code === undefined || list.hasCode(code));
  }

  /**
   * Adds an error to `field` (null: a non-field error), removing the field from the cleaned data.
   * An object of messages per field needs `field` null.
   */
  addError(field: (keyof F & string) | null, error: ValidationErrorInput): void {
    const err = error instanceof ValidationError ? error : new ValidationError(error);
    let byField: Record<string, ReturnType<ValidationError['entries']>>;
    if (err.errorDict) {
      if (field !== null) throw new TypeError('addError(): the field must be null when the error has messages for several fields.');
      byField = err.errorDict;
    } else {
      byField = { [field ?? NON_FIELD_ERRORS]: err.errorList };
    }
    this.errorDict ??= new ErrorDict(this.renderer);
    for (const [name, entries] of Object.entries(byField)) {
      if (name !== NON_FIELD_ERRORS && !(name in this.fields)) {
        throw new FormStateError(
          'MANOUCHE_FORMS_UNKNOWN_FIELD',
          `'${this.constructor.name}' has no field named '${name}'. Its fields: ${Object.keys(this.fields).join(', ')}.`,
        );
      }
      this.errorDict.add(name, entries);
      delete (this.cleanedData as Record<string, unknown>)[name];
    }
  }

  // ---- validation ------------------------------------------------------------------------

  /** Validates (once) and says whether the bound form has no errors. Unbound forms are never valid. */
  async isValid(): Promise<boolean> {
    if (this.errorDict === null) await this.fullClean();
    return this.isBound && this.errors.size === 0;
  }

  /** Runs every field's clean, the `clean<Field>` hooks, `clean()` and `postClean()`. */
  async fullClean(): Promise<void> {
    this.errorDict = new ErrorDict(this.renderer);
    if (!this.isBound) return;
    this.cleanedData = {} as CleanedData<F>;
    if (this.emptyPermitted && !this.hasChanged()) return;
    await this.cleanFields();
    await this.cleanForm();
    await this.postClean();
  }

  private async cleanFields(): Promise<void> {
    const cleaned = this.cleanedData as Record<string, unknown>;
    const self = this as unknown as Record<string, unknown>;
    for (const name in this.fields) {
      const field = this.fields[name]! as Field;
      const bf = this.get(name);
      const value = field.disabled ? bf.initial : bf.data;
      try {
        cleaned[name] = await field.clean(value, bf.initial);
        const hook = self[hookName(name)];
        if (typeof hook === 'function') cleaned[name] = await (hook as () => unknown).call(this);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        this.addError(name as keyof F & string, error);
      }
    }
  }

  private async cleanForm(): Promise<void> {
    try {
      const result = await this.clean();
      if (result !== undefined && result !== null) this.cleanedData = result as CleanedData<F>;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      this.addError(null, error);
    }
  }

  /**
   * Form-wide validation after the fields: read `this.cleanedData`, throw a ValidationError or
   * call `addError()`; return new cleaned data or nothing.
   */
  clean(): void | CleanedData<F> | Promise<void | CleanedData<F>> {
    return undefined;
  }

  /** Runs after `clean()` (ModelForm validates the model instance here). */
  protected async postClean(): Promise<void> {}

  // ---- data, initial, changes ------------------------------------------------------------

  /** `prefix-name`, or `name` without a prefix. */
  addPrefix(name: string): string {
    return this.prefix ? `${this.prefix}-${name}` : name;
  }

  /** The id for an input called `htmlName`, or '' without ids. @internal */
  autoIdFor(htmlName: string): string {
    if (this.autoId === false || this.autoId === '') return '';
    if (this.autoId === true) return htmlName;
    return this.autoId.includes('%s') ? this.autoId.replace('%s', htmlName) : htmlName;
  }

  /** The submitted value of one field, as its widget reads it. @internal */
  fieldData(name: string, field: Field): unknown {
    return field.widget.valueFromDatadict(this.data, this.files, this.addPrefix(name));
  }

  /** The initial value of one field. @internal */
  initialFor(name: string, field: Field): unknown {
    const value = Object.hasOwn(this.initial, name) ? this.initial[name] : field.initial;
    if (typeof value !== 'function') return value;
    // A function initial (`() => new Date()`) is called once per form, so rendering and hasChanged agree.
    let cached = this.calledInitials.get(value);
    if (cached === undefined) {
      cached = { value: resolveInitial(value) };
      this.calledInitials.set(value, cached);
    }
    return cached.value;
  }

  /** The names of the fields whose submitted value differs from the initial one. */
  get changedData(): Array<keyof F & string> {
    const changed: Array<keyof F & string> = [];
    for (const name in this.fields) {
      const field = this.fields[name]! as Field;
      const bf = this.get(name);
      let initial = bf.initial;
      if (field.showHiddenInitial) {
        const raw = this.data.get(bf.htmlInitialName);
        if (raw !== undefined) {
          try {
            initial = field.toPython(raw);
          } catch {
            changed.push(name);
            continue;
          }
        }
      }
      if (field.hasChanged(initial, bf.data)) changed.push(name);
    }
    return changed;
  }

  /** Whether any submitted value differs from its initial value. */
  hasChanged(): boolean {
    return this.changedData.length > 0;
  }

  // ---- fields as bound fields --------------------------------------------------------------

  /** The bound field `name` (Django's `form['name']`). */
  get(name: keyof F & string): BoundField {
    let bf = this.bound.get(name);
    if (!bf) {
      const field = this.fields[name] as Field | undefined;
      if (!field)
        throw new FormStateError(
          'MANOUCHE_FORMS_UNKNOWN_FIELD',
          `Key '${name}' not found in ${this.constructor.name}. Choices are: ${Object.keys(this.fields).join(', ')}.`,
        );
      bf = new BoundField(this as unknown as BaseForm, field, name);
      this.bound.set(name, bf);
    }
    return bf;
  }

  /** Every bound field, in order. */
  boundFieldList(): BoundField[] {
    return Object.keys(this.fields).map((name) => this.get(name as keyof F & string));
  }
  /** The bound fields that are not hidden. */
  visibleFields(): BoundField[] {
    return this.boundFieldList().filter((bf) => !bf.isHidden);
  }
  /** The hidden bound fields. */
  hiddenFields(): BoundField[] {
    return this.boundFieldList().filter((bf) => bf.isHidden);
  }
  [Symbol.iterator](): Iterator<BoundField> {
    return this.boundFieldList()[Symbol.iterator]();
  }

  /** Whether a field uploads files (the `<form>` then needs `enctype="multipart/form-data"`). */
  isMultipart(): boolean {
    return Object.values(this.fields).some((field) => (field as Field).widget.needsMultipartForm);
  }

  /** Reads the choices of model choice fields from the database; call it before rendering such a form. */
  async loadChoices(): Promise<void> {
    for (const field of Object.values(this.fields)) if (field instanceof ModelChoiceField) await field.loadChoices();
  }

  // ---- rendering -------------------------------------------------------------------------

  /** The form's HTML with `templateName` (default: this form's `templateName`, `div`). */
  render(templateName?: LayoutName): SafeString {
    return markSafe(this.renderer.renderForm(this as unknown as BaseForm, templateName ?? this.templateName));
  }
  /** Django 5's default layout: a `<div>` per field. */
  asDiv(): SafeString {
    return this.render('div');
  }
  /** A `<p>` per field. */
  asP(): SafeString {
    return this.render('p');
  }
  /** An `<li>` per field (wrap it in `<ul>`). */
  asUl(): SafeString {
    return this.render('ul');
  }
  /** A `<tr>` per field (wrap it in `<table>`). */
  asTable(): SafeString {
    return this.render('table');
  }
  toHtml(): string {
    return this.renderer.renderForm(this as unknown as BaseForm, this.templateName);
  }
}

const EMPTY_ERRORS = new ErrorDict();

/**
 * A form. Define one with `Form.define({ … })`: the cleaned data's type follows from the fields.
 * Validation is async (`await form.isValid()`) because fields may query the database.
 *
 * @example
 * class ContactForm extends Form.define({
 *   name: forms.char({ maxLength: 50 }),
 *   email: forms.email(),
 *   age: forms.integer({ required: false, minValue: 18 }),
 * }) {
 *   cleanName() { return this.cleanedData.name.toUpperCase(); }
 * }
 * const form = new ContactForm({ data: await request.post() });
 * if (await form.isValid()) form.cleanedData.age; // number | null
 */
export class Form<F extends DeclaredFields = DeclaredFields> extends BaseForm<F> {
  /**
   * A Form class with these fields (and the fields of the class it is called on).
   *
   * @example
   * class CommentForm extends Form.define({ body: forms.char({ widget: Textarea }) }) {}
   */
  static define<N extends DeclaredFields>(this: typeof Form, fields: N): FormClass<N> {
    const Defined = class extends this {};
    Defined.declaredFields = { ...this.declaredFields, ...fields };
    Object.defineProperty(Defined, 'name', { value: 'Form', configurable: true });
    return Defined as unknown as FormClass<N>;
  }
}

/**
 * The class `Form.define(fields)` returns.
 *
 * @example
 * const ContactFormBase: FormClass<{ email: Field<string> }> = Form.define({ email: forms.email() });
 */
export interface FormClass<F extends DeclaredFields> {
  new (options?: FormOptions): Form<F>;
  declaredFields: DeclaredFields;
  fieldOrder: readonly string[] | null;
  media: MediaDefinition | Media | undefined;
  define: typeof Form.define;
}
