import type { AppReadyContext } from '@manouche/contracts';
import { registerAuthAdmin } from './auth-admin.js';
import { site } from './site.js';

/**
 * The app as INSTALLED_APPS loads it (`manouche.contrib.admin`, label `admin`).
 *
 * @example
 * // settings: INSTALLED_APPS: ['manouche.contrib.admin', 'manouche.contrib.auth', 'manouche.contrib.contenttypes', 'manouche.contrib.sessions', 'manouche.contrib.messages', 'blog']
 */
export const appConfig = {
  label: 'admin',
  verboseName: 'Administration',
  defaultAutoField: 'auto' as const,
  /** With auth installed, Users and Groups join the default site before the project's `admin` modules run (they may unregister them). */
  ready(context?: AppReadyContext): void {
    if (context?.settings) registerAuthAdmin(site, context.settings);
  },
};

/** Django's UserAdmin and GroupAdmin options, and the registration the app's ready() makes. */
export { userAdminOptions, groupAdminOptions, registerAuthAdmin } from './auth-admin.js';
/** `admin.register`, `admin.site`, `admin.display`: what a project's admin.ts uses. */
export { admin, site, register } from './site.js';
/** An admin site; several may be mounted under different URLs. */
export { AdminSite, type AdminSiteOptions } from './admin-site.js';
/** One model's admin: resolved options, permissions, queryset. */
export { ModelAdmin, type Column } from './model-admin.js';
/** The options of a registration, typed against the model's fields. */
export type {
  ModelAdminOptions,
  ListDisplayItem,
  SearchField,
  FieldName,
  ForeignKeyName,
  ManyToManyName,
  RelationName,
  RelatedPath,
  MethodName,
  OrderingItem,
  Fieldset,
  AdminAction,
  AdminUrl,
  AdminViewContext,
} from './options.js';
/** Inlines: related objects edited on the parent's page (Django's TabularInline/StackedInline). */
export { tabularInline, stackedInline, InlineModelAdmin, type InlineAdmin, type InlineOptions } from './inlines.js';
/** Columns computed by a function, with header/boolean/ordering. */
export { display, type DisplayOptions, type DisplayFunction } from './display.js';
/** Custom actions for the change list. */
export { action, type ActionOptions } from './action.js';
/** The history model and its action flags. */
export { LogEntry, ADDITION, CHANGE, DELETION } from './models.js';
/** Change-list filters: a project's own (SimpleListFilter) and the field filters, for `[field, FilterClass]`. */
export { ListFilter, SimpleListFilter, type FilterChoice, type FilterContext, type ListFilterClass } from './list-filters.js';
export {
  FieldListFilter,
  BooleanFieldListFilter,
  ChoicesFieldListFilter,
  DateFieldListFilter,
  RelatedFieldListFilter,
  RelatedOnlyFieldListFilter,
  AllValuesFieldListFilter,
  EmptyFieldListFilter,
  type FieldListFilterClass,
} from './field-list-filters.js';
/** The relation widgets of rawIdFields, autocompleteFields and filterHorizontal/filterVertical. */
export {
  ForeignKeyRawIdWidget,
  ManyToManyRawIdWidget,
  AutocompleteSelect,
  AutocompleteSelectMultiple,
  FilteredSelectMultiple,
} from './widgets/related-widgets.js';
/** The "+" and pencil links beside a relation's select, opening the related add/change page as a popup. */
export { RelatedFieldWidgetWrapper, type RelatedLinks } from './widgets/related-field-wrapper.js';
/** `manouche check` for the admin (admin.E0xx). */
export { adminCheck, checkModelAdmin, checkDependencies } from './checks.js';
/** Errors, each with a stable code. */
export { AlreadyRegistered, NotRegistered, AdminConfigurationError } from './errors.js';
