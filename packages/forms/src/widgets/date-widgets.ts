/** Date and time inputs (HTML5 types), and the split date + time widget. */
import type { DataSource, FileSource } from '../form-data.js';
import { formatDatePart, formatTimePart, wallClockAt } from '../time-zone.js';
import { Input, type Attrs, type WidgetOptions } from './widget.js';

/** Options of date/time widgets. */
export interface DateWidgetOptions extends WidgetOptions {
  /** The zone a Date is shown in (default UTC; a date/time field passes its own). */
  timeZone?: string;
}

/** `<input type="date">`, written as `YYYY-MM-DD`. */
export class DateInput extends Input {
  timeZone: string;
  constructor(options: DateWidgetOptions = {}) {
    super('date', options);
    this.timeZone = options.timeZone ?? 'UTC';
  }
  override formatValue(value: unknown): string | null {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatDatePart(wallClockAt(value, this.timeZone));
    return super.formatValue(value);
  }
}

/** `<input type="time">`, written as `HH:MM:SS`. */
export class TimeInput extends Input {
  timeZone: string;
  constructor(options: DateWidgetOptions = {}) {
    super('time', options);
    this.timeZone = options.timeZone ?? 'UTC';
  }
  override formatValue(value: unknown): string | null {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatTimePart(wallClockAt(value, this.timeZone));
    return super.formatValue(value);
  }
}

/** `<input type="datetime-local">`, written as `YYYY-MM-DDTHH:MM:SS` in the widget's zone. */
export class DateTimeInput extends Input {
  timeZone: string;
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

/** Two inputs, `<name>_0` (date) and `<name>_1` (time), read back as `[date, time]`. */
export class SplitDateTimeWidget extends Input {
  override readonly useFieldset = true;
  readonly dateWidget: DateInput;
  readonly timeWidget: TimeInput;
  constructor(options: DateWidgetOptions & { dateAttrs?: Attrs; timeAttrs?: Attrs } = {}) {
    super('text', options);
    this.dateWidget = new DateInput({ attrs: { ...options.attrs, ...options.dateAttrs }, timeZone: options.timeZone });
    this.timeWidget = new TimeInput({ attrs: { ...options.attrs, ...options.timeAttrs }, timeZone: options.timeZone });
  }
  set timeZone(zone: string) {
    this.dateWidget.timeZone = zone;
    this.timeWidget.timeZone = zone;
  }
  override render(name: string, value: unknown, attrs: Attrs = {}): string {
    const [date, time] = Array.isArray(value) ? value : [value, value];
    const id = attrs.id ? String(attrs.id) : '';
    const rest = { ...attrs };
    delete rest.id;
    return (
      this.dateWidget.render(`${name}_0`, date, { ...rest, id: id ? `${id}_0` : undefined }) +
      this.timeWidget.render(`${name}_1`, time, { ...rest, id: id ? `${id}_1` : undefined })
    );
  }
  override idForLabel(id: string): string {
    return id ? `${id}_0` : '';
  }
  override valueFromDatadict(data: DataSource, _files: FileSource, name: string): unknown {
    return [data.get(`${name}_0`), data.get(`${name}_1`)];
  }
  override valueOmittedFromData(data: DataSource, _files: FileSource, name: string): boolean {
    return !data.has(`${name}_0`) && !data.has(`${name}_1`);
  }
}
