/**
 * Django's date-based views: ArchiveIndexView, YearArchiveView, MonthArchiveView, DayArchiveView
 * and DateDetailView, for a model with a date or date-time field. Under USE_TZ a date-time belongs
 * to the day it falls on in TIME_ZONE (the ORM's `__date` transform and `dates()` read it there), as
 * in Django; the URL's dates, `date_list` and the next/previous periods are calendar dates, given as
 * Dates at UTC midnight of that day.
 */
import { Http404, render, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import type { Model, ModelClass, QuerySet } from '@manouche/orm';
import { DetailView } from './detail-view.js';
import { ViewConfigurationError } from './errors.js';
import { ListView } from './list-view.js';
import { objectFromUrl } from './single-object.js';

type Period = 'year' | 'month' | 'day';

const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What every date view has: the date field, whether future objects show, and the URL's date parts. */
interface DateSource {
  model: ModelClass | null;
  queryset: QuerySet<Model> | null;
  dateField: string | null;
  allowFuture: boolean;
  yearFormat: string;
  monthFormat: string;
  dayFormat: string;
  kwargs: Record<string, unknown>;
  request: HttpRequest;
  constructor: { name: string };
}

function modelOf(view: DateSource): ModelClass {
  const model = view.queryset?.model ?? view.model;
  if (!model) throw new ViewConfigurationError(`${view.constructor.name} is missing a QuerySet. Define model or queryset.`);
  return model;
}

function dateFieldOf(view: DateSource): string {
  if (!view.dateField) throw new ViewConfigurationError(`${view.constructor.name}.dateField is required.`);
  return view.dateField;
}

function usesDateTime(view: DateSource): boolean {
  return modelOf(view)._meta.getField(dateFieldOf(view))?.type === 'dateTime';
}

/**
 * A filter comparing the field's day with a calendar date (`op` gte/lt): date-time fields through the
 * `__date` transform, which reads them in TIME_ZONE under USE_TZ.
 */
function dayFilter(view: DateSource, op: 'gte' | 'lt', date: Date): Record<string, string> {
  const field = dateFieldOf(view);
  return { [`${field}${usesDateTime(view) ? '__date' : ''}__${op}`]: isoDay(date) };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Today in TIME_ZONE (Django's timezone_today(): the local date under USE_TZ, and without it the
 * process's date, which Django also sets to TIME_ZONE), as a Date at UTC midnight.
 */
function today(view: DateSource): Date {
  const zone = view.request.context.settings.TIME_ZONE;
  if (zone === 'UTC') return toDate(isoDay(new Date()));
  return toDate(dayFormatter(zone).format(new Date()));
}

// Building an Intl.DateTimeFormat costs far more than formatting with it (it was a sixth of a date view's
// time): one per zone, kept.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Formats a Date as YYYY-MM-DD in `zone` (en-CA's numeric date order). */
function dayFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The URL's (or query string's) value of `part`, or Http404 "No year specified". */
function datePart(view: DateSource, part: 'year' | 'month' | 'day'): string {
  const value = view.kwargs[part] ?? view.request.query.get(part);
  if (value === undefined || value === null || value === '') throw new Http404(`No ${part} specified`);
  return String(value);
}

function parsePart(value: string, format: string, part: 'year' | 'month' | 'day'): number {
  const text = value.trim();
  let n = Number.NaN;
  if (format === '%b') n = MONTH_ABBR.indexOf(text.slice(0, 3).toLowerCase()) + 1 || Number.NaN;
  else if (/^\d+$/.test(text)) n = Number(text);
  const ok = part === 'year' ? n >= 1 && n <= 9999 : part === 'month' ? n >= 1 && n <= 12 : n >= 1 && n <= 31;
  if (!ok || (format === '%b' && text.length !== 3)) throw new Http404(`Invalid date string “${value}” given format “${format}”`);
  return n;
}

/** The first day of the period the URL names. @internal */
function urlDate(view: DateSource, period: Period): Date {
  const year = parsePart(datePart(view, 'year'), view.yearFormat, 'year');
  const month = period === 'year' ? 1 : parsePart(datePart(view, 'month'), view.monthFormat, 'month');
  const day = period === 'day' ? parsePart(datePart(view, 'day'), view.dayFormat, 'day') : 1;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) throw new Http404(`Invalid date string “${year}-${month}-${day}”`);
  return date;
}

function periodEnd(start: Date, period: Period): Date {
  const d = new Date(start);
  if (period === 'year') d.setUTCFullYear(d.getUTCFullYear() + 1);
  else if (period === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

function periodStart(date: Date, period: Period): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), period === 'year' ? 0 : date.getUTCMonth(), period === 'day' ? date.getUTCDate() : 1));
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
}

