/** Django's SelectDateWidget: a date as three selects (month, day, year). */
import type { ChoiceList } from '../choices.js';
import type { DataSource, FileSource } from '../form-data.js';
import { Select } from './choice-widgets.js';
import { Widget, type Attrs, type WidgetOptions } from './widget.js';
import type { MultiWidgetContext } from './multi-widget.js';

/**
 * Options of SelectDateWidget.
 *
 * @example
 * birthday: forms.date({ widget: new SelectDateWidget({ years: [2024, 2025, 2026], emptyLabel: ['Year', 'Month', 'Day'] }), required: false }),
 */
export interface SelectDateWidgetOptions extends WidgetOptions {
  /** The years offered (default: this year and the next nine). */
  years?: Iterable<number>;
  /** Month labels by number, 1 to 12 (default: January … December). */
  months?: Readonly<Record<number, string>>;
  /** The label of the empty choice of an optional field: one for all, or `[year, month, day]` (default `---`). */
  emptyLabel?: string | readonly [string, string, string];
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ISO_DATE = /^(\d{4}|0)-(\d\d?)-(\d\d?)$/;
// DATE_FORMAT 'N j, Y' puts the month first, then the day, then the year.
const PARTS = ['month', 'day', 'year'] as const;
type Part = (typeof PARTS)[number];

function isValidDate(year: number, month: number, day: number): boolean {
  if (!(year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1)) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/**
 * Three `<select>`s, `<name>_month`, `<name>_day` and `<name>_year`, read back as `'YYYY-MM-DD'` for a
 * date field (an impossible date such as February 31 reads as `'2024-2-31'`, which the field rejects;
 * an unselected part reads as 0).
 *
 * @example
 * birthday: forms.date({ widget: new SelectDateWidget({ years: [1990, 1991, 1992], emptyLabel: ['Year', 'Month', 'Day'] }) })
 */
export class SelectDateWidget extends Widget {
  override readonly useFieldset = true;
  override templateName = 'django/forms/widgets/select_date.html';
  readonly years: number[];
  readonly months: Readonly<Record<number, string>>;
  readonly noneValues: Readonly<Record<Part, [string, string]>>;

  constructor(options: SelectDateWidgetOptions = {}) {
    super(options);
    const thisYear = new Date().getFullYear();
    this.years = options.years ? [...options.years] : Array.from({ length: 10 }, (_, i) => thisYear + i);
    this.months = options.months ?? Object.fromEntries(MONTH_NAMES.map((name, i) => [i + 1, name]));
    const label = options.emptyLabel ?? '---';
    const [year, month, day] = typeof label === 'string' ? [label, label, label] : label;
    this.noneValues = { year: ['', year], month: ['', month], day: ['', day] };
  }

  /** `{ year, month, day }` from a Date (its UTC date), a `'YYYY-MM-DD'` string (0 parts are empty), or nothing. */
  formatParts(value: unknown): Record<Part, number | ''> {
    if (value instanceof Date && !Number.isNaN(value.getTime()))
      return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
    const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
    if (!match) return { year: '', month: '', day: '' };
    const [year, month, day] = match.slice(1).map((part) => Number(part) || ('' as const));
    return { year: year!, month: month!, day: day! };
  }

  private choicesFor(part: Part): ChoiceList {
    let choices: Array<[string | number, string]>;
    if (part === 'year') choices = this.years.map((y) => [y, String(y)]);
    else if (part === 'month') choices = Object.entries(this.months).map(([n, label]) => [Number(n), label]);
    else choices = Array.from({ length: 31 }, (_, i) => [i + 1, String(i + 1)]);
    if (!this.isRequired) choices.unshift(this.noneValues[part]);
    return choices;
  }

  /** The three selects with their names, values and ids, as `render()` and the template lay them out. */
  private selects(name: string, value: unknown, attrs: Attrs): Array<{ select: Select; name: string; value: unknown; attrs: Attrs }> {
    const parts = this.formatParts(value);
    const all = this.buildAttrs(attrs);
    const id = all.id ? String(all.id) : '';
    return PARTS.map((part) => ({
      select: new Select({ attrs: all, choices: this.choicesFor(part) }),
      name: `${name}_${part}`,
      value: parts[part],
      attrs: { id: id ? `${id}_${part}` : undefined },
    }));
  }

  render(name: string, value: unknown, attrs: Attrs = {}): string {
    return this.selects(name, value, attrs)
      .map((part) => part.select.render(part.name, part.value, part.attrs))
      .join('\n');
  }

  /** The template's context (`django/forms/widgets/select_date.html`): `subwidgets`, the month, day and year selects' contexts. */
  override getContext(name: string, value: unknown, attrs: Attrs = {}): MultiWidgetContext {
    const subwidgets = this.selects(name, value, attrs).map((part) => part.select.getContext(part.name, part.value, part.attrs));
    return { ...super.getContext(name, value, attrs), value: null, subwidgets };
  }

  /** The label points at the first select (the month). */
  override idForLabel(id: string): string {
    return id ? `${id}_${PARTS[0]}` : '';
  }

  override valueFromDatadict(data: DataSource, _files: FileSource, name: string): unknown {
    const y = data.get(`${name}_year`);
    const m = data.get(`${name}_month`);
    const d = data.get(`${name}_day`);
    if (y === '' && m === '' && d === '') return null;
    if (y === undefined || m === undefined || d === undefined) return data.get(name);
    const [year, month, day] = [y, m, d].map((part) => (/^\s*[+-]?\d+\s*$/.test(part) ? Number(part) : Number.NaN));
    if (isValidDate(year!, month!, day!)) return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    // Django's pseudo-ISO date for impossible or partly unselected dates: the date field rejects it.
    return `${y || 0}-${m || 0}-${d || 0}`;
  }

  override valueOmittedFromData(data: DataSource, _files: FileSource, name: string): boolean {
    return !PARTS.some((part) => data.has(`${name}_${part}`));
  }
}
