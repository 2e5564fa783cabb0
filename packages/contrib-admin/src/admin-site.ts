import { HttpResponseRedirect, reverse as coreReverse, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { Model, ModelClass } from '@manouche/orm';
import { include, path, rePath, type Include } from '@manouche/routing';
import { AlreadyRegistered, NotRegistered } from './errors.js';
import { capfirst, loadUser, ModelAdmin, requestUser } from './model-admin.js';
import type { ModelAdminOptions } from './options.js';
import { changeListView } from './views/change-list-view.js';
import { addView, changeView } from './views/change-form-view.js';
import { deleteView } from './views/delete-view.js';
import { historyView } from './views/history-view.js';
import { autocompleteView } from './views/autocomplete-view.js';
import { appIndexView, indexView } from './views/index-view.js';
import { loginView, logoutView } from './views/login-view.js';
import { passwordChangeDoneView, passwordChangeView } from './views/password-change-view.js';

type View = (request: HttpRequest, kwargs: Record<string, unknown>) => Promise<HttpResponseBase>;

/** The sites created so far, by name (checks.ts reads them). */
const allSites = new Map<string, AdminSite>();

/**
 * Options of an AdminSite.
 *
 * @example
 * new AdminSite({ name: 'staff', siteHeader: 'Staff area', siteTitle: 'Staff', indexTitle: 'Tools', siteUrl: null });
 */
export interface AdminSiteOptions {
  /** The URL namespace (default `admin`); two sites need two names. */
  name?: string;
  /** The `<h1>` of every page (default "Manouche administration"). */
  siteHeader?: string;
  /** The end of every `<title>` (default "Manouche site admin"). */
  siteTitle?: string;
  /** The index page's title (default "Site administration"). */
  indexTitle?: string;
  /** The "View site" link (default `/`; null hides it). */
  siteUrl?: string | null;
}

/**
 * An admin site: the models registered on it and its URLs (Django's AdminSite). `admin.site` is
 * the default one; a project may create more, each under its own URL and name.
 *
 * @example
 * const staffSite = new AdminSite({ name: 'staff', siteHeader: 'Staff' });
 * staffSite.register(Post, { listDisplay: ['title', 'status'] });
 * export default [path('admin/', admin.site.urls), path('staff/', staffSite.urls)];
 */
export class AdminSite {
  readonly name: string;
  siteHeader: string;
  siteTitle: string;
  indexTitle: string;
  siteUrl: string | null;
  private readonly registry = new Map<ModelClass, ModelAdmin<Model>>();

  constructor(options: AdminSiteOptions = {}) {
    this.name = options.name ?? 'admin';
    this.siteHeader = options.siteHeader ?? 'Manouche administration';
    this.siteTitle = options.siteTitle ?? 'Manouche site admin';
    this.indexTitle = options.indexTitle ?? 'Site administration';
    this.siteUrl = options.siteUrl === undefined ? '/' : options.siteUrl;
    allSites.set(this.name, this);
  }

  /**
   * Registers a model with its admin options (names typed against the model's fields).
   *
   * @example
   * admin.site.register(Post, { listDisplay: ['title', 'status'], searchFields: ['title'] });
   */
  register<M extends Model>(model: ModelClass<M>, options: ModelAdminOptions<M> = {}): ModelAdmin<M> {
    if (this.registry.has(model as unknown as ModelClass)) {
      throw new AlreadyRegistered(`The model ${model.name} is already registered with '${this.name}' (AdminSite). Unregister it first to register it again.`);
    }
    const modelAdmin = new ModelAdmin(model, options);
    this.registry.set(model as unknown as ModelClass, modelAdmin as unknown as ModelAdmin<Model>);
    return modelAdmin;
  }

  /** Removes a model's registration. */
  unregister(model: ModelClass<Model> | { prototype: Model }): void {
    if (!this.registry.delete(model as ModelClass))
      throw new NotRegistered(`The model ${(model as ModelClass).name} is not registered with '${this.name}' (AdminSite).`);
  }

  isRegistered(model: ModelClass<Model> | { prototype: Model }): boolean {
    return this.registry.has(model as ModelClass);
  }

  /** Every registration, in registration order. */
  registrations(): ModelAdmin<Model>[] {
    return [...this.registry.values()];
  }

  /** The registration of `app_label`/`model_name`, or undefined. */
  findModelAdmin(appLabel: string, modelName: string): ModelAdmin<Model> | undefined {
    return this.registrations().find((ma) => ma.opts.appLabel === appLabel && ma.opts.modelName === modelName);
  }

  /** Whether the request's user may use this site at all: an active staff member. */
  hasPermission(request: HttpRequest): boolean {
    const user = requestUser(request);
    return Boolean(user.isAuthenticated && user.isActive && user.isStaff);
  }

  /** The values every admin page's template gets. */
  eachContext(request: HttpRequest): Record<string, unknown> {
    return {
      siteHeader: this.siteHeader,
      siteTitle: this.siteTitle,
      siteUrl: this.siteUrl,
      siteName: this.name,
      hasPermission: this.hasPermission(request),
      adminUser: requestUser(request),
      urls: this.siteUrls(),
      // base.html shows a subtitle when a page has one; pages without it (login, index) must not
      // trip the DEBUG invalid-variable warning on every request.
      subtitle: null,
      // Django's is_popup: a page opened by a relation's link or lookup has no header or breadcrumbs.
      isPopup: false,
    };
  }

  /** The site's own URLs (index, login, logout, password change) reversed under its namespace. */
  siteUrls(): { index: string; logout: string; login: string; passwordChange: string } {
    return { index: this.reverse('index'), logout: this.reverse('logout'), login: this.reverse('login'), passwordChange: this.reverse('password_change') };
  }

  /** A URL of this site by its name (`index`, `blog_post_changelist`…). */
  reverse(name: string, args: unknown[] = [], kwargs?: Record<string, unknown>): string {
    return coreReverse(`${this.name}:${name}`, kwargs ? { kwargs } : args.length ? { args } : undefined);
  }

  /** Wraps a view: only active staff get in; others go to the login page with `next`. */
  private adminView(view: View): View {
    return async (request, kwargs) => {
      await loadUser(request);
      if (!this.hasPermission(request)) {
        const login = this.reverse('login');
        return new HttpResponseRedirect(`${login}?next=${encodeURIComponent(request.getFullPath())}`);
      }
      const response = await view(request, kwargs);
      response.headers.set('Cache-Control', 'max-age=0, no-cache, no-store, must-revalidate, private');
      return response;
    };
  }

  /**
   * The site's URL patterns, for `path('admin/', admin.site.urls)`: the index, login, logout,
   * each app's page and each registered model's change list, add, change, delete and history
   * pages, named as Django names them (`admin:blog_post_changelist`).
   */
  get urls(): Include<View> {
    const patterns = [
      path(
        '',
        this.adminView((request) => indexView(this, request)),
        { name: 'index' },
      ),
      path('login/', async (request: HttpRequest) => (await loadUser(request), loginView(this, request)), { name: 'login' }),
      path('logout/', async (request: HttpRequest) => (await loadUser(request), logoutView(this, request)), { name: 'logout' }),
      path(
        'autocomplete/',
        this.adminView((request) => autocompleteView(this, request)),
        { name: 'autocomplete' },
      ),
      path(
        'password_change/',
        this.adminView((request) => passwordChangeView(this, request)),
        { name: 'password_change' },
      ),
      path(
        'password_change/done/',
        this.adminView((request) => passwordChangeDoneView(this, request)),
        { name: 'password_change_done' },
      ),
    ];
    const appLabels = new Set<string>();
    for (const ma of this.registrations()) {
      const { appLabel, modelName } = ma.opts;
      appLabels.add(appLabel);
      const prefix = `${appLabel}/${modelName}/`;
      const id = (kwargs: Record<string, unknown>) => String(kwargs.object_id);
      for (const extra of ma.options.extraUrls ?? []) {
        patterns.push(
          path(
            `${prefix}${extra.route}`,
            this.adminView((request, kwargs) => extra.view({ site: this, modelAdmin: ma, request }, kwargs)),
            { name: extra.name },
          ),
        );
      }
      patterns.push(
        path(
          prefix,
          this.adminView((request) => changeListView(this, ma, request)),
          { name: `${appLabel}_${modelName}_changelist` },
        ),
        path(
          `${prefix}add/`,
          this.adminView((request) => addView(this, ma, request)),
          { name: `${appLabel}_${modelName}_add` },
        ),
        path(
          `${prefix}<path:object_id>/history/`,
          this.adminView((request, kwargs) => historyView(this, ma, request, id(kwargs))),
          { name: `${appLabel}_${modelName}_history` },
        ),
        path(
          `${prefix}<path:object_id>/delete/`,
          this.adminView((request, kwargs) => deleteView(this, ma, request, id(kwargs))),
          { name: `${appLabel}_${modelName}_delete` },
        ),
        path(
          `${prefix}<path:object_id>/change/`,
          this.adminView((request, kwargs) => changeView(this, ma, request, id(kwargs))),
          { name: `${appLabel}_${modelName}_change` },
        ),
      );
    }
    if (appLabels.size) {
      const alternatives = [...appLabels].map((label) => label.replace(/[^A-Za-z0-9_]/g, '')).join('|');
      patterns.push(
        rePath(
          `^(?P<app_label>${alternatives})/$`,
          this.adminView((request, kwargs) => appIndexView(this, request, String(kwargs.app_label))),
          { name: 'app_list' },
        ) as never,
      );
    }
    return include(patterns as never, { namespace: this.name, appName: 'admin' }) as Include<View>;
  }

  /** The model's verbose names, capitalised, for page titles. */
  static titleOf(ma: ModelAdmin<Model>): { name: string; plural: string } {
    return { name: capfirst(ma.opts.verboseName), plural: capfirst(ma.opts.verboseNamePlural) };
  }

  /** @internal Every site created in this process. */
  static allSites(): AdminSite[] {
    return [...allSites.values()];
  }
}
