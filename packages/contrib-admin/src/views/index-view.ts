import { Http404, render, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { Model } from '@manouche/orm';
import { AdminSite } from '../admin-site.js';
import { capfirst, type ModelAdmin } from '../model-admin.js';
import { recentActions } from '../log-entries.js';

/** One model on the index, with what the user may do. */
interface ModelEntry {
  name: string;
  objectName: string;
  adminUrl: string | null;
  addUrl: string | null;
  viewOnly: boolean;
}

/** The apps and models the user may see, sorted by name (Django's get_app_list). */
export async function appList(
  site: AdminSite,
  request: HttpRequest,
  onlyApp?: string,
): Promise<Array<{ name: string; appLabel: string; appUrl: string; models: ModelEntry[] }>> {
  const apps = new Map<string, { name: string; appLabel: string; appUrl: string; models: ModelEntry[] }>();
  const registry = request.context?.apps;
  for (const ma of site.registrations()) {
    const { appLabel, modelName } = ma.opts;
    if (onlyApp && appLabel !== onlyApp) continue;
    if (!(await ma.hasModulePermission(request))) continue;
    const perms = await ma.permissions(request);
    if (!perms.view && !perms.add && !perms.change && !perms.delete) continue;
    const entry: ModelEntry = {
      name: AdminSite.titleOf(ma).plural,
      objectName: ma.model.name,
      adminUrl: perms.view || perms.change ? site.reverse(`${appLabel}_${modelName}_changelist`) : null,
      addUrl: perms.add ? site.reverse(`${appLabel}_${modelName}_add`) : null,
      viewOnly: !perms.change,
    };
    let app = apps.get(appLabel);
    if (!app) {
      let verbose = appLabel;
      try {
        verbose = registry?.getAppConfig(appLabel).verboseName ?? appLabel;
      } catch {
        // An app registry without this label (a hand-wired project): the label is the name.
      }
      app = { name: capfirst(verbose), appLabel, appUrl: site.reverse('app_list', [], { app_label: appLabel }), models: [] };
      apps.set(appLabel, app);
    }
    app.models.push(entry);
  }
  const list = [...apps.values()].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  for (const app of list) app.models.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  return list;
}

/** The index: every app and model the user may see, and their recent actions. */
export async function indexView(site: AdminSite, request: HttpRequest): Promise<HttpResponseBase> {
  return render(request, 'admin/index.html', {
    ...site.eachContext(request),
    title: site.indexTitle,
    appList: await appList(site, request),
    recentActions: await recentActions(request, site),
  });
}

/** One app's page: its models. A user who may see none of them gets a 404, as in Django. */
export async function appIndexView(site: AdminSite, request: HttpRequest, appLabel: string): Promise<HttpResponseBase> {
  const apps = await appList(site, request, appLabel);
  if (!apps.length) throw new Http404('The requested admin page does not exist.');
  return render(request, [`admin/${appLabel}/app_index.html`, 'admin/app_index.html'], {
    ...site.eachContext(request),
    title: `${apps[0]!.name} administration`,
    appList: apps,
    appLabel,
  });
}

export type { ModelAdmin, Model };
