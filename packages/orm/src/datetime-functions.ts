import { FieldRef, SqlExpression, type FieldLike, type SqlBuilder } from './expressions.js';
import { outputFieldOfType } from './functions.js';
import { transformSql, type TransformName } from './query/lookups.js';
import { checkedZone, mysqlLocalDateTime } from './query/time-zones.js';

/**
 * The parts Extract() takes (the date transforms, except date and time).
 *
 * @example
 * const part: ExtractKind = 'week_day';
 * Post.objects.annotate({ day: Extract('publish', part) });
 */
export type ExtractKind = Exclude<TransformName, 'date' | 'time'>;
/**
 * The precisions Trunc() takes.
 *
 * @example
 * const per: TruncKind = 'month';
 * Post.objects.annotate({ period: Trunc('publish', per) }).values('period').annotate({ n: Count('id') });
 */
export type TruncKind = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

function isDateTime(b: SqlBuilder, source: unknown): boolean {
  return b.outputFieldOf(source)?.type === 'dateTime';
}

/**
 * A part of a date or datetime as an integer, in the current time zone under USE_TZ (Django's Extract).
 *
 * @example
 * Post.objects.annotate({ year: Extract('publish', 'year') }).values('year')
 */
export class ExtractExpression extends SqlExpression {
  readonly source: unknown;
  constructor(
    source: string | SqlExpression | FieldRef,
    readonly kind: ExtractKind,
  ) {
    super();
    this.source = typeof source === 'string' ? new FieldRef(source) : source;
  }
  toSql(b: SqlBuilder): string {
    return transformSql(b.dialect, this.kind, b.expression(this.source), isDateTime(b, this.source), b.timeZone);
  }
  override outputField(): FieldLike {
    return outputFieldOfType('integer');
  }
  override children(): unknown[] {
    return [this.source];
  }
}

/**
 * Extract(field, kind).
 *
 * @example
 * Post.objects.annotate({ year: Extract('publish', 'year') }).values('title', 'year'); // [{ title: 'Hello', year: 2026 }]
 */
export function Extract(source: string | SqlExpression | FieldRef, kind: ExtractKind): ExtractExpression {
  return new ExtractExpression(source, kind);
}

/** The wall clock in `zone` of a UTC datetime column, as text or a timestamp the database can cut. */
function localValue(b: SqlBuilder, lhs: string, zone: string): string {
  if (zone === 'UTC') return b.dialect === 'postgresql' ? `(${lhs} AT TIME ZONE 'UTC')` : lhs;
  checkedZone(zone);
  if (b.dialect === 'sqlite') return `manouche_local_datetime(${lhs}, '${zone}')`;
  if (b.dialect === 'mysql') return mysqlLocalDateTime(lhs, zone);
  return `(${lhs} AT TIME ZONE '${zone}')`;
}

/**
 * A date or datetime cut down to `kind` (the start of its year, quarter, month, ISO week, day,
 * hour, minute or second), in the current time zone under USE_TZ (Django's Trunc). Datetimes
 * come back as Dates (the start instant in TIME_ZONE), dates as `YYYY-MM-DD`.
 *
 * @example
 * Post.objects.annotate({ month: Trunc('publish', 'month') }).values('month').annotate({ n: Count('id') })
 */
export class TruncExpression extends SqlExpression {
  readonly source: unknown;
  constructor(
    source: string | SqlExpression | FieldRef,
    readonly kind: TruncKind | 'date' | 'time',
    /** @internal For dates(): the day the cut-down datetime falls on, as a date. */
    readonly asDate = false,
  ) {
    super();
    this.source = typeof source === 'string' ? new FieldRef(source) : source;
  }
  toSql(b: SqlBuilder): string {
    const dateTime = isDateTime(b, this.source);
    const lhs = b.expression(this.source);
    if (this.kind === 'date' || this.kind === 'time') {
      if (!dateTime) throw new TypeError(`Trunc(..., '${this.kind}') needs a dateTime field.`);
      return transformSql(b.dialect, this.kind, lhs, true, b.timeZone);
    }
    if (!dateTime && ['hour', 'minute', 'second'].includes(this.kind)) throw new TypeError(`Trunc(..., '${this.kind}') needs a dateTime field, not a date.`);
    const value = dateTime ? localValue(b, lhs, b.timeZone) : lhs;
    const cut = truncSql(b.dialect, this.kind, value);
    return dateTime && !this.asDate ? cut : b.dialect === 'postgresql' ? `(${cut})::date` : b.dialect === 'mysql' ? `DATE(${cut})` : `substr(${cut}, 1, 10)`;
  }
  override children(): unknown[] {
    return [this.source];
  }
  override outputField(b: SqlBuilder): FieldLike {
    if (this.kind === 'date') return outputFieldOfType('date');
    if (this.kind === 'time') return outputFieldOfType('time');
    // The result is a wall-clock time in TIME_ZONE; reading turns it into that instant.
    return isDateTime(b, this.source) && !this.asDate ? outputFieldOfType('dateTime', { wallClockIn: b.timeZone }) : outputFieldOfType('date');
  }
}

