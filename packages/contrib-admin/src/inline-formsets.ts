/**
 * The inlines of one add/change request: a formset per inline the user may see, built with the
 * user's permissions on the inline's model (Django's _create_formsets and get_formset), the
 * values the templates show, validation, saving and the history messages of what changed.
 */
import type { HttpRequest } from '@manouche/core';
import { type BaseInlineFormSet, type DataSource, type FileSource, inlineFormsetFactory, type ModelForm } from '@manouche/forms';
import type { Model, ModelClass } from '@manouche/orm';
import type { AdminSite } from './admin-site.js';
import type { Cell } from './display-value.js';
import { type InlineModelAdmin, inlinesOf } from './inlines.js';
import { capfirst, fieldLabel, type ModelAdmin } from './model-admin.js';
import { formFieldNames, formSections, readonlyField } from './model-form.js';
import { defineAdminModelForm } from './widgets/admin-form.js';
import { relatedLinksOf, wrapRelatedWidgets } from './widgets/related-field-wrapper.js';

/** What the user may do with one inline on this page. */
interface InlinePermissions {
  view: boolean;
  add: boolean;
  change: boolean;
  delete: boolean;
}

/** One inline's formset on this request. */
export interface InlineFormset {
  readonly inline: InlineModelAdmin<Model>;
  readonly formset: BaseInlineFormSet;
  readonly perms: InlinePermissions;
  /** The names the forms edit (the foreign key to the parent is never one). */
  readonly fieldNames: readonly string[];
}

