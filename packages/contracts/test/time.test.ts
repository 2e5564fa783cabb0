import { describe, expect, it } from 'vitest';
import { instantOf, isTimeZone, utcTime, wallClockAt, zonedTimeAt, zoneOffsetSeconds } from '../src/time/index.js';

describe('@manouche/contracts/time', () => {
  it('reads the wall clock in a zone, summer and winter', () => {
    expect(wallClockAt(new Date('2024-07-01T10:00:00.250Z'), 'Europe/Paris')).toEqual({
      year: 2024,
      month: 7,
      day: 1,
      hour: 12,
      minute: 0,
      second: 0,
      millisecond: 250,
    });
    expect(wallClockAt(new Date('2024-01-01T10:00:00Z'), 'Europe/Paris').hour).toBe(11);
    expect(wallClockAt(new Date('2024-01-01T10:00:00Z'), 'UTC').hour).toBe(10);
    expect(zonedTimeAt(new Date('2024-06-30T23:30:00Z'), 'Europe/Paris')).toMatchObject({ day: 1, hour: 1, weekday: 1, offsetSeconds: 7200 });
  });

  it('finds the instant of a wall-clock time, the earlier one in a DST overlap, the winter reading in a gap', () => {
    const wall = { year: 2024, month: 10, day: 27, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(instantOf(wall, 'Europe/Paris').toISOString()).toBe('2024-10-27T00:30:00.000Z');
    expect(instantOf({ ...wall, month: 7 }, 'America/New_York').toISOString()).toBe('2024-07-27T06:30:00.000Z');
    // 02:30 on 31 March 2024 does not exist in Paris: read with the winter offset, as Python's fold=0 does.
    expect(instantOf({ ...wall, month: 3, day: 31 }, 'Europe/Paris').toISOString()).toBe('2024-03-31T01:30:00.000Z');
  });

  it('changes offset at the exact second, also where old local mean times change at odd seconds', () => {
    const change = Date.UTC(2024, 2, 31, 1, 0, 0);
    expect(zoneOffsetSeconds(change - 1000, 'Europe/Paris')).toBe(3600);
    expect(zoneOffsetSeconds(change, 'Europe/Paris')).toBe(7200);
    // Paris kept its mean time, 9 min 21 s east of Greenwich, until 1911.
    expect(zoneOffsetSeconds(Date.UTC(1900, 0, 1), 'Europe/Paris')).toBe(561);
  });

  it('keeps years before 100 as themselves', () => {
    expect(new Date(utcTime(42, 3, 1)).getUTCFullYear()).toBe(42);
    expect(utcTime(2024, 3, 31, 2, 30)).toBe(Date.UTC(2024, 2, 31, 2, 30));
  });

  it('tells known zone names from unknown ones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => zoneOffsetSeconds(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});
