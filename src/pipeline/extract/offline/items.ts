// Line items from the column layout between the header and the totals: a line that ends in an
// amount is an item; a line of text without one is the description of the item below it.
import { formatCents } from '../../../money.ts';
import type { LineItem } from '../schema.ts';
import { type DecimalMark, findAmounts } from './amounts.ts';
import { letterShare, type TextLine } from './lines.ts';

const notAnItem =
  /T[O0]TA[L1I]|\b(?:GST|SST|VAT|TAX|CASH|CHANGE|TENDER|ROUND|DISCOUNT|SAVING|BALANCE|PAID|VISA|MASTER|CARD|DEPOSIT|POINTS?)\b/;
const quantityPattern =
  /(?<![\d.])(\d{1,4}(?:\.\d{1,3})?)\s*(?:@|(?:X|PCS?|UNITS?|EA|QTY)\b)|\b(?:X|QTY)\s*(\d{1,4})\b/i;
const maxItems = 200;

function description(text: string): string {
  return text
    .replace(/^[\s\d#*.-]{6,}(?=\p{L})/u, '')
    .replace(/[^\p{L}\p{N})%]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export function findItems(lines: TextLine[], start: number, end: number, mark: DecimalMark = '.'): LineItem[] {
  const items: LineItem[] = [];
  let pending: string | null = null;
  for (const line of lines.slice(start, end)) {
    if (items.length >= maxItems) break;
    const amounts = findAmounts(line.text).filter((amount) => amount.decimalMark === mark);
    if (notAnItem.test(line.upper)) {
      pending = null;
      continue;
    }
    if (amounts.length === 0) {
      pending = letterShare(line.text) >= 0.5 ? description(line.text) : null;
      continue;
    }
    const amount = amounts.at(-1);
    const first = amounts[0];
    if (!amount || !first) continue;
    const ownText = description(line.text.slice(0, first.start).replace(quantityPattern, ' '));
    const ownLetters = ownText.match(/\p{L}/gu)?.length ?? 0;
    const text = ownLetters >= 3 ? (pending && ownLetters < 6 ? `${pending} ${ownText}` : ownText) : pending;
    pending = null;
    if (!text) continue;
    const quantityMatch = quantityPattern.exec(line.upper);
    const quantity = quantityMatch ? (quantityMatch[1] ?? quantityMatch[2]) : null;
    const unit = amounts.length >= 2 ? (amounts.at(-2)?.cents ?? null) : null;
    items.push({
      description: text,
      quantity: quantity && Number(quantity) > 0 ? quantity : null,
      unitPrice: unit !== null && unit > 0n ? formatCents(unit) : null,
      amount: formatCents(amount.cents),
    });
  }
  return items;
}
