/** Widgets with a list of choices: select, select multiple, null-boolean select, radio buttons, checkboxes. */
import { choiceText, isGroup, type ChoiceList, type ChoiceValue } from '../choices.js';
import type { DataSource, FileSource } from '../form-data.js';
import { escapeHtml, renderAttrs } from '../safe-html.js';
import { Widget, type Attrs, type WidgetContext, type WidgetOption, type WidgetOptions } from './widget.js';

/**
 * Options of choice widgets.
 *
 * @example
 * new Select({ choices: [['1', 'One'], ['2', 'Two']], attrs: { class: 'form-select' } }).render('number', '2');
 */
export interface ChoiceWidgetOptions extends WidgetOptions {
  /** Choices; a choice field sets its own, so give them only for a widget used alone. */
  choices?: ChoiceList;
}

type Option = WidgetOption;

/**
 * The common part of choice widgets.
 *
 * @example
 * class ColourSwatches extends ChoiceWidget {
 *   override render(name: string, value: unknown) { return this.choices.map(([v, label]) => `<i title="${label}">${v}</i>`).join(''); }
 * }
 */
export abstract class ChoiceWidget extends Widget {
  /** Set by the field that owns the widget. */
  choices: ChoiceList;
  readonly allowMultipleSelected: boolean = false;

  constructor(options: ChoiceWidgetOptions = {}) {
    super(options);
    this.choices = options.choices ?? [];
  }

  protected selectedSet(value: unknown): Set<string> {
    const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    return new Set(values.map(choiceText));
  }

  /** Options grouped as `[groupLabel | null, options]`, with selection marked. */
  protected optionGroups(value: unknown): Array<[string | null, Option[]]> {
    const selected = this.selectedSet(value);
    let anySelected = false;
    let index = 0;
    const make = (raw: ChoiceValue, label: string): Option => {
      const text = choiceText(raw);
      const isSelected = selected.has(text) && (this.allowMultipleSelected || !anySelected);
      if (isSelected) anySelected = true;
      return { value: text, label, selected: isSelected, index: index++ };
    };
    const groups: Array<[string | null, Option[]]> = [];
    for (const entry of this.choices) {
      if (isGroup(entry)) groups.push([entry[0], entry[1].map(([v, l]) => make(v, l))]);
      else groups.push([null, [make(entry[0] as ChoiceValue, entry[1] as string)]]);
    }
    return groups;
  }

  override valueFromDatadict(data: DataSource, _files: FileSource, name: string): unknown {
    return this.allowMultipleSelected ? data.getAll(name) : data.get(name);
  }
}

/**
 * `<select>`.
 *
 * @example
 * new Select({ choices: [['DF', 'Draft'], ['PB', 'Published']] }).render('status', 'PB');
 * // <select name="status"><option value="DF">Draft</option><option value="PB" selected>Published</option></select>
 */
export class Select extends ChoiceWidget {
  override templateName = 'django/forms/widgets/select.html';

  override getContext(name: string, value: unknown, attrs: Attrs = {}): WidgetContext {
    const context = super.getContext(name, value, this.allowMultipleSelected ? { ...attrs, multiple: true } : attrs);
    context.optgroups = this.optionGroups(value);
    return context;
  }

  render(name: string, value: unknown, attrs: Attrs = {}): string {
    let out = `<select name="${escapeHtml(name)}"${renderAttrs(this.buildAttrs(this.allowMultipleSelected ? { ...attrs, multiple: true } : attrs))}>\n`;
    const option = (o: Option, indent: string) =>
      `${indent}<option value="${escapeHtml(o.value)}"${o.selected ? ' selected' : ''}>${escapeHtml(o.label)}</option>\n`;
    for (const [group, options] of this.optionGroups(value)) {
      if (group === null) for (const o of options) out += option(o, '  ');
      else out += `  <optgroup label="${escapeHtml(group)}">\n${options.map((o) => option(o, '    ')).join('')}  </optgroup>\n`;
    }
    return `${out}</select>`;
  }

  /** `required` only makes sense when the first option is an empty placeholder (HTML's rule). */
  override useRequiredAttribute(initial: unknown): boolean {
    if (!super.useRequiredAttribute(initial)) return false;
    if (this.allowMultipleSelected) return true;
    const first = this.choices[0];
    return first !== undefined && !isGroup(first) && choiceText(first[0]) === '';
  }
}

/**
 * `<select multiple>`.
 *
 * @example
 * tags: forms.multipleChoice({ choices: TAGS, widget: new SelectMultiple({ attrs: { size: 5 } }) }),
 */