/** Objects within [since, until) and not in the future unless allowed. @internal */
function withinPeriod(view: DateSource, qs: QuerySet<Model>, since: Date, until: Date): QuerySet<Model> {
  let out = qs.filter({ ...dayFilter(view, 'gte', since), ...dayFilter(view, 'lt', until) } as never);
  if (!view.allowFuture) out = notInFuture(view, out);
  return out;
}

function notInFuture(view: DateSource, qs: QuerySet<Model>): QuerySet<Model> {
  const field = dateFieldOf(view);
  return qs.filter({ [`${field}__lte`]: usesDateTime(view) ? new Date() : isoDay(today(view)) } as never);
}

/** The distinct periods (years, months or days) that have objects, in order: one `dates()` query. @internal */
async function dateList(view: DateSource, qs: QuerySet<Model>, kind: Period, ordering: 'ASC' | 'DESC'): Promise<Date[]> {
  const days = await qs.dates(dateFieldOf(view) as never, kind, ordering);
  return days.map(toDate);
}

/** The start of the next or previous period with objects (or any, when empty lists are allowed), or null. @internal */
async function adjacentPeriod(
  view: DateSource & { allowEmpty: boolean },
  qs: QuerySet<Model>,
  start: Date,
  period: Period,
  previous: boolean,
): Promise<Date | null> {
  if (view.allowEmpty) {
    const candidate = previous ? periodStart(new Date(start.getTime() - 86_400_000), period) : periodEnd(start, period);
    if (!view.allowFuture && candidate > today(view)) return null;
    return candidate;
  }
  let scoped = previous ? qs.filter(dayFilter(view, 'lt', start) as never) : qs.filter(dayFilter(view, 'gte', periodEnd(start, period)) as never);
  if (!view.allowFuture) scoped = notInFuture(view, scoped);
  const [first] = await scoped.dates(dateFieldOf(view) as never, period, previous ? 'DESC' : 'ASC').slice(0, 1);
  return first === undefined ? null : toDate(first);
}

/** What ArchiveIndexView and the year/month/day archives share. */
abstract class BaseDateListView extends ListView {
  dateField: string | null = null;
  /** Show objects dated in the future (default false). */
  allowFuture = false;
  override allowEmpty = false;
  yearFormat = '%Y';
  /** `%b` (`jan`, Django's default) or `%m` (`1`, `01`). */
  monthFormat = '%b';
  dayFormat = '%d';
  /** The period `date_list` lists. */
  dateListPeriod: Period = 'year';
  protected extraDateContext: Record<string, unknown> = {};

  /** The objects and the template's date values for this archive. */
  protected abstract datedItems(qs: QuerySet<Model>): Promise<{ objects: QuerySet<Model>; dateList: Date[]; extra: Record<string, unknown> }>;

  protected dateQueryset(): QuerySet<Model> {
    return super.getQueryset();
  }

  override async get(request: HttpRequest, kwargs: Record<string, unknown>): Promise<HttpResponseBase> {
    const { objects, dateList: dates, extra } = await this.datedItems(this.dateQueryset());
    if (!this.allowEmpty && dates.length === 0 && !(await objects.exists())) {
      const model = objects.model;
      throw new Http404(`No ${model._meta.verboseNamePlural} available`);
    }
    this.objectList = objects;
    this.extraDateContext = { date_list: dates, ...extra };
    return render(this.request, this.getTemplateNames(), await this.getContextData(kwargs), this.contentType ? { contentType: this.contentType } : {});
  }

  override async getContextData(kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
    return { ...(await super.getContextData(kwargs)), ...this.extraDateContext };
  }
}

/**
 * The newest objects, with `date_list` (the years that have objects); template `<app>/<model>_archive.html`,
 * list variable `latest`.
 *
 * @example
 * path('archive/', ArchiveIndexView.asView({ model: Post, dateField: 'publish' }));
 */
