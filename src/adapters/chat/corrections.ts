// A fix typed as plain text, the same on every platform: "total 12.50", "date 2026-10-03",
// "category travel", "merchant Blue Bottle", "tax 1.20", "currency EUR".
import { dateFromWords } from '../../fields/date-words.ts';
import { isoDay } from '../../iso-date.ts';
import { formatCents, parseCents } from '../../money.ts';
import { type DateOrder, findDates } from '../../pipeline/extract/offline/dates.ts';
import type { CorrectableField, Correction } from '../../receipts/review.ts';

const fieldNames: Record<string, CorrectableField> = {
  merchant: 'merchant',
  shop: 'merchant',
  store: 'merchant',
  date: 'date',
  total: 'total',
  amount: 'total',
  tax: 'tax',
  vat: 'tax',
  currency: 'currency',
  category: 'category',
};

export interface CorrectionRules {
  categories: readonly string[];
  dateOrder: DateOrder;
  today: Date;
}

export type ParsedCorrection = { ok: true; correction: Correction } | { ok: false; problem: string } | null;

export const correctionHelp =
  'Send a fix like "total 12.50", "date yesterday" (or 03.10.2026), "category travel" or "merchant Blue Bottle".';

/** null when the text is not a correction at all; a problem when it is one with a bad value. */
export function parseCorrection(text: string, rules: CorrectionRules): ParsedCorrection {
  const match = /^\s*([a-z]+)\s*[:=]?\s+(.+?)\s*$/i.exec(text);
  const field = match ? fieldNames[match[1]!.toLowerCase()] : undefined;
  if (!match || !field) return null;
  return checkCorrection(field, match[2]!, rules);
}

/** A value for one field, as typed (in a chat or a form): normalised, or the problem with it. */
export function checkCorrection(
  field: CorrectableField,
  value: string,
  rules: CorrectionRules,
): { ok: true; correction: Correction } | { ok: false; problem: string } {
  switch (field) {
    case 'merchant':
      return value.length <= 200 ? ok(field, value) : { ok: false, problem: 'That merchant name is too long.' };
    case 'total':
    case 'tax': {
      const cents = parseCents(value.replace(/^[^\d-]+|[^\d]+$/g, ''));
      if (cents === null || cents < 0n || (field === 'total' && cents === 0n)) {
        return { ok: false, problem: `"${value}" is not an amount; write it like 12.50.` };
      }
      return ok(field, formatCents(cents));
    }
    case 'date': {
      const words = dateFromWords(value, rules.today, rules.dateOrder);
      if (words) return ok(field, words);
      const found = findDates(value, rules.dateOrder, rules.today)[0];
      if (!found)
        return {
          ok: false,
          problem: `"${value}" is not a date; write it like 03.10.2026, 2026-10-03, yesterday or friday.`,
        };
      if (found.iso > isoDay(rules.today)) {
        return { ok: false, problem: 'That date is in the future.' };
      }
      return ok(field, found.iso);
    }
    case 'currency':
      return /^[a-z]{3}$/i.test(value)
        ? ok(field, value.toUpperCase())
        : { ok: false, problem: 'Write the currency as a three-letter code such as EUR or USD.' };
    case 'category': {
      const category = rules.categories.find((name) => name === value.toLowerCase());
      return category
        ? ok(field, category)
        : { ok: false, problem: `Pick one of these categories: ${rules.categories.join(', ')}.` };
    }
  }
}

function ok(field: CorrectableField, value: string): { ok: true; correction: Correction } {
  return { ok: true, correction: { field, value } };
}