/** The submitted data of a "Save as new": every inline row becomes a new object (no INITIAL_FORMS, no primary keys). */
function asNewData(data: DataSource, prefix: string, pkName: string): DataSource {
  const initialKey = `${prefix}-INITIAL_FORMS`;
  const pkKey = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+-${pkName}$`);
  const hidden = (key: string) => pkKey.test(key);
  return {
    get: (key) => (key === initialKey ? '0' : hidden(key) ? undefined : data.get(key)),
    getAll: (key) => (key === initialKey ? ['0'] : hidden(key) ? [] : data.getAll(key)),
    has: (key) => (hidden(key) ? false : data.has(key)),
  };
}

const formClasses = new WeakMap<InlineModelAdmin<Model>, Map<string, typeof ModelForm>>();

/**
 * The inline form: an object the user may not change keeps its stored values whatever is posted
 * (and is not validated, its fields are not on the page), and new objects are ignored without add
 * permission (Django's DeleteProtectedModelForm).
 */
function protectedFormClass(inline: InlineModelAdmin<Model>, fields: readonly string[], perms: InlinePermissions): typeof ModelForm {
  // One class per inline and set of permissions: the form fields are derived once per class.
  const key = `${fields.join(',')}|${perms.add}|${perms.change}|${perms.delete}`;
  let cache = formClasses.get(inline);
  if (!cache) formClasses.set(inline, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const model = inline.model as ModelClass;
  // The admin's widgets for the inline's fields, as on the parent's form.
  const Base = defineAdminModelForm(inline.child as unknown as ModelAdmin<Model>, fields);
  const Protected = class extends Base {
    override hasChanged(): boolean {
      if (!perms.change && !this.instance._state.adding) return false;
      if (!perms.add && this.instance._state.adding) return false;
      return super.hasChanged();
    }

    override async fullClean(): Promise<void> {
      if (!perms.change && !this.instance._state.adding) {
        this.cleanedData = { ...this.initial, DELETE: perms.delete && this.data.has(this.addPrefix('DELETE')) };
        return;
      }
      await super.fullClean();
    }
  };
  Object.defineProperty(Protected, 'name', { value: `${model.name}InlineForm` });
  cache.set(key, Protected as unknown as typeof ModelForm);
  return Protected as unknown as typeof ModelForm;
}

/** The names an inline's forms edit: its fields less read-only ones and the foreign key to the parent. */
function inlineFieldNames(inline: InlineModelAdmin<Model>): string[] {
  return formFieldNames(inline.child).filter((name) => name !== inline.fk.name);
}

/**
 * The formsets of the registration's inlines for `parent` (the object being edited, or the new
 * one the add form fills in). Inlines the user may neither view, add, change nor delete are
 * left out; without add permission no blank forms are offered; a read-only parent makes every
 * inline read-only.
 */
export async function inlineFormsets(
  ma: ModelAdmin<Model>,
  request: HttpRequest,
  parent: Model,
  options: { data?: DataSource; files?: FileSource; saveAsNew?: boolean; canEditParent: boolean },
): Promise<InlineFormset[]> {
  const result: InlineFormset[] = [];
  const prefixes = new Map<string, number>();
  const permsParent = parent._state.adding ? null : parent;
  for (const inline of inlinesOf(ma)) {
    const perms: InlinePermissions = {
      view: await inline.hasViewPermission(request, permsParent),
      add: options.canEditParent && (await inline.hasAddPermission(request, permsParent)),
      change: options.canEditParent && (await inline.hasChangePermission(request, permsParent)),
      delete: options.canEditParent && (await inline.hasDeletePermission(request, permsParent)),
    };
    if (!perms.view && !perms.add && !perms.change && !perms.delete) continue;
    const fieldNames = inlineFieldNames(inline);
    const maxNum = inline.maxNum ?? 1000;
    const FormSet = inlineFormsetFactory(
      parent.constructor as ModelClass,
      inline.model as ModelClass,
      {
        form: protectedFormClass(inline, fieldNames, perms),
        fkName: inline.fk.name,
        extra: perms.add ? inline.extra : 0,
        minNum: inline.minNum,
        maxNum: perms.add ? maxNum : 0,
        canDelete: inline.canDelete && perms.delete,
      } as never,
    );
    // Two inlines of one model get `choices` and `choices-2`, as in Django.
    const base = inline.defaultPrefix;
    const seen = (prefixes.get(base) ?? 0) + 1;
    prefixes.set(base, seen);
    const prefix = seen === 1 ? base : `${base}-${seen}`;
    const pkName = inline.child.opts.pk.name;
    const data = options.data && options.saveAsNew ? asNewData(options.data, prefix, pkName) : options.data;
    const formset = new FormSet({
      instance: parent,
      prefix,
      queryset: inline.getQueryset(request),
      ...(data ? { data, files: options.files ?? null } : {}),
    });
    result.push({ inline, formset: formset as unknown as BaseInlineFormSet, perms, fieldNames });
  }
  return result;
}

/** Whether every formset is valid (each one validated, so every error is shown). */
export async function allValid(formsets: readonly InlineFormset[]): Promise<boolean> {
  let valid = true;
  for (const { formset } of formsets) if (!(await formset.isValid())) valid = false;
  return valid;
}

/** The errors the page counts for its "Please correct the errors below.". */
export function inlineErrorCount(formsets: readonly InlineFormset[]): number {
  return formsets.reduce(
    (sum, { formset }) => sum + formset.nonFormErrors().size + (formset.isBound ? formset.forms.reduce((n, form) => n + form.errors.size, 0) : 0),
    0,
  );
}

/** Saves every formset (after the parent), and returns the history entries for what was added, changed and deleted. */
export async function saveInlineFormsets(formsets: readonly InlineFormset[]): Promise<unknown[]> {
  const messages: unknown[] = [];
  for (const { inline, formset } of formsets) {
    await formset.save();
    const name = (obj: Model) => (obj.constructor as ModelClass)._meta.verboseName;
    for (const obj of formset.newObjects) messages.push({ added: { name: name(obj), object: String(obj) } });
    for (const [obj, changed] of formset.changedObjects) {
      const fields = changed.map((fieldName) => {
        const field = inline.child.opts.getField(fieldName);
        return field ? capfirst(fieldLabel(field)) : fieldName;
      });
      messages.push({ changed: { name: name(obj), object: String(obj), fields } });
    }
    for (const obj of formset.deletedObjects) messages.push({ deleted: { name: name(obj), object: String(obj) } });
  }
  return messages;
}

/** One field of one inline form, as the templates show it. */
interface InlineField {
  name: string;
  readonly: boolean;
  bound?: unknown;
  label?: string;
  cell?: Cell;
  errors: string[];
}

/** One inline form (a row of a tabular inline, a block of a stacked one). */
interface InlineRow {
  id: string;
  original: string | null;
  changeUrl: string | null;
  hidden: unknown[];
  lines: InlineField[][];
  deleteField: unknown | null;
  errors: string[];
}

/** What `admin/edit_inline/tabular.html` and `stacked.html` show for one inline. */
export interface InlineGroup {
  template: string;
  prefix: string;
  title: string;
  verboseName: string;
  classes: string[];
  managementForm: unknown;
  nonFormErrors: string[];
  headers: Array<{ label: string; required: boolean; helpText: string }>;
  canDelete: boolean;
  rows: InlineRow[];
  emptyRow: InlineRow | null;
  /** For static/admin/js/inlines.js: the prefix, the link's text, how many forms at most. */
  formsetData: string;
}

/** The values of the inline groups for the templates (reads the objects and choices first). */
export async function inlineGroups(
  site: AdminSite,
  parentMa: ModelAdmin<Model>,
  request: HttpRequest,
  formsets: readonly InlineFormset[],
  timeZone: string | undefined,
): Promise<InlineGroup[]> {
  const groups: InlineGroup[] = [];
  for (const { inline, formset, perms, fieldNames } of formsets) {
    await formset.loadChoices();
    // The add/change links of the rows' relations, as on the parent's form (the user's rights are read once).
    const links = perms.add || perms.change ? await relatedLinksOf(inline.child as unknown as ModelAdmin<Model>, request, fieldNames) : new Map();
    for (const form of formset.forms) wrapRelatedWidgets(form as unknown as ModelForm, links);
    const editable = new Set(fieldNames);
    const fk = inline.fk.name;
    const sections = formSections(inline.child)
      .map((section) => ({ ...section, lines: section.lines.map((line) => line.filter((name) => name !== fk)).filter((line) => line.length > 0) }))
      .filter((section) => section.lines.length > 0);
    const pkName = inline.child.opts.pk.name;
    const registered = site.isRegistered(inline.model as ModelClass);
    const row = (form: ModelForm, id: string, existing: Model | null): InlineRow => {
      // An existing object the user may not change is shown as text.
      const readonlyRow = existing !== null && !perms.change;
      const lines = sections
        .flatMap((section) => section.lines)
        .map((line) =>
          line.map((name): InlineField => {
            if (!readonlyRow && editable.has(name) && name in form.fields) {
              const bound = form.get(name as never);
              return { name, readonly: false, bound, errors: [...bound.errors].map(String) };
            }
            return { name, readonly: true, ...readonlyField(inline.child, name, existing, timeZone), errors: [] };
          }),
        );
      const errors = [...form.nonFieldErrors()].map(String);
      // The hidden primary key's errors have no field on the page: a forged id is told here.
      for (const hiddenName of [pkName]) {
        if (!(hiddenName in form.fields)) continue;
        for (const entry of form.get(hiddenName as never).errors.entries) {
          const submitted = form.data.get(form.addPrefix(hiddenName));
          errors.push(entry.code === 'invalid_choice' ? forgedIdMessage(inline, parentMa, submitted) : entry.message);
        }
      }
      return {
        id,
        original: existing ? String(existing) : null,
        changeUrl:
          existing && inline.options.showChangeLink && registered
            ? site.reverse(`${inline.child.opts.appLabel}_${inline.child.opts.modelName}_change`, [String(existing.pk)])
            : null,
        hidden: pkName in form.fields ? [form.get(pkName as never).asWidget()] : [],
        lines,
        deleteField: 'DELETE' in form.fields && existing !== null ? form.get('DELETE' as never) : null,
        errors,
      };
    };
    const rows = formset.forms.map((form, index) => {
      const modelForm = form as unknown as ModelForm;
      const existing = index < formset.initialFormCount() && !modelForm.instance._state.adding ? modelForm.instance : null;
      return row(modelForm, `${formset.prefix}-${index}`, existing);
    });
    let emptyRow: InlineRow | null = null;
    if (perms.add) {
      const empty = formset.emptyForm as unknown as ModelForm;
      await empty.loadChoices();
      wrapRelatedWidgets(empty, links);
      emptyRow = row(empty, `${formset.prefix}-empty`, null);
    }
    const headers = sections
      .flatMap((section) => section.lines.flat())
      .map((name) => {
        const field = inline.child.opts.getField(name);
        if (editable.has(name) && field) {
          return { label: capfirst(fieldLabel(field)), required: !field.options.blank, helpText: String(field.options.helpText ?? '') };
        }
        return { label: readonlyField(inline.child, name, null, timeZone).label, required: false, helpText: '' };
      });
    const maxNum = (formset.constructor as unknown as { maxNum: number }).maxNum;
    groups.push({
      template: inline.kind === 'tabular' ? 'admin/edit_inline/tabular.html' : 'admin/edit_inline/stacked.html',
      prefix: formset.prefix,
      title: inline.title,
      verboseName: capfirst(inline.verboseName),
      classes: [...(inline.options.classes ?? [])],
      managementForm: formset.managementForm,
      nonFormErrors: [...formset.nonFormErrors()].map(String),
      headers,
      canDelete: (formset.constructor as unknown as { canDelete: boolean }).canDelete,
      rows,
      emptyRow,
      formsetData: JSON.stringify({ prefix: formset.prefix, addText: `Add another ${capfirst(inline.verboseName)}`, deleteText: 'Remove', maxNum }),
    });
  }
  return groups;
}

/** A forged or stale inline id: name the object and the parent instead of "Select a valid choice". */
function forgedIdMessage(inline: InlineModelAdmin<Model>, parentMa: ModelAdmin<Model>, submitted: string | undefined): string {
  return `${capfirst(inline.verboseName)} with ID “${submitted ?? ''}” is not one of this ${parentMa.opts.verboseName}’s ${inline.verboseNamePlural}. Perhaps it was deleted?`;
}
