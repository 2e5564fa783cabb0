/**
 * Date and time fields: date (→ 'YYYY-MM-DD'), time (→ 'HH:MM:SS'), dateTime (→ Date), duration
 * (→ milliseconds) — the value types the ORM uses for those model fields.
 */
import type { WidgetClass } from '../widgets/widget.js';
import { DateInput, DateTimeInput, TimeInput, SplitDateTimeWidget } from '../widgets/date-widgets.js';
import { formatDatePart, formatTimePart, instantOf, wallClockAt, type WallClock } from '../time-zone.js';
import { Field, isEmptyValue, type FieldOptions } from './field.js';
import { TextInput } from '../widgets/widget.js';

/**
 * Options of the date and time fields.
 *
 * @example
 * publish: forms.dateTime({ timeZone: 'Europe/Paris' }),
 */
export interface TemporalFieldOptions extends FieldOptions {
  /** The zone naive input is read in and a Date is shown in (the project's TIME_ZONE; default UTC). */
  timeZone?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1 || year > 9999) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses Django's default DATE_INPUT_FORMATS (and ISO `YYYY-MM-DD`): `2006-10-25`, `10/25/2006`, `10/25/06`, `Oct 25 2006`, `25 October, 2006`. @internal */
export function parseDate(text: string): [number, number, number] | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  let ymd: [number, number, number] | null = null;
  if (m) ymd = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(text))) {
    const y = Number(m[3]);
    ymd = [m[3]!.length === 2 ? (y < 69 ? 2000 + y : 1900 + y) : y, Number(m[1]), Number(m[2])];
  } else if ((m = /^([a-z]{3,9})\.? (\d{1,2}),? (\d{4})$/i.exec(text)) || (m = /^(\d{1,2}) ([a-z]{3,9})\.?,? (\d{4})$/i.exec(text))) {
    const [a, b] = /^\d/.test(m[1]!) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    const month = MONTHS.indexOf(a.slice(0, 3).toLowerCase()) + 1;
    const full = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1))).toLowerCase();
    if (month === 0 || (a.length > 3 && a.toLowerCase() !== full)) return null;
    ymd = [Number(m[3]), month, Number(b)];
  }
  return ymd && validDate(...ymd) ? ymd : null;
}

/** Parses `HH:MM`, `HH:MM:SS`, `HH:MM:SS.ffffff`. @internal */
export function parseTime(text: string): [number, number, number, number] | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?$/.exec(text);
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  return [h, mi, s, Math.floor(Number((m[4] ?? '0').padEnd(6, '0')) / 1000)];
}

function firstValue(value: unknown): unknown {
  return Array.isArray(value) && !(value.length === 2) ? value[value.length - 1] : value;
}

/**
 * Django's DateField: `'YYYY-MM-DD'`.
 *
 * @example
 * await forms.date().clean('2026-12-06'); // '2026-12-06'
 */
export class DateField<T = string> extends Field<T> {
  protected static override defaultWidget: WidgetClass = DateInput;
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a valid date.' };
  readonly timeZone: string;
  constructor(options: TemporalFieldOptions = {}) {
    super(options);
    this.timeZone = options.timeZone ?? 'UTC';
    if (this.widget instanceof DateInput) this.widget.timeZone = this.timeZone;
  }
  override toPython(value: unknown): unknown {
    if (isEmptyValue(value)) return null;
    if (value instanceof Date) return formatDatePart(wallClockAt(value, this.timeZone));
    const ymd = parseDate(String(firstValue(value)).trim());
    if (!ymd) throw this.error('invalid');
    return formatDatePart({ year: ymd[0], month: ymd[1], day: ymd[2], hour: 0, minute: 0, second: 0, millisecond: 0 });
  }
}

/**
 * Django's TimeField: `'HH:MM:SS'` (`.mmm` kept when given).
 *
 * @example
 * await forms.time().clean('07:30'); // '07:30:00'
 */
export class TimeField<T = string> extends Field<T> {
  protected static override defaultWidget: WidgetClass = TimeInput;
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a valid time.' };
  override toPython(value: unknown): unknown {
    if (isEmptyValue(value)) return null;
    const t = parseTime(String(firstValue(value)).trim());
    if (!t) throw this.error('invalid');
    return formatTimePart({ year: 0, month: 0, day: 0, hour: t[0], minute: t[1], second: t[2], millisecond: t[3] });
  }
}

/**
 * Django's DateTimeField: a Date. Naive input is wall-clock time in `timeZone`; ISO 8601 with an offset is taken as given.
 *
 * @example
 * await forms.dateTime({ timeZone: 'Europe/Paris' }).clean('2026-12-06 08:30'); // Date 2026-12-06T07:30:00.000Z
 */
