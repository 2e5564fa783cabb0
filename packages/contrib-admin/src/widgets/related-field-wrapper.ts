/**
 * The links beside a relation's select (Django's RelatedFieldWidgetWrapper): "+" opens the related
 * model's add page in a popup, the pencil the selected object's change page, the × its delete page,
 * the eye its change page in the window itself. After saving (or deleting), the popup sends the
 * object back (templates/admin/popup_response.html) and `static/admin/js/related-widgets.js`
 * adds, renames or removes the option, in this select and in every other one of the page marked
 * with the same `data-model-ref`. Each link needs the related model's admin on the same site and
 * the matching permission.
 */
import { escapeHtml } from '@manouche/contracts/text';
import type { HttpRequest } from '@manouche/core';
import { ModelChoiceField, Widget, type Attrs, type DataSource, type FileSource, type Field as FormField, type Media, type ModelForm } from '@manouche/forms';
import { ForeignKeyField, ManyToManyField, type Model, type ModelClass } from '@manouche/orm';
import { IS_POPUP_VAR, TO_FIELD_VAR } from '../change-list.js';
import type { ModelAdmin } from '../model-admin.js';
import { relationTargetField, siteOf } from './admin-form.js';
import { ForeignKeyRawIdWidget } from './related-widgets.js';

/**
 * What the links of one relation point at.
 *
 * @example
 * const links: RelatedLinks = {
 *   addUrl: '/admin/library/publisher/add/?_to_field=id&_popup=1',
 *   changeUrlTemplate: null,
 *   deleteUrlTemplate: null,
 *   viewUrlTemplate: '/admin/library/publisher/__fk__/change/?_to_field=id',
 *   verboseName: 'publisher',
 *   modelName: 'publisher',
 *   limitsChoices: false,
 * };
 */
export interface RelatedLinks {
  /** The related add page as a popup, or null without add permission. */
  addUrl: string | null;
  /** The related change page as a popup with `__fk__` for the chosen value, or null (many-to-many, or no change permission). */
  changeUrlTemplate: string | null;
  /** The related delete page as a popup with `__fk__`, or null (many-to-many, no delete permission, or a CASCADE relation). */
  deleteUrlTemplate: string | null;
  /** The related change page opened in the window itself with `__fk__`, or null (many-to-many, or no view permission). */
  viewUrlTemplate: string | null;
  /** The related model's verbose name, for the links' titles. */
  verboseName: string;
  /** The related model's name (`data-model-ref`). */
  modelName: string;
  /**
   * The relation narrows its choices (limitChoicesTo): its select is left out of the page-wide
   * updates, since an object added elsewhere may not be one it offers (Django drops data-model-ref).
   */
  limitsChoices: boolean;
}

/**
 * A relation's widget with its links after it; everything else is the wrapped widget's. The select
 * is marked `data-context="available-source"`: the one the page-wide updates of popups write to.
 *
 * @example
 * // The admin wraps the selects of relations whose model is on the site:
 * // <div class="related-widget-wrapper"><select name="publisher">…</select> <a class="add-related" href="/admin/library/publisher/add/?_to_field=id&_popup=1">+</a></div>
 */
export class RelatedFieldWidgetWrapper extends Widget {
  constructor(
    readonly widget: Widget,
    readonly links: RelatedLinks,
  ) {
    super();
    // One attrs object, so the field's attrs still reach the select.
    this.attrs = widget.attrs;
    this.isRequired = widget.isRequired;
    Object.assign(this, { isHidden: widget.isHidden, needsMultipartForm: widget.needsMultipartForm, useFieldset: widget.useFieldset });
  }

  override clone(): this {
    const copy = super.clone();
    (copy as { widget: Widget }).widget = this.widget.clone();
    copy.attrs = copy.widget.attrs;
    return copy;
  }

  override get media(): Media {
    return this.widget.media;
  }

  override formatValue(value: unknown): string | null {
    return this.widget.formatValue(value);
  }

  override valueFromDatadict(data: DataSource, files: FileSource, name: string): unknown {
    return this.widget.valueFromDatadict(data, files, name);
  }

  override valueOmittedFromData(data: DataSource, files: FileSource, name: string): boolean {
    return this.widget.valueOmittedFromData(data, files, name);
  }

  override idForLabel(id: string): string {
    return this.widget.idForLabel(id);
  }

  override useRequiredAttribute(initial: unknown): boolean {
    return this.widget.useRequiredAttribute(initial);
  }

