/**
 * Django's date and time format characters (`date(value, 'N j, Y')`, `'Y-m-d H:i'`, …),
 * computed in the engine's time zone (an IANA name such as "Europe/Paris" or "UTC"), or the
 * process's local zone when none is set.
 */

import { utcTime, zonedTimeAt, zoneOffsetSeconds, type ZonedTime } from '@manouche/contracts/time';

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  offsetMinutes: number;
  epochMs: number;
  zoneName: string;
  hasTime: boolean;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const apMonths = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Throws a clear error for a time zone name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  zoneOffsetSeconds(0, timeZone);
}

function pad(value: number, width = 2): string {
  return String(Math.trunc(Math.abs(value))).padStart(width, '0');
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The value as a Date: a Date, epoch milliseconds, an ISO string, or a 'YYYY-MM-DD' date (midnight UTC); undefined when invalid. */
export function toDate(value: unknown): Date | undefined {
  if (typeof value === 'string') {
    const match = dateOnly.exec(value.trim());
    if (match) return new Date(utcTime(Number(match[1]), Number(match[2]), Number(match[3])));
  }
  const date = value instanceof Date ? value : typeof value === 'number' || typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

// The zone of the process's clock, read once per TZ value: an Intl.DateTimeFormat per printed date cost ~60 µs.
let processZone: { tz: string | undefined; name: string } | undefined;
function processTimeZone(): string {
  if (processZone === undefined || processZone.tz !== process.env.TZ) {
    processZone = { tz: process.env.TZ, name: Intl.DateTimeFormat().resolvedOptions().timeZone };
  }
  return processZone.name;
}

function wallClock(value: unknown, timeZone: string | undefined): WallClock | undefined {
  if (typeof value === 'string') {
    const match = dateOnly.exec(value.trim());
    if (match) {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const utc = new Date(utcTime(year, month, day));
      if (Number.isNaN(utc.getTime())) return undefined;
      return {
        year,
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0,
        millisecond: 0,
        weekday: utc.getUTCDay(),
        offsetMinutes: 0,
        epochMs: utc.getTime(),
        zoneName: '',
        hasTime: false,
      };
    }
  }
  const date = value instanceof Date ? value : typeof value === 'number' || typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  const epochMs = date.getTime();
  if (timeZone === undefined) {
    return {
      year: date.getFullYear(),
      month: date.getMonth() + 1,
      day: date.getDate(),
      hour: date.getHours(),
      minute: date.getMinutes(),
      second: date.getSeconds(),
      millisecond: date.getMilliseconds(),
      weekday: date.getDay(),
      offsetMinutes: -date.getTimezoneOffset(),
      epochMs,
      zoneName: processTimeZone(),
      hasTime: true,
    };
  }
  // The zoned time completed in place: building a new object by spreading it made every printed date several times slower.
  const clock = zonedTimeAt(date, timeZone) as ZonedTime & WallClock;
  clock.offsetMinutes = Math.round(clock.offsetSeconds / 60);
  clock.epochMs = epochMs;
  clock.zoneName = timeZone;
  clock.hasTime = true;
  return clock;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function dayOfYear(c: WallClock): number {
  return Math.round((utcTime(c.year, c.month, c.day) - utcTime(c.year, 1, 1)) / 86400000) + 1;
}

function isoWeek(c: WallClock): { year: number; week: number } {
  const date = new Date(utcTime(c.year, c.month, c.day));
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const yearStart = utcTime(date.getUTCFullYear(), 1, 1);
  return { year: date.getUTCFullYear(), week: Math.ceil(((date.getTime() - yearStart) / 86400000 + 1) / 7) };
}

function offset(c: WallClock, separator: string): string {
  const sign = c.offsetMinutes < 0 ? '-' : '+';
  return `${sign}${pad(c.offsetMinutes / 60)}${separator}${pad(c.offsetMinutes % 60)}`;
}

function hour12(hour: number): number {
  return hour % 12 === 0 ? 12 : hour % 12;
}

function ordinal(day: number): string {
  if (day >= 11 && day <= 13) return 'th';
  return ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
}

// Intl has the abbreviations tzdata has (CET, IST, EST, AEST…) only in the locale of the zone's region.
const zoneLocales: Array<[RegExp, string[]]> = [
  [/^(America|US|Canada)\/|^Pacific\/Honolulu$/, ['en-US', 'en-CA']],
  [/^(Europe\/Dublin|Eire)$/, ['en-IE', 'en-GB']],
  [/^(Europe|Atlantic)\/|^(GB|WET|CET|EET|MET)$/, ['en-GB']],
  [/^Asia\/(Kolkata|Calcutta)$/, ['en-IN']],
  [/^Australia\//, ['en-AU']],
  [/^(Pacific\/(Auckland|Chatham)|NZ)$/, ['en-NZ']],
  [/^Africa\//, ['en-ZA', 'en-GB']],
  [/^(Asia\/Tokyo|Japan)$/, ['ja-JP']],
];
// tzdata abbreviations that no Intl locale has, by zone: [at its standard offset (minutes), standard, daylight].
const tzdataOnly: Record<string, [number, string, string]> = {
  'Asia/Shanghai': [480, 'CST', 'CDT'],
  'Asia/Taipei': [480, 'CST', 'CDT'],
  'Asia/Hong_Kong': [480, 'HKT', 'HKST'],
  'Asia/Seoul': [540, 'KST', 'KDT'],
  'Asia/Jerusalem': [120, 'IST', 'IDT'],
  'Europe/Moscow': [180, 'MSK', 'MSD'],
  'Asia/Karachi': [300, 'PKT', 'PKST'],
  'Asia/Manila': [480, 'PST', 'PDT'],
  'Asia/Jakarta': [420, 'WIB', 'WIB'],
};
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Django's `T`: the zone's abbreviation as tzdata names it ("CET", "IST", "EST", "UTC"), or, for
 * zones tzdata has no letters for, the offset as tzdata writes it ("+04", "-03", "+0545").
 */
function shortZoneName(c: WallClock): string {
  if (!c.hasTime) return '';
  const zone = c.zoneName || 'UTC';
  const locales = zoneLocales.find(([pattern]) => pattern.test(zone))?.[1] ?? ['en-US'];
  for (const locale of locales) {
    const key = `${locale} ${zone}`;
    let formatter = zoneNameFormatters.get(key);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
      zoneNameFormatters.set(key, formatter);
    }
    const name = formatter.formatToParts(new Date(c.epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (/^[A-Z]{2,5}$/.test(name)) return name;
  }
  const known = tzdataOnly[zone];
  if (known && c.offsetMinutes === known[0]) return known[1];
  if (known && c.offsetMinutes === known[0] + 60) return known[2];
  const sign = c.offsetMinutes < 0 ? '-' : '+';
  const minutes = Math.abs(c.offsetMinutes) % 60;
  return `${sign}${pad(Math.abs(c.offsetMinutes) / 60)}${minutes ? pad(minutes) : ''}`;
}

function formatChar(char: string, c: WallClock): string {
  switch (char) {
    case 'a':
      return c.hour < 12 ? 'a.m.' : 'p.m.';
    case 'A':
      return c.hour < 12 ? 'AM' : 'PM';
    case 'b':
      return (monthNames[c.month - 1] as string).slice(0, 3).toLowerCase();
    case 'c':
      return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}${c.millisecond ? `.${pad(c.millisecond * 1000, 6)}` : ''}${c.hasTime ? offset(c, ':') : ''}`;
    case 'd':
      return pad(c.day);
    case 'D':
      return (dayNames[c.weekday] as string).slice(0, 3);
    case 'e':
      return c.zoneName;
    case 'E':
    case 'F':
      return monthNames[c.month - 1] as string;
    case 'f':
      return c.minute === 0 ? String(hour12(c.hour)) : `${hour12(c.hour)}:${pad(c.minute)}`;
    case 'g':
      return String(hour12(c.hour));
    case 'G':
      return String(c.hour);
    case 'h':
      return pad(hour12(c.hour));
    case 'H':
      return pad(c.hour);
    case 'i':
      return pad(c.minute);
    case 'I': {
      if (!c.hasTime) return '';
      const january = wallClock(utcTime(c.year, 1, 1), c.zoneName || undefined);
      const july = wallClock(utcTime(c.year, 7, 1), c.zoneName || undefined);
      const standard = Math.min(january?.offsetMinutes ?? 0, july?.offsetMinutes ?? 0);
      return c.offsetMinutes > standard ? '1' : '0';
    }
    case 'j':
      return String(c.day);
    case 'l':
      return dayNames[c.weekday] as string;
    case 'L':
      return isLeap(c.year) ? 'True' : 'False';
    case 'm':
      return pad(c.month);
    case 'M':
      return (monthNames[c.month - 1] as string).slice(0, 3);
    case 'n':
      return String(c.month);
    case 'N':
      return apMonths[c.month - 1] as string;
    case 'o':
      return String(isoWeek(c).year);
    case 'O':
      return c.hasTime ? offset(c, '') : '';
    case 'P': {
      if (c.minute === 0 && c.hour === 0) return 'midnight';
      if (c.minute === 0 && c.hour === 12) return 'noon';
      return `${formatChar('f', c)} ${formatChar('a', c)}`;
    }
    case 'r':
      return `${formatChar('D', c)}, ${pad(c.day)} ${formatChar('M', c)} ${pad(c.year, 4)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} ${c.hasTime ? offset(c, '') : '+0000'}`;
    case 's':
      return pad(c.second);
    case 'S':
      return ordinal(c.day);
    case 't':
      return String(new Date(utcTime(c.year, c.month + 1, 0)).getUTCDate());
    case 'T':
      return shortZoneName(c);
    case 'u':
      return pad(c.millisecond * 1000, 6);
    case 'U':
      return String(Math.floor(c.epochMs / 1000));
    case 'w':
      return String(c.weekday);
    case 'W':
      return String(isoWeek(c).week);
    case 'y':
      return pad(c.year % 100);
    case 'Y':
      return c.year < 0 ? String(c.year) : pad(c.year, 4);
    case 'z':
      return String(dayOfYear(c));
    case 'Z':
      return c.hasTime ? String(c.offsetMinutes * 60) : '';
    default:
      return char;
  }
}

/**
 * Formats `value` (a Date, an ISO string, a 'YYYY-MM-DD' date or epoch milliseconds) with
 * Django's format characters; a backslash outputs the next character literally. An invalid
 * or empty value gives ''.
 *
 * @example
 * formatDate(new Date('2026-03-05T14:30:00Z'), 'N j, Y, P', 'UTC'); // "March 5, 2026, 2:30 p.m."
 */
export function formatDate(value: unknown, format: string, timeZone?: string): string {
  const clock = wallClock(value, timeZone);
  if (!clock) return '';
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const char = format[i] as string;
    if (char === '\\' && i + 1 < format.length) {
      out += format[++i];
      continue;
    }
    out += formatChar(char, clock);
  }
  return out;
}
