import { HttpResponseRedirect, PermissionDenied, resolveUrl, type HttpRequest, type HttpResponseBase, type View, type ViewFunction } from '@manouche/core';
import { authSettings } from './auth-settings.js';
import './request-user.js';

/**
 * Options shared by the access decorators and mixins.
 *
 * @example
 * path('dashboard/', loginRequired(dashboard, { loginUrl: 'accounts:login', redirectFieldName: 'returnTo' } satisfies AccessOptions)),
 */
export interface AccessOptions {
  /** Where anonymous visitors are sent: a URL or URL name; LOGIN_URL by default. */
  loginUrl?: string;
  /** The query parameter carrying the page to return to; `next` by default. */
  redirectFieldName?: string | null;
}

/**
 * A redirect to the login page with `?next=<this page>` (Django's redirect_to_login).
 *
 * @example
 * return redirectToLogin(request.getFullPath());
 */
export function redirectToLogin(next: string, loginUrl?: string, redirectFieldName: string | null = 'next'): HttpResponseRedirect {
  const target = resolveUrl(loginUrl ?? authSettings().LOGIN_URL);
  if (!redirectFieldName) return new HttpResponseRedirect(target);
  const url = new URL(target, 'http://placeholder.invalid');
  url.searchParams.set(redirectFieldName, next);
  const query = url.search.replace(/%2F/gi, '/');
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
  return new HttpResponseRedirect(absolute ? `${url.origin}${url.pathname}${query}` : `${url.pathname}${query}`);
}

async function currentUser(request: HttpRequest) {
  return request.auser ? request.auser() : request.user;
}

function loginRedirect(request: HttpRequest, options: AccessOptions): HttpResponseBase {
  authSettings(request.settings);
  return redirectToLogin(request.getFullPath(), options.loginUrl, options.redirectFieldName === undefined ? 'next' : options.redirectFieldName);
}

/**
 * Wraps a view so it runs only when `test(user)` passes; otherwise redirects to the login page
 * (Django's user_passes_test).
 *
 * @example
 * export const staffOnly = userPassesTest((user) => user.isStaff, async (request) => render(request, 'staff.html'));
 */
export function userPassesTest<V extends ViewFunction>(
  test: (user: NonNullable<HttpRequest['user']>) => boolean | Promise<boolean>,
  view: V,
  options: AccessOptions = {},
): V {
  const wrapped = async (request: HttpRequest, kwargs: Record<string, unknown>, args?: unknown[]) => {
    const user = await currentUser(request);
    if (user && (await test(user))) return view(request, kwargs, args);
    return loginRedirect(request, options);
  };
  Object.defineProperty(wrapped, 'name', { value: view.name });
  return wrapped as V;
}

/**
 * Only logged-in users reach the view; others are redirected to LOGIN_URL?next=… (Django's login_required).
 *
 * @example
 * path('dashboard/', loginRequired(dashboard)),
 */
export function loginRequired<V extends ViewFunction>(view: V, options: AccessOptions = {}): V {
  return userPassesTest((user) => user.isAuthenticated, view, options);
}

/**
 * Only users with every permission reach the view (Django's permission_required): others are
 * redirected to log in, or get 403 with `raiseException`.
 *
 * @example
 * path('posts/new/', permissionRequired('blog.add_post', newPost, { raiseException: true })),
 */
