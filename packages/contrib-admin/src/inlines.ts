/**
 * Inlines (Django's TabularInline and StackedInline): the objects of a related model that point
 * at the object being edited, edited on its add/change page. `tabularInline(Choice, { extra: 3 })`
 * declares one; `register(Question, { inlines: [...] })` puts it on the page.
 */
import type { CheckMessage } from '@manouche/contracts';
import type { HttpRequest } from '@manouche/core';
import { ForeignKeyField, type Model, type ModelClass, type QuerySet } from '@manouche/orm';
import { checkModelAdmin } from './checks.js';
import type { DisplayFunction } from './display.js';
import { AdminConfigurationError } from './errors.js';
import { capfirst, ModelAdmin } from './model-admin.js';
import type { FieldName, Fieldset, ForeignKeyName, ManyToManyName, MethodName, OrderingItem, RelationName } from './options.js';

/**
 * The options of an inline, with field names typed against the inline's model.
 *
 * @example
 * tabularInline(Choice, { extra: 0, minNum: 2, maxNum: 10, fields: ['choiceText', 'votes'], readonlyFields: ['votes'] });
 */
export interface InlineOptions<M extends Model = Model> {
  /** The foreign key to the parent, when the model has several. */
  fkName?: ForeignKeyName<M>;
  /** Blank forms offered after the existing objects (default 3). */
  extra?: number;
  /** At least this many forms are shown, and must be filled in. */
  minNum?: number;
  /** At most this many objects (default: no limit). */
  maxNum?: number;
  /** A "Delete?" checkbox on each existing object (default true). */
  canDelete?: boolean;
  /** The fields of each form, in order (default: every editable field but the foreign key). */
  fields?: ReadonlyArray<FieldName<M>>;
  /** Fields left out of the forms. */
  exclude?: ReadonlyArray<FieldName<M>>;
  /** Stacked inlines: each form in titled sections. */
  fieldsets?: ReadonlyArray<Fieldset<M>>;
  /** Fields shown as text, never written from the form. */
  readonlyFields?: ReadonlyArray<FieldName<M> | MethodName<M> | DisplayFunction<M>>;
  /** The heading of one object (default: the model's verbose name). */
  verboseName?: string;
  /** The heading of the group (default: the model's verbose plural). */
  verboseNamePlural?: string;
  /** CSS classes of the group (`['collapse']` folds it). */
  classes?: readonly string[];
  /** A "Change" link to each existing object's own admin page (when it is registered). */
  showChangeLink?: boolean;
  /** Relations shown as an id input with a lookup popup, as on a ModelAdmin. */
  rawIdFields?: ReadonlyArray<RelationName<M>>;
  /** Relations chosen by searching the related admin's searchFields, as on a ModelAdmin. */
  autocompleteFields?: ReadonlyArray<RelationName<M>>;
  /** Many-to-many relations as two filterable boxes side by side. */
  filterHorizontal?: ReadonlyArray<ManyToManyName<M>>;
  /** Many-to-many relations as two filterable boxes, stacked. */
  filterVertical?: ReadonlyArray<ManyToManyName<M>>;
  /** The order of the existing objects (default: the model's ordering). */
  ordering?: ReadonlyArray<OrderingItem<M>>;
  /** Narrows the objects shown (the parent's filter is applied on top). */
  getQueryset?(request: HttpRequest, queryset: QuerySet<M>): QuerySet<M>;
  /** Overrides: may this request's user view/add/change/delete these objects on this parent? */
  hasViewPermission?(request: HttpRequest, parent?: Model | null): boolean | Promise<boolean>;
  hasAddPermission?(request: HttpRequest, parent?: Model | null): boolean | Promise<boolean>;
  hasChangePermission?(request: HttpRequest, parent?: Model | null): boolean | Promise<boolean>;
  hasDeletePermission?(request: HttpRequest, parent?: Model | null): boolean | Promise<boolean>;
}

/**
 * An inline as declared: its layout, model and options (what `inlines: [...]` holds).
 *
 * @example
 * const choiceInline: InlineAdmin<Choice> = tabularInline(Choice, { extra: 3 });
 * admin.register(Question, { inlines: [choiceInline] });
 */
export interface InlineAdmin<M extends Model = Model> {
  readonly kind: 'tabular' | 'stacked';
  readonly model: ModelClass<M>;
  readonly options: InlineOptions<M>;
}

/**
 * An inline laid out as a table, one row per object (Django's TabularInline).
 *
 * @example
 * admin.register(Question, { inlines: [tabularInline(Choice, { extra: 3 })] });
 */
export function tabularInline<M extends Model>(model: ModelClass<M>, options: InlineOptions<M> = {}): InlineAdmin<M> {
  return Object.freeze({ kind: 'tabular', model, options });
}