export class SelectMultiple extends Select {
  override readonly allowMultipleSelected = true;
  override valueOmittedFromData(): boolean {
    // Nothing selected sends nothing.
    return false;
  }
}

/**
 * A select of Unknown / Yes / No for a nullable boolean.
 *
 * @example
 * new NullBooleanSelect().render('isActive', null); // <select name="isActive"> Unknown / Yes / No, Unknown selected
 */
export class NullBooleanSelect extends Select {
  constructor(options: WidgetOptions = {}) {
    super({
      ...options,
      choices: [
        ['unknown', 'Unknown'],
        ['true', 'Yes'],
        ['false', 'No'],
      ],
    });
  }
  override formatValue(value: unknown): string | null {
    if (value === true || value === 'true' || value === 'True' || value === '2') return 'true';
    if (value === false || value === 'false' || value === 'False' || value === '3') return 'false';
    return 'unknown';
  }
  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    return super.render(name, this.formatValue(value), attrs);
  }
  override getContext(name: string, value: unknown, attrs: Attrs = {}): WidgetContext {
    return super.getContext(name, this.formatValue(value), attrs);
  }
  override valueFromDatadict(data: DataSource, _files: FileSource, name: string): unknown {
    const value = data.get(name);
    if (value === 'true' || value === 'True' || value === '2') return true;
    if (value === 'false' || value === 'False' || value === '3') return false;
    return null;
  }
}

/** Radio buttons or checkboxes, each `<label><input> text</label>` in a `<div>`. */
abstract class InputChoices extends ChoiceWidget {
  override readonly useFieldset = true;
  protected abstract readonly optionType: 'radio' | 'checkbox';

  /** Each option with the attributes of its input (`id_<name>_<index>`, `checked`). */
  private inputOptions(value: unknown, attrs: Attrs): Array<[string | null, Option[]]> {
    const inputAttrs = this.buildAttrs(attrs);
    const id = inputAttrs.id ? String(inputAttrs.id) : '';
    delete inputAttrs.id;
    const groups = this.optionGroups(value);
    for (const [, options] of groups) {
      for (const o of options) o.attrs = { ...inputAttrs, id: id ? `${id}_${o.index}` : undefined, checked: o.selected };
    }
    return groups;
  }

  override getContext(name: string, value: unknown, attrs: Attrs = {}): WidgetContext {
    const context = super.getContext(name, value, attrs);
    context.type = this.optionType;
    context.optgroups = this.inputOptions(value, attrs);
    return context;
  }

  render(name: string, value: unknown, attrs: Attrs = {}): string {
    const all = this.buildAttrs(attrs);
    const id = all.id ? String(all.id) : '';
    const one = (o: Option) => {
      const optionId = o.attrs?.id;
      const input = `<input type="${this.optionType}" name="${escapeHtml(name)}" value="${escapeHtml(o.value)}"${renderAttrs(o.attrs ?? {})}>`;
      return `<div><label${optionId ? ` for="${escapeHtml(String(optionId))}"` : ''}>${input} ${escapeHtml(o.label)}</label></div>\n`;
    };
    let out = `<div${id ? ` id="${escapeHtml(id)}"` : ''}>\n`;
    for (const [group, options] of this.inputOptions(value, attrs)) {
      if (group === null) out += options.map(one).join('');
      else out += `<div><label>${escapeHtml(group)}</label>\n${options.map(one).join('')}</div>\n`;
    }
    return `${out}</div>`;
  }

  /** The group has no single input to point a label at (Django 4+). */
  override idForLabel(): string {
    return '';
  }
}

/**
 * Radio buttons.
 *
 * @example
 * status: forms.choice({ choices: [['DF', 'Draft'], ['PB', 'Published']], widget: RadioSelect }),
 */
export class RadioSelect extends InputChoices {
  override templateName = 'django/forms/widgets/radio.html';
  protected readonly optionType = 'radio';
}

/**
 * Checkboxes, several values.
 *
 * @example
 * toppings: forms.multipleChoice({ choices: TOPPINGS, widget: CheckboxSelectMultiple }),
 */
export class CheckboxSelectMultiple extends InputChoices {
  override templateName = 'django/forms/widgets/checkbox_select.html';
  protected readonly optionType = 'checkbox';
  override readonly allowMultipleSelected = true;
  /** A browser cannot require "at least one" of several checkboxes. */
  override useRequiredAttribute(): boolean {
    return false;
  }
  override valueOmittedFromData(): boolean {
    return false;
  }
}