export function permissionRequired<V extends ViewFunction>(
  perm: string | readonly string[],
  view: V,
  options: AccessOptions & { raiseException?: boolean } = {},
): V {
  const perms = typeof perm === 'string' ? [perm] : perm;
  return userPassesTest(
    async (user) => {
      if (await user.hasPerms(perms)) return true;
      if (options.raiseException) throw new PermissionDenied();
      return false;
    },
    view,
    options,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: TypeScript mixins need a constructor taking any[]
type ViewConstructor = new (...args: any[]) => View;
// biome-ignore lint/suspicious/noExplicitAny: TypeScript mixins need a constructor taking any[]
type Constructor<T> = new (...args: any[]) => T;
// biome-ignore lint/suspicious/noExplicitAny: TypeScript mixins need a constructor taking any[]
type AbstractConstructor<T> = abstract new (...args: any[]) => T;

/**
 * What LoginRequiredMixin adds to a view.
 *
 * @example
 * class Dashboard extends LoginRequiredMixin(TemplateView) {
 *   override loginUrl = '/members/login/';
 *   override raiseException = true; // 403 instead of a redirect
 * }
 */
export interface LoginRequiredMembers {
  /** A URL or URL name; LOGIN_URL when null. */
  loginUrl: string | null;
  redirectFieldName: string | null;
  /** Answer 403 instead of redirecting anonymous visitors. */
  raiseException: boolean;
  permissionDeniedMessage: string;
  handleNoPermission(): Promise<HttpResponseBase>;
  hasAccess(): Promise<boolean>;
}

/**
 * What PermissionRequiredMixin adds to a view.
 *
 * @example
 * class PostEdit extends PermissionRequiredMixin(UpdateView) {
 *   override permissionRequired = ['blog.change_post', 'blog.view_post'];
 * }
 */
export interface PermissionRequiredMembers extends LoginRequiredMembers {
  permissionRequired: string | string[] | null;
  getPermissionRequired(): string[];
}

/**
 * What UserPassesTestMixin adds to a view.
 *
 * @example
 * class StaffOnly extends UserPassesTestMixin(TemplateView) {
 *   testFunc() { return this.request.user.isStaff; }
 * }
 */
export interface UserPassesTestMembers extends LoginRequiredMembers {
  testFunc(): boolean | Promise<boolean>;
}

/**
 * For class-based views: anonymous visitors are redirected to log in (or get 403 with
 * `raiseException`) before `dispatch` (Django's LoginRequiredMixin).
 *
 * @example
 * class Dashboard extends LoginRequiredMixin(TemplateView) { templateName = 'dashboard.html'; }
 */
export function LoginRequiredMixin<TBase extends ViewConstructor>(Base: TBase): TBase & Constructor<LoginRequiredMembers> {
  class LoginRequired extends Base {
    loginUrl: string | null = null;
    redirectFieldName: string | null = 'next';
    raiseException = false;
    permissionDeniedMessage = '';

    /** What anonymous (or, in PermissionRequiredMixin, unauthorised) visitors get. */
    async handleNoPermission(): Promise<HttpResponseBase> {
      const user = await currentUser(this.request);
      if (this.raiseException || user?.isAuthenticated) throw new PermissionDenied(this.permissionDeniedMessage || undefined);
      return loginRedirect(this.request, { loginUrl: this.loginUrl ?? undefined, redirectFieldName: this.redirectFieldName });
    }

    /** Whether the visitor may see the view; LoginRequiredMixin asks for a logged-in user. */
    async hasAccess(): Promise<boolean> {
      return (await currentUser(this.request))?.isAuthenticated === true;
    }

    override async dispatch(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
      if (!(await this.hasAccess())) return this.handleNoPermission();
      return super.dispatch(request, kwargs);
    }
  }
  return LoginRequired;
}

/**
 * For class-based views: only users with every permission in `permissionRequired` get in;
 * anonymous visitors are sent to log in, logged-in ones get 403 (Django's PermissionRequiredMixin).
 *
 * @example
 * class NewPost extends PermissionRequiredMixin(TemplateView) { permissionRequired = 'blog.add_post'; }
 */
export function PermissionRequiredMixin<TBase extends ViewConstructor>(Base: TBase): TBase & Constructor<PermissionRequiredMembers> {
  class PermissionRequired extends LoginRequiredMixin(Base) {
    permissionRequired: string | string[] | null = null;

    /** The permissions to check. */
    getPermissionRequired(): string[] {
      if (this.permissionRequired === null) {
        throw new Error(
          `${this.constructor.name} is missing the permissionRequired attribute. Define ${this.constructor.name}.permissionRequired, or override ${this.constructor.name}.getPermissionRequired().`,
        );
      }
      return typeof this.permissionRequired === 'string' ? [this.permissionRequired] : this.permissionRequired;
    }

    override async hasAccess(): Promise<boolean> {
      const user = await currentUser(this.request);
      return user ? user.hasPerms(this.getPermissionRequired()) : false;
    }
  }
  return PermissionRequired;
}

/**
 * For class-based views: only users passing `testFunc()` get in (Django's UserPassesTestMixin).
 *
 * @example
 * class StaffPage extends UserPassesTestMixin(TemplateView) { testFunc() { return this.request.user.isStaff; } }
 */
export function UserPassesTestMixin<TBase extends ViewConstructor>(Base: TBase): TBase & AbstractConstructor<UserPassesTestMembers> {
  abstract class UserPassesTest extends LoginRequiredMixin(Base) {
    abstract testFunc(): boolean | Promise<boolean>;

    override async hasAccess(): Promise<boolean> {
      await currentUser(this.request);
      return this.testFunc();
    }
  }
  return UserPassesTest;
}