/**
 * An inline laid out as one form after another (Django's StackedInline).
 *
 * @example
 * admin.register(Post, { inlines: [stackedInline(Comment, { extra: 1, fields: ['name', 'body', 'active'] })] });
 */
export function stackedInline<M extends Model>(model: ModelClass<M>, options: InlineOptions<M> = {}): InlineAdmin<M> {
  return Object.freeze({ kind: 'stacked', model, options });
}

/** The foreign key of `model` to `parent`, or the reason there is none (Django's admin.E202 messages). */
function findForeignKey(parent: ModelClass, model: ModelClass, fkName: string | undefined): ForeignKeyField | string {
  const candidates = model._meta.fields.filter(
    (field): field is ForeignKeyField => field instanceof ForeignKeyField && model._meta.remoteModel(field) === parent && (!fkName || field.name === fkName),
  );
  const label = (m: ModelClass) => `${m._meta.appLabel}.${m.name}`;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) return `'${label(model)}' has more than one ForeignKey to '${label(parent)}'. You must specify a 'fkName' attribute.`;
  return fkName ? `fkName '${fkName}' is not a ForeignKey to '${label(parent)}'.` : `'${label(model)}' has no ForeignKey to '${label(parent)}'.`;
}

/**
 * One inline of one registration, resolved: the foreign key, the form's fields and the
 * permissions (Django's InlineModelAdmin). Field display and permission codenames come from a
 * ModelAdmin of the inline's model.
 *
 * @example
 * const questionAdmin = admin.site.findModelAdmin('polls', 'question')!;
 * const choices = new InlineModelAdmin(questionAdmin, tabularInline(Choice, { extra: 3 }));
 * [choices.fk.name, choices.defaultPrefix]; // ['question', 'choice_set']
 */
export class InlineModelAdmin<M extends Model = Model> {
  /** The inline's model as the admin sees it (fields, read-only values, `<app>.add_<model>` permissions). */
  readonly child: ModelAdmin<M>;
  readonly kind: 'tabular' | 'stacked';
  readonly options: InlineOptions<M>;
  readonly extra: number;
  readonly minNum: number;
  readonly maxNum: number | null;
  readonly canDelete: boolean;
  private resolvedFk: ForeignKeyField | undefined;

  constructor(
    readonly parent: ModelAdmin<Model>,
    definition: InlineAdmin<M>,
  ) {
    this.kind = definition.kind;
    this.options = definition.options;
    const { fields, exclude, fieldsets, readonlyFields, getQueryset, rawIdFields, autocompleteFields, filterHorizontal, filterVertical, ordering } =
      definition.options;
    this.child = new ModelAdmin(definition.model, {
      fields,
      exclude,
      fieldsets,
      readonlyFields,
      getQueryset,
      rawIdFields,
      autocompleteFields,
      filterHorizontal,
      filterVertical,
      ordering,
    });
    inlineParents.set(this.child as unknown as ModelAdmin<Model>, parent);
    this.extra = definition.options.extra ?? 3;
    this.minNum = definition.options.minNum ?? 0;
    this.maxNum = definition.options.maxNum ?? null;
    this.canDelete = definition.options.canDelete ?? true;
  }

  get model(): ModelClass<M> {
    return this.child.model;
  }

  /** The foreign key to the parent model (an AdminConfigurationError naming admin.E202 when there is none or several). */
  get fk(): ForeignKeyField {
    if (this.resolvedFk) return this.resolvedFk;
    const found = findForeignKey(this.parent.model as unknown as ModelClass, this.model as unknown as ModelClass, this.options.fkName);
    if (typeof found === 'string') throw new AdminConfigurationError(`${found} (admin.E202, an inline of ${this.parentLabel()})`);
    this.resolvedFk = found;
    return found;
  }

  private parentLabel(): string {
    return `${this.parent.opts.appLabel}.${this.parent.model.name}`;
  }

  get verboseName(): string {
    return this.options.verboseName ?? this.child.opts.verboseName;
  }

  get verboseNamePlural(): string {
    return this.options.verboseNamePlural ?? (this.options.verboseName ? `${this.options.verboseName}s` : this.child.opts.verboseNamePlural);
  }

  /** The input prefix: the reverse accessor's name (`choices`, `choice_set`), as Django's inline formsets use. */
  get defaultPrefix(): string {
    return this.fk.relatedName ?? `${this.child.opts.modelName}_set`;
  }

  /** Django's rule: an inline needs the inline model's permission (the parent object is passed to overrides). */
  async hasAddPermission(request: HttpRequest, parent: Model | null): Promise<boolean> {
    return this.options.hasAddPermission ? await this.options.hasAddPermission(request, parent) : this.child.hasAddPermission(request);
  }

  async hasChangePermission(request: HttpRequest, parent: Model | null): Promise<boolean> {
    return this.options.hasChangePermission ? await this.options.hasChangePermission(request, parent) : this.child.hasChangePermission(request);
  }

