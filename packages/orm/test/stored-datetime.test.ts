import { describe, expect, it } from 'vitest';
import { parseDateTime, type ValueContext } from '../src/values.js';

const utc: ValueContext = { dialect: 'sqlite', vendor: 'sqlite', useTz: true, timeZone: 'UTC' };

/** How stored UTC text was read before the digit-by-digit fast path: what it must agree with. */
function byDateParse(text: string): number {
  return Date.parse(`${text.slice(0, 10)}T${text.slice(11, 23)}Z`);
}

describe('reading stored datetime text', () => {
  it('reads what the ORM writes to the millisecond, with 0 to 6 fraction digits', () => {
    const cases = [
      '2026-11-24 04:03:02',
      '2026-11-24 04:03:02.6',
      '2026-11-24 04:03:02.64',
      '2026-11-24 04:03:02.642',
      '2026-11-24 04:03:02.642999',
      '1999-12-31 23:59:59.999',
      '2024-02-29 12:00:00',
      '0100-01-01 00:00:00',
    ];
    for (const text of cases) expect([text, parseDateTime(text, utc).getTime()]).toEqual([text, byDateParse(text)]);
  });

  it('reads odd text exactly as before (days past the month, hour 24, years before 100, stray characters)', () => {
    const cases = [
      '2023-02-31 10:00:00',
      '2024-01-01 24:00:00',
      '0050-06-01 10:00:00',
      '2024-01-01 10:00:00.',
      '2024-01-01 10:00:00.12x',
      '2024-01-01 10:00:61',
      '2024-13-01 10:00:00',
      '2024-01-01 10-00-00',
    ];
    for (const text of cases) {
      const before = byDateParse(text);
      const read = parseDateTime(text, utc).getTime();
      if (!Number.isNaN(before)) expect([text, read]).toEqual([text, before]);
    }
    expect(parseDateTime('2024-01-01 10:00:00.123456', utc).toISOString()).toBe('2024-01-01T10:00:00.123Z');
  });

  it('agrees with Date.parse on every day from year 100 to 9999 sampled every 29 days and 1 hour, and on leap-year month ends', () => {
    const mismatches: string[] = [];
    for (let time = Date.UTC(100, 0, 1); time < Date.UTC(9999, 11, 31); time += 29 * 86_400_000 + 3_723_456) {
      const text = new Date(time).toISOString().replace('T', ' ').replace('Z', '000');
      if (parseDateTime(text, utc).getTime() !== byDateParse(text)) mismatches.push(text);
    }
    for (const year of [1600, 1700, 1900, 1999, 2000, 2023, 2024, 2100, 2400]) {
      for (const monthDay of ['01-31', '02-28', '02-29', '03-01', '04-30', '04-31', '06-30', '09-30', '11-30', '12-31']) {
        const text = `${year}-${monthDay} 23:59:59.999999`;
        const before = byDateParse(text);
        if (!Number.isNaN(before) && parseDateTime(text, utc).getTime() !== before) mismatches.push(text);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
