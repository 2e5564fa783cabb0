/**
 * Django 5's `div`, `p`, `ul` and `table` form templates and the field template, written as
 * functions: the fast built-ins the renderer uses unless a project overrides the template file
 * (the same HTML as the files under `templates/django/forms/`).
 */
import type { BoundField } from './bound-field.js';
import type { ErrorList } from './error-list.js';
import type { BaseForm } from './form.js';

/**
 * What a form template gets.
 *
 * @example
 * const compact: FormTemplate = (context: FormRenderContext) => context.fields.map(([field]) => field.asWidget()).join('');
 */
export interface FormRenderContext {
  form: BaseForm;
  /** The visible fields with their errors. */
  fields: Array<[BoundField, ErrorList]>;
  hiddenFields: BoundField[];
  /** Non-field errors, plus the errors of hidden fields (prefixed with the field's name). */
  errors: ErrorList;
}

/**
 * A form template: returns the form's inner HTML (no `<form>` tag).
 *
 * @example
 * const inline: FormTemplate = (ctx) => ctx.fields.map(([field]) => `<span>${field.asFieldGroup()}</span>`).join('');
 * new FormRenderer({ templates: { div: inline } });
 */
export type FormTemplate = (context: FormRenderContext) => string;
/**
 * A field template: one visible field with its label, help text and errors.
 *
 * @example
 * const bare: FieldTemplate = (field) => `${field.labelTag()}${field.asWidget()}`;
 * new FormRenderer({ field: bare });
 */
export type FieldTemplate = (field: BoundField) => string;

function rowClass(field: BoundField): string {
  const classes = field.cssClasses();
  return classes ? ` class="${classes}"` : '';
}

function helpId(field: BoundField): string {
  return field.autoId ? ` id="${field.autoId}_helptext"` : '';
}

/**
 * Django 5's `django/forms/field.html`.
 *
 * @example
 * new FormRenderer({ field: (field) => `<div class="row">${divField(field)}</div>` });
 */
export const divField: FieldTemplate = (field) => {
  let out = '';
  if (field.useFieldset) out += `<fieldset>\n${field.label ? `${field.legendTag()}\n` : ''}`;
  else if (field.label) out += `${field.labelTag()}\n`;
  if (field.helpText) out += `<div class="helptext"${helpId(field)}>${field.helpTextHtml()}</div>\n`;
  const errors = field.errors.asUl();
  if (errors) out += `${errors}\n`;
  out += field.asWidget();
  if (field.useFieldset) out += '\n</fieldset>';
  return out;
};

const hidden = (context: FormRenderContext) => context.hiddenFields.map((f) => f.asWidget()).join('');

/**
 * Django 5's `django/forms/div.html`: one `<div>` per field.
 *
 * @example
 * form.asDiv(); // what divForm returns, as Django's {{ form }}
 */
export const divForm: FormTemplate = (context) => {
  let out = context.errors.asUl() ? `${context.errors.asUl()}\n` : '';
  if (context.errors.size > 0 && context.fields.length === 0) out += `<div>${hidden(context)}</div>\n`;
  context.fields.forEach(([field], i) => {
    const last = i === context.fields.length - 1 ? hidden(context) : '';
    out += `<div${rowClass(field)}>\n${field.asFieldGroup()}${last ? `\n${last}` : ''}\n</div>\n`;
  });
  if (context.fields.length === 0 && context.errors.size === 0) out += hidden(context);
  return out.trimEnd();
};

/**
 * Django's `django/forms/p.html`.
 *
 * @example
 * form.asP(); // <p><label for="id_name">Name:</label> <input type="text" name="name" …></p>
 */
export const pForm: FormTemplate = (context) => {
  let out = context.errors.asUl() ? `${context.errors.asUl()}\n` : '';
  if (context.errors.size > 0 && context.fields.length === 0) out += `<p>${hidden(context)}</p>\n`;
  context.fields.forEach(([field, errors], i) => {
    if (errors.size > 0) out += `${errors.asUl()}\n`;
    let row = `${field.label ? `${field.labelTag()} ` : ''}${field.asWidget()}`;
    if (field.helpText) row += `\n<span class="helptext"${helpId(field)}>${field.helpTextHtml()}</span>`;
    if (i === context.fields.length - 1) row += hidden(context);
    out += `<p${rowClass(field)}>\n${row}\n</p>\n`;
  });
  if (context.fields.length === 0 && context.errors.size === 0) out += hidden(context);
  return out.trimEnd();
};

/**
 * Django's `django/forms/ul.html`: `<li>` rows (the `<ul>` is yours).
 *
 * @example
 * `<ul>${form.asUl()}</ul>`; // <li> rows
 */
export const ulForm: FormTemplate = (context) => {
  let out = context.errors.asUl() ? `<li>${context.errors.asUl()}</li>\n` : '';
  if (context.errors.size > 0 && context.fields.length === 0) out += `<li>${hidden(context)}</li>\n`;
  context.fields.forEach(([field, errors], i) => {
    let row = `${errors.asUl()}${field.label ? `${field.labelTag()} ` : ''}${field.asWidget()}`;
    if (field.helpText) row += `\n<span class="helptext"${helpId(field)}>${field.helpTextHtml()}</span>`;
    if (i === context.fields.length - 1) row += hidden(context);
    out += `<li${rowClass(field)}>\n${row}\n</li>\n`;
  });
  if (context.fields.length === 0 && context.errors.size === 0) out += hidden(context);
  return out.trimEnd();
};

/**
 * Django's `django/forms/table.html`: `<tr>` rows (the `<table>` is yours).
 *
 * @example
 * `<table>${form.asTable()}</table>`; // <tr><th>label</th><td>input</td></tr> rows
 */
export const tableForm: FormTemplate = (context) => {
  let out = context.errors.asUl() ? `<tr>\n<td colspan="2">${context.errors.asUl()}${context.fields.length === 0 ? hidden(context) : ''}</td>\n</tr>\n` : '';
  context.fields.forEach(([field, errors], i) => {
    let cell = `${errors.asUl()}${field.asWidget()}`;
    if (field.helpText) cell += `\n<br>\n<span class="helptext"${helpId(field)}>${field.helpTextHtml()}</span>`;
    if (i === context.fields.length - 1) cell += hidden(context);
    out += `<tr${rowClass(field)}>\n<th>${field.label ? field.labelTag() : ''}</th>\n<td>\n${cell}\n</td>\n</tr>\n`;
  });
  if (context.fields.length === 0 && context.errors.size === 0) out += hidden(context);
  return out.trimEnd();
};
