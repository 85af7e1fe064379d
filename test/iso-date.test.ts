// ISO days: the UTC calendar day of a Date, and the Date a day is stored as.
import { describe, expect, it } from 'vitest';
import { isoDay, looksLikeIsoDay, middayOf, startOfDay } from '../src/iso-date.ts';

describe('iso-date', () => {
  it('takes the UTC day, whatever the hour', () => {
    expect(isoDay(new Date('2026-10-03T23:59:59.999Z'))).toBe('2026-10-03');
    expect(isoDay(new Date('2026-10-03T00:30:00+02:00'))).toBe('2026-10-02');
  });

  it('turns a day into midnight or noon UTC and back', () => {
    expect(startOfDay('2026-02-28').toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(middayOf('2026-02-28').toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(isoDay(startOfDay('2024-02-29'))).toBe('2024-02-29');
  });

  it('knows the YYYY-MM-DD shape', () => {
    expect(looksLikeIsoDay('2026-10-03')).toBe(true);
    expect(looksLikeIsoDay('3.10.2026')).toBe(false);
    expect(looksLikeIsoDay('2026-10-03T00:00')).toBe(false);
  });
});
