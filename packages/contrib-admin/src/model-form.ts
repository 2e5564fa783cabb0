import type { ModelForm } from '@manouche/forms';
import type { Model } from '@manouche/orm';
import { displayValue, type Cell } from './display-value.js';
import { AdminConfigurationError } from './errors.js';
import { capfirst, fieldLabel, type ModelAdmin } from './model-admin.js';
import type { Fieldset } from './options.js';
import { defineAdminModelForm } from './widgets/admin-form.js';

/** One line of the change form: names of fields shown side by side. */
export type FormLine = string[];

/** The form's sections: Django's fieldsets, or one untitled section of every field. */
export interface FormSection {
  title: string | null;
  classes: string[];
  description: string | null;
  lines: FormLine[];
}

function readonlyNames(ma: ModelAdmin<Model>): string[] {
  return (ma.options.readonlyFields ?? []).map((item) => (typeof item === 'function' ? item.name : item));
}

/** Every editable model field, in declaration order (what the form shows by default). */
function editableFieldNames(ma: ModelAdmin<Model>): string[] {
  // `fields` already holds the many-to-many fields in this ORM; the Set keeps each once.
  return [...new Set([...ma.opts.fields, ...ma.opts.manyToMany])]
    .filter((field) => field.editable && !field.options.autoNow && !field.options.autoNowAdd)
    .map((field) => field.name);
}

/** The sections of the change form. */
export function formSections(ma: ModelAdmin<Model>): FormSection[] {
  const fieldsets = ma.options.fieldsets as ReadonlyArray<Fieldset<Model>> | undefined;
  if (fieldsets?.length) {
    return fieldsets.map(([title, options]) => ({
      title,
      classes: [...(options.classes ?? [])],
      description: options.description ?? null,
      lines: options.fields.map((entry) => (typeof entry === 'string' ? [entry] : [...(entry as readonly string[])])),
    }));
  }
  const exclude = new Set((ma.options.exclude ?? []) as string[]);
  const names = (
    (ma.options.fields as readonly string[] | undefined) ?? [
      ...editableFieldNames(ma),
      ...readonlyNames(ma).filter((name) => !editableFieldNames(ma).includes(name)),
    ]
  ).filter((name) => !exclude.has(name));
  return [{ title: null, classes: [], description: null, lines: names.map((name) => [name]) }];
}

/** The names the form edits: the sections' fields less the read-only ones. */
export function formFieldNames(ma: ModelAdmin<Model>, readonlyAll = false): string[] {
  if (readonlyAll) return [];
  const readonly = new Set(readonlyNames(ma));
  return formSections(ma)
    .flatMap((section) => section.lines.flat())
    .filter((name) => !readonly.has(name) && ma.opts.getField(name) !== undefined);
}

/** Whether a name on the form is shown read-only. */
export function isReadonly(ma: ModelAdmin<Model>, name: string, readonlyAll: boolean): boolean {
  return readonlyAll || readonlyNames(ma).includes(name) || !ma.opts.getField(name)?.editable;
}

const formClasses = new WeakMap<ModelAdmin<Model>, Map<string, typeof ModelForm>>();

/** The ModelForm class for this admin (cached per set of fields). */
export function adminFormClass(ma: ModelAdmin<Model>, readonlyAll = false): typeof ModelForm {
  const names = formFieldNames(ma, readonlyAll);
  for (const name of names) {
    if (!ma.opts.getField(name))
      throw new AdminConfigurationError(`The form of ${ma.opts.appLabel}.${ma.model.name} names '${name}', which is not a field of the model.`);
  }
  let cache = formClasses.get(ma);
  if (!cache) formClasses.set(ma, (cache = new Map()));
  const key = names.join(',');
  let formClass = cache.get(key);
  if (!formClass) {
    formClass = defineAdminModelForm(ma, names);
    cache.set(key, formClass);
  }
  return formClass;
}

/** A read-only entry of the form (a field, a model method or a display() function): its label and its value for `obj` (none when adding). */
export function readonlyField(ma: ModelAdmin<Model>, name: string, obj: Model | null, timeZone: string | undefined): { label: string; cell: Cell } {
  const fn = (ma.options.readonlyFields ?? []).find((item) => typeof item === 'function' && item.name === name);
  const column = ma.column((fn ?? name) as never);
  const value = obj ? column.value(obj) : null;
  return {
    label: column.field ? capfirst(fieldLabel(column.field)) : column.header,
    // `boolean` always present: DEBUG templates warn about reading a missing property.
    cell: { boolean: null, ...displayValue(value, column.field, { boolean: column.boolean, emptyValue: ma.emptyValueDisplay, timeZone }) },
  };
}
