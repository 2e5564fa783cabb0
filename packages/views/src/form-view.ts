/** Django's FormView: show a form on GET, validate on POST, redirect on success or re-display with errors. */
import { HttpResponseRedirect, TemplateView, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { render } from '@manouche/core';
import type { BaseForm, FormOptions } from '@manouche/forms';
import { ViewConfigurationError } from './errors.js';

/**
 * A form class a view can build.
 *
 * @example
 * class ContactView extends FormView { override formClass: FormConstructor = ContactForm; override successUrl = '/thanks/'; }
 */
export type FormConstructor = new (options?: FormOptions & Record<string, unknown>) => BaseForm;

/** The form in a view's context, with its model choices read before rendering. @internal */
export async function prepareFormForRender(context: Record<string, unknown>): Promise<void> {
  const form = context.form as BaseForm | undefined;
  if (form && typeof form.loadChoices === 'function') await form.loadChoices();
}

/**
 * A page with a form: GET shows it unbound, POST binds it to the submitted data and files;
 * valid → `formValid` (redirect to `successUrl`), invalid → the page again with the errors and the
 * submitted values (status `formInvalidStatus`, 200 as in Django).
 *
 * @example
 * class ContactView extends FormView {
 *   override formClass = ContactForm;
 *   override templateName = 'contact.html';
 *   override successUrl = '/thanks/';
 *   override async formValid(form: ContactForm) { await sendMail(...); return super.formValid(form); }
 * }
 */
export class FormView extends TemplateView {
  formClass: FormConstructor | null = null;
  initial: Record<string, unknown> = {};
  prefix: string | null = null;
  successUrl: string | null = null;
  /** The status of the page re-displayed with errors. */
  formInvalidStatus = 200;

  getInitial(): Record<string, unknown> {
    return { ...this.initial };
  }
  getPrefix(): string | null {
    return this.prefix;
  }
  getFormClass(): FormConstructor {
    if (!this.formClass) throw new ViewConfigurationError(`${this.constructor.name} needs a formClass (or an implementation of getFormClass()).`);
    return this.formClass;
  }
  /** The form's options: initial, prefix, and for POST/PUT the submitted data and files. */
  async getFormKwargs(): Promise<FormOptions & Record<string, unknown>> {
    const options: FormOptions & Record<string, unknown> = { initial: this.getInitial(), prefix: this.getPrefix() };
    if (this.request.method === 'POST' || this.request.method === 'PUT') {
      options.data = await this.request.post();
      options.files = await this.request.files();
    }
    return options;
  }
  async getForm(formClass?: FormConstructor): Promise<BaseForm> {
    const FormClass = formClass ?? this.getFormClass();
    return new FormClass(await this.getFormKwargs());
  }
  getSuccessUrl(): string {
    if (!this.successUrl) throw new ViewConfigurationError(`No URL to redirect to. Provide a successUrl on ${this.constructor.name}.`);
    return this.successUrl;
  }
  /** Called with a valid form: redirects to the success URL. */
  async formValid(_form: BaseForm): Promise<HttpResponseBase> {
    return new HttpResponseRedirect(this.getSuccessUrl());
  }
  /** Called with an invalid form: the page again, with the errors and submitted values. */
  async formInvalid(form: BaseForm): Promise<HttpResponseBase> {
    const context = await this.getContextData({ ...this.kwargs, form });
    return render(this.request, this.getTemplateNames(), context, {
      status: this.formInvalidStatus,
      ...(this.contentType ? { contentType: this.contentType } : {}),
    });
  }

  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const context = { ...kwargs };
    context.form ??= await this.getForm();
    await prepareFormForRender(context);
    return super.getContextData(context);
  }

  async post(_request: HttpRequest, _kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    const form = await this.getForm();
    return (await form.isValid()) ? this.formValid(form) : this.formInvalid(form);
  }
  async put(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    return this.post(request, kwargs);
  }
}
