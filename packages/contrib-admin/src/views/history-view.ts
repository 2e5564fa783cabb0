import { PermissionDenied, render, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { Model } from '@manouche/orm';
import type { AdminSite } from '../admin-site.js';
import { objectHistory } from '../log-entries.js';
import { capfirst, type ModelAdmin } from '../model-admin.js';
import { getObjectOr404 } from './change-form-view.js';
import { adminTemplates } from './template-names.js';

/** The history of one object: every logged add and change, oldest first. */
export async function historyView(site: AdminSite, ma: ModelAdmin<Model>, request: HttpRequest, objectId: string): Promise<HttpResponseBase> {
  const obj = await getObjectOr404(ma, request, objectId);
  if (!(await ma.hasViewPermission(request, obj))) throw new PermissionDenied();
  const { appLabel, modelName } = ma.opts;
  return render(request, adminTemplates(ma, 'object_history.html'), {
    ...site.eachContext(request),
    title: `Change history: ${String(obj)}`,
    subtitle: null,
    opts: { appLabel, modelName, appName: ma.appVerboseName(request), plural: capfirst(ma.opts.verboseNamePlural) },
    appUrl: site.reverse('app_list', [], { app_label: appLabel }),
    changelistUrl: site.reverse(`${appLabel}_${modelName}_changelist`),
    changeUrl: site.reverse(`${appLabel}_${modelName}_change`, [String(obj.pk)]),
    objectRepr: String(obj),
    actions: await objectHistory(obj),
  });
}
