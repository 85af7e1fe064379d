// A fix typed as plain text, the same on every platform: "total 12.50" (or 12,50), "date 2026-10-03",
// "category travel", "merchant Blue Bottle", "tax 1.20", "currency EUR". Values are read by the field
// rules (src/receipts/field-input.ts).
import { type FieldInputRules, readFieldInput } from '../../receipts/field-input.ts';
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

/** What a typed value is checked against (the field rules, src/fields/receipt-fields.ts). */
export type CorrectionRules = FieldInputRules;

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
  value: string | number,
  rules: CorrectionRules,
): { ok: true; correction: Correction } | { ok: false; problem: string } {
  return readFieldInput(field, value, rules);
}
