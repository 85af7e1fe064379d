// Checks that apply to every engine's output. A failed check never changes a value: it lowers that
// field's confidence and says why, so the receipt goes to needs_review instead of being trusted.
import { isCurrencyCode } from '../../fields/currency-codes.ts';
import { checkTax, checkTotal, defaultMaxReceiptTotal, readText } from '../../fields/receipt-fields.ts';
import { isoDay } from '../../iso-date.ts';
import { absCents, parseCents, sumCents } from '../../money.ts';
import { trustedCurrency } from './currency.ts';
import type { ExtractedReceipt, ExtractionContext, ReceiptField } from './schema.ts';

/** Rounding on receipts (cash rounding to 0.05, per-line tax) leaves small differences. */
const toleranceCents = 5n;
const oldestYears = 10;
const lowered = 0.3;
/**
 * A total at or above this confidence is confirmed by the extractor itself: something else on the
 * receipt agrees with it (subtotal and tax, cash minus change, a rounding line; see offline/totals.ts),
 * or two OCR engines read it alike (second-look.ts). Below it, the checks here must confirm it.
 */
export const confirmedTotal = 0.85;
/** A total nothing confirms: doubtful, but not failed (a failed check's confidence is `lowered`). */
const unconfirmed = 0.5;

export interface CheckedReceipt {
  receipt: ExtractedReceipt;
  warnings: string[];
}

export function checkReceipt(
  receipt: ExtractedReceipt,
  context: Pick<ExtractionContext, 'today' | 'categories' | 'maxReceiptTotal'>,
): CheckedReceipt {
  const warnings: string[] = [];
  const confidence = { ...receipt.fieldConfidence };
  const flag = (fields: ReceiptField[], warning: string) => {
    warnings.push(warning);
    for (const field of fields) confidence[field] = Math.min(confidence[field] ?? lowered, lowered);
  };

  const total = receipt.total === null ? null : parseCents(receipt.total);
  // The field rules (src/fields/receipt-fields.ts) apply to what was read as to what people type.
  const maxReceiptTotal = context.maxReceiptTotal ?? defaultMaxReceiptTotal;
  if (total === null) flag(['total'], 'The total could not be read.');
  else if (total <= 0n) flag(['total'], 'The total is not a positive amount.');
  else {
    const checked = checkTotal(total, { maxReceiptTotal });
    if (!checked.ok) flag(['total'], checked.problem);
  }
  const tax = receipt.tax === null ? null : parseCents(receipt.tax);
  if (tax !== null) {
    const checked = checkTax(tax, total !== null && total > 0n ? total : null);
    if (!checked.ok) flag(['tax'], checked.problem);
  }

  let totalConfirmedHere = false;
  if (total !== null && receipt.subtotal !== null) {
    const parts = [receipt.subtotal, receipt.tax, receipt.tip].flatMap((value) => {
      const cents = value === null ? null : parseCents(value);
      return cents === null ? [] : [cents];
    });
    const expected = sumCents(parts);
    // Some receipts print a subtotal that already includes tax: accept either reading.
    const subtotalOnly = parseCents(receipt.subtotal) ?? 0n;
    if (absCents(expected - total) > toleranceCents && absCents(subtotalOnly - total) > toleranceCents) {
      flag(['total', 'subtotal', 'tax'], 'Subtotal, tax and tip do not add up to the total.');
    }
    totalConfirmedHere = parts.length > 1 && absCents(expected - total) <= toleranceCents;
  }
  const totalConfirmed = total !== null && (confidence.total ?? 0) >= confirmedTotal;

  const amounts = receipt.items.flatMap((item) => {
    const cents = item.amount === null ? null : parseCents(item.amount);
    return cents === null ? [] : [cents];
  });
  if (amounts.length > 0 && amounts.length === receipt.items.length) {
    const itemsSum = sumCents(amounts);
    const reference = receipt.subtotal === null ? total : parseCents(receipt.subtotal);
    const candidates = [reference, total].filter((value): value is bigint => value !== null);
    if (candidates.length > 0 && candidates.every((value) => absCents(itemsSum - value) > toleranceCents)) {
      // Items are read worse than totals: against a confirmed total, a wrong sum only lowers their confidence.
      if (totalConfirmed) confidence.items = Math.min(confidence.items ?? lowered, lowered);
      else flag(['items'], 'The line items do not add up to the subtotal or total.');
    } else if (total !== null && absCents(itemsSum - total) <= toleranceCents) {
      totalConfirmedHere = true;
    }
  }
  // A total nothing else agrees with is one amount read once: a misread there would go unnoticed.
  // It stays above a failed check's confidence: a second reading may confirm it (second-look.ts).
  if (total !== null && total > 0n && (confidence.total ?? 0) > lowered && !totalConfirmed && !totalConfirmedHere) {
    warnings.push('Nothing else on the receipt confirms the total.');
    confidence.total = Math.min(confidence.total ?? unconfirmed, unconfirmed);
  }

  if (receipt.date === null) {
    flag(['date'], 'The date could not be read.');
  } else {
    const today = isoDay(context.today);
    const oldest = `${context.today.getUTCFullYear() - oldestYears}${today.slice(4)}`;
    if (receipt.date > today) flag(['date'], 'The date is in the future.');
    else if (receipt.date < oldest) flag(['date'], `The date is more than ${oldestYears} years old.`);
  }

  let merchant = receipt.merchant;
  if (merchant !== null) {
    const read = readText(merchant, { label: 'The merchant', max: 200, required: true });
    merchant = read.ok ? read.value : null;
  }
  if (merchant === null) flag(['merchant'], 'The merchant could not be read.');

  // A currency is trusted only from evidence on the receipt, or a configured default nothing contradicts
  // (see currency.ts, which sets its confidence); an engine that reports no confidence gave no evidence.
  if (receipt.currency === null) {
    flag(['currency'], 'The receipt shows no currency and no default currency is configured.');
  } else if (!isCurrencyCode(receipt.currency)) {
    flag(['currency'], `${receipt.currency} is not an ISO 4217 currency code.`);
  } else if ((receipt.fieldConfidence.currency ?? 0) < trustedCurrency) {
    flag(['currency'], `The currency (${receipt.currency}) is not clear from the receipt.`);
  }

  let category = receipt.category;
  if (category !== null && !context.categories.includes(category.toLowerCase())) {
    flag(['category'], `"${category}" is not one of the configured categories.`);
    category = null;
  }

  return {
    receipt: { ...receipt, merchant, category: category?.toLowerCase() ?? null, fieldConfidence: confidence },
    warnings,
  };
}
