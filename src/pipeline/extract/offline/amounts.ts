// Money amounts in a line of receipt text. An amount has exactly two decimals ("9.00", "1,007.50",
// "12,50", "1.234,56", "1 234,56", "1'234.50", "-2,81", "2,81-"): OCR misreads such as "9.060" are not
// amounts, and neither are phone or item numbers, weights ("0,532 kg") or rates ("20,00 %").
// What a written number is worth is decided once, in fields/amount.ts.
import { type DecimalMark, parseAmount } from '../../../fields/amount.ts';

export type { DecimalMark } from '../../../fields/amount.ts';

export interface Amount {
  cents: bigint;
  /** Offset of the amount in the line: rightmost amounts are usually the line's value. */
  start: number;
  decimalMark: DecimalMark;
}

// Decimal point: thousands grouped by "," or an apostrophe (1,234.56, 1'234.50); OCR puts spaces
// around the point ("9 .00"). Decimal comma: thousands grouped by "." or a space (1.234,56, 1 234,56).
// Either may carry a currency before it ("RM9.00", "-EUR 2,81") and a minus before or after it.
const prefix = String.raw`(?<![\d.,'’])(?<minus>[-−]\s?)?(?:[A-Z]{1,3}\.?\s?|[€£$¥]\s?)?`;
const pointAmount = String.raw`(?<pointWhole>\d{1,3}(?:(?<pointGroup>[,'’\u00a0\u202f])\d{3}(?:\k<pointGroup>\d{3})*)?|\d{1,9})\s?\.\s?(?<pointFraction>\d{2})`;
const commaAmount = String.raw`(?<commaWhole>\d{1,3}(?:(?<commaGroup>[.\u00a0\u202f ])\d{3}(?:\k<commaGroup>\d{3})*)?|\d{1,9}),(?<commaFraction>\d{2})`;
// Not followed by more digits, a percent sign, or a unit and a price ("45,32 l x 1,789").
const suffix = String.raw`(?<trailing>-(?!\d))?(?!\d|[.,]\d|\s?%|\s?(?:[kK][gG]|[lL]|[lL][tT][rR]|[mM][lL])\s?[xX*@/])`;
const amountPattern = new RegExp(`${prefix}(?:${pointAmount}|${commaAmount})${suffix}`, 'g');

export function findAmounts(text: string): Amount[] {
  const amounts: Amount[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const found = match.groups ?? {};
    const decimalMark: DecimalMark = found.pointFraction === undefined ? ',' : '.';
    const written =
      decimalMark === '.' ? `${found.pointWhole}.${found.pointFraction}` : `${found.commaWhole},${found.commaFraction}`;
    const reading = parseAmount(written);
    if (!reading.ok) continue;
    const negative = Boolean(found.minus || found.trailing) || /\(\s*$/.test(text.slice(0, match.index));
    amounts.push({
      cents: negative ? -reading.cents : reading.cents,
      start: match.index + match[0].search(/\d/),
      decimalMark,
    });
  }
  return amounts;
}

/** The amount a line states: its rightmost one. */
export function lineValue(text: string): Amount | undefined {
  return findAmounts(text).at(-1);
}

/**
 * The decimal mark this receipt writes its amounts with: the one most lines end in. Amounts written
 * with the other mark are weaker evidence ("5,57" in a Malaysian address, "14.22" as a time in Germany).
 */
export function receiptDecimalMark(texts: readonly string[]): DecimalMark {
  let commas = 0;
  let points = 0;
  for (const text of texts) {
    const value = lineValue(text);
    if (value?.decimalMark === ',') commas++;
    else if (value) points++;
  }
  return commas > points ? ',' : '.';
}