function truncSql(dialect: SqlBuilder['dialect'], kind: TruncKind, value: string): string {
  if (dialect === 'postgresql') return `DATE_TRUNC('${kind}', ${value})`;
  if (dialect === 'sqlite') {
    const day = `substr(${value}, 1, 10)`;
    switch (kind) {
      case 'year':
        return `(substr(${value}, 1, 4) || '-01-01 00:00:00')`;
      case 'quarter':
        return `(substr(${value}, 1, 4) || printf('-%02d-01 00:00:00', ((CAST(substr(${value}, 6, 2) AS integer) - 1) / 3) * 3 + 1))`;
      case 'month':
        return `(substr(${value}, 1, 7) || '-01 00:00:00')`;
      case 'week':
        return `(date(${day}, '-' || ((CAST(strftime('%w', ${day}) AS integer) + 6) % 7) || ' days') || ' 00:00:00')`;
      case 'day':
        return `(${day} || ' 00:00:00')`;
      case 'hour':
        return `(substr(${value}, 1, 13) || ':00:00')`;
      case 'minute':
        return `(substr(${value}, 1, 16) || ':00')`;
      case 'second':
        return `substr(${value}, 1, 19)`;
    }
  }
  switch (kind) {
    case 'year':
      return `DATE_FORMAT(${value}, '%Y-01-01 00:00:00')`;
    case 'quarter':
      return `DATE_FORMAT(MAKEDATE(YEAR(${value}), 1) + INTERVAL QUARTER(${value}) QUARTER - INTERVAL 1 QUARTER, '%Y-%m-%d 00:00:00')`;
    case 'month':
      return `DATE_FORMAT(${value}, '%Y-%m-01 00:00:00')`;
    case 'week':
      return `DATE_FORMAT(DATE_SUB(DATE(${value}), INTERVAL WEEKDAY(${value}) DAY), '%Y-%m-%d 00:00:00')`;
    case 'day':
      return `DATE_FORMAT(${value}, '%Y-%m-%d 00:00:00')`;
    case 'hour':
      return `DATE_FORMAT(${value}, '%Y-%m-%d %H:00:00')`;
    case 'minute':
      return `DATE_FORMAT(${value}, '%Y-%m-%d %H:%i:00')`;
    case 'second':
      return `DATE_FORMAT(${value}, '%Y-%m-%d %H:%i:%s')`;
  }
}

/**
 * Trunc(field, kind).
 *
 * @example
 * Post.objects.annotate({ month: Trunc('publish', 'month') }).values('month').annotate({ n: Count('id') }); // month: Date 2026-12-01T00:00:00Z
 */
export function Trunc(source: string | SqlExpression | FieldRef, kind: TruncKind): TruncExpression {
  return new TruncExpression(source, kind);
}
/**
 * The date part of a datetime in the current time zone.
 *
 * @example
 * Post.objects.annotate({ day: TruncDate('publish') }).values('day'); // [{ day: '2026-12-06' }]
 */
export function TruncDate(source: string | SqlExpression | FieldRef): TruncExpression {
  return new TruncExpression(source, 'date');
}
/**
 * The time part of a datetime in the current time zone.
 *
 * @example
 * Post.objects.annotate({ at: TruncTime('publish') }).values('at'); // [{ at: '07:30:00.000000' }] on SQLite
 */
export function TruncTime(source: string | SqlExpression | FieldRef): TruncExpression {
  return new TruncExpression(source, 'time');
}

type Source = string | SqlExpression | FieldRef;

/**
 * ExtractYear('publish'), as Django names them.
 *
 * @example
 * Post.objects.annotate({ year: ExtractYear('publish') }).values('year'); // 2026 for 2026-12-06T07:30Z
 */
export const ExtractYear = (source: Source) => Extract(source, 'year');
/**
 * ExtractIsoYear('publish'): the ISO-8601 week-numbering year.
 *
 * @example
 * Post.objects.annotate({ isoYear: ExtractIsoYear('publish') }); // 2026 for 2027-01-01 (in ISO week 53 of 2026)
 */
export const ExtractIsoYear = (source: Source) => Extract(source, 'iso_year');
/**
 * ExtractQuarter('publish'): 1 to 4.
 *
 * @example
 * Post.objects.annotate({ quarter: ExtractQuarter('publish') }); // 4 for 2026-12-06
 */
