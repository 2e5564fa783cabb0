/**
 * Django's SuccessMessageMixin: a form view that adds a success message once its form is valid.
 * It fits any class with `formValid(form)` and `request` (FormView, CreateView and UpdateView of
 * `@manouche/views`, or a view of your own), without this app depending on the views package.
 */
import type { HttpRequest, HttpResponseBase } from '@manouche/core';
import { success } from './api.js';
import { SuccessMessageFormatError } from './errors.js';

/** A form as the mixin sees it: its cleaned data after validation. */
export interface ValidatedForm {
  readonly cleanedData: object;
}

/** A view the mixin fits: it handles a valid form and knows its request. */
export interface FormValidHandler {
  request: HttpRequest;
  formValid(form: never): Promise<HttpResponseBase> | HttpResponseBase;
}

/** What SuccessMessageMixin adds to a view. */
export interface SuccessMessageMembers {
  /** The message, with `%(field)s` (or `{field}`) filled from the form's cleaned data; empty for none. */
  successMessage: string;
  /** The message to add for this cleaned data (Django's get_success_message); override for other values, such as the saved object's. */
  getSuccessMessage(cleanedData: Record<string, unknown>): string;
}

// biome-ignore lint/suspicious/noExplicitAny: TypeScript mixins need a constructor taking any[]
type Constructor<T> = new (...args: any[]) => T;
// biome-ignore lint/suspicious/noExplicitAny: TypeScript mixins need a constructor taking any[]
type AbstractConstructor<T> = abstract new (...args: any[]) => T;

const PLACEHOLDER = /%\((\w+)\)s|\{(\w+)\}/g;

/**
 * Fills `%(name)s` and `{name}` in `template` from `values` (Django's `message % cleaned_data`);
 * `%%` is a literal percent sign. A name the values lack is an error naming it and `where`.
 *
 * @example
 * formatSuccessMessage('%(title)s was created', { title: 'Hello' }, 'PostCreateView'); // 'Hello was created'
 */
export function formatSuccessMessage(template: string, values: Record<string, unknown>, where: string): string {
  return template
    .split('%%')
    .map((part) =>
      part.replace(PLACEHOLDER, (_whole, percent: string | undefined, brace: string | undefined) => {
        const name = (percent ?? brace)!;
        if (!Object.hasOwn(values, name)) {
          const known = Object.keys(values);
          throw new SuccessMessageFormatError(
            `${where}.successMessage uses "${name}", which the form's cleaned data lacks; it has ${known.length ? known.map((k) => `"${k}"`).join(', ') : 'no fields'}. Override getSuccessMessage() for other values.`,
          );
        }
        return String(values[name]);
      }),
    )
    .join('%');
}

/**
 * Adds `successMessage`, filled from the form's cleaned data, as a SUCCESS message after a valid
 * submission: the page the view redirects to shows it (Django's SuccessMessageMixin).
 *
 * @example
 * class QuestionCreateView extends SuccessMessageMixin(CreateView) {
 *   override model = Question;
 *   override fields = ['questionText', 'pubDate'];
 *   successMessage = '“%(questionText)s” was created.';
 * }
 */
export function SuccessMessageMixin<TBase extends Constructor<FormValidHandler> | AbstractConstructor<FormValidHandler>>(
  Base: TBase,
): TBase & Constructor<SuccessMessageMembers> {
  abstract class SuccessMessage extends (Base as AbstractConstructor<FormValidHandler>) {
    successMessage = '';

    getSuccessMessage(cleanedData: Record<string, unknown>): string {
      return formatSuccessMessage(this.successMessage, cleanedData, this.constructor.name);
    }

    override async formValid(form: never): Promise<HttpResponseBase> {
      const response = await super.formValid(form);
      const message = this.getSuccessMessage({ ...((form as ValidatedForm).cleanedData as Record<string, unknown>) });
      if (message) success(this.request, message);
      return response;
    }
  }
  return SuccessMessage as unknown as TBase & Constructor<SuccessMessageMembers>;
}
