import { caches, DEFAULT_CACHE_ALIAS } from '@manouche/cache';
import { HttpResponseRedirect, render, resolveUrl, View, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { AnonymousUser } from '../anonymous-user.js';
import { authSettings } from '../auth-settings.js';
import { getUserModel } from '../backends.js';
import { authenticate, login, logout } from '../login.js';
import { LoginThrottle } from '../login-throttle.js';
import { MAXIMUM_PASSWORD_LENGTH } from '../hashers.js';
import '../request-user.js';
import { addError, isSafeRedirect, readRequiredFields, emptyForm, type FormState } from './form-state.js';

/**
 * The failed-login throttle of a project: its counts live in the default cache (CACHES['default']), shared by every process using it.
 *
 * @example
 * const verdict = await loginThrottleFor(request).check('ana', '203.0.113.7'); // { allowed: true, retryAfter: 0 } until 5 failures
 */
export function loginThrottleFor(request: HttpRequest): LoginThrottle {
  const settings = authSettings(request.settings);
  return new LoginThrottle({
    perUsername: settings.LOGIN_THROTTLE_FAILURES_PER_USERNAME,
    perAddress: settings.LOGIN_THROTTLE_FAILURES_PER_ADDRESS,
    windowSeconds: settings.LOGIN_THROTTLE_WINDOW,
    secret: settings.SECRET_KEY,
    cache: caches.get(DEFAULT_CACHE_ALIAS),
  });
}

function clientAddress(request: HttpRequest): string | null {
  return request.scope.client?.[0] ?? null;
}

/**
 * Django's LoginView: shows `registration/login.html` (context: `form`, `next`), logs in on a valid
 * POST and redirects to `next` (when it is on this site) or LOGIN_REDIRECT_URL. Failed logins are
 * throttled per username and per client address: past the limit the answer is 429 with Retry-After.
 *
 * @example
 * path('accounts/login/', LoginView.asView(), { name: 'login' }),
 */
export class LoginView extends View {
  templateName = 'registration/login.html';
  redirectFieldName = 'next';
  /** Send users who are already logged in straight to the success URL. */
  redirectAuthenticatedUser = false;
  extraContext: Record<string, unknown> | null = null;

  /** Where to go after login: a safe `next`, else LOGIN_REDIRECT_URL. */
  async getSuccessUrl(request: HttpRequest): Promise<string> {
    const next = (await request.post()).get(this.redirectFieldName) ?? request.query.get(this.redirectFieldName);
    return isSafeRedirect(request, next) ? next : resolveUrl(authSettings(request.settings).LOGIN_REDIRECT_URL);
  }

  protected async renderForm(request: HttpRequest, form: FormState, status = 200): Promise<HttpResponseBase> {
    const next = (await request.post()).get(this.redirectFieldName) ?? request.query.get(this.redirectFieldName) ?? '';
    const usernameField = getUserModel(authSettings(request.settings)).USERNAME_FIELD;
    return render(
      request,
      this.templateName,
      { form, next, redirectFieldName: this.redirectFieldName, usernameField, view: this, ...this.extraContext },
      { status },
    );
  }

  async get(request: HttpRequest): Promise<HttpResponseBase> {
    if (this.redirectAuthenticatedUser && (await request.auser?.())?.isAuthenticated) return new HttpResponseRedirect(await this.getSuccessUrl(request));
    return this.renderForm(request, emptyForm());
  }

  async post(request: HttpRequest): Promise<HttpResponseBase> {
    const { form, values } = await readRequiredFields(request, ['username', 'password'], { keep: ['username'] });
    if (!form.isValid) return this.renderForm(request, form);
    const throttle = loginThrottleFor(request);
    const address = clientAddress(request);
    const verdict = await throttle.check(values.username!, address);
    if (!verdict.allowed) {
      addError(form, null, `Too many failed login attempts. Try again in ${verdict.retryAfter} seconds.`);
      const response = await this.renderForm(request, form, 429);
      response.headers.set('retry-after', String(verdict.retryAfter));
      return response;
    }
    const user =
      values.password!.length > MAXIMUM_PASSWORD_LENGTH ? null : await authenticate(request, { username: values.username, password: values.password });
    if (!user) {
      await throttle.recordFailure(values.username!, address);
      addError(form, null, 'Please enter a correct username and password. Note that both fields may be case-sensitive.');
      return this.renderForm(request, form);
    }
    await throttle.recordSuccess(values.username!);
    await login(request, user);
    return new HttpResponseRedirect(await this.getSuccessUrl(request));
  }
}

/**
 * Django 5's LogoutView: POST only (GET is 405), logs out, then redirects to a safe `next` or
 * LOGOUT_REDIRECT_URL, or shows `registration/logged_out.html`.
 *
 * @example
 * path('logout/', LogoutView.asView({ nextPage: '/' }), { name: 'logout' }),
 * // in a template: <form method="post" action="/accounts/logout/"><%= it.csrfInput() %><button>Log out</button></form>
 */
export class LogoutView extends View {
  templateName = 'registration/logged_out.html';
  redirectFieldName = 'next';
  nextPage: string | null = null;

  async post(request: HttpRequest): Promise<HttpResponseBase> {
    await logout(request);
    const next = (await request.post()).get(this.redirectFieldName) ?? request.query.get(this.redirectFieldName);
    if (isSafeRedirect(request, next)) return new HttpResponseRedirect(next);
    const target = this.nextPage ?? authSettings(request.settings).LOGOUT_REDIRECT_URL;
    if (target) return new HttpResponseRedirect(resolveUrl(target));
    return render(request, this.templateName, { user: request.auser ? await request.auser() : new AnonymousUser() });
  }
}
