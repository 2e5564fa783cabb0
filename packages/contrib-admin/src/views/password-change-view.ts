import { PasswordChangeView } from '@manouche/contrib-auth';
import { render, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { AdminSite } from '../admin-site.js';

/**
 * The logged-in user's password change (Django's AdminSite.password_change): auth's
 * PasswordChangeView — old password checked, AUTH_PASSWORD_VALIDATORS honoured, the session's
 * auth hash updated so the user stays logged in — rendered in the admin's look.
 */
class AdminPasswordChangeView extends PasswordChangeView {
  site: AdminSite | null = null;
  // Not `registration/…`: those names are auth's own pages, which a project keeps for its users.
  override templateName = 'admin/password_change_form.html';

  protected override renderForm(request: HttpRequest, form: unknown): Promise<HttpResponseBase> {
    return render(request, this.templateName, { ...this.site!.eachContext(request), form, title: 'Password change' });
  }
}

/** `admin/password_change/`: the form; a valid change redirects to `password_change_done`. */
export function passwordChangeView(site: AdminSite, request: HttpRequest): Promise<HttpResponseBase> {
  const view = AdminPasswordChangeView.asView({ site, successUrl: site.reverse('password_change_done') });
  return Promise.resolve(view(request, {})) as Promise<HttpResponseBase>;
}

/** `admin/password_change/done/`: "Your password was changed." */
export function passwordChangeDoneView(site: AdminSite, request: HttpRequest): Promise<HttpResponseBase> {
  return render(request, 'admin/password_change_done.html', { ...site.eachContext(request), title: 'Password change successful' });
}
