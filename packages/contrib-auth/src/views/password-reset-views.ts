import { HttpResponseRedirect, render, reverse, TemplateView, View, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { sendMail } from '@manouche/mail';
import { authSettings } from '../auth-settings.js';
import { getUserModel } from '../backends.js';
import { isPasswordUsable } from '../hashers.js';
import type { AbstractBaseUser } from '../models.js';
import { defaultTokenGenerator, type PasswordResetTokenGenerator } from '../tokens.js';
import { addError, emptyForm, readRequiredFields, type FormState } from './form-state.js';
import { readNewPassword } from './set-password-form.js';

/**
 * The session key holding a reset token between the link and the form (Django's).
 *
 * @example
 * await request.session!.get(INTERNAL_RESET_SESSION_TOKEN); // the token of the reset link, between the link and the form
 */
export const INTERNAL_RESET_SESSION_TOKEN = '_password_reset_token';
const RESET_URL_TOKEN = 'set-password';

function urlFor(target: string, kwargs?: Record<string, unknown>): string {
  return target.includes('/') ? target : reverse(target, kwargs ? { kwargs } : undefined);
}

/**
 * The primary key as URL-safe base64 (Django's urlsafe_base64_encode(force_bytes(pk))).
 *
 * @example
 * encodeUid(42); // 'NDI'
 */
export function encodeUid(pk: unknown): string {
  return Buffer.from(String(pk)).toString('base64url');
}

/**
 * Django's PasswordResetView: asks for an email address; every active user with that address
 * and a usable password gets a mail with a one-time link. The answer is the same whether or not
 * the address is known (redirect to `password_reset_done`).
 *
 * @example
 * path('password_reset/', PasswordResetView.asView({ fromEmail: 'noreply@example.com' }), { name: 'password_reset' }),
 */
export class PasswordResetView extends View {
  templateName = 'registration/password_reset_form.html';
  emailTemplateName = 'registration/password_reset_email.html';
  subjectTemplateName = 'registration/password_reset_subject.txt';
  successUrl = 'password_reset_done';
  fromEmail: string | null = null;
  tokenGenerator: PasswordResetTokenGenerator = defaultTokenGenerator;

  protected renderForm(request: HttpRequest, form: FormState): Promise<HttpResponseBase> {
    return render(request, this.templateName, { form, title: 'Password reset' });
  }

  async get(request: HttpRequest): Promise<HttpResponseBase> {
    return this.renderForm(request, emptyForm());
  }

  /** The active users with `email` (case-insensitive) and a usable password. */
  async getUsers(email: string): Promise<AbstractBaseUser[]> {
    const UserModel = getUserModel(authSettings());
    const candidates = (await UserModel.objects.filter({
      [`${UserModel.EMAIL_FIELD}__iexact`]: email,
      isActive: true,
    } as never)) as unknown as AbstractBaseUser[];
    return candidates.filter(
      (user) =>
        isPasswordUsable(user.password) && String((user as unknown as Record<string, unknown>)[UserModel.EMAIL_FIELD]).toLowerCase() === email.toLowerCase(),
    );
  }

  async post(request: HttpRequest): Promise<HttpResponseBase> {
    const { form, values } = await readRequiredFields(request, ['email'], { keep: ['email'] });
    const email = values.email!.trim();
    if (form.isValid && (email.length > 254 || !/^[^@\s]+@[^@\s]+$/.test(email))) addError(form, 'email', 'Enter a valid email address.');
    if (!form.isValid) return this.renderForm(request, form);
    authSettings(request.settings);
    const domain = request.getHost();
    for (const user of await this.getUsers(email)) {
      const context = {
        email,
        domain,
        siteName: domain,
        uid: encodeUid(user.pk),
        user,
        token: this.tokenGenerator.makeToken(user),
        protocol: request.isSecure() ? 'https' : 'http',
      };
      const engine = request.context.templates!;
      const subject = (await engine.render(this.subjectTemplateName, context, request)).split(/\r?\n/).join('').trim();
      const body = await engine.render(this.emailTemplateName, context, request);
      await sendMail(subject, body, this.fromEmail, [String((user as unknown as Record<string, unknown>)[getUserModel().EMAIL_FIELD])]);
    }
    return new HttpResponseRedirect(urlFor(this.successUrl));
  }
}

/**
 * Django's PasswordResetDoneView: `registration/password_reset_done.html`.
 *
 * @example
 * path('password_reset/done/', PasswordResetDoneView.asView(), { name: 'password_reset_done' }),
 */
export class PasswordResetDoneView extends TemplateView {
  override templateName: string | null = 'registration/password_reset_done.html';
  override extraContext: Record<string, unknown> | null = { title: 'Password reset sent' };
}

/**
 * Django's PasswordResetConfirmView at `reset/<uidb64>/<token>/`: a valid link moves the token
 * into the session and redirects to `reset/<uidb64>/set-password/` (so it never leaks through
 * Referer); there the new password is set and the link stops working.
 *
 * @example
 * path('reset/<uidb64>/<token>/', PasswordResetConfirmView.asView(), { name: 'password_reset_confirm' }),
 */
export class PasswordResetConfirmView extends View {
  templateName = 'registration/password_reset_confirm.html';
  successUrl = 'password_reset_complete';
  tokenGenerator: PasswordResetTokenGenerator = defaultTokenGenerator;

  private async userFor(uidb64: string): Promise<AbstractBaseUser | null> {
    let id: string;
    try {
      id = Buffer.from(uidb64, 'base64url').toString('utf8');
    } catch {
      return null;
    }
    const UserModel = getUserModel(authSettings());
    const pk = UserModel._meta.pk;
    const value = pk.type === 'char' || pk.type === 'uuid' ? id : Number(id);
    if (typeof value === 'number' && !Number.isSafeInteger(value)) return null;
    return ((await UserModel.objects.filter({ pk: value } as never).first()) as AbstractBaseUser | undefined) ?? null;
  }

  /** The user when the link (or the token kept in the session) is valid, else null. */
  private async validUser(request: HttpRequest, kwargs: Record<string, unknown>): Promise<AbstractBaseUser | null> {
    const user = await this.userFor(String(kwargs.uidb64 ?? ''));
    if (!user) return null;
    const token = String(kwargs.token ?? '');
    const candidate = token === RESET_URL_TOKEN ? await request.session.get<string>(INTERNAL_RESET_SESSION_TOKEN) : token;
    return this.tokenGenerator.checkToken(user, candidate) ? user : null;
  }

  private renderForm(request: HttpRequest, form: FormState | null, validlink: boolean): Promise<HttpResponseBase> {
    return render(request, this.templateName, { form, validlink, title: validlink ? 'Enter new password' : 'Password reset unsuccessful' });
  }

  async get(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    authSettings(request.settings);
    const user = await this.validUser(request, kwargs);
    if (!user) return this.renderForm(request, null, false);
    if (kwargs.token !== RESET_URL_TOKEN) {
      await request.session.set(INTERNAL_RESET_SESSION_TOKEN, String(kwargs.token));
      return new HttpResponseRedirect(request.path.replace(String(kwargs.token), RESET_URL_TOKEN));
    }
    return this.renderForm(request, emptyForm(), true);
  }

  async post(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    authSettings(request.settings);
    const user = kwargs.token === RESET_URL_TOKEN ? await this.validUser(request, kwargs) : null;
    if (!user) return this.renderForm(request, null, false);
    const { form, password } = await readNewPassword(request, user);
    if (!form.isValid) return this.renderForm(request, form, true);
    await user.setPassword(password);
    await user.save();
    await request.session.delete(INTERNAL_RESET_SESSION_TOKEN);
    return new HttpResponseRedirect(urlFor(this.successUrl));
  }
}

/**
 * Django's PasswordResetCompleteView: `registration/password_reset_complete.html` with the login URL.
 *
 * @example
 * path('reset/done/', PasswordResetCompleteView.asView(), { name: 'password_reset_complete' }),
 */
export class PasswordResetCompleteView extends TemplateView {
  override templateName: string | null = 'registration/password_reset_complete.html';
  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const loginUrl = authSettings(this.request.settings).LOGIN_URL;
    return { ...kwargs, view: this, title: 'Password reset complete', loginUrl: loginUrl.includes('/') ? loginUrl : reverse(loginUrl) };
  }
}
