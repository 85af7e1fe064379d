// Periods in plain English, relative to "today": yesterday, this week, last month, in Q3, in
// October (2025), since March, the last 30 days, between 1 and 15 October, 2026-01-01 to 2026-03-31.
// Each finder removes what it read from the question, so the planner can tell what is left unread.
import { isoDay } from '../iso-date.ts';

export interface Period {
  /** Inclusive ISO dates. */
  from: string;
  to: string;
  label: string;
}

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const monthPattern =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));
const monthIndex = (name: string) => monthNames.findIndex((month) => month.startsWith(name.slice(0, 3)));
const shortDate = (date: Date) =>
  date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLabel = (year: number, month: number) =>
  utc(year, month, 1).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthPeriod(year: number, month: number): Period {
  return { from: isoDay(utc(year, month, 1)), to: isoDay(utc(year, month + 1, 0)), label: monthLabel(year, month) };
}

function range(from: Date, to: Date, label?: string): Period {
  return { from: isoDay(from), to: isoDay(to), label: label ?? `${shortDate(from)} – ${shortDate(to)}` };
}

/** The most recent such month that has started (October in February means last October). */
function latestMonth(month: number, today: Date): number {
  return month > today.getUTCMonth() ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
}

type Finder = (match: RegExpExecArray, today: Date) => Period | null;

const finders: [RegExp, Finder][] = [
  [
    /\b(?:from|between)\s+(\d{4}-\d{2}-\d{2})\s+(?:to|and|until)\s+(\d{4}-\d{2}-\d{2})\b/,
    (m) => (m[1]! <= m[2]! ? { from: m[1]!, to: m[2]!, label: `${m[1]} to ${m[2]}` } : null),
  ],
  [/\b(?:on\s+)?(\d{4}-\d{2}-\d{2})\b/, (m) => ({ from: m[1]!, to: m[1]!, label: m[1]! })],
  [
    new RegExp(
      `\\b(?:between|from)\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:and|to|-)\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${monthPattern}(?:\\s+(\\d{4}))?\\b`,
    ),
    (m, today) => {
      const month = monthIndex(m[3]!);
      const year = m[4] ? Number(m[4]) : latestMonth(month, today);
      const from = utc(year, month, Number(m[1]));
      const to = utc(year, month, Number(m[2]));
      if (from > to || to.getUTCMonth() !== month) return null;
      return range(from, to);
    },
  ],
  [/\btoday\b/, (_, today) => range(today, today, `today (${isoDay(today)})`)],
  [
    /\byesterday\b/,
    (_, today) => {
      const day = utc(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1);
      return range(day, day, `yesterday (${isoDay(day)})`);
    },
  ],
  [
    /\b(this|last|previous)\s+week\b/,
    (m, today) => {
      const monday = utc(
        today.getUTCFullYear(),
        today.getUTCMonth(),
        today.getUTCDate() - ((today.getUTCDay() + 6) % 7),
      );
      const start =
        m[1] === 'this' ? monday : utc(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate() - 7);
      const end = utc(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 6);
      return range(start, m[1] === 'this' ? today : end);
    },
  ],
  [
    /\b(this|last|previous)\s+month\b/,
    (m, today) => {
      const shift = m[1] === 'this' ? 0 : -1;
      const start = utc(today.getUTCFullYear(), today.getUTCMonth() + shift, 1);
      return monthPeriod(start.getUTCFullYear(), start.getUTCMonth());
    },
  ],
  [
    /\b(this|last|previous)\s+quarter\b/,
    (m, today) => {
      const quarter = Math.floor(today.getUTCMonth() / 3) - (m[1] === 'this' ? 0 : 1);
      const start = utc(today.getUTCFullYear(), quarter * 3, 1);
      const end = utc(start.getUTCFullYear(), start.getUTCMonth() + 3, 0);
      return range(start, end, `Q${Math.floor(start.getUTCMonth() / 3) + 1} ${start.getUTCFullYear()}`);
    },
  ],
  [
    /\b(?:in\s+|during\s+)?q([1-4])(?:\s+(\d{4}))?\b/,
    (m, today) => {
      const quarter = Number(m[1]) - 1;
      const current = Math.floor(today.getUTCMonth() / 3);
      const year = m[2] ? Number(m[2]) : quarter > current ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
      return range(utc(year, quarter * 3, 1), utc(year, quarter * 3 + 3, 0), `Q${quarter + 1} ${year}`);
    },
  ],
  [
    /\b(this|last|previous)\s+year\b/,
    (m, today) => {
      const year = today.getUTCFullYear() - (m[1] === 'this' ? 0 : 1);
      return range(utc(year, 0, 1), utc(year, 11, 31), String(year));
    },
  ],
  [
    /\b(?:in\s+the\s+|over\s+the\s+|the\s+)?(?:last|past)\s+(\d{1,3})\s+(days?|weeks?|months?)\b/,
    (m, today) => {
      const count = Number(m[1]);
      if (count === 0) return null;
      const unit = m[2]!.startsWith('day') ? 1 : m[2]!.startsWith('week') ? 7 : 0;
      const start =
        unit > 0
          ? utc(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - count * unit + 1)
          : utc(today.getUTCFullYear(), today.getUTCMonth() - count, today.getUTCDate() + 1);
      return range(start, today, `the last ${count} ${m[2]} (${shortDate(start)} – ${shortDate(today)})`);
    },
  ],
  [
    new RegExp(`\\bsince\\s+${monthPattern}(?:\\s+(\\d{4}))?\\b`),
    (m, today) => {
      const month = monthIndex(m[1]!);
      const year = m[2] ? Number(m[2]) : latestMonth(month, today);
      const start = utc(year, month, 1);
      return start <= today ? range(start, today, `since ${monthLabel(year, month)}`) : null;
    },
  ],
  [
    new RegExp(`\\b(?:in\\s+|during\\s+|for\\s+)?${monthPattern}(?:\\s+(\\d{4}))?\\b`),
    (m, today) => {
      const month = monthIndex(m[1]!);
      // "may" alone is more often a verb than a month.
      if (m[1] === 'may' && !m[2] && !/^(?:in|during|for)\s/.test(m[0])) return null;
      return monthPeriod(m[2] ? Number(m[2]) : latestMonth(month, today), month);
    },
  ],
  [/\bsince\s+(\d{4})\b/, (m, today) => range(utc(Number(m[1]), 0, 1), today, `since ${m[1]}`)],
  [
    /\b(?:in\s+|during\s+)?(20\d{2}|19\d{2})\b/,
    (m) => range(utc(Number(m[1]), 0, 1), utc(Number(m[1]), 11, 31), m[1]!),
  ],
];

/** The first period found in `text` (lower case), and the text with it removed. */
export function takePeriod(text: string, today: Date): { period: Period | null; rest: string } {
  for (const [pattern, find] of finders) {
    const match = pattern.exec(text);
    if (!match) continue;
    const period = find(match, today);
    if (!period) continue;
    return { period, rest: `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}` };
  }
  return { period: null, rest: text };
}
