// A second reading, by a different OCR engine, for receipts whose first reading failed the checks
// where a misread character is the usual cause: no date or an impossible one, no total, no merchant.
// Only those fields are taken from the second reading, and only where it passes the checks itself
// (with the merchant, the category its name gave).
import type { CheckedReceipt } from './checks.ts';
import type { ExtractedReceipt } from './schema.ts';

/** Confidence at or below this means the field failed a check (see checks.ts). */
const failedCheck = 0.3;

type Field = 'date' | 'total' | 'merchant';

function failed(checked: CheckedReceipt, field: Field): boolean {
  return checked.receipt[field] === null || (checked.receipt.fieldConfidence[field] ?? 1) <= failedCheck;
}

/** What the first reading should have looked at again. */
function doubtful(checked: CheckedReceipt, field: Field): boolean {
  // A total that does not add up is as likely misread in either reading: only a missing one, or a
  // guess (confidence below a failed check's: no total line was read), is replaced.
  if (field === 'date') return failed(checked, field);
  return checked.receipt[field] === null || (checked.receipt.fieldConfidence[field] ?? 1) < failedCheck;
}

export function needsSecondLook(checked: CheckedReceipt): boolean {
  return doubtful(checked, 'date') || doubtful(checked, 'total') || doubtful(checked, 'merchant');
}

/** The first reading with its doubtful fields filled from the second, where the second is sound. */
export function mergeSecondLook(first: CheckedReceipt, second: CheckedReceipt): ExtractedReceipt {
  const merged: ExtractedReceipt = { ...first.receipt, fieldConfidence: { ...first.receipt.fieldConfidence } };
  const sound = (field: Field) => !failed(second, field);
  if (doubtful(first, 'date') && sound('date')) {
    merged.date = second.receipt.date;
    merged.fieldConfidence.date = second.receipt.fieldConfidence.date;
  }
  if (doubtful(first, 'total') && sound('total')) {
    Object.assign(merged, {
      total: second.receipt.total,
      subtotal: second.receipt.subtotal,
      tax: second.receipt.tax,
      tip: second.receipt.tip,
    });
    merged.fieldConfidence.total = second.receipt.fieldConfidence.total;
  }
  if (doubtful(first, 'merchant') && sound('merchant')) {
    merged.merchant = second.receipt.merchant;
    merged.merchantAddress = first.receipt.merchantAddress ?? second.receipt.merchantAddress;
    merged.fieldConfidence.merchant = second.receipt.fieldConfidence.merchant;
    // The category is read mostly from the merchant's name: without a name the first reading could only
    // guess ("other"); the reading whose name is kept decides it when it is surer.
    if ((second.receipt.fieldConfidence.category ?? 0) > (first.receipt.fieldConfidence.category ?? 0)) {
      merged.category = second.receipt.category;
      merged.fieldConfidence.category = second.receipt.fieldConfidence.category;
    }
  }
  return merged;
}

/** Confidence of a field two engines read alike. */
const agreed = 0.9;

const sameText = (a: string | null, b: string | null) =>
  (a ?? '').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '') === (b ?? '').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Two engines' readings as one: doubtful fields filled from the second (mergeSecondLook), then each of
 * date, total and merchant that both read soundly compared. Agreement raises its confidence; a date or
 * total they read differently is lowered and named with both readings, so a person decides.
 */
export function combineReadings(first: CheckedReceipt, second: CheckedReceipt): CheckedReceipt {
  const merged = mergeSecondLook(first, second);
  const warnings: string[] = [];
  const confidence = merged.fieldConfidence;
  for (const field of ['date', 'total', 'merchant'] as const) {
    if (failed(first, field) || failed(second, field)) continue;
    const mine = first.receipt[field];
    const theirs = second.receipt[field];
    const same = field === 'merchant' ? sameText(mine, theirs) : mine === theirs;
    if (same) {
      confidence[field] = Math.max(confidence[field] ?? 0, agreed);
    } else if (field !== 'merchant') {
      // Names differ between engines in spacing and punctuation as often as in substance: only
      // numbers that differ are a reason to stop.
      confidence[field] = Math.min(confidence[field] ?? failedCheck, failedCheck);
      warnings.push(`The ${field} reads ${mine} in one reading and ${theirs} in the other.`);
    }
  }
  return { receipt: merged, warnings };
}
