/**
 * The change form's ModelForm with the admin's relation widgets: rawIdFields and
 * autocompleteFields get fields that never read the whole related table (only the chosen
 * objects, for their labels), filterHorizontal/filterVertical the two-box selector. Before
 * rendering, `loadChoices()` fills in the lookup URLs and the labels of the current values.
 */
import {
  ModelChoiceField,
  ModelForm,
  ModelMultipleChoiceField,
  relatedChoices,
  type Field as FormField,
  type FieldOptions,
  type Widget,
} from '@manouche/forms';
import { ForeignKeyField, ManyToManyField, type Field, type Model, type ModelClass, type QuerySet } from '@manouche/orm';
import { defaultFilters } from '@manouche/templates';
import { AdminSite } from '../admin-site.js';
import { TO_FIELD_VAR } from '../change-list.js';
import { inlineParentOf, inlinesOf } from '../inlines.js';
import { urlParamsFromLookupDict } from '../limit-choices-params.js';
import { isLookupRefusal } from '../list-filters.js';
import { capfirst, fieldLabel, type ModelAdmin } from '../model-admin.js';
import {
  AutocompleteSelect,
  AutocompleteSelectMultiple,
  FilteredSelectMultiple,
  ForeignKeyRawIdWidget,
  ManyToManyRawIdWidget,
  type LookupLabel,
} from './related-widgets.js';

/** A foreign key field whose choices are read one value at a time (the lookup widgets show no list). */
class LookupChoiceField extends ModelChoiceField {
  override async loadChoices(): Promise<void> {
    this.loadedChoices = [];
  }
}

/** The many-to-many counterpart of LookupChoiceField. */
class LookupMultipleChoiceField extends ModelMultipleChoiceField {
  override async loadChoices(): Promise<void> {
    this.loadedChoices = [];
  }
}

type Relation = ForeignKeyField | ManyToManyField;

function isRelation(field: Field | undefined): field is Relation {
  return field instanceof ForeignKeyField || field instanceof ManyToManyField;
}

/** The field of the related model a relation stores (its toField, else the primary key). */
export function relationTargetField(model: ModelClass, field: Relation): string {
  const remote = model._meta.remoteModel(field as never);
  return (field instanceof ForeignKeyField ? (field.options.toField as string | undefined) : undefined) ?? remote._meta.pk.name;
}

/** A form field for a relation shown by a lookup widget (rawIdFields, autocompleteFields). */
function lookupField(ma: ModelAdmin<Model>, field: Relation, widget: Widget): (defaults: FieldOptions) => FormField {
  return (defaults) => {
    const options = {
      required: !field.options.blank,
      label: capfirst(fieldLabel(field)),
      helpText: (field.options.helpText as string | undefined) ?? '',
      queryset: relatedChoices(ma.model, field),
      widget,
      ...(field.hasDefault() ? { initial: field.options.default } : {}),
      ...defaults,
    };
    if (field instanceof ManyToManyField) return new LookupMultipleChoiceField(options);
    return new LookupChoiceField({ ...options, toFieldName: field.options.toField as string | undefined });
  };
}

/** The widgets and field classes the admin's options ask for, as a ModelForm's meta takes them. */
function relationMeta(ma: ModelAdmin<Model>): { widgets: Record<string, Widget>; fieldClasses: Record<string, (defaults: FieldOptions) => FormField> } {
  const widgets: Record<string, Widget> = {};
  const fieldClasses: Record<string, (defaults: FieldOptions) => FormField> = {};
  const relation = (name: string) => {
    const field = ma.opts.getField(name);
    return isRelation(field) ? field : undefined;
  };
  for (const name of (ma.options.rawIdFields ?? []) as string[]) {
    const field = relation(name);
    if (field) fieldClasses[name] = lookupField(ma, field, field instanceof ManyToManyField ? new ManyToManyRawIdWidget() : new ForeignKeyRawIdWidget());
  }
  for (const name of (ma.options.autocompleteFields ?? []) as string[]) {
    const field = relation(name);
    if (field) fieldClasses[name] = lookupField(ma, field, field instanceof ManyToManyField ? new AutocompleteSelectMultiple() : new AutocompleteSelect());
  }
  for (const [option, stacked] of [
    ['filterHorizontal', false],
    ['filterVertical', true],
  ] as const) {
    for (const name of (ma.options[option] ?? []) as string[]) {
      const field = relation(name);
      if (field instanceof ManyToManyField) widgets[name] = new FilteredSelectMultiple(fieldLabel(field), stacked);
    }
  }
  return { widgets, fieldClasses };
}

/** The site a ModelAdmin is registered on, or an inline's registration is (its URLs are that site's). */
export function siteOf(ma: ModelAdmin<Model>): AdminSite | undefined {
  const registration = inlineParentOf(ma) ?? ma;
  return AdminSite.allSites().find((site) => site.registrations().includes(registration));
}

