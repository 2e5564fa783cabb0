/**
 * listEditable (Django's list_editable): the change list's rows as a model formset of the
 * listed fields, saved by its Save button. Only the objects the POST names and the admin's
 * queryset holds are edited; each changed object gets a LogEntry.
 */
import { HttpResponseRedirect, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { modelFormsetFactory, type BaseModelFormSet, type ModelForm } from '@manouche/forms';
import type { Model, QuerySet } from '@manouche/orm';
import { logChange } from '../log-entries.js';
import { capfirst, fieldLabel, type ModelAdmin } from '../model-admin.js';
import { defineAdminModelForm } from '../widgets/admin-form.js';
import { notify } from './notify.js';

/** The formset of a change list's editable rows. */
export type ListEditableFormset = BaseModelFormSet<Model>;

const formsetClasses = new WeakMap<ModelAdmin<Model>, new (options: object) => ListEditableFormset>();

/** The formset class of a ModelAdmin's listEditable fields (Django's get_changelist_formset). */
function formsetClass(ma: ModelAdmin<Model>): new (options: object) => ListEditableFormset {
  let FormSet = formsetClasses.get(ma);
  if (!FormSet) {
    const form = defineAdminModelForm(ma, (ma.options.listEditable ?? []) as readonly string[]);
    FormSet = modelFormsetFactory(ma.model, { form: form as never, extra: 0 }) as unknown as new (options: object) => ListEditableFormset;
    formsetClasses.set(ma, FormSet);
  }
  return FormSet;
}

/** The unbound formset of the objects on the page, choices loaded for rendering. */
export async function listEditableFormset(ma: ModelAdmin<Model>, request: HttpRequest, objects: readonly Model[]): Promise<ListEditableFormset> {
  const FormSet = formsetClass(ma);
  const formset = new FormSet({ queryset: ma.getQueryset(request).filter({ pk__in: objects.map((obj) => obj.pk) } as never) });
  await formset.loadChoices();
  return formset;
}

/** The primary keys the rows of a POST name (`form-0-id`…), Django's _get_list_editable_queryset. */
function postedKeys(ma: ModelAdmin<Model>, data: { keys(): Iterable<string>; get(name: string): string | undefined }): unknown[] {
  const pattern = new RegExp(`^form-\\d+-${ma.opts.pk.name.replace(/[^A-Za-z0-9_]/g, '')}$`);
  const numeric = ma.opts.pk.type.toLowerCase().includes('auto') || ma.opts.pk.type.toLowerCase().includes('integer');
  const keys: unknown[] = [];
  for (const name of data.keys()) {
    if (!pattern.test(name)) continue;
    const value = data.get(name) ?? '';
    // A forged key is dropped here; its row then fails as "not one of the available choices".
    if (numeric ? /^\d{1,18}$/.test(value) : value !== '') keys.push(numeric ? Number(value) : value);
  }
  return keys;
}

/**
 * Saves a listEditable POST: a redirect to the same page with "N objects were changed
 * successfully." when every row is valid, else the bound formset to show the errors per row.
 */
export async function saveListEditable(ma: ModelAdmin<Model>, request: HttpRequest): Promise<HttpResponseBase | ListEditableFormset> {
  const data = await request.post();
  const FormSet = formsetClass(ma);
  const queryset = ma.getQueryset(request).filter({ pk__in: postedKeys(ma, data as never) } as never) as QuerySet<Model>;
  const formset = new FormSet({ data, files: request.contentType.startsWith('multipart/') ? await request.files() : undefined, queryset });
  if (!(await formset.isValid())) {
    await formset.loadChoices();
    return formset;
  }
  let changed = 0;
  for (const form of formset.initialForms as ModelForm[]) {
    if (!form.hasChanged()) continue;
    const labels = form.changedData.map((name) => {
      const field = ma.opts.getField(name);
      return field ? capfirst(fieldLabel(field)) : name;
    });
    const saved = (await form.save()) as Model;
    await logChange(request, saved, labels);
    changed += 1;
  }
  if (changed) {
    const name = changed === 1 ? ma.opts.verboseName : ma.opts.verboseNamePlural;
    notify(request)(`${changed} ${name} ${changed === 1 ? 'was' : 'were'} changed successfully.`);
  }
  return new HttpResponseRedirect(request.getFullPath());
}
