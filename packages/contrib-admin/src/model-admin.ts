import type { HttpRequest } from '@manouche/core';
import type { Field, Model, ModelClass, QuerySet } from '@manouche/orm';
import type { DisplayFunction, DisplayOptions } from './display.js';
import type { ModelAdminOptions } from './options.js';

/** A user as the admin sees it (auth's User or AnonymousUser). */
interface AdminUser {
  isActive?: boolean;
  isStaff?: boolean;
  isSuperuser?: boolean;
  isAuthenticated: boolean;
  hasPerm?(perm: string, obj?: unknown): Promise<boolean>;
  hasModulePerms?(appLabel: string): Promise<boolean>;
}

/** Loads the session's user (auth loads it lazily) so `request.user` can be read. */
export async function loadUser(request: HttpRequest): Promise<void> {
  const auser = (request as unknown as { auser?: () => Promise<unknown> }).auser;
  if (typeof auser === 'function') await auser.call(request);
}

/** The user of a request, or an anonymous stand-in when no AuthenticationMiddleware ran. */
export function requestUser(request: HttpRequest): AdminUser {
  return ((request as unknown as { user?: AdminUser }).user ?? { isAuthenticated: false }) as AdminUser;
}

/**
 * One column of the change list, resolved from a listDisplay entry.
 *
 * @example
 * const [title] = postAdmin.columns();
 * title.header; // 'Title'
 * title.value(post); // 'Hello'
 */
export interface Column<M> {
  /** The listDisplay entry as written (a name, or the function's name). */
  readonly key: string;
  readonly header: string;
  /** The field shown, when the column is a field (or a related field). */
  readonly field?: Field;
  /** The sort expression (field path), when sortable. */
  readonly ordering?: string;
  readonly boolean: boolean;
  readonly emptyValue?: string;
  readonly value: (obj: M) => unknown;
}

/** Humanises a camelCase or snake_case name (`pubDate` → `pub date`). */
export function humanise(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .trim();
}

