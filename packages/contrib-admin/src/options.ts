/**
 * The options of `admin.register(Model, options)` (Django's ModelAdmin attributes), with every
 * field name typed against the model: a typo in listDisplay, listFilter, searchFields… is a
 * compile error. Projects that are not type-checked get the same names checked by
 * `manouche check` (admin.E0xx, see checks.ts).
 */
import type { HttpRequest, HttpResponseBase } from '@manouche/core';
import type { ForeignKeyField, ManyToManyField, Model, QuerySet } from '@manouche/orm';
import type { DisplayFunction } from './display.js';
import type { FieldListFilterClass } from './field-list-filters.js';
import type { ListFilterClass } from './list-filters.js';
import type { InlineAdmin } from './inlines.js';
import type { AdminSite } from './admin-site.js';
import type { ModelAdmin } from './model-admin.js';

/**
 * What a model admin's own pages receive: the site, the registration, the request (Django's `self` and `request` in a ModelAdmin view).
 *
 * @example
 * const addView = ({ site, modelAdmin }: AdminViewContext<Post>) => new HttpResponseRedirect(site.reverse(`blog_${modelAdmin.opts.modelName}_changelist`));
 */
export interface AdminViewContext<M extends Model = Model> {
  readonly site: AdminSite;
  readonly modelAdmin: ModelAdmin<M>;
  readonly request: HttpRequest;
}

/**
 * An extra page of a model admin (Django's `ModelAdmin.get_urls`): a route under the model's URL
 * (`<path:object_id>/password/`), named for `reverse('admin:<name>')`; only active staff reach it.
 *
 * @example
 * const ping: AdminUrl<Post> = { route: '<path:object_id>/ping/', name: 'blog_post_ping', view: async () => new HttpResponse('pong') };
 */
export interface AdminUrl<M extends Model = Model> {
  readonly route: string;
  readonly name: string;
  view(context: AdminViewContext<M>, kwargs: Record<string, unknown>): Promise<HttpResponseBase>;
}

type FieldsOf<M> = M extends { readonly $fields: infer F } ? F : never;

/**
 * A model field name (`title`); any string for a model whose fields the types do not know.
 *
 * @example
 * const field: FieldName<Post> = 'title'; // 'titel' is a compile error
 */
export type FieldName<M> = [FieldsOf<M>] extends [never] ? string : keyof FieldsOf<M> & string;

/**
 * A foreign key field name of the model.
 *
 * @example
 * const fk: ForeignKeyName<Post> = 'author'; // 'title' is a compile error: not a foreign key
 */
export type ForeignKeyName<M> = [FieldsOf<M>] extends [never]
  ? string
  : { [K in keyof FieldsOf<M> & string]: FieldsOf<M>[K] extends ForeignKeyField<unknown, unknown, unknown> ? K : never }[keyof FieldsOf<M> & string];

/**
 * A many-to-many field name of the model.
 *
 * @example
 * admin.register(Post, { filterHorizontal: ['tags'] }); // ManyToManyName<Post> is 'tags'
 */
export type ManyToManyName<M> = [FieldsOf<M>] extends [never]
  ? string
  : { [K in keyof FieldsOf<M> & string]: FieldsOf<M>[K] extends ManyToManyField<unknown> ? K : never }[keyof FieldsOf<M> & string];

/**
 * A relation field name (foreign key, one-to-one or many-to-many): what rawIdFields and autocompleteFields take.
 *
 * @example
 * admin.register(Post, { rawIdFields: ['author'], autocompleteFields: ['tags'] });
 */
export type RelationName<M> = ForeignKeyName<M> | ManyToManyName<M>;

/**
 * A field reached through foreign keys (`author__username`); the part after `__` is checked by `manouche check`.
 *
 * @example
 * admin.register(Post, { listDisplay: ['title', 'author__name'], searchFields: ['author__name'] });
 */
export type RelatedPath<M> = `${ForeignKeyName<M>}__${string}`;

/**
 * A method of the model instance (`wasPublishedRecently`).
 *
 * @example
 * admin.register(Question, { listDisplay: ['questionText', 'pubDate', 'wasPublishedRecently'] });
 */
export type MethodName<M> = {
  [K in keyof M & string]: M[K] extends (...args: never[]) => unknown ? (K extends keyof Model ? never : K) : never;
}[keyof M & string];

/**
 * A listDisplay entry: a field, a related field, a model method, or a `display()` function.
 *
 * @example
 * const columns: ListDisplayItem<Post>[] = ['title', 'author__name', '__str__', wordCount];
 */
export type ListDisplayItem<M> = FieldName<M> | RelatedPath<M> | MethodName<M> | '__str__' | DisplayFunction<M>;

/**
 * A searchFields entry, with Django's prefixes: `^` starts with, `=` exact (case-insensitive), `@` full-text words.
 *
 * @example
 * admin.register(Post, { searchFields: ['^title', '=slug', 'body', 'author__name'] });
 */
export type SearchField<M> = FieldName<M> | RelatedPath<M> | `${'^' | '=' | '@'}${FieldName<M> | RelatedPath<M>}`;

/**
 * An ordering entry: a field or related path, `-` for descending.
 *
 * @example
 * admin.register(Post, { ordering: ['-publish', 'title'] });
 */
export type OrderingItem<M> = FieldName<M> | RelatedPath<M> | `-${FieldName<M> | RelatedPath<M>}`;

/**
 * One fieldset of the change form: a title (or null) and its fields (a nested array puts fields on one line).
 *
 * @example
 * const main: Fieldset<Post> = [null, { fields: ['title', ['slug', 'status']] }];
 * admin.register(Post, { fieldsets: [main, ['Advanced options', { fields: ['publish'], classes: ['collapse'] }]] });
 */
