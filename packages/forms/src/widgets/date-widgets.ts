/** Date and time inputs (HTML5 types), and the split date + time widget. */
import { formatDatePart, formatTimePart, wallClockAt } from '../time-zone.js';
import { MultiWidget } from './multi-widget.js';
import { Input, type Attrs, type WidgetOptions } from './widget.js';

/**
 * Options of date/time widgets.
 *
 * @example
 * new DateTimeInput({ timeZone: 'Europe/Paris', attrs: { class: 'when' } });
 */
export interface DateWidgetOptions extends WidgetOptions {
  /** The zone a Date is shown in (default UTC; a date/time field passes its own). */
  timeZone?: string;
}

/**
 * `<input type="date">`, written as `YYYY-MM-DD`.
 *
 * @example
 * new DateInput().render('birthday', '2026-12-06'); // <input type="date" name="birthday" value="2026-12-06">
 */
export class DateInput extends Input {
  timeZone: string;
  override templateName = 'django/forms/widgets/date.html';
  constructor(options: DateWidgetOptions = {}) {
    super('date', options);
    this.timeZone = options.timeZone ?? 'UTC';
  }
  override formatValue(value: unknown): string | null {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatDatePart(wallClockAt(value, this.timeZone));
    return super.formatValue(value);
  }
}

/**
 * `<input type="time">`, written as `HH:MM:SS`.
 *
 * @example
 * opensAt: forms.time({ widget: new TimeInput({ attrs: { step: 60 } }) }),
 */
export class TimeInput extends Input {
  timeZone: string;
  override templateName = 'django/forms/widgets/time.html';
  constructor(options: DateWidgetOptions = {}) {
    super('time', options);
    this.timeZone = options.timeZone ?? 'UTC';
  }
  override formatValue(value: unknown): string | null {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatTimePart(wallClockAt(value, this.timeZone));
    return super.formatValue(value);
  }
}

/**
 * `<input type="datetime-local">`, written as `YYYY-MM-DDTHH:MM:SS` in the widget's zone.
 *
 * @example
 * new DateTimeInput({ timeZone: 'UTC' }).render('publish', new Date('2026-12-06T07:30:00Z')); // value="2026-12-06T07:30:00"
 */
export class DateTimeInput extends Input {
  timeZone: string;
  override templateName = 'django/forms/widgets/datetime.html';
  constructor(options: DateWidgetOptions = {}) {
    super('datetime-local', options);
    this.timeZone = options.timeZone ?? 'UTC';
  }
  override formatValue(value: unknown): string | null {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) return null;
      const w = wallClockAt(value, this.timeZone);
      return `${formatDatePart(w)}T${formatTimePart(w)}`;
    }
    return super.formatValue(value);
  }
}

/**
 * Two inputs, `<name>_0` (date) and `<name>_1` (time), read back as `[date, time]` (Django's SplitDateTimeWidget).
 *
 * @example
 * startsAt: forms.splitDateTime({ widget: new SplitDateTimeWidget({ dateAttrs: { class: 'date' }, timeAttrs: { class: 'time' } }) }),
 */
export class SplitDateTimeWidget extends MultiWidget {
  declare widgets: [DateInput, TimeInput];
  constructor(options: DateWidgetOptions & { dateAttrs?: Attrs; timeAttrs?: Attrs } = {}) {
    super({
      attrs: options.attrs,
      widgets: [
        new DateInput({ attrs: options.dateAttrs ?? options.attrs, timeZone: options.timeZone }),
        new TimeInput({ attrs: options.timeAttrs ?? options.attrs, timeZone: options.timeZone }),
      ],
    });
  }
  /** The zone a Date is shown in (a dateTime field sets its own). */
  set timeZone(zone: string) {
    for (const widget of this.widgets) widget.timeZone = zone;
  }
  get dateWidget(): DateInput {
    return this.widgets[0];
  }
  get timeWidget(): TimeInput {
    return this.widgets[1];
  }
  /** A Date is shown as its date and its time of day in the widget's zone; `'YYYY-MM-DD HH:MM'` is split at the space or `T`. */
  override decompress(value: unknown): unknown[] {
    if (value instanceof Date) return [value, value];
    if (typeof value === 'string' && value !== '') {
      const [date, time] = value.split(/[T ]/, 2);
      return [date ?? null, time ?? null];
    }
    return [null, null];
  }
}
