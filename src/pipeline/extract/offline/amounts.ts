// Money amounts in a line of receipt text. An amount has exactly two decimals ("9.00", "1,007.50",
// "12,50"): OCR misreads such as "9.060" are not amounts, and neither are phone or item numbers.
import { parseCents } from '../../../money.ts';

export interface Amount {
  cents: bigint;
  /** Offset of the amount in the line: rightmost amounts are usually the line's value. */
  start: number;
  /** Written with a decimal comma ("12,50"): weaker evidence, addresses read "5,57" too. */
  decimalComma: boolean;
}

// Thousands with "," and decimals with ".", or thousands with "." / " " and decimals with ",".
const amountPattern =
  /(?<![\d.,])(-)?\s?(?:[A-Z]{1,3}\s?)?(\d{1,3}(?:,\d{3})+|\d{1,9})\s?\.\s?(\d{2})(?![\d])|(?<![\d.,])(-)?(\d{1,3}(?:\.\d{3})+|\d{1,9}),(\d{2})(?![\d.,]?\d)/g;

export function findAmounts(text: string): Amount[] {
  const amounts: Amount[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const [, minusA, wholeA, fractionA, minusB, wholeB, fractionB] = match;
    const whole = (wholeA ?? wholeB ?? '').replace(/[.,]/g, '');
    const fraction = fractionA ?? fractionB;
    const cents = parseCents(`${whole}.${fraction}`);
    if (cents === null) continue;
    const negative = Boolean(minusA ?? minusB) || /\(\s*$/.test(text.slice(0, match.index));
    amounts.push({
      cents: negative ? -cents : cents,
      start: match.index + match[0].search(/\d/),
      decimalComma: fractionB !== undefined,
    });
  }
  return amounts;
}

/** The amount a line states: its rightmost one. */
export function lineValue(text: string): Amount | undefined {
  return findAmounts(text).at(-1);
}
