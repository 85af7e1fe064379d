// Calendar dates in receipt text, in the formats receipts print: 25/12/2018, 25-12-18, 03.11.2026,
// 2018-12-25, 25 DEC 2018, 12. Okt. 2026, 5 de noviembre de 2026, Dec 25, 2018, 12/25/2018 (day/month
// order from settings when both would be valid). Month names in English, French, German, Spanish,
// Italian and Dutch, written out or cut short, with or without a dot. OCR's slips are allowed for: a
// time glued to the year ("28 APR 202616:40", "06-09-2510h15"), a month name with a digit for a letter
// ("Apri1", "1uglio", "a00t"), stray dots between the parts ("17.· Feb. 2025").
import { isoDay } from '../../../iso-date.ts';
import { keywordText } from './lines.ts';

export type DateOrder = 'DMY' | 'MDY';

export interface FoundDate {
  iso: string;
  start: number;
  /** True when the text alone fixed day and month (a month name, a year first, or a day above 12). */
  unambiguous: boolean;
}

/** Month names and their short forms, upper case without accents, by month. */
const monthNames: string[][] = [
  ['JANUARY', 'JANVIER', 'JANUAR', 'JANUARI', 'ENERO', 'GENNAIO', 'JANV', 'JAN', 'ENE', 'GEN'],
  ['FEBRUARY', 'FEVRIER', 'FEBRUAR', 'FEBRUARI', 'FEBRERO', 'FEBBRAIO', 'FEVR', 'FEBR', 'FEB', 'FEV'],
  ['MARCH', 'MARS', 'MARZ', 'MAERZ', 'MARZO', 'MAART', 'MAR', 'MRT'],
  ['APRIL', 'AVRIL', 'ABRIL', 'APRILE', 'APR', 'AVR', 'ABR'],
  ['MAY', 'MAI', 'MAYO', 'MAGGIO', 'MEI', 'MAG'],
  ['JUNE', 'JUIN', 'JUNI', 'JUNIO', 'GIUGNO', 'JUN', 'GIU'],
  ['JULY', 'JUILLET', 'JULI', 'JULIO', 'LUGLIO', 'JUIL', 'JUL', 'LUG'],
  ['AUGUST', 'AOUT', 'AUGUSTUS', 'AGOSTO', 'AUG', 'AGO'],
  ['SEPTEMBER', 'SEPTEMBRE', 'SEPTIEMBRE', 'SETIEMBRE', 'SETTEMBRE', 'SEPT', 'SEP', 'SET'],
  ['OCTOBER', 'OCTOBRE', 'OKTOBER', 'OCTUBRE', 'OTTOBRE', 'OCT', 'OKT', 'OTT'],
  ['NOVEMBER', 'NOVEMBRE', 'NOVIEMBRE', 'NOV'],
  ['DECEMBER', 'DECEMBRE', 'DEZEMBER', 'DICIEMBRE', 'DICEMBRE', 'DEC', 'DEZ', 'DIC'],
];
const monthByName = new Map(monthNames.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));
// Longest names first; letters after a name are OCR noise or an ending ("DECEMBRE" misread "DECEMBAE").
const monthName = `(${[...monthByName.keys()].sort((a, b) => b.length - a.length).join('|')})[A-Z]*\\.?`;

/** A year, and the time glued to it: "2026" + "16:40", "25" + "10H15"; otherwise not followed by digits. */
const yearPart = String.raw`(\d{4}(?=\d{1,2}[:H]\d)|\d{2}(?=\d{2}[:H]\d)|\d{4}(?!\d)|\d{2}(?!\d|[.,]\d))`;
const isoPattern = /(?<!\d)(\d{4})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{1,2})(?!\d)/g;
const numericPattern = new RegExp(String.raw`(?<![\d/.-])(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?${yearPart}`, 'g');
// "25 DEC 2018", "12. OKT. 2026", "5 DE NOVIEMBRE DE 2026", "25-DEC-18".
const dayMonthPattern = new RegExp(
  `(?<!\\d)(\\d{1,2})(?:ST|ND|RD|TH|ER|E)?[\\s.\\-/·]*(?:DE\\s+)?${monthName}[\\s.,\\-/'·]*(?:DE\\s+|DEL\\s+)?${yearPart}`,
  'g',
);
const monthDayPattern = new RegExp(`\\b${monthName}\\s*(\\d{1,2})(?:ST|ND|RD|TH)?,?\\s*(\\d{4})(?!\\d)`, 'g');

function fullYear(year: string, today: Date): number {
  if (year.length === 4) return Number(year);
  const short = Number(year);
  const century = Math.floor(today.getUTCFullYear() / 100) * 100;
  return century + short > today.getUTCFullYear() + 1 ? century - 100 + short : century + short;
}

