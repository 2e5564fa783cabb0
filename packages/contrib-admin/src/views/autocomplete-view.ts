/**
 * The JSON the autocomplete widgets search (Django's AutocompleteJsonView):
 * `admin/autocomplete/?app_label=&model_name=&field_name=&term=&page=` answers
 * `{ results: [{ id, text }], pagination: { more } }`, 20 objects a page, from the related
 * model's admin queryset narrowed by the field's limitChoicesTo and searched by its searchFields.
 */
import { Http404, JsonResponse, PermissionDenied, type HttpRequest } from '@manouche/core';
import { ForeignKeyField, ManyToManyField, type Model } from '@manouche/orm';
import type { AdminSite } from '../admin-site.js';
import type { ModelAdmin } from '../model-admin.js';
import { applySearch } from '../change-list.js';
import { inlinesOf } from '../inlines.js';
import { isLookupRefusal } from '../list-filters.js';
import { relationTargetField, toFieldAllowed } from '../widgets/admin-form.js';

/** Objects per page of results. */
export const AUTOCOMPLETE_PAGE_SIZE = 20;

/** The admin of the model whose field is searched: a registration, or an inline of one (its rows have autocomplete widgets too). */
function findSourceAdmin(site: AdminSite, appLabel: string, modelName: string): ModelAdmin<Model> | undefined {
  const registered = site.findModelAdmin(appLabel, modelName);
  if (registered) return registered;
  for (const registration of site.registrations()) {
    const inline = inlinesOf(registration).find(({ child }) => child.opts.appLabel === appLabel && child.opts.modelName === modelName);
    if (inline) return inline.child as ModelAdmin<Model>;
  }
  return undefined;
}

/** The autocomplete results for one request; 403 for a source or target the user may not see. */
export async function autocompleteView(site: AdminSite, request: HttpRequest): Promise<JsonResponse> {
  const param = (name: string) => request.query.get(name) ?? '';
  const term = param('term');
  // Django answers every malformed source with 403, so the endpoint tells nothing about the models.
  const sourceAdmin = findSourceAdmin(site, param('app_label'), param('model_name'));
  if (!sourceAdmin) throw new PermissionDenied();
  const fieldName = param('field_name');
  const field = sourceAdmin.opts.getField(fieldName);
  if (!(field instanceof ForeignKeyField || field instanceof ManyToManyField)) throw new PermissionDenied();
  const remote = sourceAdmin.model._meta.remoteModel(field as never);
  const remoteAdmin = site.findModelAdmin(remote._meta.appLabel, remote._meta.modelName);
  if (!remoteAdmin) throw new PermissionDenied();
  if (!remoteAdmin.options.searchFields?.length)
    throw new Http404(
      `${remote.name} admin must have searchFields for the autocomplete view (it is referenced by ${sourceAdmin.model.name}.autocompleteFields).`,
    );
  const toField = relationTargetField(sourceAdmin.model, field);
  if (!toFieldAllowed(site, remoteAdmin, toField)) throw new PermissionDenied();
  if (!(await remoteAdmin.hasViewPermission(request))) throw new PermissionDenied();

  const pageText = param('page') || '1';
  if (!/^\d{1,9}$/.test(pageText) || Number(pageText) < 1) throw new Http404(`Invalid page (${JSON.stringify(pageText)}).`);
  const page = Number(pageText);
  // The admin's queryset (getQueryset override) intersected with what the field offers (limitChoicesTo).
  const limit = field.getLimitChoicesTo();
  let queryset = remoteAdmin.getQueryset(request);
  if (limit) queryset = queryset.filter(limit as never);
  queryset = applySearch(remoteAdmin, queryset, term.trim());
  const ordering = (remoteAdmin.options.ordering as readonly string[] | undefined) ?? remote._meta.ordering ?? [];
  queryset = queryset.orderBy(...([...ordering, 'pk'] as never[]));
  let objects: Model[];
  try {
    objects = (await queryset.slice((page - 1) * AUTOCOMPLETE_PAGE_SIZE, page * AUTOCOMPLETE_PAGE_SIZE + 1)) as Model[];
  } catch (error) {
    if (isLookupRefusal(error)) throw new Http404('Invalid search.');
    throw error;
  }
  if (page > 1 && objects.length === 0) throw new Http404(`Invalid page (${page}): that page contains no results.`);
  const more = objects.length > AUTOCOMPLETE_PAGE_SIZE;
  return new JsonResponse({
    results: objects.slice(0, AUTOCOMPLETE_PAGE_SIZE).map((obj) => ({ id: String((obj as unknown as Record<string, unknown>)[toField]), text: String(obj) })),
    pagination: { more },
  });
}
