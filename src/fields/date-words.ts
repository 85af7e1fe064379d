// Dates people type rather than print: "today", "yesterday", "the day before yesterday", a weekday
// ("friday", "last fri": the latest one not after today), and a day and month without the year
// ("28.11", "28/11": the latest such day not after today). Full dates (2026-10-03, 03.10.2026,
// 3 Oct 2026) are read by the receipt date reader; this module only adds the words.
import { isoDay } from '../iso-date.ts';

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const dayMs = 24 * 3600 * 1000;

function daysBefore(today: Date, days: number): string {
  return isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - days * dayMs));
}

function weekday(word: string): number | null {
  if (word.length < 3) return null;
  const index = weekdays.findIndex((name) => name.startsWith(word));
  return index === -1 ? null : index;
}

/** The ISO date the words mean, counted back from `today` (UTC); null when they are not date words. */
export function dateFromWords(text: string, today: Date, order: 'DMY' | 'MDY' = 'DMY'): string | null {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '')
    .replace(/^(?:on|the)\s+/, '')
    .replace(/\s+/g, ' ');
  if (words === 'today') return daysBefore(today, 0);
  if (words === 'yesterday') return daysBefore(today, 1);
  if (words === 'day before yesterday' || words === 'before yesterday') return daysBefore(today, 2);
  const named = /^(last |this |past )?([a-z]+)$/.exec(words);
  if (named) {
    const day = weekday(named[2]!);
    if (day === null) return null;
    const back = (today.getUTCDay() - day + 7) % 7;
    // "last friday" on a Friday is a week ago; "friday" on a Friday is today.
    return daysBefore(today, back === 0 && named[1] === 'last ' ? 7 : back);
  }
  const short = /^(\d{1,2})\s?[./-]\s?(\d{1,2})$/.exec(words);
  if (short) {
    const [first, second] = [Number(short[1]), Number(short[2])];
    const [day, month] = order === 'DMY' ? [first, second] : [second, first];
    for (const year of [today.getUTCFullYear(), today.getUTCFullYear() - 1]) {
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
      if (isoDay(date) <= isoDay(today)) return isoDay(date);
    }
  }
  return null;
}
