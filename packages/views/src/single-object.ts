/** What DetailView, UpdateView, DeleteView and DateDetailView share: finding one object from the URL. */
import { Http404 } from '@manouche/core';
import type { Model, ModelClass, QuerySet } from '@manouche/orm';
import { ViewConfigurationError } from './errors.js';

/** How a view finds its object (Django's SingleObjectMixin attributes). */
export interface SingleObjectSource {
  model: ModelClass | null;
  queryset: QuerySet<Model> | null;
  slugField: string;
  slugUrlKwarg: string;
  pkUrlKwarg: string;
  querySlugPk: boolean;
  kwargs: Record<string, unknown>;
  constructor: { name: string };
}

/** The view's queryset: `queryset`, else every object of `model`. @internal */
export function baseQueryset(view: { model: ModelClass | null; queryset: QuerySet<Model> | null; constructor: { name: string } }): QuerySet<Model> {
  if (view.queryset) return view.queryset.all();
  if (view.model) return view.model.objects.all() as QuerySet<Model>;
  throw new ViewConfigurationError(
    `${view.constructor.name} is missing a QuerySet. Define ${view.constructor.name}.model, ${view.constructor.name}.queryset, or override ${view.constructor.name}.getQueryset().`,
  );
}

/** The object the URL names by pk and/or slug in `queryset`, or Http404. @internal */
export async function objectFromUrl(view: SingleObjectSource, queryset: QuerySet<Model>): Promise<Model> {
  const pk = view.kwargs[view.pkUrlKwarg];
  const slug = view.kwargs[view.slugUrlKwarg];
  let qs = queryset;
  if (pk !== undefined && pk !== null) qs = qs.filter({ pk } as never);
  if (slug !== undefined && slug !== null && (pk === undefined || pk === null || view.querySlugPk)) qs = qs.filter({ [view.slugField]: slug } as never);
  if ((pk === undefined || pk === null) && (slug === undefined || slug === null)) {
    throw new ViewConfigurationError(`Generic detail view ${view.constructor.name} must be called with either an object pk or a slug in the URLconf.`);
  }
  let found: Model | undefined;
  try {
    found = (await qs.slice(0, 2))[0];
  } catch (error) {
    // A pk of the wrong type for the column (the ORM refuses it) finds nothing, as Django's 404.
    if ((error as { code?: string }).code?.includes('INVALID_VALUE')) found = undefined;
    else throw error;
  }
  if (!found) throw new Http404(`No ${qs.model._meta.verboseName} found matching the query`);
  return found;
}

/** `blog/post_detail.html` for `Post` of app `blog` with suffix `_detail`. @internal */
export function modelTemplateName(model: ModelClass, suffix: string): string {
  return `${model._meta.appLabel}/${model._meta.modelName}${suffix}.html`;
}
