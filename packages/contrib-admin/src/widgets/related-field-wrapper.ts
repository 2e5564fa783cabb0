/**
 * The add and change links beside a relation's select (Django's RelatedFieldWidgetWrapper): "+"
 * opens the related model's add page in a popup, the pencil the selected object's change page;
 * after saving, the popup sends the object back (templates/admin/popup_response.html) and
 * `static/admin/js/related-widgets.js` adds or renames the option. Shown only when the related
 * model is registered on the same site and the user may add (or change) its objects.
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
 * const links: RelatedLinks = { addUrl: '/admin/library/publisher/add/?_to_field=id&_popup=1', changeUrlTemplate: null, verboseName: 'publisher', modelName: 'publisher' };
 */
export interface RelatedLinks {
  /** The related add page as a popup, or null without add permission. */
  addUrl: string | null;
  /** The related change page with `__fk__` for the chosen value, or null (many-to-many, or no change permission). */
  changeUrlTemplate: string | null;
  /** The related model's verbose name, for the links' titles. */
  verboseName: string;
  /** The related model's name (`data-model-ref`). */
  modelName: string;
}

/**
 * A relation's widget with the add and change links after it; everything else is the wrapped widget's.
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
    const inner = this.widget.render(name, value, attrs);
    const id = String(attrs.id ?? this.attrs.id ?? '');
    const { addUrl, changeUrlTemplate, verboseName, modelName } = this.links;
    let links = '';
    if (changeUrlTemplate) {
      const chosen = Array.isArray(value) ? null : this.widget.formatValue(value);
      const title = `Change selected ${verboseName}`;
      const href = chosen ? ` href="${escapeHtml(changeUrlTemplate.replace('__fk__', encodeURIComponent(chosen)))}"` : ' hidden';
      links += ` <a class="related-widget-wrapper-link change-related" id="change_${escapeHtml(id)}" data-href-template="${escapeHtml(changeUrlTemplate)}" data-popup="yes" title="${escapeHtml(title)}"${href}><span aria-hidden="true">✎</span><span class="visually-hidden">${escapeHtml(title)}</span></a>`;
    }
    if (addUrl) {
      const title = `Add another ${verboseName}`;
      links += ` <a class="related-widget-wrapper-link add-related" id="add_${escapeHtml(id)}" href="${escapeHtml(addUrl)}" data-popup="yes" title="${escapeHtml(title)}"><span aria-hidden="true">+</span><span class="visually-hidden">${escapeHtml(title)}</span></a>`;
    }
    return `<div class="related-widget-wrapper" data-model-ref="${escapeHtml(modelName)}">${inner}${links}</div>`;
  }
}

/**
 * The links of each relation of `ma`'s forms that gets them, by field name: selects, autocompletes
 * and filterHorizontal boxes, not raw-id inputs (they have the lookup), as in Django.
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
    // Django offers no change link for a multiple choice: which object would it open?
    const canChange = field instanceof ForeignKeyField && (await remoteAdmin.hasChangePermission(request));
    if (!canAdd && !canChange) continue;
    const query = new URLSearchParams([
      [TO_FIELD_VAR, relationTargetField(ma.model, field)],
      [IS_POPUP_VAR, '1'],
    ]);
    const { appLabel, modelName } = remote._meta;
    links.set(name, {
      addUrl: canAdd ? `${site.reverse(`${appLabel}_${modelName}_add`)}?${query}` : null,
      changeUrlTemplate: canChange ? `${site.reverse(`${appLabel}_${modelName}_change`, ['__fk__'])}?${query}` : null,
      verboseName: remote._meta.verboseName,
      modelName,
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
