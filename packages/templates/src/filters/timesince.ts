/**
 * Django's `timesince` and `timeuntil`: "4 days, 6 hours", with calendar years and months,
 * at most two adjacent units, and non-breaking spaces inside each unit.
 */
import { toDate } from './date-format.js';

const units = ['year', 'month', 'week', 'day', 'hour', 'minute'] as const;
const chunks = [7 * 24 * 3600, 24 * 3600, 3600, 60];
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const nbsp = '\u00a0';

function describe(count: number, unit: string): string {
  return `${count}${nbsp}${unit}${count === 1 ? '' : 's'}`;
}

function utcDate(year: number, month: number, day: number, hours: number, minutes: number, seconds: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, seconds, 0);
  return date.getTime();
}

/** Django's `timesince(d, now)`: the time from `d` to `now` in words ("0 minutes" when `d` is not before `now`). */
export function timeSince(from: Date, now: Date, depth = 2): string {
  const d = new Date(from.getTime());
  const since = Math.floor((now.getTime() - d.getTime()) / 1000);
  if (since <= 0) return describe(0, 'minute');
  let totalMonths = (now.getUTCFullYear() - d.getUTCFullYear()) * 12 + (now.getUTCMonth() - d.getUTCMonth());
  const timeOfDay = (x: Date): number => ((x.getUTCHours() * 60 + x.getUTCMinutes()) * 60 + x.getUTCSeconds()) * 1000 + x.getUTCMilliseconds();
  if (d.getUTCDate() > now.getUTCDate() || (d.getUTCDate() === now.getUTCDate() && timeOfDay(d) > timeOfDay(now))) totalMonths -= 1;
  const years = Math.floor(totalMonths / 12);
  const months = totalMonths - years * 12;
  let pivot = d.getTime();
  if (years || months) {
    let pivotYear = d.getUTCFullYear() + years;
    let pivotMonth = d.getUTCMonth() + 1 + months;
    if (pivotMonth > 12) {
      pivotMonth -= 12;
      pivotYear += 1;
    }
    pivot = utcDate(
      pivotYear,
      pivotMonth,
      Math.min(monthDays[pivotMonth - 1] as number, d.getUTCDate()),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    );
  }
  let remaining = (now.getTime() - pivot) / 1000;
  const partials = [years, months];
  for (const chunk of chunks) {
    const count = Math.floor(remaining / chunk);
    partials.push(count);
    remaining -= chunk * count;
  }
  let i = partials.findIndex((value) => value !== 0);
  if (i === -1) return describe(0, 'minute');
  const result: string[] = [];
  while (i < units.length && result.length < depth) {
    const value = partials[i] as number;
    if (value === 0) break;
    result.push(describe(value, units[i] as string));
    i++;
  }
  return result.join(', ');
}

/** `timesince(value, comparedTo = now)`: "4 days, 6 hours"; '' for an empty or invalid date. */
export function timesince(value: unknown, comparedTo?: unknown): string {
  if (!value) return '';
  const d = toDate(value);
  const now = comparedTo ? toDate(comparedTo) : new Date();
  if (!d || !now) return '';
  return timeSince(d, now);
}

/** `timeuntil(value, comparedTo = now)`: the time from now (or `comparedTo`) until the date, "2 weeks, 1 day"; '' for an invalid date. */
export function timeuntil(value: unknown, comparedTo?: unknown): string {
  if (!value) return '';
  const d = toDate(value);
  const now = comparedTo ? toDate(comparedTo) : new Date();
  if (!d || !now) return '';
  return timeSince(now, d);
}