/** The related objects with these stored values (a forged value finds none rather than failing). */
async function objectsFor(queryset: QuerySet<Model>, toField: string, values: readonly unknown[]): Promise<Model[]> {
  const wanted = values.filter((value) => value !== null && value !== undefined && value !== '').map(String);
  if (!wanted.length) return [];
  try {
    return (await queryset.filter({ [`${toField}__in`]: wanted } as never)) as Model[];
  } catch (error) {
    if (isLookupRefusal(error)) return [];
    throw error;
  }
}

/** Fills the lookup URLs and current labels of a form's relation widgets (after `loadChoices`). */
async function prepareRelationWidgets(ma: ModelAdmin<Model>, form: ModelForm): Promise<void> {
  const site = siteOf(ma);
  for (const [name, formField] of Object.entries((form as unknown as { fields: Record<string, FormField> }).fields)) {
    const widget = formField.widget;
    const field = ma.opts.getField(name);
    if (!isRelation(field) || !(formField instanceof ModelChoiceField)) continue;
    const remote = ma.model._meta.remoteModel(field as never) as ModelClass;
    const toField = relationTargetField(ma.model, field);
    const value = form.get(name as never).getValue();
    const values = Array.isArray(value) ? value : [value];
    if (widget instanceof ForeignKeyRawIdWidget) {
      const remoteAdmin = site?.findModelAdmin(remote._meta.appLabel, remote._meta.modelName);
      // Django's url_parameters: the field's limitChoicesTo as filters of the popup's change list, then _to_field.
      const params = new URLSearchParams([...urlParamsFromLookupDict(field.getLimitChoicesTo()), [TO_FIELD_VAR, toField]]);
      widget.lookupUrl = site && remoteAdmin ? `${site.reverse(`${remote._meta.appLabel}_${remote._meta.modelName}_changelist`)}?${params}` : null;
      if (widget instanceof ManyToManyRawIdWidget) continue;
      // Django shows the object whatever limitChoicesTo says: the label describes the stored value.
      const [obj] = await objectsFor((remote.objects as { all(): QuerySet<Model> }).all(), toField, values.slice(0, 1));
      widget.label = obj
        ? ({
            // Django's label is the object's text cut to 14 words.
            text: String(defaultFilters.truncatewords!(String(obj), 14)),
            url: site && remoteAdmin ? site.reverse(`${remote._meta.appLabel}_${remote._meta.modelName}_change`, [String(obj.pk)]) : null,
          } satisfies LookupLabel)
        : null;
    } else if (widget instanceof AutocompleteSelect || widget instanceof AutocompleteSelectMultiple) {
      widget.target = site ? { url: site.reverse('autocomplete'), appLabel: ma.opts.appLabel, modelName: ma.opts.modelName, fieldName: name } : null;
      // Without a site to search (an admin not registered on one), the select offers every object.
      const chosen = site ? await objectsFor(formField.queryset.all(), toField, values) : ((await formField.queryset.all()) as Model[]);
      const choices: Array<readonly [string, string]> = chosen.map(
        (obj) => [String((obj as unknown as Record<string, unknown>)[toField]), String(obj)] as const,
      );
      // Django's rule: a single, optional select offers an empty choice first.
      if (widget instanceof AutocompleteSelect && !formField.required) choices.unshift(['', '']);
      widget.choices = choices;
    }
  }
}

/**
 * The ModelForm class of a ModelAdmin's change form, with the relation widgets its options name.
 *
 * @example
 * const FormClass = defineAdminModelForm(ma, ['title', 'publisher', 'tags']);
 */
export function defineAdminModelForm(ma: ModelAdmin<Model>, names: readonly string[]): typeof ModelForm {
  const Base = ModelForm.define(ma.model as never, { fields: names as never[], ...relationMeta(ma) } as never) as unknown as typeof ModelForm;
  const AdminModelForm = class extends (Base as unknown as new (options?: object) => ModelForm) {
    override async loadChoices(): Promise<void> {
      await super.loadChoices();
      await prepareRelationWidgets(ma, this);
    }
  };
  Object.defineProperty(AdminModelForm, 'name', { value: Base.name, configurable: true });
  return AdminModelForm as unknown as typeof ModelForm;
}

/**
 * Whether `toField` of `ma`'s model may identify its objects in a URL (Django's to_field_allowed):
 * the primary key, or a field some model on the site points at with a relation's toField.
 */
export function toFieldAllowed(site: AdminSite, ma: ModelAdmin<Model>, toField: string): boolean {
  if (toField === ma.opts.pk.name || toField === 'pk') return true;
  // The relations of registered models and of their inlines' models.
  const sources = site.registrations().flatMap((registration) => [registration, ...inlinesOf(registration).map((inline) => inline.child as ModelAdmin<Model>)]);
  for (const other of sources) {
    for (const field of [...other.opts.fields, ...other.opts.manyToMany]) {
      if (!isRelation(field) || other.model._meta.remoteModel(field as never) !== ma.model) continue;
      if (relationTargetField(other.model, field) === toField) return true;
    }
  }
  return false;
}