export type Fieldset<M> = readonly [
  string | null,
  { readonly fields: ReadonlyArray<FieldName<M> | ReadonlyArray<FieldName<M>>>; readonly classes?: readonly string[]; readonly description?: string },
];

/**
 * A custom admin action: runs on the selected objects' queryset (Django's action functions).
 *
 * @example
 * const makeDraft: AdminAction<Post> = async ({ queryset }) => { await queryset.update({ status: 'DF' }); };
 * admin.register(Post, { actions: [makeDraft] }); // "Make draft" in the change list's dropdown
 */
export interface AdminAction<M extends Model> {
  (context: { request: HttpRequest; queryset: QuerySet<M> }): void | Promise<void>;
  readonly adminAction?: { name?: string; description?: string; permissions?: ReadonlyArray<'view' | 'add' | 'change' | 'delete'> };
}

/**
 * The per-model options of the admin.
 *
 * @example
 * const postOptions: ModelAdminOptions<Post> = { listDisplay: ['title', 'status'], listFilter: ['status'], searchFields: ['title'], listPerPage: 25 };
 * admin.register(Post, postOptions);
 */
export interface ModelAdminOptions<M extends Model = Model> {
  /** Columns of the change list (default: the object's `toString()`). */
  listDisplay?: ReadonlyArray<ListDisplayItem<M>>;
  /** Which columns link to the change form (default: the first); `null` for none. */
  listDisplayLinks?: ReadonlyArray<ListDisplayItem<M>> | null;
  /**
   * Sidebar filters: fields (booleans, choices, dates, foreign keys, other values), a
   * `SimpleListFilter` class, or `[field, FieldListFilter class]` for a field with a filter of your own.
   */
  listFilter?: ReadonlyArray<FieldName<M> | RelatedPath<M> | ListFilterClass<M> | readonly [FieldName<M> | RelatedPath<M>, FieldListFilterClass<M>]>;
  /** Fields edited on the change list itself (each must be in listDisplay and not a link); needs change permission. */
  listEditable?: ReadonlyArray<FieldName<M>>;
  /** Relations shown as an input of ids with a lookup popup, instead of a select of every object. */
  rawIdFields?: ReadonlyArray<RelationName<M>>;
  /** Relations chosen with a search-as-you-type box; the related model's admin needs searchFields (admin.E040). */
  autocompleteFields?: ReadonlyArray<RelationName<M>>;
  /** Many-to-many fields shown as two filterable boxes side by side. */
  filterHorizontal?: ReadonlyArray<ManyToManyName<M>>;
  /** Many-to-many fields shown as two filterable boxes, one above the other. */
  filterVertical?: ReadonlyArray<ManyToManyName<M>>;
  /** Fields the search box looks in. */
  searchFields?: ReadonlyArray<SearchField<M>>;
  /** A date or datetime field to drill down by year, month and day above the list. */
  dateHierarchy?: FieldName<M>;
  /** Rows per page (default 100). */
  listPerPage?: number;
  /** "Show all" is offered up to this many rows (default 200). */
  listMaxShowAll?: number;
  /** `true`: follow every foreign key in one query; a list: these ones (default: the foreign keys shown in listDisplay). */
  listSelectRelated?: boolean | ReadonlyArray<ForeignKeyName<M>>;
  /** The change list's default order (default: the model's ordering, then `-pk`). */
  ordering?: ReadonlyArray<OrderingItem<M>>;
  /** The form's fields, in order (default: every editable field). */
  fields?: ReadonlyArray<FieldName<M>>;
  /** Fields left out of the form. */
  exclude?: ReadonlyArray<FieldName<M>>;
  /** The form in titled sections. */
  fieldsets?: ReadonlyArray<Fieldset<M>>;
  /** Fields shown as text on the change form, never written from it. */
  readonlyFields?: ReadonlyArray<FieldName<M> | MethodName<M> | DisplayFunction<M>>;
  /** Related objects edited on the same page: `[tabularInline(Choice, { extra: 3 })]`. */
  inlines?: ReadonlyArray<InlineAdmin<any>>;
  /** A "Save as new" button on the change form: saves a copy (with copies of its inline objects) instead (default false). */
  saveAsNew?: boolean;
  /** The save buttons above the form as well as below it (default false). */
  saveOnTop?: boolean;
  /** Fields filled from others as you type (`{ slug: ['title'] }`). */
  prepopulatedFields?: Partial<Record<FieldName<M>, ReadonlyArray<FieldName<M>>>>;
  /** Actions offered on the change list besides "Delete selected"; `null` removes all actions. */
  actions?: ReadonlyArray<AdminAction<M>> | null;
  /** Where the change list says an empty value (default `-`). */
  emptyValueDisplay?: string;
  /** Pages of this model besides the change list, add, change, delete and history ones (Django's `get_urls`). */
  extraUrls?: ReadonlyArray<AdminUrl<M>>;
  /** Replaces the add page (the add permission is checked first), as auth's UserAdmin does with its password form. */
  addView?(context: AdminViewContext<M>): Promise<HttpResponseBase>;
  /** Narrows (or widens) the objects the admin shows and edits. */
  getQueryset?(request: HttpRequest, queryset: QuerySet<M>): QuerySet<M>;
  /** Overrides: may this request's user view/add/change/delete (this object)? */
  hasViewPermission?(request: HttpRequest, obj?: M | null): boolean | Promise<boolean>;
  hasAddPermission?(request: HttpRequest): boolean | Promise<boolean>;
  hasChangePermission?(request: HttpRequest, obj?: M | null): boolean | Promise<boolean>;
  hasDeletePermission?(request: HttpRequest, obj?: M | null): boolean | Promise<boolean>;
}
