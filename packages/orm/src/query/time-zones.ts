import { isTimeZone, zoneOffsetSeconds } from '@manouche/contracts/time';
import { ImproperlyConfigured } from '../errors.js';
import { formatDateTime } from '../values.js';

const ZONE_NAME = /^[A-Za-z0-9_+\-/]+$/;
const FIRST_YEAR = 1970;
const LAST_YEAR = 2100;
const DAY = 86_400_000;

/** A TIME_ZONE name safe to inline as an SQL literal; an unknown zone is ImproperlyConfigured. */
const knownZones = new Set<string>();

export function checkedZone(zone: string): string {
  if (knownZones.has(zone)) return zone;
  let valid = ZONE_NAME.test(zone);
  if (valid) valid = isTimeZone(zone);
  if (!valid) throw new ImproperlyConfigured(`TIME_ZONE "${zone}" is not a time zone name this runtime knows (expected an IANA name such as "Europe/Paris").`);
  knownZones.add(zone);
  return zone;
}

/** The zone's offset changes from 1970 to 2100: `[utcInstant, offsetSecondsFromThen]`, after the offset in force in 1970. */
interface ZoneRules {
  initial: number;
  changes: Array<[number, number]>;
}

const rulesCache = new Map<string, ZoneRules>();

function zoneRules(zone: string): ZoneRules {
  let rules = rulesCache.get(zone);
  if (rules) return rules;
  let time = Date.UTC(FIRST_YEAR, 0, 1);
  const end = Date.UTC(LAST_YEAR, 0, 1);
  const initial = zoneOffsetSeconds(time, zone);
  let current = initial;
  const changes: Array<[number, number]> = [];
  // Offsets change at most a few times a year and never twice within a week: step weekly, then bisect.
  while (time < end) {
    const next = time + 7 * DAY;
    const offset = zoneOffsetSeconds(next, zone);
    if (offset !== current) {
      let low = time;
      let high = next;
      while (high - low > 1000) {
        const mid = low + Math.floor((high - low) / 2000) * 1000;
        if (zoneOffsetSeconds(mid, zone) === current) low = mid;
        else high = mid;
      }
      changes.push([high, offset]);
      current = offset;
    }
    time = next;
  }
  rules = { initial, changes };
  rulesCache.set(zone, rules);
  return rules;
}

function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  return `${sign}${String(Math.floor(abs / 3600)).padStart(2, '0')}:${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}`;
}

/**
 * MySQL/MariaDB SQL turning a UTC DATETIME into the wall clock in `zone`, without the server's
 * time-zone tables (often not loaded; CONVERT_TZ with a zone name then returns NULL). A fixed-offset
 * zone is a CONVERT_TZ between offsets; a zone with daylight saving adds the offset in force at
 * each instant, from the runtime's time-zone data (1970 to 2100; earlier instants use 1970's offset).
 */
export function mysqlLocalDateTime(lhs: string, zone: string): string {
  const { initial, changes } = zoneRules(checkedZone(zone));
  if (changes.length === 0) return `CONVERT_TZ(${lhs}, '+00:00', '${offsetText(initial)}')`;
  const utc = { dialect: 'mysql' as const, vendor: 'mysql', useTz: true, timeZone: 'UTC' };
  let offsets = `ELSE ${changes[changes.length - 1][1]}`;
  const branches: string[] = [];
  let before = initial;
  for (const [instant, offset] of changes) {
    branches.push(`WHEN ${lhs} < '${formatDateTime(new Date(instant), utc).slice(0, 19)}' THEN ${before}`);
    before = offset;
  }
  offsets = `CASE ${branches.join(' ')} ${offsets} END`;
  return `DATE_ADD(${lhs}, INTERVAL (${offsets}) SECOND)`;
}

/** SQLite's `manouche_local_datetime(text, zone)`: stored UTC text as the wall clock in `zone` (same text format). */
export function sqliteLocalDateTime(text: unknown, zone: unknown): string | null {
  if (text === null || text === undefined) return null;
  const value = String(text);
  const utc = Date.parse(`${value.slice(0, 10)}T${value.slice(11, 23) || '00:00:00'}Z`);
  if (Number.isNaN(utc)) return null;
  return formatDateTime(new Date(utc), { dialect: 'sqlite', vendor: 'sqlite', useTz: false, timeZone: String(zone) });
}
