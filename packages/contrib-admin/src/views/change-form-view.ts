import { Http404, HttpResponseRedirect, PermissionDenied, render, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { ModelForm } from '@manouche/forms';
import type { Model } from '@manouche/orm';
import { AdminSite } from '../admin-site.js';
import { displayValue } from '../display-value.js';
import { logAddition, logChange } from '../log-entries.js';
import { capfirst, fieldLabel, type ModelAdmin } from '../model-admin.js';
import { adminFormClass, formSections, isReadonly } from '../model-form.js';
import { notify } from './notify.js';
import { adminTemplates } from './template-names.js';

/** Uploaded files of a multipart POST. */
async function uploadedFiles(request: HttpRequest) {
  return request.contentType.startsWith('multipart/') ? await request.files() : undefined;
}

/** The object with this primary key among the admin's queryset, or Http404 (a forged or foreign id). */
export async function getObjectOr404(ma: ModelAdmin<Model>, request: HttpRequest, objectId: string): Promise<Model> {
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

async function renderChangeForm(
  site: AdminSite,
  ma: ModelAdmin<Model>,
  request: HttpRequest,
  form: ModelForm,
  obj: Model | null,
  readonlyAll: boolean,
  status = 200,
): Promise<HttpResponseBase> {
  const { appLabel, modelName } = ma.opts;
  const perms = await ma.permissions(request, obj);
  await form.loadChoices();
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
        const fn = (ma.options.readonlyFields ?? []).find((item) => typeof item === 'function' && item.name === name);
        const column = ma.column((fn ?? name) as never);
        const value = obj ? column.value(obj) : null;
        return {
          name,
          readonly: true,
          label: column.field ? capfirst(fieldLabel(column.field)) : column.header,
          cell: displayValue(value, column.field, { boolean: column.boolean, emptyValue: ma.emptyValueDisplay, timeZone }),
          errors: [] as string[],
        };
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
  const errorCount = form.isBound ? form.errors.size : 0;
  const names = AdminSite.titleOf(ma);
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
      deleteUrl: obj && perms.delete ? site.reverse(`${appLabel}_${modelName}_delete`, [String(obj.pk)]) : null,
      historyUrl: obj ? site.reverse(`${appLabel}_${modelName}_history`, [String(obj.pk)]) : null,
      viewOnSite: obj ? viewOnSiteUrl(obj) : null,
      object: obj ? { pk: String(obj.pk), repr: String(obj) } : null,
      add: !obj,
      readonlyAll,
      canAddAnother: perms.add,
      sections,
      hiddenFields: form.hiddenFields(),
      nonFieldErrors: [...form.nonFieldErrors()].map(String),
      errorCount,
      prepopulated: JSON.stringify(prepopulated),
      multipart: form.isMultipart(),
    },
    { status },
  );
}

async function saveAndRedirect(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest, form: ModelForm, obj: Model | null): Promise<HttpResponseBase> {
  const { appLabel, modelName } = ma.opts;
  const data = await request.post();
  const changed = form.changedData.map((name) => {
    const field = ma.opts.getField(name);
    return field ? capfirst(fieldLabel(field)) : name;
  });
  const saved = (await form.save()) as Model;
  if (obj) await logChange(request, saved, changed);
  else await logAddition(request, saved);
  const verbose = ma.opts.verboseName;
  const changeUrl = site.reverse(`${appLabel}_${modelName}_change`, [String(saved.pk)]);
  const say = notify(request);
  if (data.has('_continue')) {
    say(`The ${verbose} “${String(saved)}” was ${obj ? 'changed' : 'added'} successfully. You may edit it again below.`);
    return new HttpResponseRedirect(changeUrl);
  }
  if (data.has('_addanother')) {
    say(`The ${verbose} “${String(saved)}” was ${obj ? 'changed' : 'added'} successfully. You may add another ${verbose} below.`);
    return new HttpResponseRedirect(site.reverse(`${appLabel}_${modelName}_add`));
  }
  say(`The ${verbose} “${String(saved)}” was ${obj ? 'changed' : 'added'} successfully.`);
  return new HttpResponseRedirect((await ma.hasViewPermission(request)) ? site.reverse(`${appLabel}_${modelName}_changelist`) : site.reverse('index'));
}

/** The add form: GET shows it, POST saves (403 without add permission). */
export async function addView(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest): Promise<HttpResponseBase> {
  if (!(await ma.hasAddPermission(request))) throw new PermissionDenied();
  const FormClass = adminFormClass(ma) as unknown as new (options: object) => ModelForm;
  if (request.method === 'POST') {
    const form = new FormClass({ data: await request.post(), files: await uploadedFiles(request) });
    if (await form.isValid()) return saveAndRedirect(site, ma, request, form, null);
    return renderChangeForm(site, ma, request, form, null, false, 200);
  }
  const initial: Record<string, unknown> = {};
  for (const key of request.query.keys()) initial[key] = request.query.get(key);
  return renderChangeForm(site, ma, request, new FormClass({ initial }), null, false);
}

/** The change form (read-only for view-only users; POST needs change permission). */
export async function changeView(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest, objectId: string): Promise<HttpResponseBase> {
  const obj = await getObjectOr404(ma, request, objectId);
  const canChange = await ma.hasChangePermission(request, obj);
  if (!canChange && !(await ma.hasViewPermission(request, obj))) throw new PermissionDenied();
  const FormClass = adminFormClass(ma, !canChange) as unknown as new (options: object) => ModelForm;
  if (request.method === 'POST') {
    if (!canChange) throw new PermissionDenied();
    const form = new FormClass({ data: await request.post(), files: await uploadedFiles(request), instance: obj });
    if (await form.isValid()) return saveAndRedirect(site, ma, request, form, obj);
    return renderChangeForm(site, ma, request, form, obj, false, 200);
  }
  return renderChangeForm(site, ma, request, new FormClass({ instance: obj }), obj, !canChange);
}