export class ArchiveIndexView extends BaseDateListView {
  override templateNameSuffix = '_archive';
  override contextObjectName: string | null = 'latest';
  protected async datedItems(qs: QuerySet<Model>) {
    let objects = qs;
    if (!this.allowFuture) objects = notInFuture(this, objects);
    const dates = await dateList(this, objects, this.dateListPeriod, 'DESC');
    if (!this.ordering) objects = objects.orderBy(`-${dateFieldOf(this)}` as never);
    return { objects, dateList: dates, extra: {} };
  }
}

/**
 * The objects of one year (`year` in the URL); `date_list` are its months. Template `_archive_year`.
 *
 * @example
 * path('<int:year>/', YearArchiveView.asView({ model: Post, dateField: 'publish', makeObjectList: true }));
 */
export class YearArchiveView extends BaseDateListView {
  override templateNameSuffix = '_archive_year';
  override dateListPeriod: Period = 'month';
  /** Also list the year's objects (default false: only `date_list`). */
  makeObjectList = false;
  protected async datedItems(qs: QuerySet<Model>) {
    const year = urlDate(this, 'year');
    const inYear = withinPeriod(this, qs, year, periodEnd(year, 'year'));
    const dates = await dateList(this, inYear, 'month', 'ASC');
    const objects = this.makeObjectList ? inYear.orderBy(dateFieldOf(this) as never) : inYear.none();
    return {
      objects,
      dateList: dates,
      extra: { year, next_year: await adjacentPeriod(this, qs, year, 'year', false), previous_year: await adjacentPeriod(this, qs, year, 'year', true) },
    };
  }
}

/**
 * The objects of one month (`year`, `month` in the URL); `date_list` are its days. Template `_archive_month`.
 *
 * @example
 * path('<int:year>/<int:month>/', MonthArchiveView.asView({ model: Post, dateField: 'publish', monthFormat: '%m' }));
 */
export class MonthArchiveView extends BaseDateListView {
  override templateNameSuffix = '_archive_month';
  override dateListPeriod: Period = 'day';
  protected async datedItems(qs: QuerySet<Model>) {
    const month = urlDate(this, 'month');
    const inMonth = withinPeriod(this, qs, month, periodEnd(month, 'month'));
    return {
      objects: inMonth,
      dateList: await dateList(this, inMonth, 'day', 'ASC'),
      extra: { month, next_month: await adjacentPeriod(this, qs, month, 'month', false), previous_month: await adjacentPeriod(this, qs, month, 'month', true) },
    };
  }
}

/**
 * The objects of one day (`year`, `month`, `day` in the URL). Template `_archive_day`.
 *
 * @example
 * path('<int:year>/<int:month>/<int:day>/', DayArchiveView.asView({ model: Post, dateField: 'publish', monthFormat: '%m' }));
 */
export class DayArchiveView extends BaseDateListView {
  override templateNameSuffix = '_archive_day';
  protected async datedItems(qs: QuerySet<Model>) {
    const day = urlDate(this, 'day');
    const inDay = withinPeriod(this, qs, day, periodEnd(day, 'day'));
    return {
      objects: inDay,
      dateList: [],
      extra: { day, next_day: await adjacentPeriod(this, qs, day, 'day', false), previous_day: await adjacentPeriod(this, qs, day, 'day', true) },
    };
  }
}

/**
 * One object by its date and pk or slug — the blog's `/blog/<y>/<m>/<d>/<slug>/` page; 404 when the
 * date does not match or (unless `allowFuture`) lies in the future.
 *
 * @example
 * path('<int:year>/<int:month>/<int:day>/<slug:slug>/', DateDetailView.asView({ queryset: Post.published.all(), dateField: 'publish', monthFormat: '%m' }));
 */
export class DateDetailView extends DetailView {
  dateField: string | null = null;
  allowFuture = false;
  yearFormat = '%Y';
  monthFormat = '%b';
  dayFormat = '%d';

  override async getObject(queryset?: QuerySet<Model>): Promise<Model> {
    const day = urlDate(this, 'day');
    const qs = queryset ?? this.getQueryset();
    if (!this.allowFuture && day > today(this)) {
      throw new Http404(`Future ${qs.model._meta.verboseNamePlural} not available because ${this.constructor.name}.allowFuture is false.`);
    }
    return objectFromUrl(this, withinPeriod(this, qs, day, periodEnd(day, 'day')));
  }
}
