/** CreateView, UpdateView and DeleteView: ModelForms and deletion for one object. */
import { HttpResponseRedirect, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { ModelForm, type BaseForm, type FormOptions } from '@manouche/forms';
import type { Model, ModelClass, QuerySet } from '@manouche/orm';
import { DetailView } from './detail-view.js';
import { ViewConfigurationError } from './errors.js';
import { FormView, type FormConstructor } from './form-view.js';
import { baseQueryset, modelTemplateName, objectFromUrl } from './single-object.js';

/** `/posts/{slug}/` or `/posts/%(slug)s/` filled from the object's fields. */
function formatSuccessUrl(url: string, obj: Model | null): string {
  if (!obj) return url;
  const values = obj as unknown as Record<string, unknown>;
  return url.replace(/%\((\w+)\)s|\{(\w+)\}/g, (whole, a: string | undefined, b: string | undefined) => {
    const key = (a ?? b)!;
    return key in values || key === 'pk' ? encodeURIComponent(String(key === 'pk' ? obj.pk : values[key])) : whole;
  });
}

/**
 * What CreateView and UpdateView share (Django's ModelFormMixin + SingleObjectMixin).
 *
 * @example
 * class PostUpdate extends UpdateView {
 *   override model = Post;
 *   override fields = ['title', 'body'];
 * }
 */
export abstract class ModelFormView extends FormView {
  model: ModelClass | null = null;
  queryset: QuerySet<Model> | null = null;
  /** The model fields of the ModelForm built when there is no `formClass`. */
  fields: string[] | '__all__' | null = null;
  slugField = 'slug';
  slugUrlKwarg = 'slug';
  pkUrlKwarg = 'pk';
  querySlugPk = false;
  contextObjectName: string | null = null;
  templateNameSuffix = '_form';
  /** The object created or edited. */
  object: Model | null = null;

  getQueryset(): QuerySet<Model> {
    return baseQueryset(this);
  }
  async getObject(queryset?: QuerySet<Model>): Promise<Model> {
    return objectFromUrl(this, queryset ?? this.getQueryset());
  }

  override getFormClass(): FormConstructor {
    if (this.formClass) return this.formClass;
    if (!this.fields) {
      throw new ViewConfigurationError(`Using ModelFormMixin (base class of ${this.constructor.name}) without the 'fields' attribute is prohibited.`);
    }
    const model = this.model ?? this.object?.constructor ?? this.queryset?.model;
    if (!model) throw new ViewConfigurationError(`${this.constructor.name} needs a model, a queryset or a formClass to build its form.`);
    return ModelForm.define(model as ModelClass, { fields: this.fields as never }) as unknown as FormConstructor;
  }

  override async getFormKwargs(): Promise<FormOptions & Record<string, unknown>> {
    const options = await super.getFormKwargs();
    if (this.object) options.instance = this.object;
    return options;
  }

  /** `successUrl` with `{field}` placeholders from the object, else the object's `getAbsoluteUrl()`. */
  override getSuccessUrl(): string {
    if (this.successUrl) return formatSuccessUrl(this.successUrl, this.object);
    const target = this.object as unknown as { getAbsoluteUrl?: () => string } | null;
    if (target && typeof target.getAbsoluteUrl === 'function') return target.getAbsoluteUrl();
    throw new ViewConfigurationError(`No URL to redirect to. Either provide a url or define a getAbsoluteUrl method on the Model (${this.constructor.name}).`);
  }

  /** Saves the form's object, then redirects. */
  override async formValid(form: BaseForm): Promise<HttpResponseBase> {
    this.object = await (form as ModelForm).save();
    return new HttpResponseRedirect(this.getSuccessUrl());
  }

  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const extra: Record<string, unknown> = {};
    if (this.object) {
      extra.object = this.object;
      extra[this.contextObjectName ?? (this.object.constructor as unknown as ModelClass)._meta.modelName] = this.object;
    }
    return super.getContextData({ ...extra, ...kwargs });
  }

  override getTemplateNames(): string[] {
    const names = this.templateName ? [this.templateName] : [];
    const model =
      (this.object?.constructor as ModelClass | undefined) ??
      this.model ??
      this.queryset?.model ??
      (this.formClass as unknown as { model?: ModelClass } | null)?.model;
    if (model) names.push(modelTemplateName(model, this.templateNameSuffix));
    if (names.length === 0)
      throw new ViewConfigurationError(
        `${this.constructor.name} requires either a definition of 'templateName' or 'model', or an implementation of 'getTemplateNames()'.`,
      );
    return names;
  }
}

/**
 * A page that creates an object with a ModelForm (`fields` or `formClass`); redirects to
 * `successUrl` or the new object's `getAbsoluteUrl()`. Default template `<app>/<model>_form.html`.
 *
 * @example
 * path('new/', CreateView.asView({ model: Post, fields: ['title', 'body'], successUrl: '/blog/' }));
 */
export class CreateView extends ModelFormView {
  override async get(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    this.object = null;
    return super.get(request, kwargs);
  }
  override async post(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    this.object = null;
    return super.post(request, kwargs);
  }
}

/**
 * A page that edits the object named by the URL (404 when there is none) with a ModelForm.
 *
 * @example
 * path('<int:pk>/edit/', UpdateView.asView({ model: Post, fields: ['title', 'body'] }));
 */
export class UpdateView extends ModelFormView {
  override async get(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    this.object = await this.getObject();
    return super.get(request, kwargs);
  }
  override async post(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    this.object = await this.getObject();
    return super.post(request, kwargs);
  }
}

/**
 * Deletes the object named by the URL: GET shows a confirmation page
 * (`<app>/<model>_confirm_delete.html`), POST deletes and redirects to `successUrl`.
 *
 * @example
 * path('<int:pk>/delete/', DeleteView.asView({ model: Post, successUrl: '/blog/' }));
 */
export class DeleteView extends DetailView {
  override templateNameSuffix = '_confirm_delete';
  successUrl: string | null = null;

  getSuccessUrl(): string {
    if (!this.successUrl) throw new ViewConfigurationError(`No URL to redirect to. Provide a successUrl on ${this.constructor.name}.`);
    return formatSuccessUrl(this.successUrl, this.object);
  }

  /** Deletes the object, then redirects. */
  async post(_request: HttpRequest, _kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    this.object = await this.getObject();
    const url = this.getSuccessUrl();
    await this.object.delete();
    return new HttpResponseRedirect(url);
  }

  async delete(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    return this.post(request, kwargs);
  }
}