export class DateTimeField<T = Date> extends Field<T> {
  protected static override defaultWidget: WidgetClass = DateTimeInput;
  protected static override defaultErrorMessages: Record<string, string> = { invalid: 'Enter a valid date/time.' };
  readonly timeZone: string;
  constructor(options: TemporalFieldOptions = {}) {
    super(options);
    this.timeZone = options.timeZone ?? 'UTC';
    if (this.widget instanceof DateTimeInput || this.widget instanceof SplitDateTimeWidget) this.widget.timeZone = this.timeZone;
  }
  override toPython(value: unknown): unknown {
    if (isEmptyValue(value)) return null;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw this.error('invalid');
      return value;
    }
    let text: string;
    if (Array.isArray(value)) {
      // From SplitDateTimeWidget: [date, time].
      if (value.length !== 2) throw this.error('invalid');
      const [d, t] = value.map((part) => (part === null || part === undefined ? '' : String(part).trim()));
      if (d === '' && t === '') return null;
      text = `${d} ${t}`;
    } else {
      text = String(value).trim();
    }
    const m = /^(.+?)(?:[T ](\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
    if (!m) throw this.error('invalid');
    const ymd = parseDate(m[1]!);
    const hms = m[2] === undefined ? [0, 0, 0, 0] : parseTime(m[2]);
    if (!ymd || !hms) throw this.error('invalid');
    const wall: WallClock = { year: ymd[0], month: ymd[1], day: ymd[2], hour: hms[0]!, minute: hms[1]!, second: hms[2]!, millisecond: hms[3]! };
    if (m[3] === undefined) return instantOf(wall, this.timeZone);
    const offset = m[3].toUpperCase() === 'Z' ? 0 : (m[3].startsWith('-') ? -1 : 1) * (Number(m[3].slice(1, 3)) * 60 + Number(m[3].slice(-2)));
    return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond) - offset * 60_000);
  }
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 999_999_999;

/** Parses Django's duration formats: `[-]DD HH:MM:SS[.ffffff]`, `3 days, 04:05:06`, ISO 8601 `P4DT1H15M20S`. Milliseconds, or null. @internal */
export function parseDuration(text: string): number | null {
  let m = /^(?:([-+]?\d+) (?:days?,? )?)?([-+]?)(?:(\d+):)??(?:(\d+):)?(\d+(?:[.,]\d{1,6})?)$/i.exec(text);
  if (m) {
    const days = Number(m[1] ?? 0);
    const sign = m[2] === '-' ? -1 : 1;
    const hours = Number(m[3] ?? 0);
    const minutes = Number(m[4] ?? 0);
    const seconds = Number(m[5]!.replace(',', '.'));
    if (m[4] !== undefined && minutes > 59) return null;
    if (m[3] !== undefined && seconds >= 60) return null;
    return days * DAY_MS + sign * Math.round(((hours * 60 + minutes) * 60 + seconds) * 1000);
  }
  m = /^([-+]?)P(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i.exec(text);
  if (m && text.toUpperCase() !== 'P' && !text.toUpperCase().endsWith('T')) {
    const n = (part: string | undefined) => Number((part ?? '0').replace(',', '.'));
    const ms = ((n(m[2]) * 24 + n(m[3])) * 60 + n(m[4])) * 60_000 + n(m[5]) * 1000;
    return (m[1] === '-' ? -1 : 1) * Math.round(ms);
  }
  return null;
}

/** Formats milliseconds as Django's duration_string: `[D ]HH:MM:SS[.ffffff]`. @internal */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / DAY_MS);
  rest -= days * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  const mi = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  const frac = rest % 1000;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${days ? `${days} ` : ''}${pad(h)}:${pad(mi)}:${pad(s)}${frac ? `.${String(frac * 1000).padStart(6, '0')}` : ''}`;
}

/**
 * Django's DurationField: milliseconds (the ORM's duration value).
 *
 * @example
 * await forms.duration().clean('1 01:00:00'); // 90000000 (one day and one hour, in ms)
 */
export class DurationField<T = number> extends Field<T> {
  protected static override defaultWidget: WidgetClass = TextInput;
  protected static override defaultErrorMessages: Record<string, string> = {
    invalid: 'Enter a valid duration.',
    overflow: 'The number of days must be between %(min_days)s and %(max_days)s.',
  };
  override toPython(value: unknown): unknown {
    if (isEmptyValue(value)) return null;
    if (typeof value === 'number') return value;
    const ms = parseDuration(String(value).trim());
    if (ms === null) throw this.error('invalid');
    if (Math.abs(ms) / DAY_MS > MAX_DAYS) throw this.error('overflow', { min_days: -MAX_DAYS, max_days: MAX_DAYS });
    return ms;
  }
  override prepareValue(value: unknown): unknown {
    return typeof value === 'number' ? formatDuration(value) : value;
  }
}