/** Receipts are from the last decades, never from after next year: "LOT 1.7. 2811" is an address. */
const firstYear = 1970;

function isoDate(year: number, month: number, day: number, today: Date): string | null {
  if (month < 1 || month > 12 || day < 1 || year < firstYear || year > today.getUTCFullYear() + 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return isoDay(date);
}

function monthNumber(name: string): number {
  return monthByName.get(name) ?? 0;
}

/** OCR often reads 0 as O, C or D and 1 as l or I inside numbers; fix those between digits and separators. */
function fixDigits(text: string): string {
  return text.replace(/(?<=[\d/.-])[OoCDQ](?=[\d/.-])|(?<=[\d/.-])[lI|](?=[\d/.-])/g, (char) =>
    'lI|'.includes(char) ? '1' : '0',
  );
}

/** 8 read for 0 where a date must have 0: "83" as a day or month, "2817" as a year. */
function zeroForEight(digits: string): string {
  if (digits.length === 4) return digits.replace(/^([12])8/, '$10');
  return digits.replace(/^8(?=\d)/, '0');
}

/** The month a misread name means: a digit for a letter (1 for L or I, 0 for O), or one letter wrong in a long name. */
function misreadMonth(word: string): string | null {
  const spellings = new Set([
    word,
    word.replaceAll('1', 'L').replaceAll('0', 'O'),
    word.replaceAll('1', 'I').replaceAll('0', 'O'),
  ]);
  for (const spelling of spellings) {
    const known = [...monthByName.keys()].find((name) => spelling.startsWith(name));
    if (known && !/\d/.test(spelling)) return spelling;
  }
  const near = new Set<number>();
  for (const spelling of spellings) {
    for (const [name, month] of monthByName) {
      if (name.length < 4 || name.length !== spelling.length) continue;
      if ([...name].filter((letter, i) => letter !== spelling[i]).length === 1) near.add(month);
    }
  }
  const [month] = near;
  return near.size === 1 && month !== undefined ? (monthNames[month - 1]?.[0] ?? null) : null;
}

/** Month names misread between a day and a year put right: "12. APRI1 2024", "21 A00T 2026". */
function mendMonthNames(upper: string): string {
  return upper.replace(
    /(?<=(?<!\d)\d{1,2}(?:ER)?[\s.·-]*(?:DE\s+)?)([A-Z01]{3,10})(?=\.?[\s.,·'-]*(?:DE\s+|DEL\s+)?\d{2})/g,
    (word) => (monthByName.has(word) || !/[A-Z].*[A-Z]/.test(word) ? word : (misreadMonth(word) ?? word)),
  );
}

/** A capture group of a match that matched (every group used here is not optional). */
function group(match: RegExpMatchArray, index: number): string {
  return match[index] ?? '';
}

export function findDates(text: string, order: DateOrder, today: Date): FoundDate[] {
  const upper = mendMonthNames(fixDigits(keywordText(text)));
  const found: FoundDate[] = [];
  const add = (iso: string | null, start: number, unambiguous: boolean) => {
    if (iso && !found.some((date) => date.start === start)) found.push({ iso, start, unambiguous });
  };
  for (const m of upper.matchAll(isoPattern))
    add(isoDate(Number(group(m, 1)), Number(group(m, 2)), Number(group(m, 3)), today), m.index, true);
  for (const m of upper.matchAll(numericPattern)) {
    const read = (fix: (digits: string) => string) => {
      const first = Number(fix(group(m, 1)));
      const second = Number(fix(group(m, 3)));
      const year = fullYear(fix(group(m, 4)), today);
      return { dmy: isoDate(year, second, first, today), mdy: isoDate(year, first, second, today) };
    };
    let { dmy, mdy } = read((digits) => digits);
    // No valid date as printed: OCR reads 0 as 8 ("17/83/2817"); try the 0s a date's digits call for,
    // in a well-formed date only (two-digit day and month): "LOT 1.7. 2811" stays an address.
    const wellFormed = group(m, 1).length === 2 && group(m, 3).length === 2;
    const repaired = !dmy && !mdy && wellFormed;
    if (repaired) ({ dmy, mdy } = read(zeroForEight));
    if (dmy && mdy && dmy !== mdy) add(order === 'DMY' ? dmy : mdy, m.index, false);
    else add(dmy ?? mdy, m.index, !repaired);
  }
  for (const m of upper.matchAll(dayMonthPattern)) {
    add(isoDate(fullYear(group(m, 3), today), monthNumber(group(m, 2)), Number(group(m, 1)), today), m.index, true);
  }
  for (const m of upper.matchAll(monthDayPattern)) {
    add(isoDate(Number(group(m, 3)), monthNumber(group(m, 1)), Number(group(m, 2)), today), m.index, true);
  }
  return found.sort((a, b) => a.start - b.start);
}
