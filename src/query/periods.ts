// Periods in plain English, relative to "today": yesterday, this week, last month, in Q3, in
// October (2025), since March, the last 30 days, between 1 and 15 October, 2026-01-01 to 2026-03-31,
// between 1 March and 15 April, from March to May, the first half of the year, since the start of
// the quarter, over the last three months, YTD, last fiscal quarter (fiscal years starting in any
// month). Each finder removes what it read from the question, so the planner can tell what is left.
import { isoDay } from '../iso-date.ts';
import { numberWordPattern, numberWords } from '../words.ts';

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

export interface PeriodOptions {
  /** The month a fiscal year starts in, 1-12 (default 1, January). */
  fiscalYearStart?: number;
}

type Finder = (match: RegExpExecArray, today: Date, options: PeriodOptions) => Period | null;

// "the past a month" reads as one; other numbers in words are the shared ones.
const countPattern = `(\\d{1,3}|an?|${numberWordPattern})`;
const countOf = (word: string) => (word === 'a' || word === 'an' ? 1 : (numberWords[word] ?? Number(word)));

/** A day: 2026-03-01, 1/3/2026 or 1.3.2026 (day first), 1 March (2026), March 1st (2026). */
const dayPattern = `(\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${monthPattern}(?:,?\\s+\\d{4})?|${monthPattern}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?)`;

