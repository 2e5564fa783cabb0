import { Http404, HttpResponseRedirect, PermissionDenied, render, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { DataSource, FileSource, ModelForm } from '@manouche/forms';
import { atomic, type Model } from '@manouche/orm';
import { AdminSite } from '../admin-site.js';
import { IS_POPUP_VAR, TO_FIELD_VAR } from '../change-list.js';
import { isLookupRefusal } from '../list-filters.js';
import { allValid, type InlineFormset, inlineErrorCount, inlineFormsets, inlineGroups, saveInlineFormsets } from '../inline-formsets.js';
import { logAddition, logChange } from '../log-entries.js';
import { capfirst, fieldLabel, type ModelAdmin } from '../model-admin.js';
import { adminFormClass, formSections, isReadonly, readonlyField } from '../model-form.js';
import { relatedLinksOf, wrapRelatedWidgets } from '../widgets/related-field-wrapper.js';
import { notify } from './notify.js';
import { type PopupState, popupResponse, popupState } from './popup-response.js';
import { adminTemplates } from './template-names.js';

/** Uploaded files of a multipart POST. */
async function uploadedFiles(request: HttpRequest) {
  return request.contentType.startsWith('multipart/') ? await request.files() : undefined;
}

/**
 * The object with this primary key among the admin's queryset, or Http404 (a forged or foreign
 * id). A popup's change link names the object by the field the relation stores (`toField`).
 */
export async function getObjectOr404(ma: ModelAdmin<Model>, request: HttpRequest, objectId: string, toField: string | null = null): Promise<Model> {
  if (toField && toField !== 'pk' && toField !== ma.opts.pk.name) {
    let byField: Model | undefined;
    try {
      [byField] = (await ma
        .getQueryset(request)
        .filter({ [toField]: objectId } as never)
        .slice(0, 1)) as Model[];
    } catch (error) {
      if (!isLookupRefusal(error)) throw error;
    }
    if (!byField) throw new Http404(`${capfirst(ma.opts.verboseName)} with ${toField} “${objectId}” doesn’t exist. Perhaps it was deleted?`);
    return byField;
  }
  const pk = ma.opts.pk;
  const numeric = pk.type === 'auto' || pk.type === 'bigAuto' || pk.type === 'smallAuto' || pk.type.toLowerCase().includes('integer');
  if (numeric && !/^\d{1,18}$/.test(objectId))
    throw new Http404(`${capfirst(ma.opts.verboseName)} with ID “${objectId}” doesn’t exist. Perhaps it was deleted?`);
  const found = (await ma
    .getQueryset(request)
    .filter({ pk: numeric ? Number(objectId) : objectId } as never)
    .slice(0, 1)) as Model[];
  if (!found[0]) throw new Http404(`${capfirst(ma.opts.verboseName)} with ID “${objectId}” doesn’t exist. Perhaps it was deleted?`);
  return found[0];
}

/** The URL of the object on the site, when the model has getAbsoluteUrl and it reverses. */
function viewOnSiteUrl(obj: Model): string | null {
  const method = (obj as unknown as { getAbsoluteUrl?: () => string }).getAbsoluteUrl;
  if (typeof method !== 'function') return null;
  try {
    return method.call(obj);
  } catch {
    return null;
  }
}

/** What the page shows, besides the form. */
interface FormPage {
  obj: Model | null;
  readonlyAll: boolean;
  formsets: readonly InlineFormset[];
  popup: PopupState;
}

async function renderChangeForm(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest, form: ModelForm, page: FormPage): Promise<HttpResponseBase> {
  const { obj, readonlyAll, formsets, popup } = page;
  const { appLabel, modelName } = ma.opts;
  const perms = await ma.permissions(request, obj);
  await form.loadChoices();
  if (!readonlyAll) wrapRelatedWidgets(form, await relatedLinksOf(ma, request, Object.keys((form as unknown as { fields: object }).fields)));
  const timeZone = (request.settings as { TIME_ZONE?: string } | undefined)?.TIME_ZONE;
  const formFields = new Set(Object.keys((form as unknown as { fields: Record<string, unknown> }).fields));
  const sections = formSections(ma).map((section) => ({
    ...section,
    lines: section.lines.map((line) =>
      line.map((name) => {
        if (!isReadonly(ma, name, readonlyAll) && formFields.has(name)) {
          const bound = form.get(name as never);
          return { name, readonly: false, bound, errors: [...bound.errors].map(String) };
        }
        return { name, readonly: true, ...readonlyField(ma, name, obj, timeZone), errors: [] as string[] };
      }),
    ),
  }));
  const prepopulated = obj
    ? []
    : Object.entries((ma.options.prepopulatedFields ?? {}) as Record<string, readonly string[]>)
        .filter(([name]) => formFields.has(name))
        .map(([name, from]) => ({
          id: `id_${name}`,
          dependencies: from.map((source) => `id_${source}`),
          maxLength: (ma.opts.getField(name)?.options.maxLength as number | undefined) ?? 50,
        }));
  const errorCount = (form.isBound ? form.errors.size : 0) + inlineErrorCount(formsets);
  const names = AdminSite.titleOf(ma);
  const groups = await inlineGroups(site, ma, request, formsets, timeZone);
  return render(
    request,
    adminTemplates(ma, 'change_form.html'),
    {
      ...site.eachContext(request),
      title: obj ? `${readonlyAll ? 'View' : 'Change'} ${ma.opts.verboseName}` : `Add ${ma.opts.verboseName}`,
      subtitle: obj ? String(obj) : null,
      opts: { appLabel, modelName, appName: ma.appVerboseName(request), verboseName: ma.opts.verboseName, plural: names.plural },
      appUrl: site.reverse('app_list', [], { app_label: appLabel }),
      changelistUrl: (await ma.hasViewPermission(request)) ? site.reverse(`${appLabel}_${modelName}_changelist`) : null,
      addUrl: perms.add ? site.reverse(`${appLabel}_${modelName}_add`) : null,
      deleteUrl: obj && perms.delete && !popup.isPopup ? site.reverse(`${appLabel}_${modelName}_delete`, [String(obj.pk)]) : null,
      historyUrl: obj ? site.reverse(`${appLabel}_${modelName}_history`, [String(obj.pk)]) : null,
      viewOnSite: obj ? viewOnSiteUrl(obj) : null,
      object: obj ? { pk: String(obj.pk), repr: String(obj) } : null,
      add: !obj,
      readonlyAll,
      // Django's is_popup: no header, breadcrumbs or object tools; the form posts them back.
      isPopup: popup.isPopup,
      toField: popup.toField,
      // Django's submit row: "Save as new" replaces "Save and add another" on the change page; a popup only saves.
      canAddAnother: perms.add && (!obj || !ma.options.saveAsNew) && !popup.isPopup,
      canContinue: !popup.isPopup,
      canSaveAsNew: Boolean(obj && ma.options.saveAsNew && perms.add && perms.change),
      saveOnTop: Boolean(ma.options.saveOnTop),
      sections,
      inlineGroups: groups,
      hiddenFields: form.hiddenFields(),
      nonFieldErrors: [...form.nonFieldErrors()].map(String),
      errorCount,
      prepopulated: JSON.stringify(prepopulated),
      multipart: form.isMultipart() || formsets.some(({ formset }) => formset.isMultipart()),
    },
    { status: 200 },
  );
}

/** Saves the object and its inlines in one transaction, logs it, and redirects as the pressed button asks. */
async function saveAndRedirect(
  site: AdminSite,
  ma: ModelAdmin<Model>,
  request: HttpRequest,
  form: ModelForm,
  obj: Model | null,
  formsets: readonly InlineFormset[],
  popup: PopupState,
): Promise<HttpResponseBase> {
  const { appLabel, modelName } = ma.opts;
  const data = await request.post();
  const changed = form.changedData.map((name) => {
    const field = ma.opts.getField(name);
    return field ? capfirst(fieldLabel(field)) : name;
  });
  const saved = await atomic(async () => {
    const parent = (await form.save()) as Model;
    const related = await saveInlineFormsets(formsets);
    if (obj) await logChange(request, parent, changed, related);
    else await logAddition(request, parent, related);
    return parent;
  });
  // The opener's option still has the value of the URL (Django's object_id), whatever the form changed.
  if (popup.isPopup) return popupResponse(ma, request, saved, popup, obj ? (popup.objectId ?? null) : null);
  const verbose = ma.opts.verboseName;
  const changeUrl = site.reverse(`${appLabel}_${modelName}_change`, [String(saved.pk)]);
  const say = notify(request);
  const done = `The ${verbose} “${String(saved)}” was ${obj ? 'changed' : 'added'} successfully.`;
  if (data.has('_continue') || (data.has('_saveasnew') && (await ma.hasChangePermission(request, saved)))) {
    say(`${done} You may edit it again below.`);
    return new HttpResponseRedirect(changeUrl);
  }
  if (data.has('_addanother')) {
    say(`${done} You may add another ${verbose} below.`);
    return new HttpResponseRedirect(site.reverse(`${appLabel}_${modelName}_add`));
  }
  say(done);
  return new HttpResponseRedirect((await ma.hasViewPermission(request)) ? site.reverse(`${appLabel}_${modelName}_changelist`) : site.reverse('index'));
}

/**
 * Validates the posted form and every inline formset; saves all of them together when all are
 * valid, else shows the page again with the errors.
 */
async function submitForm(
  site: AdminSite,
  ma: ModelAdmin<Model>,
  request: HttpRequest,
  obj: Model | null,
  saveAsNew: boolean,
  popup: PopupState,
): Promise<HttpResponseBase> {
  const FormClass = adminFormClass(ma) as unknown as new (options: object) => ModelForm;
  const data = (await request.post()) as unknown as DataSource;
  const files = (await uploadedFiles(request)) as unknown as FileSource | undefined;
  const form = new FormClass({ data, files, ...(obj ? { instance: obj } : {}) });
  const formValid = await form.isValid();
  // Like Django, the inlines see the parent with the posted values (new: not saved yet).
  const formsets = await inlineFormsets(ma, request, form.instance, { data, files, saveAsNew, canEditParent: true });
  if ((await allValid(formsets)) && formValid) return saveAndRedirect(site, ma, request, form, obj, formsets, popup);
  return renderChangeForm(site, ma, request, form, { obj, readonlyAll: false, formsets, popup });
}

/** The add form: GET shows it, POST saves (403 without add permission). */
export async function addView(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest): Promise<HttpResponseBase> {
  if (!(await ma.hasAddPermission(request))) throw new PermissionDenied();
  if (ma.options.addView) return ma.options.addView({ site, modelAdmin: ma, request });
  const popup = await popupState(site, ma, request);
  if (request.method === 'POST') return submitForm(site, ma, request, null, false, popup);
  const initial: Record<string, unknown> = {};
  for (const key of request.query.keys()) if (key !== IS_POPUP_VAR && key !== TO_FIELD_VAR) initial[key] = request.query.get(key);
  const FormClass = adminFormClass(ma) as unknown as new (options: object) => ModelForm;
  const form = new FormClass({ initial });
  const formsets = await inlineFormsets(ma, request, form.instance, { canEditParent: true });
  return renderChangeForm(site, ma, request, form, { obj: null, readonlyAll: false, formsets, popup });
}

/**
 * The change form (read-only for view-only users; POST needs change permission). "Save as new"
 * (`_saveasnew`) posts the form as a new object, with its inline rows as new objects: it needs add
 * permission, as adding does.
 */
export async function changeView(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest, objectId: string): Promise<HttpResponseBase> {
  const popup = { ...(await popupState(site, ma, request)), objectId };
  // The view link beside a relation names the object by the field the relation stores too, outside a popup.
  const obj = await getObjectOr404(ma, request, objectId, popup.toField);
  if (request.method === 'POST' && (await request.post()).has('_saveasnew')) {
    if (!(await ma.hasAddPermission(request))) throw new PermissionDenied();
    return submitForm(site, ma, request, null, true, popup);
  }
  const canChange = await ma.hasChangePermission(request, obj);
  if (!canChange && !(await ma.hasViewPermission(request, obj))) throw new PermissionDenied();
  if (request.method === 'POST') {
    if (!canChange) throw new PermissionDenied();
    return submitForm(site, ma, request, obj, false, popup);
  }
  const FormClass = adminFormClass(ma, !canChange) as unknown as new (options: object) => ModelForm;
  const form = new FormClass({ instance: obj });
  const formsets = await inlineFormsets(ma, request, obj, { canEditParent: canChange });
  return renderChangeForm(site, ma, request, form, { obj, readonlyAll: !canChange, formsets, popup });
}
