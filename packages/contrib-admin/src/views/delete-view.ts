import { HttpResponseRedirect, PermissionDenied, render, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { atomic, ProtectedError, RestrictedError, type Model, type QuerySet } from '@manouche/orm';
import type { AdminSite } from '../admin-site.js';
import { IS_POPUP_VAR, TO_FIELD_VAR } from '../change-list.js';
import { collectDeletedObjects } from '../deleted-objects.js';
import { logDeletion } from '../log-entries.js';
import { capfirst, type ModelAdmin } from '../model-admin.js';
import { getObjectOr404 } from './change-form-view.js';
import { notify } from './notify.js';
import { type PopupState, popupDeleteResponse, popupState, storedValue } from './popup-response.js';
import { adminTemplates } from './template-names.js';

function protectedMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Deletes one object after a confirmation page listing the cascade; refused while PROTECT blocks it.
 * Opened as a popup by the × beside a relation, it names the object by the relation's `_to_field`
 * and, once deleted, tells the opener to remove its option instead of redirecting.
 */
export async function deleteView(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest, objectId: string): Promise<HttpResponseBase> {
  // Django's delete view refuses a forged _to_field too, before anything is deleted.
  const popup = await popupState(site, ma, request);
  const obj = await getObjectOr404(ma, request, objectId, popup.toField);
  if (!(await ma.hasDeletePermission(request, obj))) throw new PermissionDenied();
  const { appLabel, modelName } = ma.opts;
  const collected = await collectDeletedObjects([obj]);
  if (request.method === 'POST' && !collected.protectedObjects.length) {
    const repr = String(obj);
    const value = storedValue(ma, obj, popup);
    try {
      await atomic(async () => {
        await logDeletion(request, obj);
        await obj.delete();
      });
    } catch (error) {
      if (!(error instanceof ProtectedError || error instanceof RestrictedError)) throw error;
      collected.protectedObjects.push(protectedMessage(error));
      return renderDelete(site, ma, request, [obj], collected, 409, undefined, popup);
    }
    if (popup.isPopup) return popupDeleteResponse(ma, request, value);
    notify(request)(`The ${ma.opts.verboseName} “${repr}” was deleted successfully.`);
    return new HttpResponseRedirect((await ma.hasViewPermission(request)) ? site.reverse(`${appLabel}_${modelName}_changelist`) : site.reverse('index'));
  }
  const status = collected.protectedObjects.length && request.method === 'POST' ? 409 : 200;
  return renderDelete(site, ma, request, [obj], collected, status, undefined, popup);
}

async function renderDelete(
  site: AdminSite,
  ma: ModelAdmin<Model>,
  request: HttpRequest,
  objects: Model[],
  collected: Awaited<ReturnType<typeof collectDeletedObjects>>,
  status: number,
  selected?: string[],
  popup: PopupState = { isPopup: false, toField: null },
): Promise<HttpResponseBase> {
  const { appLabel, modelName } = ma.opts;
  const single = !selected;
  const obj = objects[0];
  // In a popup, "No, take me back" reopens the object's change form in the popup.
  const popupParams = new URLSearchParams(popup.toField ? [[TO_FIELD_VAR, popup.toField]] : []);
  popupParams.set(IS_POPUP_VAR, '1');
  const popupQuery = popup.isPopup ? `?${popupParams}` : '';
  const changeId = obj && popup.isPopup ? storedValue(ma, obj, popup) : String(obj?.pk);
  return render(
    request,
    adminTemplates(ma, single ? 'delete_confirmation.html' : 'delete_selected_confirmation.html'),
    {
      ...site.eachContext(request),
      title: single ? 'Are you sure?' : 'Delete multiple objects',
      subtitle: single && obj ? String(obj) : null,
      opts: {
        appLabel,
        modelName,
        appName: ma.appVerboseName(request),
        verboseName: ma.opts.verboseName,
        verboseNamePlural: ma.opts.verboseNamePlural,
        plural: capfirst(ma.opts.verboseNamePlural),
      },
      appUrl: site.reverse('app_list', [], { app_label: appLabel }),
      changelistUrl: site.reverse(`${appLabel}_${modelName}_changelist`),
      changeUrl: single && obj ? `${site.reverse(`${appLabel}_${modelName}_change`, [changeId])}${popupQuery}` : null,
      isPopup: popup.isPopup,
      toField: popup.toField,
      objectRepr: single && obj ? String(obj) : null,
      deleted: collected.nodes,
      counts: collected.counts,
      protectedObjects: collected.protectedObjects,
      selected: selected ?? [],
    },
    { status },
  );
}

/** The "Delete selected" action: a confirmation page, then the delete (each object logged). */
export async function deleteSelectedView(
  site: AdminSite,
  ma: ModelAdmin<Model>,
  request: HttpRequest,
  queryset: QuerySet<Model>,
  confirmed: boolean,
): Promise<HttpResponseBase> {
  if (!(await ma.hasDeletePermission(request))) throw new PermissionDenied();
  const objects = (await queryset) as Model[];
  const collected = await collectDeletedObjects(objects);
  if (confirmed && !collected.protectedObjects.length && objects.length) {
    await atomic(async () => {
      for (const obj of objects) {
        await logDeletion(request, obj);
        await obj.delete();
      }
    });
    const name = objects.length === 1 ? ma.opts.verboseName : ma.opts.verboseNamePlural;
    notify(request)(`Successfully deleted ${objects.length} ${name}.`);
    return new HttpResponseRedirect(request.getFullPath());
  }
  return renderDelete(
    site,
    ma,
    request,
    objects,
    collected,
    200,
    objects.map((obj) => String(obj.pk)),
  );
}
