/**
 * dateHierarchy (Django's date_hierarchy): drill-down links above the change list — the years
 * with objects, then a year's months, then a month's days — as `<field>__year`, `__month`,
 * `__day` query parameters. Values that are not a plausible year/month/day are an InvalidLookup.
 */
import type { Model, QuerySet } from '@manouche/orm';
import { InvalidLookup } from './list-filters.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** One link of the hierarchy. */
export interface DateLink {
  label: string;
  query: string;
}

/** What the template shows: a link back up (or none) and the links one level down. */
export interface DateHierarchyState {
  back: DateLink | null;
  choices: DateLink[];
}

/** The query-string parameters the hierarchy of `field` owns. */
export function dateHierarchyParameters(field: string): string[] {
  return [`${field}__year`, `${field}__month`, `${field}__day`];
}

function parsePart(params: Map<string, string>, name: string, min: number, max: number): number | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (!/^\d{1,4}$/.test(value) || Number(value) < min || Number(value) > max)
    throw new InvalidLookup(`The date ${name}=${JSON.stringify(value)} is not between ${min} and ${max}.`);
  return Number(value);
}

function withParams(params: Map<string, string>, set: Record<string, string | null>): string {
  const next = new Map(params);
  next.delete('p');
  for (const [name, value] of Object.entries(set)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  const search = new URLSearchParams([...next.entries()]).toString();
  return search ? `?${search}` : '?';
}

/** Narrows the queryset to the selected year/month/day (a day needs a month, a month a year). */
export function applyDateHierarchy<M extends Model>(queryset: QuerySet<M>, field: string, params: Map<string, string>): QuerySet<M> {
  const [yearName, monthName, dayName] = dateHierarchyParameters(field) as [string, string, string];
  const year = parsePart(params, yearName, 1, 9999);
  const month = parsePart(params, monthName, 1, 12);
  const day = parsePart(params, dayName, 1, 31);
  if ((month !== undefined && year === undefined) || (day !== undefined && month === undefined)) {
    throw new InvalidLookup(
      `The date hierarchy needs ${month !== undefined ? yearName : monthName} with ${month !== undefined && year === undefined ? monthName : dayName}.`,
    );
  }
  const filter: Record<string, number> = {};
  if (year !== undefined) filter[yearName] = year;
  if (month !== undefined) filter[monthName] = month;
  if (day !== undefined) filter[dayName] = day;
  return Object.keys(filter).length ? queryset.filter(filter as never) : queryset;
}

/** The links for the current level, from the dates that have objects in `queryset` (already filtered). */
export async function describeDateHierarchy<M extends Model>(queryset: QuerySet<M>, field: string, params: Map<string, string>): Promise<DateHierarchyState> {
  const [yearName, monthName, dayName] = dateHierarchyParameters(field) as [string, string, string];
  const year = params.get(yearName);
  const month = params.get(monthName);
  const day = params.get(dayName);
  const clear = { [yearName]: null, [monthName]: null, [dayName]: null };
  if (year && month && day) {
    return {
      back: { label: `‹ ${MONTHS[Number(month) - 1]} ${year}`, query: withParams(params, { [dayName]: null }) },
      choices: [{ label: `${MONTHS[Number(month) - 1]} ${Number(day)}`, query: withParams(params, {}) }],
    };
  }
  if (year && month) {
    const days = (await queryset.dates(field as never, 'day')) as unknown as string[];
    return {
      back: { label: `‹ ${year}`, query: withParams(params, { [monthName]: null }) },
      choices: days.map((date) => ({
        label: `${MONTHS[Number(month) - 1]} ${Number(date.slice(8, 10))}`,
        query: withParams(params, { [dayName]: String(Number(date.slice(8, 10))) }),
      })),
    };
  }
  if (year) {
    const months = (await queryset.dates(field as never, 'month')) as unknown as string[];
    return {
      back: { label: '‹ All dates', query: withParams(params, clear) },
      choices: months.map((date) => ({
        label: `${MONTHS[Number(date.slice(5, 7)) - 1]} ${year}`,
        query: withParams(params, { [monthName]: String(Number(date.slice(5, 7))) }),
      })),
    };
  }
  const years = (await queryset.dates(field as never, 'year')) as unknown as string[];
  return { back: null, choices: years.map((date) => ({ label: date.slice(0, 4), query: withParams(params, { [yearName]: date.slice(0, 4) }) })) };
}
