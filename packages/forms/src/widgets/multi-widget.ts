/** Django's MultiWidget: one field shown as several widgets, its value split by `decompress()`. */
import type { DataSource, FileSource } from '../form-data.js';
import type { Media } from '../media.js';
import { Widget, type Attrs, type WidgetClass, type WidgetOptions } from './widget.js';

/** Options of a MultiWidget. */
export interface MultiWidgetOptions extends WidgetOptions {
  /** The widgets in order (instances or classes), or by name suffix: `{ '': TextInput, '_unit': Select }`. */
  widgets: ReadonlyArray<Widget | WidgetClass> | Readonly<Record<string, Widget | WidgetClass>>;
}

/**
 * Several widgets for one field: `<name>_0`, `<name>_1`, … (or `<name><suffix>` with named widgets),
 * read back as a list. Subclass it and implement `decompress()` to split a single value.
 *
 * @example
 * class PhoneWidget extends MultiWidget {
 *   constructor() { super({ widgets: [TextInput, TextInput] }); }
 *   override decompress(value: unknown) { return typeof value === 'string' ? value.split('-') : [null, null]; }
 * }
 */
export class MultiWidget extends Widget {
  override readonly useFieldset = true;
  widgets: Widget[];
  /** The name suffix of each widget (`_0`, `_1`, … by default). */
  readonly widgetsNames: string[];

  constructor(options: MultiWidgetOptions) {
    super(options);
    const given = options.widgets;
    const entries: Array<[string, Widget | WidgetClass]> = Array.isArray(given)
      ? (given as Array<Widget | WidgetClass>).map((w, i) => [`_${i}`, w])
      : Object.entries(given as Record<string, Widget | WidgetClass>);
    this.widgetsNames = entries.map(([suffix]) => suffix);
    this.widgets = entries.map(([, w]) => (typeof w === 'function' ? new w() : w.clone()));
    (this as { isHidden: boolean }).isHidden = this.widgets.every((w) => w.isHidden);
    (this as { needsMultipartForm: boolean }).needsMultipartForm = this.widgets.some((w) => w.needsMultipartForm);
  }

  override clone(): this {
    const copy = super.clone();
    copy.widgets = this.widgets.map((w) => w.clone());
    return copy;
  }

  /** Splits a single value into one value per widget; a list is used as it is. */
  decompress(value: unknown): unknown[] {
    if (value === null || value === undefined || value === '') return this.widgets.map(() => null);
    throw new TypeError(
      `${this.constructor.name}.decompress() is not implemented: subclass MultiWidget and split ${typeof value} values into ${this.widgets.length} parts.`,
    );
  }

  /** The value of each widget. */
  protected splitValue(value: unknown): unknown[] {
    return Array.isArray(value) ? value : this.decompress(value);
  }

  render(name: string, value: unknown, attrs: Attrs = {}): string {
    const values = this.splitValue(value);
    const all = this.buildAttrs(attrs);
    const id = all.id ? String(all.id) : '';
    return this.widgets
      .map((widget, i) => widget.render(`${name}${this.widgetsNames[i]}`, values[i] ?? null, id ? { ...all, id: `${id}_${i}` } : omitId(all)))
      .join('');
  }

  /** No single input to point a label at: the layout uses a fieldset and legend (Django 4.1+). */
  override idForLabel(): string {
    return '';
  }

  override valueFromDatadict(data: DataSource, files: FileSource, name: string): unknown {
    return this.widgets.map((widget, i) => widget.valueFromDatadict(data, files, `${name}${this.widgetsNames[i]}`));
  }

  override valueOmittedFromData(data: DataSource, files: FileSource, name: string): boolean {
    return this.widgets.every((widget, i) => widget.valueOmittedFromData(data, files, `${name}${this.widgetsNames[i]}`));
  }

  override get media(): Media {
    return this.widgets.reduce((media, widget) => media.add(widget.media), super.media);
  }
}

function omitId(attrs: Attrs): Attrs {
  const rest = { ...attrs };
  delete rest.id;
  return rest;
}
