/** BoundField: one field of one form instance — its data, errors, label, widget HTML. */
import { ErrorList } from './error-list.js';
import type { Field } from './fields/field.js';
import type { BaseForm } from './form.js';
import { escapeText, markSafe, renderAttrs, SafeHtml, type SafeString } from './safe-html.js';
import { HiddenInput, type Attrs, type Widget } from './widgets/widget.js';

/**
 * `first_name` → `First name`, `publishDate` → `Publish date` (Django's pretty_name).
 *
 * @example
 * prettyName('first_name'); // 'First name'
 * prettyName('publishDate'); // 'Publish date'
 */
export function prettyName(name: string): string {
  if (!name) return '';
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A field bound to a form (Django's `form['name']`: here `form.get('name')`). Printing it in a
 * template gives its widget; its parts are `label`, `labelTag()`, `errors`, `helpText`, `value()`.
 *
 * @example
 * <%= it.form.get('email').labelTag() %> <%= it.form.get('email') %> <%= it.form.get('email').errors %>
 */
export class BoundField extends SafeHtml {
  readonly label: string;

  constructor(
    readonly form: BaseForm,
    readonly field: Field,
    readonly name: string,
  ) {
    super();
    this.label = field.label ?? prettyName(name);
  }

  /** The input's name: `prefix-name` with a prefix. */
  get htmlName(): string {
    return this.form.addPrefix(this.name);
  }
  /** The name of the hidden initial-value input. */
  get htmlInitialName(): string {
    return `initial-${this.htmlName}`;
  }
  /** The id the widget gets (`id_name`), or '' when the form has autoId off. */
  get autoId(): string {
    return this.form.autoIdFor(this.htmlName);
  }
  /** The id a label points at. */
  get idForLabel(): string {
    return this.field.widget.idForLabel(this.field.widget.attrs.id ? String(this.field.widget.attrs.id) : this.autoId);
  }
  get helpText(): string {
    return this.field.helpText;
  }
  get isHidden(): boolean {
    return this.field.widget.isHidden;
  }
  /** Whether the layout puts this field in a `<fieldset>` (radio and checkbox groups). */
  get useFieldset(): boolean {
    return this.field.widget.useFieldset;
  }
  /** This field's errors (empty when valid or unbound). */
  get errors(): ErrorList {
    return this.form.errors.get(this.name) ?? new ErrorList();
  }
  /** The submitted value as the widget reads it. */
  get data(): unknown {
    return this.form.fieldData(this.name, this.field);
  }
  /** The initial value (from the form's `initial`, else the field's). */
  get initial(): unknown {
    return this.form.initialFor(this.name, this.field);
  }
  /** The value to show: the submitted data for a bound form, else the initial value. */
  getValue(): unknown {
    let data = this.initial;
    if (this.form.isBound) data = this.field.boundData(this.data, data);
    return this.field.prepareValue(data);
  }

  /** The CSS classes of the field's row: the form's `errorCssClass` / `requiredCssClass` when they apply. */
  cssClasses(extra = ''): string {
    const classes = extra ? extra.split(/\s+/) : [];
    if (this.form.errorCssClass && this.errors.size > 0) classes.push(this.form.errorCssClass);
    if (this.form.requiredCssClass && this.field.required) classes.push(this.form.requiredCssClass);
    return classes.join(' ');
  }

  /** The attributes the form adds: required, disabled, aria-describedby, aria-invalid, id. */
  buildWidgetAttrs(widget: Widget, attrs: Attrs = {}): Attrs {
    const out: Attrs = { ...attrs };
    if (widget.useRequiredAttribute(this.initial) && this.field.required && this.form.useRequiredAttribute) out.required = true;
    if (this.field.disabled) out.disabled = true;
    if (this.helpText && this.autoId && !('aria-describedby' in widget.attrs) && !('aria-describedby' in out) && !widget.useFieldset) {
      out['aria-describedby'] = `${this.autoId}_helptext`;
    }
    if (this.form.isBound && this.errors.size > 0 && !widget.isHidden) out['aria-invalid'] = 'true';
    if (this.autoId && !('id' in widget.attrs) && !('id' in out)) out.id = this.autoId;
    return out;
  }

  /** The widget's HTML (with `widget`/`attrs` to render differently), plus the hidden initial input when asked. */
  asWidget(widget?: Widget, attrs: Attrs = {}, onlyInitial = false): SafeString {
    return markSafe(this.widgetHtml(widget, attrs, onlyInitial));
  }

  private widgetHtml(widget: Widget | undefined, attrs: Attrs, onlyInitial: boolean): string {
    const w = widget ?? this.field.widget;
    const built = this.buildWidgetAttrs(w, attrs);
    const html = this.form.renderer.renderWidget(w, onlyInitial ? this.htmlInitialName : this.htmlName, this.getValue(), built);
    if (this.field.showHiddenInitial && !onlyInitial && !widget) {
      return html + new HiddenInput().render(this.htmlInitialName, this.field.prepareValue(this.initial), this.autoId ? { id: `initial-${this.autoId}` } : {});
    }
    return html;
  }
  /** The field as `<input type="hidden">`. */
  asHidden(attrs: Attrs = {}): SafeString {
    return this.asWidget(new HiddenInput(), attrs);
  }
  /** `<label for="id_name">Name:</label>`. */
  labelTag(contents?: string, attrs: Attrs = {}, labelSuffix?: string, tag = 'label'): SafeString {
    const suffix = labelSuffix ?? this.field.labelSuffix ?? this.form.labelSuffix;
    let text = contents ?? this.label;
    if (suffix && text && !/[:?.!]$/.test(text)) text += suffix;
    const all: Attrs = { ...attrs };
    const id = this.idForLabel;
    if (id && tag === 'label') all.for = id;
    if (this.field.required && this.form.requiredCssClass) all.class = [all.class, this.form.requiredCssClass].filter(Boolean).join(' ');
    return markSafe(`<${tag}${renderAttrs(all)}>${escapeText(text)}</${tag}>`);
  }
  /** `<legend>` for fieldsets. */
  legendTag(contents?: string, attrs: Attrs = {}, labelSuffix?: string): SafeString {
    return this.labelTag(contents, attrs, labelSuffix, 'legend');
  }
  /** The help text, escaped unless it is a SafeString. */
  helpTextHtml(): SafeString {
    return markSafe(escapeText(this.helpText));
  }

  /** The whole field as the form's field template renders it (label, help, errors, widget). */
  asFieldGroup(): SafeString {
    return markSafe(this.form.renderer.renderField(this));
  }

  toHtml(): string {
    return this.widgetHtml(undefined, {}, false);
  }
}
