import type { Dialect } from '@manouche/contracts';
import { checkedZone, mysqlLocalDateTime } from './time-zones.js';

/**
 * The lookups filter keys may end with.
 *
 * @example
 * LOOKUPS.includes('icontains'); // true: Post.objects.filter({ title__icontains: 'django' })
 */
export const LOOKUPS = [
  'exact',
  'iexact',
  'contains',
  'icontains',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'startswith',
  'istartswith',
  'endswith',
  'iendswith',
  'range',
  'isnull',
  'regex',
  'iregex',
] as const;
/**
 * One lookup name.
 *
 * @example
 * const lookup: LookupName = 'istartswith';
 * Author.objects.filter({ [`username__${lookup}`]: 'an' });
 */
export type LookupName = (typeof LOOKUPS)[number];

/**
 * Transforms that may come before a lookup (`publish__year__gte`).
 *
 * @example
 * TRANSFORMS.includes('year'); // true: Post.objects.filter({ publish__year__gte: 2026 })
 */
export const TRANSFORMS = [
  'date',
  'time',
  'year',
  'iso_year',
  'quarter',
  'month',
  'week',
  'day',
  'week_day',
  'iso_week_day',
  'hour',
  'minute',
  'second',
] as const;
/**
 * One transform name.
 *
 * @example
 * const part: TransformName = 'week_day';
 * Post.objects.filter({ [`publish__${part}`]: 1 }); // Sundays
 */
export type TransformName = (typeof TRANSFORMS)[number];

const lookupSet = new Set<string>(LOOKUPS);
const transformSet = new Set<string>(TRANSFORMS);

/** Whether `name` is a lookup. */
export function isLookup(name: string): name is LookupName {
  return lookupSet.has(name);
}
/** Whether `name` is a transform. */
export function isTransform(name: string): name is TransformName {
  return transformSet.has(name);
}

/**
 * SQL applying a date transform to `lhs` (a date, or a datetime stored in UTC); the result is an
 * integer, or a date for `date`. `zone` (the current TIME_ZONE under USE_TZ) is the zone whose wall
 * clock datetimes are read in, as Django converts before extracting.
 */
export function transformSql(dialect: Dialect, transform: TransformName, lhs: string, isDateTime: boolean, zone = 'UTC'): string {
  const local = isDateTime && zone !== 'UTC';
  if (local) checkedZone(zone);
  if (local && dialect === 'sqlite') lhs = `manouche_local_datetime(${lhs}, '${zone}')`;
  if (local && dialect === 'mysql') lhs = mysqlLocalDateTime(lhs, zone);
  if (dialect === 'sqlite') {
    // Dates and datetimes are stored as ISO text, so fixed positions hold each part.
    const day = `substr(${lhs}, 1, 10)`;
    switch (transform) {
      case 'date':
        return day;
      case 'time':
        return `substr(${lhs}, 12)`;
      case 'year':
        return `CAST(substr(${lhs}, 1, 4) AS integer)`;
      case 'iso_year':
        return `CAST(strftime('%G', ${day}) AS integer)`;
      case 'quarter':
        return `((CAST(substr(${lhs}, 6, 2) AS integer) + 2) / 3)`;
      case 'month':
        return `CAST(substr(${lhs}, 6, 2) AS integer)`;
      case 'week':
        return `CAST(strftime('%V', ${day}) AS integer)`;
      case 'day':
        return `CAST(substr(${lhs}, 9, 2) AS integer)`;
      case 'week_day':
        return `(CAST(strftime('%w', ${day}) AS integer) + 1)`;
      case 'iso_week_day':
        return `CAST(strftime('%u', ${day}) AS integer)`;
      case 'hour':
        return `CAST(substr(${lhs}, 12, 2) AS integer)`;
      case 'minute':
        return `CAST(substr(${lhs}, 15, 2) AS integer)`;
      case 'second':
        return `CAST(substr(${lhs}, 18, 2) AS integer)`;
    }
  }
  if (dialect === 'postgresql') {
    const value = isDateTime ? `(${lhs} AT TIME ZONE '${zone}')` : lhs;
    switch (transform) {
      case 'date':
        return `${value}::date`;
      case 'time':
        return `${value}::time`;
      case 'week_day':
        return `(EXTRACT(DOW FROM ${value})::integer + 1)`;
      case 'iso_week_day':
        return `EXTRACT(ISODOW FROM ${value})::integer`;
      case 'iso_year':
        return `EXTRACT(ISOYEAR FROM ${value})::integer`;
      case 'second':
        return `FLOOR(EXTRACT(SECOND FROM ${value}))::integer`;
      default:
        return `EXTRACT(${transform.toUpperCase()} FROM ${value})::integer`;
    }
  }
  switch (transform) {
    case 'date':
      return `DATE(${lhs})`;
    case 'time':
      return `TIME(${lhs})`;
    case 'week':
      return `WEEK(${lhs}, 3)`;
    case 'week_day':
      return `DAYOFWEEK(${lhs})`;
    case 'iso_week_day':
      return `(WEEKDAY(${lhs}) + 1)`;
    case 'iso_year':
      return `TRUNCATE(YEARWEEK(${lhs}, 3) / 100, 0)`;
    default:
      return `${transform.toUpperCase()}(${lhs})`;
  }
}

/** Escapes `%`, `_` and the escape character for a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Escapes SQLite GLOB wildcards by bracketing them. */
export function escapeGlob(value: string): string {
  return value.replace(/[*?[]/g, (c) => `[${c}]`);
}

/**
 * SQL for a pattern lookup; `param` binds a value and returns its placeholder. Case-sensitive
 * lookups are case-sensitive on every database (SQLite: GLOB; MySQL: LIKE BINARY).
 */
export function patternSql(
  dialect: Dialect,
  lookup: 'contains' | 'icontains' | 'startswith' | 'istartswith' | 'endswith' | 'iendswith',
  lhs: string,
  value: string,
  param: (value: unknown) => string,
): string {
  const insensitive = lookup.startsWith('i');
  const kind = insensitive ? lookup.slice(1) : lookup;
  if (dialect === 'sqlite' && !insensitive) {
    const glob = escapeGlob(value);
    const pattern = kind === 'contains' ? `*${glob}*` : kind === 'startswith' ? `${glob}*` : `*${glob}`;
    return `${lhs} GLOB ${param(pattern)}`;
  }
  const like = escapeLike(value);
  const pattern = kind === 'contains' ? `%${like}%` : kind === 'startswith' ? `${like}%` : `%${like}`;
  if (dialect === 'sqlite') return `${lhs} LIKE ${param(pattern)} ESCAPE '\\'`;
  if (dialect === 'postgresql') return insensitive ? `UPPER(${lhs}::text) LIKE UPPER(${param(pattern)})` : `${lhs}::text LIKE ${param(pattern)}`;
  return insensitive ? `${lhs} LIKE ${param(pattern)}` : `${lhs} LIKE BINARY ${param(pattern)}`;
}

/** SQL for regex/iregex. */
export function regexSql(dialect: Dialect, insensitive: boolean, lhs: string, placeholder: string): string {
  if (dialect === 'sqlite') return insensitive ? `manouche_iregexp(${placeholder}, ${lhs})` : `${lhs} REGEXP ${placeholder}`;
  if (dialect === 'postgresql') return `${lhs}::text ${insensitive ? '~*' : '~'} ${placeholder}`;
  return insensitive ? `${lhs} REGEXP ${placeholder}` : `${lhs} REGEXP BINARY ${placeholder}`;
}
