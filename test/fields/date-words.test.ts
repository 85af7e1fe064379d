// Dates people type: today, yesterday, weekdays and a day and month without the year.
import { describe, expect, it } from 'vitest';
import { dateFromWords } from '../../src/fields/date-words.ts';

// A Wednesday.
const today = new Date('2026-12-02T10:00:00Z');

describe('date words', () => {
  it('reads today, yesterday and the day before', () => {
    expect(dateFromWords('today', today)).toBe('2026-12-02');
    expect(dateFromWords('Yesterday', today)).toBe('2026-12-01');
    expect(dateFromWords('the day before yesterday', today)).toBe('2026-11-30');
  });

  it('reads a weekday as the latest one not after today', () => {
    expect(dateFromWords('monday', today)).toBe('2026-11-30');
    expect(dateFromWords('Fri', today)).toBe('2026-11-27');
    expect(dateFromWords('wednesday', today)).toBe('2026-12-02');
    expect(dateFromWords('last wednesday', today)).toBe('2026-11-25');
    expect(dateFromWords('on thursday', today)).toBe('2026-11-26');
  });

  it('reads a day and month without the year as the latest such day', () => {
    expect(dateFromWords('28.11', today)).toBe('2026-11-28');
    expect(dateFromWords('24/12', today)).toBe('2025-12-24');
    expect(dateFromWords('12/24', today, 'MDY')).toBe('2025-12-24');
    expect(dateFromWords('31.02', today)).toBeNull();
  });

  it('leaves anything else to the date reader', () => {
    for (const text of ['2026-10-03', '03.10.2026', 'soon', 'mo', '']) expect(dateFromWords(text, today)).toBeNull();
  });
});