  async hasDeletePermission(request: HttpRequest, parent: Model | null): Promise<boolean> {
    return this.options.hasDeletePermission ? await this.options.hasDeletePermission(request, parent) : this.child.hasDeletePermission(request);
  }

  /** View permission, or change permission (which implies view). */
  async hasViewPermission(request: HttpRequest, parent: Model | null): Promise<boolean> {
    if (this.options.hasViewPermission) return await this.options.hasViewPermission(request, parent);
    return (await this.child.hasViewPermission(request)) || (await this.hasChangePermission(request, parent));
  }

  /**
   * The objects the inline may show: the inline model's queryset narrowed by `getQueryset` (the
   * formset adds the parent's filter), in the inline's `ordering` when it has one (Django's
   * BaseModelAdmin.get_queryset).
   */
  getQueryset(request: HttpRequest): QuerySet<M> {
    const queryset = this.child.getQueryset(request);
    const ordering = this.options.ordering as readonly string[] | undefined;
    return ordering?.length ? queryset.orderBy(...(ordering as never[])) : queryset;
  }

  /** The capitalised heading of the group. */
  get title(): string {
    return capfirst(this.verboseNamePlural);
  }
}

/** The registration an inline's ModelAdmin belongs to (its widgets use that registration's site). */
const inlineParents = new WeakMap<ModelAdmin<Model>, ModelAdmin<Model>>();

/** The registration whose inline `child` is, or undefined for a registration itself. */
export function inlineParentOf(child: ModelAdmin<Model>): ModelAdmin<Model> | undefined {
  return inlineParents.get(child);
}

/** The resolved inlines of a registration (one set per ModelAdmin). */
const resolved = new WeakMap<ModelAdmin<Model>, InlineModelAdmin<Model>[]>();

/** The inlines of a registration, resolved once. */
export function inlinesOf(ma: ModelAdmin<Model>): InlineModelAdmin<Model>[] {
  let inlines = resolved.get(ma);
  if (!inlines) {
    inlines = ((ma.options.inlines ?? []) as ReadonlyArray<InlineAdmin<Model>>).map((definition) => new InlineModelAdmin(ma, definition));
    resolved.set(ma, inlines);
  }
  return inlines;
}

/** The problems of a registration's inlines, with Django's ids (admin.E104…E206 and the field checks of each inline). */
export function checkInlines(ma: ModelAdmin<Model>): CheckMessage[] {
  const messages: CheckMessage[] = [];
  const parentLabel = `${ma.opts.appLabel}.${ma.model.name}`;
  const inlines = ma.options.inlines as unknown;
  if (inlines === undefined) return messages;
  const error = (id: string, message: string, obj = `${parentLabel} (admin)`) => messages.push({ id, level: 'error', message, obj });
  if (!Array.isArray(inlines)) {
    error('admin.E103', "The value of 'inlines' must be a list or tuple.");
    return messages;
  }
  inlines.forEach((definition: Partial<InlineAdmin<Model>> | null, index) => {
    const model = definition?.model as ModelClass | undefined;
    if (!definition || (definition.kind !== 'tabular' && definition.kind !== 'stacked')) {
      error('admin.E104', `The value of 'inlines[${index}]' must be made by tabularInline() or stackedInline().`);
      return;
    }
    if (!model?._meta) {
      error('admin.E106', `The value of 'inlines[${index}].model' must be a Model.`);
      return;
    }
    const obj = `${model._meta.appLabel}.${model.name} (inline of ${parentLabel})`;
    const options = (definition.options ?? {}) as Record<string, unknown>;
    const fk = findForeignKey(ma.model as unknown as ModelClass, model, options.fkName as string | undefined);
    if (typeof fk === 'string') {
      error('admin.E202', fk, obj);
      return;
    }
    if (((options.exclude as unknown[] | undefined) ?? []).includes(fk.name))
      error('admin.E201', `Cannot exclude the field '${fk.name}', because it is the foreign key to the parent model '${parentLabel}'.`, obj);
    for (const [key, id] of [
      ['extra', 'admin.E203'],
      ['maxNum', 'admin.E204'],
      ['minNum', 'admin.E205'],
    ] as const) {
      const value = options[key];
      if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0)) error(id, `The value of '${key}' must be a non-negative integer.`, obj);
    }
    const child = new ModelAdmin(model, {
      fields: options.fields as never,
      exclude: options.exclude as never,
      fieldsets: options.fieldsets as never,
      readonlyFields: options.readonlyFields as never,
      rawIdFields: options.rawIdFields as never,
      autocompleteFields: options.autocompleteFields as never,
      filterHorizontal: options.filterHorizontal as never,
      filterVertical: options.filterVertical as never,
      ordering: options.ordering as never,
    });
    for (const message of checkModelAdmin(child)) messages.push({ ...message, obj });
  });
  return messages;
}