export const ExtractQuarter = (source: Source) => Extract(source, 'quarter');
/**
 * ExtractMonth('publish'): 1 to 12.
 *
 * @example
 * Post.objects.annotate({ month: ExtractMonth('publish') }).filter({ month: 12 });
 */
export const ExtractMonth = (source: Source) => Extract(source, 'month');
/**
 * ExtractWeek('publish'): the ISO-8601 week number.
 *
 * @example
 * Post.objects.annotate({ week: ExtractWeek('publish') }); // 49 for 2026-12-06
 */
export const ExtractWeek = (source: Source) => Extract(source, 'week');
/**
 * ExtractDay('publish'): the day of the month.
 *
 * @example
 * Post.objects.annotate({ day: ExtractDay('publish') }); // 6 for 2026-12-06
 */
export const ExtractDay = (source: Source) => Extract(source, 'day');
/**
 * ExtractWeekDay('publish'): 1 (Sunday) to 7 (Saturday).
 *
 * @example
 * Post.objects.annotate({ weekday: ExtractWeekDay('publish') }); // 1 for Sunday 2026-12-06
 */
export const ExtractWeekDay = (source: Source) => Extract(source, 'week_day');
/**
 * ExtractIsoWeekDay('publish'): 1 (Monday) to 7 (Sunday).
 *
 * @example
 * Post.objects.annotate({ weekday: ExtractIsoWeekDay('publish') }); // 7 for Sunday 2026-12-06
 */
export const ExtractIsoWeekDay = (source: Source) => Extract(source, 'iso_week_day');
/**
 * ExtractHour('publish').
 *
 * @example
 * Post.objects.annotate({ hour: ExtractHour('publish') }).values('hour').annotate({ n: Count('id') }); // posts per hour of the day
 */
export const ExtractHour = (source: Source) => Extract(source, 'hour');
/**
 * ExtractMinute('publish').
 *
 * @example
 * Post.objects.annotate({ minute: ExtractMinute('publish') }); // 30 for 07:30
 */
export const ExtractMinute = (source: Source) => Extract(source, 'minute');
/**
 * ExtractSecond('publish').
 *
 * @example
 * Post.objects.annotate({ second: ExtractSecond('publish') }); // 0 for 07:30:00
 */
export const ExtractSecond = (source: Source) => Extract(source, 'second');
/**
 * TruncYear('publish'): the start of the year.
 *
 * @example
 * Post.objects.annotate({ year: TruncYear('publish') }).values('year').annotate({ n: Count('id') }); // year: 2026-01-01T00:00Z
 */
export const TruncYear = (source: Source) => Trunc(source, 'year');
/**
 * TruncQuarter('publish'): the start of the quarter.
 *
 * @example
 * Post.objects.annotate({ quarter: TruncQuarter('publish') }); // 2026-10-01T00:00Z for 2026-12-06
 */
export const TruncQuarter = (source: Source) => Trunc(source, 'quarter');
/**
 * TruncMonth('publish'): the start of the month.
 *
 * @example
 * Post.objects.annotate({ month: TruncMonth('publish') }).values('month').annotate({ n: Count('id') }); // month: 2026-12-01T00:00Z
 */
export const TruncMonth = (source: Source) => Trunc(source, 'month');
/**
 * TruncWeek('publish'): the Monday the ISO week starts on.
 *
 * @example
 * Post.objects.annotate({ week: TruncWeek('publish') }); // Monday 2026-11-30T00:00Z for Sunday 2026-12-06
 */
export const TruncWeek = (source: Source) => Trunc(source, 'week');
/**
 * TruncDay('publish'): midnight of the day.
 *
 * @example
 * Post.objects.annotate({ day: TruncDay('publish') }); // 2026-12-06T00:00Z for 2026-12-06T07:30Z
 */
export const TruncDay = (source: Source) => Trunc(source, 'day');
/**
 * TruncHour('publish').
 *
 * @example
 * Post.objects.annotate({ hour: TruncHour('publish') }); // 2026-12-06T07:00Z for 07:30
 */
export const TruncHour = (source: Source) => Trunc(source, 'hour');
/**
 * TruncMinute('publish').
 *
 * @example
 * Post.objects.annotate({ minute: TruncMinute('publish') }); // 2026-12-06T07:30Z for 07:30:45
 */
export const TruncMinute = (source: Source) => Trunc(source, 'minute');
/**
 * TruncSecond('publish').
 *
 * @example
 * Post.objects.annotate({ second: TruncSecond('publish') }); // the datetime without its milliseconds
 */
export const TruncSecond = (source: Source) => Trunc(source, 'second');
