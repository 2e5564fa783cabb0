/**
 * The add/change form opened as a popup by a relation's "+" or pencil link (Django's IS_POPUP_VAR
 * and TO_FIELD_VAR on the change form): which field the opener stores, and the page that sends
 * the saved object back to it (Django's popup_response.html).
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
 * opener's option had before a change.
 */
export function popupResponse(ma: ModelAdmin<Model>, request: HttpRequest, obj: Model, popup: PopupState, previous: string | null): Promise<HttpResponseBase> {
  const value = String((obj as unknown as Record<string, unknown>)[popup.toField ?? ma.opts.pk.name] ?? obj.pk);
  const data = previous === null ? { action: 'add', value, obj: String(obj) } : { action: 'change', value: previous, obj: String(obj), newValue: value };
  return render(request, adminTemplates(ma, 'popup_response.html'), { popupResponseData: JSON.stringify(data) });
}
