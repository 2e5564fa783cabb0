/**
 * The admin's widgets for relations (Django's admin widgets): rawIdFields as an input of ids with
 * a lookup popup, autocompleteFields as a select the browser turns into a search box, and
 * filterHorizontal/filterVertical as two filterable boxes. Each renders plain HTML that works
 * without JavaScript; `static/admin/js/related-widgets.js` enhances it.
 */
import { escapeHtml } from '@manouche/contracts/text';
import { Select, SelectMultiple, TextInput, type Attrs, type DataSource, type FileSource } from '@manouche/forms';

/** The current object of a raw id input, as shown beside it. */
export interface LookupLabel {
  text: string;
  /** Its change page, or null when its model is not on the site. */
  url: string | null;
}

/**
 * A foreign key as a text input of the related object's id, a lookup link to the related model's
 * change list as a popup, and the current object's label (Django's ForeignKeyRawIdWidget).
 *
 * @example
 * admin.register(Post, { rawIdFields: ['author'] }); // the form's author field uses this widget
 * new ForeignKeyRawIdWidget().render('author', 3, { id: 'id_author' }); // <input type="text" name="author" value="3" id="id_author" class="vForeignKeyRawIdAdminField">
 */
export class ForeignKeyRawIdWidget extends TextInput {
  /** The related change list (with `_to_field`), or null when its model is not on the site. */
  lookupUrl: string | null = null;
  /** The current object's label, read before rendering. */
  label: LookupLabel | null = null;
  protected readonly cssClass: string = 'vForeignKeyRawIdAdminField';

  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    const all: Attrs = { ...attrs, class: [this.attrs.class, this.cssClass].filter(Boolean).join(' ') };
    let html = super.render(name, value, all);
    const id = attrs.id ? String(attrs.id) : '';
    if (this.lookupUrl)
      html += `<a href="${escapeHtml(this.lookupUrl)}" class="related-lookup" id="lookup_${escapeHtml(id)}" title="Lookup" data-popup-target="${escapeHtml(id)}"><span class="visually-hidden">Lookup</span></a>`;
    if (this.label && !all.disabled) {
      const text = escapeHtml(this.label.text);
      html += `&nbsp;<strong class="related-label" data-for="${escapeHtml(id)}">${this.label.url ? `<a href="${escapeHtml(this.label.url)}">${text}</a>` : text}</strong>`;
    }
    return html;
  }
}

/**
 * Many-to-many as a comma-separated list of ids with a lookup popup that appends (Django's ManyToManyRawIdWidget).
 *
 * @example
 * admin.register(Post, { rawIdFields: ['tags'] });
 * new ManyToManyRawIdWidget().render('tags', [1, 4, 7]); // <input type="text" name="tags" value="1,4,7" class="vManyToManyRawIdAdminField">
 */
export class ManyToManyRawIdWidget extends ForeignKeyRawIdWidget {
  protected override readonly cssClass = 'vManyToManyRawIdAdminField';

  override formatValue(value: unknown): string | null {
    if (Array.isArray(value)) return value.length ? value.map(String).join(',') : null;
    return super.formatValue(value);
  }

  override valueFromDatadict(data: DataSource, _files: FileSource, name: string): unknown {
    const value = data.get(name);
    if (!value) return [];
    return String(value)
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  }

  override valueOmittedFromData(): boolean {
    // An emptied input sends '' and an absent one sends nothing: both mean "none".
    return false;
  }
}

/** What the autocomplete widgets tell the script: where to search and for which field. */
export interface AutocompleteTarget {
  url: string;
  appLabel: string;
  modelName: string;
  fieldName: string;
}

function autocompleteAttrs(target: AutocompleteTarget | null, attrs: Attrs, required: boolean, placeholder: string): Attrs {
  if (!target) return attrs;
  return {
    ...attrs,
    class: [attrs.class, 'admin-autocomplete'].filter(Boolean).join(' '),
    'data-ajax--url': target.url,
    'data-app-label': target.appLabel,
    'data-model-name': target.modelName,
    'data-field-name': target.fieldName,
    'data-allow-clear': required ? 'false' : 'true',
    'data-placeholder': placeholder,
  };
}

/**
 * A foreign key chosen by searching: a select holding only the current choice, which the
 * script turns into a combobox asking `admin/autocomplete/` (Django's AutocompleteSelect).
 *
 * @example
 * admin.register(Author, { searchFields: ['name'] }); // the autocomplete searches these (admin.E040 without)
 * admin.register(Post, { autocompleteFields: ['author'] });
 */
export class AutocompleteSelect extends Select {
  target: AutocompleteTarget | null = null;
  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    return super.render(name, value, autocompleteAttrs(this.target, { ...this.attrs, ...attrs }, this.isRequired, ''));
  }
}

/**
 * Many-to-many chosen by searching (Django's AutocompleteSelectMultiple).
 *
 * @example
 * admin.register(Tag, { searchFields: ['name'] });
 * admin.register(Post, { autocompleteFields: ['tags'] });
 */
export class AutocompleteSelectMultiple extends SelectMultiple {
  target: AutocompleteTarget | null = null;
  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    return super.render(name, value, autocompleteAttrs(this.target, { ...this.attrs, ...attrs }, this.isRequired, ''));
  }
}

/**
 * Many-to-many as two filterable boxes, available and chosen (Django's FilteredSelectMultiple); a plain multiple select without the script.
 *
 * @example
 * admin.register(Post, { filterHorizontal: ['tags'] }); // or filterVertical: stacked boxes
 * ModelForm.define(Post, { fields: ['title', 'tags'], widgets: { tags: new FilteredSelectMultiple('tags', false) } });
 */
export class FilteredSelectMultiple extends SelectMultiple {
  constructor(
    readonly verboseName: string,
    readonly isStacked: boolean,
  ) {
    super({ attrs: { class: isStacked ? 'selectfilterstacked' : 'selectfilter', 'data-field-name': verboseName, 'data-is-stacked': isStacked ? '1' : '0' } });
  }
}
