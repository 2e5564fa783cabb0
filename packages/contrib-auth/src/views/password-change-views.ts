import { HttpResponseRedirect, render, reverse, TemplateView, View, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { LoginRequiredMixin } from '../access.js';
import { updateSessionAuthHash } from '../login.js';
import type { AbstractBaseUser } from '../models.js';
import '../request-user.js';
import { addError, emptyForm, type FormState } from './form-state.js';
import { readNewPassword } from './set-password-form.js';

/**
 * Django's PasswordChangeView (logged-in users only): `registration/password_change_form.html`
 * with `old_password`, `new_password1`, `new_password2`; on success the session stays logged in
 * (other sessions end) and the user goes to `password_change_done`.
 *
 * @example
 * path('password_change/', PasswordChangeView.asView({ successUrl: '/account/' }), { name: 'password_change' }),
 */
export class PasswordChangeView extends LoginRequiredMixin(View) {
  templateName = 'registration/password_change_form.html';
  /** A URL or URL name. */
  successUrl = 'password_change_done';

  protected renderForm(request: HttpRequest, form: FormState): Promise<HttpResponseBase> {
    return render(request, this.templateName, { form, title: 'Password change' });
  }

  async get(request: HttpRequest): Promise<HttpResponseBase> {
    return this.renderForm(request, emptyForm());
  }

  async post(request: HttpRequest): Promise<HttpResponseBase> {
    const user = (await request.auser()) as AbstractBaseUser;
    const { form, password, values } = await readNewPassword(request, user, ['old_password']);
    if (!form.errors.old_password && !(await user.checkPassword(values.old_password!))) {
      addError(form, 'old_password', 'Your old password was entered incorrectly. Please enter it again.');
    }
    if (!form.isValid) return this.renderForm(request, form);
    await user.setPassword(password);
    await user.save();
    await updateSessionAuthHash(request, user);
    return new HttpResponseRedirect(this.successUrl.includes('/') ? this.successUrl : reverse(this.successUrl));
  }
}

/**
 * Django's PasswordChangeDoneView: `registration/password_change_done.html`, logged-in users only.
 *
 * @example
 * path('password_change/done/', PasswordChangeDoneView.asView(), { name: 'password_change_done' }),
 */
export class PasswordChangeDoneView extends LoginRequiredMixin(TemplateView) {
  override templateName: string | null = 'registration/password_change_done.html';
  override extraContext: Record<string, unknown> | null = { title: 'Password change successful' };
}
