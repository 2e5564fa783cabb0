/**
 * Wall clocks in IANA time zones, with Intl only. Forms read naive input in a zone, templates
 * format dates in one, the ORM writes naive datetimes in one: all through these few functions,
 * which cache what is costly (building an Intl.DateTimeFormat, and each zone offset).
 */

/**
 * A calendar date and time of day as a clock in some zone shows it.
 *
 * @example
 * const wall: WallClock = wallClockAt(new Date('2024-07-01T12:00:00Z'), 'Europe/Paris'); // { hour: 14, … }
 * instantOf(wall, 'Europe/Paris'); // 2024-07-01T12:00:00.000Z
 */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Whether this runtime knows the IANA zone name.
 * @example
 * isTimeZone('Europe/Paris'); // true
 * isTimeZone('Mars/Olympus'); // false
 */
export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Milliseconds since the epoch of a UTC calendar date and time; unlike Date.UTC, years 0–99 stay themselves.
 * @example
 * utcTime(2024, 3, 31, 2, 30); // Date.UTC(2024, 2, 31, 2, 30)
 */
export function utcTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

function offsetReadAt(epochMs: number, timeZone: string): number {
  const start = Math.floor(epochMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(start))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Math.round((utcTime(year, month, day, hour, minute, second) - start) / 1000);
}

// One Intl lookup serves a whole quarter hour when the offset is the same at both its ends;
// the rare quarter hour holding a change (old local mean times change at odd seconds) is read exactly.
const quarterHour = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * The zone's offset from UTC at an instant, in seconds (east positive; old local mean times are not whole minutes).
 * Throws a RangeError for an unknown zone.
 * @example
 * zoneOffsetSeconds(Date.UTC(2024, 6, 1), 'Europe/Paris'); // 7200
 */
export function zoneOffsetSeconds(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const bucket = Math.floor(epochMs / quarterHour);
  const cached = zone.get(bucket);
  if (cached !== undefined) return cached;
  const start = bucket * quarterHour;
  const offset = offsetReadAt(start, timeZone);
  if (offsetReadAt(start + quarterHour - 1000, timeZone) !== offset) return offsetReadAt(epochMs, timeZone);
  if (zone.size > 4096) zone.clear();
  zone.set(bucket, offset);
  return offset;
}

/** A wall clock with what date formats need besides: the weekday (0 = Sunday) and the zone's offset then. */
export interface ZonedTime extends WallClock {
  weekday: number;
  offsetSeconds: number;
}

/**
 * The wall clock in `timeZone` at `date`, with its weekday and offset.
 * @example
 * zonedTimeAt(new Date('2024-07-01T10:00:00Z'), 'Europe/Paris'); // { …, hour: 12, weekday: 1, offsetSeconds: 7200 }
 */
export function zonedTimeAt(date: Date, timeZone: string): ZonedTime {
  const offsetSeconds = zoneOffsetSeconds(date.getTime(), timeZone);
  const shifted = new Date(date.getTime() + offsetSeconds * 1000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
    offsetSeconds,
  };
}

/**
 * The wall clock in `timeZone` at `date`.
 * @example
 * wallClockAt(new Date('2024-07-01T10:00:00Z'), 'Europe/Paris'); // { year: 2024, month: 7, day: 1, hour: 12, … }
 */
export function wallClockAt(date: Date, timeZone: string): WallClock {
  // Copied field by field: a rest destructuring here cost four times the conversion itself.
  const zoned = zonedTimeAt(date, timeZone);
  return {
    year: zoned.year,
    month: zoned.month,
    day: zoned.day,
    hour: zoned.hour,
    minute: zoned.minute,
    second: zoned.second,
    millisecond: zoned.millisecond,
  };
}

/**
 * The instant when the clock in `timeZone` shows `wall`: the earlier one when a DST overlap shows it twice,
 * and, for a time a DST gap skips, the reading with the offset in force before the gap (Python's fold=0).
 * @example
 * instantOf({ year: 2024, month: 7, day: 1, hour: 12, minute: 0, second: 0, millisecond: 0 }, 'Europe/Paris'); // 2024-07-01T10:00:00Z
 */
export function instantOf(wall: WallClock, timeZone: string): Date {
  const naive = utcTime(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  if (timeZone === 'UTC') return new Date(naive);
  // No zone changes offset twice within two days: the offsets a day either side are the candidates.
  const before = zoneOffsetSeconds(naive - 86_400_000, timeZone) * 1000;
  const after = zoneOffsetSeconds(naive + 86_400_000, timeZone) * 1000;
  const matches = [naive - before, naive - after].filter((instant) => zoneOffsetSeconds(instant, timeZone) * 1000 === naive - instant);
  return new Date(matches.length > 0 ? Math.min(...matches) : naive - before);
}
