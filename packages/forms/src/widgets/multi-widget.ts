/** Django's MultiWidget: one field shown as several widgets, its value split by `decompress()`. */
import type { DataSource, FileSource } from '../form-data.js';
import type { Media } from '../media.js';
import { Widget, type Attrs, type WidgetClass, type WidgetContext, type WidgetOptions } from './widget.js';

/** One widget of a MultiWidget in its template: its context, and its HTML when it has no template file. */
export interface SubwidgetContext extends WidgetContext {
  html?: string;
}

/** What `django/forms/widgets/multiwidget.html` gets: the widget's context and each part's. */
export interface MultiWidgetContext extends WidgetContext {
  subwidgets: SubwidgetContext[];
}

/**
 * Options of a MultiWidget.
 *
 * @example
 * super({ widgets: { '': TextInput, '_unit': new Select({ choices: [['kg', 'kg'], ['lb', 'lb']] }) } }); // inputs weight and weight_unit
 */
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
  override templateName = 'django/forms/widgets/multiwidget.html';
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

  /** Each widget's name, value and attrs, as `render()` and the template lay them out. */
  private parts(name: string, value: unknown, attrs: Attrs): Array<{ widget: Widget; name: string; value: unknown; attrs: Attrs }> {
    const values = this.splitValue(value);
    const all = this.buildAttrs(attrs);
    const id = all.id ? String(all.id) : '';
    return this.widgets.map((widget, i) => ({
      widget,
      name: `${name}${this.widgetsNames[i]}`,
      value: values[i] ?? null,
      attrs: id ? { ...all, id: `${id}_${i}` } : omitId(all),
    }));
  }

  render(name: string, value: unknown, attrs: Attrs = {}): string {
    return this.parts(name, value, attrs)
      .map((part) => part.widget.render(part.name, part.value, part.attrs))
      .join('');
  }

  /**
   * The template's context (`django/forms/widgets/multiwidget.html`): `subwidgets`, each widget's own
   * context; one without a template file carries its HTML as `html`.
   */
  override getContext(name: string, value: unknown, attrs: Attrs = {}): MultiWidgetContext {
    const subwidgets = this.parts(name, value, attrs).map((part) => {
      const context: SubwidgetContext = part.widget.getContext(part.name, part.value, part.attrs);
      if (!part.widget.templateName) context.html = part.widget.render(part.name, part.value, part.attrs);
      return context;
    });
    return { ...super.getContext(name, value, attrs), value: null, subwidgets };
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