/** Capitalises the first letter (Django's capfirst). */
export function capfirst(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** The verbose name of a field (its verboseName, else its name humanised). */
export function fieldLabel(field: Field): string {
  return (field.options.verboseName as string | undefined) ?? humanise(field.name);
}

/**
 * The admin of one model on one site: its options resolved, the permission checks and the
 * queryset (Django's ModelAdmin). `admin.register()` creates it.
 *
 * @example
 * const postAdmin = admin.register(Post, { listDisplay: ['title', 'status'] });
 * postAdmin.columns().map((column) => column.header); // ['Title', 'Status']
 * await postAdmin.hasChangePermission(request); // a superuser, or a user with blog.change_post
 */
export class ModelAdmin<M extends Model = Model> {
  readonly listPerPage: number;
  readonly listMaxShowAll: number;
  readonly emptyValueDisplay: string;

  constructor(
    readonly model: ModelClass<M>,
    readonly options: ModelAdminOptions<M> = {},
  ) {
    this.listPerPage = options.listPerPage ?? 100;
    this.listMaxShowAll = options.listMaxShowAll ?? 200;
    this.emptyValueDisplay = options.emptyValueDisplay ?? '-';
  }

  get opts() {
    return this.model._meta;
  }

  /** The app's verbose name, capitalised (the label when the app registry does not know it). */
  appVerboseName(request: HttpRequest): string {
    try {
      return capfirst(request.context?.apps?.getAppConfig(this.opts.appLabel).verboseName ?? this.opts.appLabel);
    } catch {
      return capfirst(this.opts.appLabel);
    }
  }

  /** `app_label.<action>_<model_name>`, the permission codename auth creates after migrate. */
  permissionName(action: 'view' | 'add' | 'change' | 'delete'): string {
    return `${this.opts.appLabel}.${action}_${this.opts.modelName}`;
  }

  private async userHas(request: HttpRequest, action: 'view' | 'add' | 'change' | 'delete'): Promise<boolean> {
    const user = requestUser(request);
    if (!user.isActive || !user.isAuthenticated) return false;
    if (user.isSuperuser) return true;
    return (await user.hasPerm?.(this.permissionName(action))) ?? false;
  }

  /** The objects the admin works on: the default manager's, narrowed by the `getQueryset` override. */
  getQueryset(request: HttpRequest): QuerySet<M> {
    const base = (this.model.objects as { all(): QuerySet<M> }).all();
    return this.options.getQueryset ? this.options.getQueryset(request, base) : base;
  }

  async hasAddPermission(request: HttpRequest): Promise<boolean> {
    return this.options.hasAddPermission ? await this.options.hasAddPermission(request) : this.userHas(request, 'add');
  }

  async hasChangePermission(request: HttpRequest, obj?: M | null): Promise<boolean> {
    return this.options.hasChangePermission ? await this.options.hasChangePermission(request, obj) : this.userHas(request, 'change');
  }

  async hasDeletePermission(request: HttpRequest, obj?: M | null): Promise<boolean> {
    return this.options.hasDeletePermission ? await this.options.hasDeletePermission(request, obj) : this.userHas(request, 'delete');
  }

  /** Django's rule: view permission, or change permission (which implies view). */
  async hasViewPermission(request: HttpRequest, obj?: M | null): Promise<boolean> {
    if (this.options.hasViewPermission) return await this.options.hasViewPermission(request, obj);
    return (await this.userHas(request, 'view')) || (await this.hasChangePermission(request, obj));
  }

  /** Whether the model appears on the index at all. */
  async hasModulePermission(request: HttpRequest): Promise<boolean> {
    const user = requestUser(request);
    if (!user.isActive || !user.isAuthenticated) return false;
    if (user.isSuperuser) return true;
    return (await user.hasModulePerms?.(this.opts.appLabel)) ?? false;
  }

  /** What the user may do here, for the templates. */
  async permissions(request: HttpRequest, obj?: M | null): Promise<{ view: boolean; add: boolean; change: boolean; delete: boolean }> {
    return {
      view: await this.hasViewPermission(request, obj),
      add: await this.hasAddPermission(request),
      change: await this.hasChangePermission(request, obj),
      delete: await this.hasDeletePermission(request, obj),
    };
  }

  /** The change list's columns, resolved from listDisplay (default: the object's text). */
  columns(): Column<M>[] {
    const items = this.options.listDisplay ?? ['__str__'];
    return items.map((item) => this.column(item as string | DisplayFunction<M>));
  }

  /** A column for a listDisplay/readonlyFields entry. */
  column(item: string | DisplayFunction<M>): Column<M> {
    if (typeof item === 'function') {
      const meta: DisplayOptions = item.adminDisplay ?? {};
      return {
        key: item.name,
        header: meta.description ?? capfirst(humanise(item.name || 'value')),
        ordering: meta.ordering,
        boolean: Boolean(meta.boolean),
        emptyValue: meta.emptyValue,
        value: (obj) => item(obj),
      };
    }
    if (item === '__str__') return { key: item, header: capfirst(this.opts.verboseName), boolean: false, value: (obj) => String(obj) };
    const path = item.split('__');
    const field = this.resolveFieldPath(path);
    if (field) {
      const header = path.length > 1 ? capfirst(fieldLabel(field)) : capfirst(fieldLabel(field));
      return { key: item, header, field, ordering: item, boolean: field.type === 'boolean', value: (obj) => this.followPath(obj, path) };
    }
    const method = (this.model.prototype as unknown as Record<string, unknown>)[item];
    if (typeof method === 'function') {
      const meta: DisplayOptions = (method as { adminDisplay?: DisplayOptions }).adminDisplay ?? {};
      return {
        key: item,
        header: meta.description ?? capfirst(humanise(item)),
        ordering: meta.ordering,
        boolean: Boolean(meta.boolean),
        emptyValue: meta.emptyValue,
        value: (obj) => (method as (this: M) => unknown).call(obj),
      };
    }
    // checks.ts reports this as admin.E108; at run time it is a configuration error, not an empty column.
    throw new Error(
      `The value of 'listDisplay' refers to '${item}', which is not a field, a method or a display() function of ${this.opts.appLabel}.${this.model.name}.`,
    );
  }

  /** The field at the end of a `fk__field` path, or undefined. */
  resolveFieldPath(path: readonly string[]): Field | undefined {
    let model: ModelClass = this.model as unknown as ModelClass;
    let field: Field | undefined;
    for (const [index, name] of path.entries()) {
      field = model._meta.getField(name);
      if (!field) return undefined;
      if (index < path.length - 1) {
        if (field.type !== 'foreignKey' && field.type !== 'oneToOne') return undefined;
        model = model._meta.remoteModel(field as never);
      }
    }
    return field;
  }

  /** Reads `author__username` from an object whose foreign keys were selected. */
  private followPath(obj: M, path: readonly string[]): unknown {
    let current: unknown = obj;
    for (const name of path) {
      if (current === null || current === undefined) return null;
      current = (current as Record<string, unknown>)[name];
    }
    return current;
  }

  /** Foreign keys to follow in the change list's query. */
  selectRelated(): string[] {
    const option = this.options.listSelectRelated;
    if (Array.isArray(option)) return [...option];
    const fks = this.opts.fields.filter((field) => field.type === 'foreignKey' || field.type === 'oneToOne').map((field) => field.name);
    if (option === true) return fks;
    const paths = ((this.options.listDisplay ?? []) as unknown[]).filter((item): item is string => typeof item === 'string');
    const selected = new Set<string>();
    for (const item of paths) {
      const parts = item.split('__');
      if (parts.length > 1) selected.add(parts.slice(0, -1).join('__'));
      else if (fks.includes(item)) selected.add(item);
    }
    return [...selected];
  }
}