/** A day from `dayPattern`'s text: its year, month and day, the year null when not written. */
function readDay(text: string): { year: number | null; month: number; day: number } | null {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) return { year: Number(match[1]), month: Number(match[2]) - 1, day: Number(match[3]) };
  match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$/.exec(text);
  if (match) {
    const year = Number(match[3]);
    return { year: year < 100 ? 2000 + year : year, month: Number(match[2]) - 1, day: Number(match[1]) };
  }
  match = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)(?:,?\s+(\d{4}))?$/.exec(text);
  if (match) return { year: match[3] ? Number(match[3]) : null, month: monthIndex(match[2]!), day: Number(match[1]) };
  match = /^([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/.exec(text);
  if (match) return { year: match[3] ? Number(match[3]) : null, month: monthIndex(match[1]!), day: Number(match[2]) };
  return null;
}

/** The date, or null when it does not exist (31 February). */
function validDay(year: number, month: number, day: number): Date | null {
  if (month < 0 || month > 11) return null;
  const date = utc(year, month, day);
  return date.getUTCMonth() === month && date.getUTCDate() === day ? date : null;
}

/** The latest such day on or before today when no year is written. */
function dayOf(text: string, today: Date, year?: number): Date | null {
  const read = readDay(text);
  if (!read) return null;
  if (read.year !== null || year !== undefined) return validDay(read.year ?? year!, read.month, read.day);
  const thisYear = validDay(today.getUTCFullYear(), read.month, read.day);
  return thisYear && thisYear <= today ? thisYear : validDay(today.getUTCFullYear() - 1, read.month, read.day);
}

function addMonths(date: Date, months: number): Date {
  return utc(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate());
}

/** The start of the fiscal year `today` is in. */
function fiscalYearOf(today: Date, options: PeriodOptions): Date {
  const startMonth = (options.fiscalYearStart ?? 1) - 1;
  const year = today.getUTCMonth() >= startMonth ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return utc(year, startMonth, 1);
}

function fiscalLabel(start: Date, options: PeriodOptions): string {
  if ((options.fiscalYearStart ?? 1) === 1) return String(start.getUTCFullYear());
  return `fiscal year ${start.getUTCFullYear()}/${String((start.getUTCFullYear() + 1) % 100).padStart(2, '0')}`;
}

const dayBefore = (date: Date) => utc(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - 1);

const finders: [RegExp, Finder][] = [
  [
    new RegExp(`\\b(?:from|between)\\s+${dayPattern}\\s+(?:to|and|until|till|through|-)\\s+${dayPattern}`),
    (m, today) => {
      const [startText, end] = splitRange(m[0]);
      const to = dayOf(end, today);
      if (!to) return null;
      const startRead = readDay(startText);
      if (!startRead) return null;
      let from = dayOf(startText, today, startRead.year ?? to.getUTCFullYear());
      if (from && from > to && startRead.year === null) from = dayOf(startText, today, to.getUTCFullYear() - 1);
      if (!from || from > to) return null;
      return range(from, to);
    },
  ],
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
  [
    new RegExp(
      `\\b(?:from|between)\\s+${monthPattern}(?:\\s+(\\d{4}))?\\s+(?:to|and|until|till|through|-)\\s+${monthPattern}(?:\\s+(\\d{4}))?\\b`,
    ),
    (m, today) => {
      const first = monthIndex(m[1]!);
      const last = monthIndex(m[3]!);
      const endYear = m[4] ? Number(m[4]) : m[2] && last >= first ? Number(m[2]) : latestMonth(last, today);
      const startYear = m[2] ? Number(m[2]) : first <= last ? endYear : endYear - 1;
      const from = utc(startYear, first, 1);
      const to = utc(endYear, last + 1, 0);
      if (from > to) return null;
      return range(from, to, `${monthLabel(startYear, first)} – ${monthLabel(endYear, last)}`);
    },
  ],
  [
    new RegExp(`\\bsince\\s+${dayPattern}`),
    (m, today) => {
      if (/^[a-z]+\s+\d{4}$/.test(m[1]!)) return null;
      const start = dayOf(m[1]!, today);
      return start && start <= today ? range(start, today, `since ${shortDate(start)}`) : null;
    },
  ],
  [
    new RegExp(`\\b(?:on\\s+)?${dayPattern}(?!\\s*\\d)`),
    (m, today) => {
      // "October 2026" is a month, found below; "15 October" or "1/3/2026" is a day.
      if (/^[a-z]+\s+\d{4}$/.test(m[1]!)) return null;
      const day = dayOf(m[1]!, today);
      return day ? range(day, day, shortDate(day)) : null;
    },
  ],
  [
    /\b(?:in\s+|during\s+|for\s+)?(?:the\s+)?(first|second|1st|2nd)\s+half(?:\s+of)?(?:\s+(?:the\s+|this\s+)?(year|last\s+year|(\d{4})))?\b|\bh([12])(?:\s+(\d{4}))?\b/,
    (m, today) => {
      const second = m[1] ? /^(second|2nd)$/.test(m[1]) : m[4] === '2';
      const written = m[3] ?? m[5];
      const year = written
        ? Number(written)
        : m[2]?.startsWith('last')
          ? today.getUTCFullYear() - 1
          : today.getUTCFullYear();
      const from = utc(year, second ? 6 : 0, 1);
      if (from > today) return null;
      return range(from, utc(year, second ? 12 : 6, 0), `${second ? 'H2' : 'H1'} ${year}`);
    },
  ],
  [
    /\b(?:since\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(week|month|quarter|year|fiscal\s+year)|(week|month|quarter|year|fiscal\s+year)[\s-]+to[\s-]+date|(wtd|mtd|qtd|ytd)|(?:so\s+far\s+)?this\s+(week|month|quarter|year)\s+so\s+far|so\s+far\s+this\s+(week|month|quarter|year))\b/,
    (m, today, options) => {
      const short: Record<string, string> = { wtd: 'week', mtd: 'month', qtd: 'quarter', ytd: 'year' };
      const unit = (m[1] ?? m[2] ?? (m[3] ? short[m[3]] : undefined) ?? m[4] ?? m[5])!.replace(/\s+/g, ' ');
      const y = today.getUTCFullYear();
      const start =
        unit === 'week'
          ? utc(y, today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 6) % 7))
          : unit === 'month'
            ? utc(y, today.getUTCMonth(), 1)
            : unit === 'quarter'
              ? utc(y, Math.floor(today.getUTCMonth() / 3) * 3, 1)
              : unit === 'fiscal year'
                ? fiscalYearOf(today, options)
                : utc(y, 0, 1);
      return range(start, today, `${unit} to date (${shortDate(start)} – ${shortDate(today)})`);
    },
  ],
  [
    /\b(this|current|last|previous|next)\s+(?:fiscal|financial)\s+(year|quarter)\b|\bfiscal\s+(year|quarter)\b/,
    (m, today, options) => {
      if (m[1] === 'next') return null;
      const shift = m[1] === 'last' || m[1] === 'previous' ? -1 : 0;
      const yearStart = fiscalYearOf(today, options);
      if ((m[2] ?? m[3]) === 'year') {
        const start = addMonths(yearStart, 12 * shift);
        return range(start, dayBefore(addMonths(start, 12)), fiscalLabel(start, options));
      }
      const quarter = Math.floor(
        (today.getUTCFullYear() * 12 +
          today.getUTCMonth() -
          (yearStart.getUTCFullYear() * 12 + yearStart.getUTCMonth())) /
          3,
      );
      const start = addMonths(yearStart, (quarter + shift) * 3);
      const end = dayBefore(addMonths(start, 3));
      const number = ((quarter + shift + 4) % 4) + 1;
      return range(start, end, `fiscal Q${number} (${shortDate(start)} – ${shortDate(end)})`);
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
    /\b(?:in\s+|during\s+)?(?:q([1-4])|(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?)(?:\s+(\d{4}))?\b/,
    (m, today) => {
      const ordinal = m[2]
        ? Math.max(['first', 'second', 'third', 'fourth'].indexOf(m[2]), ['1st', '2nd', '3rd', '4th'].indexOf(m[2]))
        : -1;
      const quarter = m[1] ? Number(m[1]) - 1 : ordinal;
      if (quarter < 0) return null;
      const current = Math.floor(today.getUTCMonth() / 3);
      const year = m[3] ? Number(m[3]) : quarter > current ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
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
    new RegExp(
      `\\b(?:in\\s+the\\s+|over\\s+the\\s+|during\\s+the\\s+|for\\s+the\\s+|within\\s+the\\s+|the\\s+)?(?:last|past|previous)\\s+${countPattern}\\s+(days?|weeks?|months?|years?)\\b|\\b(?:in\\s+|over\\s+|during\\s+)?the\\s+past\\s+(week|month|year)\\b`,
    ),
    (m, today) => {
      const count = m[1] ? countOf(m[1]) : 1;
      const unitWord = m[2] ?? m[3]!;
      if (!count) return null;
      const unit = unitWord.startsWith('day') ? 1 : unitWord.startsWith('week') ? 7 : 0;
      const months = unitWord.startsWith('year') ? 12 * count : count;
      const start =
        unit > 0
          ? utc(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - count * unit + 1)
          : utc(today.getUTCFullYear(), today.getUTCMonth() - months, today.getUTCDate() + 1);
      const units = `${count} ${unitWord.replace(/s$/, '')}${count === 1 ? '' : 's'}`;
      return range(start, today, `the last ${units} (${shortDate(start)} – ${shortDate(today)})`);
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

/** "from 1 March to 15 April": the two day texts of a range. */
function splitRange(text: string): [string, string] {
  const body = text.replace(/^(?:from|between)\s+/, '');
  const match = /\s+(?:to|and|until|till|through|-)\s+/.exec(body);
  return match ? [body.slice(0, match.index), body.slice(match.index + match[0].length)] : [body, body];
}

/** The first period found in `text` (lower case), and the text with it removed. */
export function takePeriod(
  text: string,
  today: Date,
  options: PeriodOptions = {},
): { period: Period | null; rest: string } {
  for (const [pattern, find] of finders) {
    const match = pattern.exec(text);
    if (!match) continue;
    const period = find(match, today, options);
    if (!period) continue;
    return { period, rest: `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}` };
  }
  return { period: null, rest: text };
}
