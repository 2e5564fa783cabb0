/** Django's DetailView: one object found by pk or slug from the URL. */
import { TemplateView, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { Model, ModelClass, QuerySet } from '@manouche/orm';
import { ViewConfigurationError } from './errors.js';
import { baseQueryset, modelTemplateName, objectFromUrl } from './single-object.js';

/**
 * One object of `model` (or `queryset`), looked up by the URL's `pk` or `slug`; 404 when there is
 * none. The template gets `object` and `<model>`; its default name is `<app>/<model>_detail.html`.
 *
 * @example
 * path('<int:pk>/', DetailView.asView({ model: Question, templateName: 'polls/detail.html' }));
 */
export class DetailView extends TemplateView {
  model: ModelClass | null = null;
  queryset: QuerySet<Model> | null = null;
  slugField = 'slug';
  slugUrlKwarg = 'slug';
  pkUrlKwarg = 'pk';
  /** Match both pk and slug when the URL has both. */
  querySlugPk = false;
  contextObjectName: string | null = null;
  templateNameSuffix = '_detail';
  /** The object shown, set by `get()`. */
  object: Model | null = null;

  getQueryset(): QuerySet<Model> {
    return baseQueryset(this);
  }

  /** The object from the URL; throws Http404 when there is none. */
  async getObject(queryset?: QuerySet<Model>): Promise<Model> {
    return objectFromUrl(this, queryset ?? this.getQueryset());
  }

  getContextObjectName(obj: Model): string | null {
    return this.contextObjectName ?? (obj.constructor as unknown as ModelClass)._meta.modelName;
  }

  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const context: Record<string, unknown> = {};
    if (this.object) {
      context.object = this.object;
      const name = this.getContextObjectName(this.object);
      if (name) context[name] = this.object;
    }
    return { ...(await super.getContextData(kwargs)), ...context };
  }

  override getTemplateNames(): string[] {
    const names = this.templateName ? [this.templateName] : [];
    const model = (this.object?.constructor as ModelClass | undefined) ?? this.model;
    if (model) names.push(modelTemplateName(model, this.templateNameSuffix));
    if (names.length === 0)
      throw new ViewConfigurationError(
        `${this.constructor.name} requires either a definition of 'templateName' or 'model', or an implementation of 'getTemplateNames()'.`,
      );
    return names;
  }

  override async get(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    this.object = await this.getObject();
    return super.get(request, kwargs);
  }
}
