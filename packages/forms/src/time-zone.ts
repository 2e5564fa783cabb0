/** Wall-clock time in an IANA time zone, with Intl only: naive form input is read in the form's zone. */

import type { WallClock } from '@manouche/contracts/time';

export { instantOf, type WallClock, wallClockAt } from '@manouche/contracts/time';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD`. */
export function formatDatePart(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
/** `HH:MM:SS` (with `.mmm` when there are milliseconds). */
export function formatTimePart(w: WallClock): string {
  return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${w.millisecond ? `.${pad(w.millisecond, 3)}` : ''}`;
}
