/** Django's ListView: a (paginated) list of objects. */
import { Http404, TemplateView, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { Model, ModelClass, QuerySet } from '@manouche/orm';
import { InvalidPage, ViewConfigurationError } from './errors.js';
import { type Page, Paginator, type PaginatorOptions } from './paginator.js';
import { baseQueryset, modelTemplateName } from './single-object.js';

/**
 * A list of objects of `model` (or `queryset`), paginated with `paginateBy`. The template gets
 * `object_list`, `<model>_list`, and `paginator`, `page_obj`, `is_paginated`; its default name is
 * `<app>/<model>_list.html`. A page number that is not a number or out of range is a 404.
 *
 * @example
 * path('', ListView.asView({ queryset: Post.published.all(), paginateBy: 3, contextObjectName: 'posts', templateName: 'blog/post/list.html' }));
 */
export class ListView extends TemplateView {
  model: ModelClass | null = null;
  queryset: QuerySet<Model> | null = null;
  /** Field names to order by (`['-publish']`). */
  ordering: string[] | null = null;
  /** Objects per page; null for no pagination. */
  paginateBy: number | null = null;
  paginateOrphans = 0;
  /** The template variable for the list (default `<model>_list`). */
  contextObjectName: string | null = null;
  /** Whether an empty list is a page (true) or a 404. */
  allowEmpty = true;
  /** The URL keyword or query parameter with the page number. */
  pageKwarg = 'page';
  templateNameSuffix = '_list';
  /** The list being shown, set by `get()`. */
  objectList: QuerySet<Model> | Model[] = [];

  /** The objects to list: `queryset` or `model`'s, ordered by `ordering`. */
  getQueryset(): QuerySet<Model> {
    let qs = baseQueryset(this);
    const ordering = this.getOrdering();
    if (ordering && ordering.length > 0) qs = qs.orderBy(...(ordering as never[]));
    return qs;
  }

  getOrdering(): string[] | null {
    return this.ordering;
  }

  getPaginateBy(_queryset: unknown): number | null {
    return this.paginateBy;
  }

  getPaginator(queryset: QuerySet<Model> | Model[], perPage: number, options: PaginatorOptions): Paginator<Model> {
    return new Paginator<Model>(queryset, perPage, options);
  }

  /** The page the request asks for: `[paginator, page, objects, isPaginated]`; 404 for a bad page number. */
  async paginateQueryset(queryset: QuerySet<Model> | Model[], pageSize: number): Promise<[Paginator<Model>, Page<Model>, Model[], boolean]> {
    const paginator = this.getPaginator(queryset, pageSize, { orphans: this.paginateOrphans, allowEmptyFirstPage: this.allowEmpty });
    const requested = this.kwargs[this.pageKwarg] ?? this.request.query.get(this.pageKwarg) ?? 1;
    let number: unknown = requested;
    if (requested === 'last') number = Math.max(1, (await paginator.loadCount(), paginator.numPages));
    else if (typeof requested === 'string' && !/^\s*[+-]?\d+\s*$/.test(requested)) throw new Http404('Page is not “last”, nor can it be converted to an int.');
    try {
      const page = await paginator.page(number);
      return [paginator, page, page.objectList, page.hasOtherPages()];
    } catch (error) {
      if (error instanceof InvalidPage) throw new Http404(`Invalid page (${String(requested)}): ${error.message}`);
      throw error;
    }
  }

  /** `<model>_list`, or `contextObjectName`. */
  getContextObjectName(objectList: unknown): string | null {
    if (this.contextObjectName) return this.contextObjectName;
    const model = (objectList as QuerySet<Model> | null)?.model ?? this.model;
    return model ? `${model._meta.modelName}_list` : null;
  }

  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const queryset = this.objectList;
    const pageSize = this.getPaginateBy(queryset);
    const name = this.getContextObjectName(queryset);
    let context: Record<string, unknown>;
    if (pageSize) {
      const [paginator, page, objects, isPaginated] = await this.paginateQueryset(queryset, pageSize);
      context = { paginator, page_obj: page, is_paginated: isPaginated, object_list: objects };
    } else {
      context = { paginator: null, page_obj: null, is_paginated: false, object_list: Array.isArray(queryset) ? queryset : await queryset };
    }
    if (name) context[name] = context.object_list;
    return { ...(await super.getContextData(kwargs)), ...context };
  }

  override getTemplateNames(): string[] {
    const names = this.templateName ? [this.templateName] : [];
    const model = (this.objectList as QuerySet<Model>)?.model ?? this.model;
    if (model) names.push(modelTemplateName(model, this.templateNameSuffix));
    if (names.length === 0) {
      throw new ViewConfigurationError(
        `${this.constructor.name} requires either a definition of 'templateName' or 'model', or an implementation of 'getTemplateNames()'.`,
      );
    }
    return names;
  }

  override async get(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    this.objectList = this.getQueryset();
    if (!this.allowEmpty) {
      const empty = this.getPaginateBy(this.objectList) ? !(await (this.objectList as QuerySet<Model>).exists()) : (await this.objectList).length === 0;
      if (empty) throw new Http404(`Empty list and “${this.constructor.name}.allowEmpty” is false.`);
    }
    return super.get(request, kwargs);
  }
}