  render(name: string, value: unknown, attrs: Attrs = {}): string {
    this.widget.isRequired = this.isRequired;
    const inner = this.widget.render(name, value, { ...attrs, 'data-context': 'available-source' });
    const id = String(attrs.id ?? this.attrs.id ?? '');
    const { addUrl, changeUrlTemplate, deleteUrlTemplate, viewUrlTemplate, verboseName, modelName, limitsChoices } = this.links;
    const chosen = Array.isArray(value) ? null : this.widget.formatValue(value);
    // The links that act on the chosen object follow it (related-widgets.js); none chosen, none shown.
    const chosenLink = (kind: string, template: string, title: string, icon: string, popup: boolean) => {
      const href = chosen ? ` href="${escapeHtml(template.replace('__fk__', encodeURIComponent(chosen)))}"` : ' hidden';
      const popupAttr = popup ? ' data-popup="yes"' : '';
      return ` <a class="related-widget-wrapper-link ${kind}-related" id="${kind}_${escapeHtml(id)}" data-href-template="${escapeHtml(template)}"${popupAttr} title="${escapeHtml(title)}"${href}><span aria-hidden="true">${icon}</span><span class="visually-hidden">${escapeHtml(title)}</span></a>`;
    };
    let links = '';
    if (changeUrlTemplate) links += chosenLink('change', changeUrlTemplate, `Change selected ${verboseName}`, '✎', true);
    if (addUrl) {
      const title = `Add another ${verboseName}`;
      links += ` <a class="related-widget-wrapper-link add-related" id="add_${escapeHtml(id)}" href="${escapeHtml(addUrl)}" data-popup="yes" title="${escapeHtml(title)}"><span aria-hidden="true">+</span><span class="visually-hidden">${escapeHtml(title)}</span></a>`;
    }
    if (deleteUrlTemplate) links += chosenLink('delete', deleteUrlTemplate, `Delete selected ${verboseName}`, '×', true);
    if (viewUrlTemplate) links += chosenLink('view', viewUrlTemplate, `View selected ${verboseName}`, '◉', false);
    const modelRef = limitsChoices ? '' : ` data-model-ref="${escapeHtml(modelName)}"`;
    return `<div class="related-widget-wrapper"${modelRef}>${inner}${links}</div>`;
  }
}

/**
 * The links of each relation of `ma`'s forms that gets them, by field name: selects, autocompletes
 * and filterHorizontal boxes, not raw-id inputs (they have the lookup), as in Django
 * (ModelAdmin.formfield_for_dbfield): each link needs its permission on the related model's admin.
 */
export async function relatedLinksOf(ma: ModelAdmin<Model>, request: HttpRequest, names: Iterable<string>): Promise<Map<string, RelatedLinks>> {
  const links = new Map<string, RelatedLinks>();
  const site = siteOf(ma);
  if (!site) return links;
  const rawIds = new Set((ma.options.rawIdFields ?? []) as readonly string[]);
  for (const name of names) {
    const field = ma.opts.getField(name);
    if (!(field instanceof ForeignKeyField || field instanceof ManyToManyField) || rawIds.has(name)) continue;
    const remote = ma.model._meta.remoteModel(field as never) as ModelClass;
    const remoteAdmin = site.findModelAdmin(remote._meta.appLabel, remote._meta.modelName);
    if (!remoteAdmin) continue;
    const canAdd = await remoteAdmin.hasAddPermission(request);
    // Django offers none of the links acting on the chosen object for a multiple choice: which object would they open?
    const single = field instanceof ForeignKeyField;
    const canChange = single && (await remoteAdmin.hasChangePermission(request));
    // Deleting the related object would delete the one being edited with it (Django's check of CASCADE).
    const canDelete = single && field.onDelete !== 'CASCADE' && (await remoteAdmin.hasDeletePermission(request));
    const canView = single && (await remoteAdmin.hasViewPermission(request));
    if (!canAdd && !canChange && !canDelete && !canView) continue;
    const query = new URLSearchParams([
      [TO_FIELD_VAR, relationTargetField(ma.model, field)],
      [IS_POPUP_VAR, '1'],
    ]);
    const viewQuery = new URLSearchParams([[TO_FIELD_VAR, relationTargetField(ma.model, field)]]);
    const { appLabel, modelName } = remote._meta;
    const changeUrl = site.reverse(`${appLabel}_${modelName}_change`, ['__fk__']);
    links.set(name, {
      addUrl: canAdd ? `${site.reverse(`${appLabel}_${modelName}_add`)}?${query}` : null,
      changeUrlTemplate: canChange ? `${changeUrl}?${query}` : null,
      deleteUrlTemplate: canDelete ? `${site.reverse(`${appLabel}_${modelName}_delete`, ['__fk__'])}?${query}` : null,
      viewUrlTemplate: canView ? `${changeUrl}?${viewQuery}` : null,
      verboseName: remote._meta.verboseName,
      modelName,
      limitsChoices: Boolean(field.options.limitChoicesTo),
    });
  }
  return links;
}

/** Wraps the widgets of a form's relations in their links (after `loadChoices`; a form wrapped twice is left as it is). */
export function wrapRelatedWidgets(form: ModelForm, links: ReadonlyMap<string, RelatedLinks>): void {
  const fields = (form as unknown as { fields: Record<string, FormField> }).fields;
  for (const [name, related] of links) {
    const formField = fields[name];
    if (!(formField instanceof ModelChoiceField) || formField.disabled) continue;
    if (formField.widget instanceof RelatedFieldWidgetWrapper || formField.widget instanceof ForeignKeyRawIdWidget || formField.widget.isHidden) continue;
    formField.widget = new RelatedFieldWidgetWrapper(formField.widget, related);
  }
}
