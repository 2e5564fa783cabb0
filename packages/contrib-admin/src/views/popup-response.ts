/**
 * The add/change form or delete page opened as a popup by a relation's "+", pencil or × link
 * (Django's IS_POPUP_VAR and TO_FIELD_VAR): which field the opener stores, and the page that sends
 * the saved or deleted object back to it (Django's popup_response.html).
 */
import { render, SuspiciousOperation, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { Model } from '@manouche/orm';
import type { AdminSite } from '../admin-site.js';
import { IS_POPUP_VAR, TO_FIELD_VAR } from '../change-list.js';
import type { ModelAdmin } from '../model-admin.js';
import { toFieldAllowed } from '../widgets/admin-form.js';
import { adminTemplates } from './template-names.js';

/** How the change form was opened: as a popup or not, and the field whose value the opener stores. */
export interface PopupState {
  isPopup: boolean;
  toField: string | null;
  /** The object's id in the change page's URL (none on the add page). */
  objectId?: string;
}

/**
 * Reads `_popup` and `_to_field` from the query string or the posted form; a `_to_field` no
 * relation on the site uses is refused before anything is read or saved (Django's
 * DisallowedModelAdminToField, a 400).
 */
export async function popupState(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest): Promise<PopupState> {
  const posted = request.method === 'POST' ? await request.post() : null;
  const isPopup = request.query.has(IS_POPUP_VAR) || Boolean(posted?.has(IS_POPUP_VAR));
  const toField = posted?.get(TO_FIELD_VAR) ?? request.query.get(TO_FIELD_VAR) ?? null;
  if (toField !== null && !toFieldAllowed(site, ma, toField)) throw new SuspiciousOperation(`The field ${JSON.stringify(toField)} cannot be referenced.`);
  return { isPopup, toField };
}

/**
 * The page a popup shows after saving: it sends the object to the window that opened it (as JSON
 * in an attribute, never concatenated into a script) and closes. `previous` is the value the
 * opener's option had before a change. `model` names the selects of the page to update with it
 * (their `data-model-ref`).
 */
export function popupResponse(ma: ModelAdmin<Model>, request: HttpRequest, obj: Model, popup: PopupState, previous: string | null): Promise<HttpResponseBase> {
  const value = storedValue(ma, obj, popup);
  const model = ma.opts.modelName;
  const data =
    previous === null ? { action: 'add', model, value, obj: String(obj) } : { action: 'change', model, value: previous, obj: String(obj), newValue: value };
  return render(request, adminTemplates(ma, 'popup_response.html'), { popupResponseData: JSON.stringify(data) });
}

/** The page a delete popup shows once the object is deleted: the opener removes its option (Django's response_delete). */
export function popupDeleteResponse(ma: ModelAdmin<Model>, request: HttpRequest, value: string): Promise<HttpResponseBase> {
  const data = { action: 'delete', model: ma.opts.modelName, value };
  return render(request, adminTemplates(ma, 'popup_response.html'), { popupResponseData: JSON.stringify(data) });
}

/** The value the opener's select holds for `obj`: its `toField` (the relation's target field) or its primary key. */
export function storedValue(ma: ModelAdmin<Model>, obj: Model, popup: PopupState): string {
  return String((obj as unknown as Record<string, unknown>)[popup.toField ?? ma.opts.pk.name] ?? obj.pk);
}
