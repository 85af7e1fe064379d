// Scoring extraction against ground truth in the SROIE format: {company, date, address, total},
// and currency and tax where the truth has them (the synthetic European set). Text fields match
// when equal after case, spaces and punctuation are dropped; dates as calendar dates; amounts as amounts.
import { parseAmount } from '../fields/amount.ts';
import { parseCents } from '../money.ts';
import { findDates } from './extract/offline/dates.ts';
import type { ExtractedReceipt } from './extract/schema.ts';

export interface GroundTruth {
  company?: string;
  date?: string;
  address?: string;
  total?: string;
  currency?: string;
  /** Null when the receipt prints no tax. */
  tax?: string | null;
}

export const evaluatedFields = ['company', 'date', 'address', 'total', 'currency', 'tax'] as const;
export type EvaluatedField = (typeof evaluatedFields)[number];

export function normaliseText(text: string | null | undefined): string {
  return (text ?? '').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The ground-truth date as ISO; SROIE prints dates day first. */
export function truthDate(text: string, today = new Date()): string | null {
  return findDates(text, 'DMY', today)[0]?.iso ?? null;
}

export function truthTotal(text: string): bigint | null {
  const reading = parseAmount(text.replace(/[^\d.,-]/g, ''));
  return reading.ok ? reading.cents : null;
}

/** Each field the truth states, right or not; fields the truth leaves out are not scored. */
export function compareReceipt(
  receipt: ExtractedReceipt,
  truth: GroundTruth,
): Partial<Record<EvaluatedField, boolean>> {
  const optional = {
    ...(truth.currency !== undefined ? { currency: receipt.currency === truth.currency } : {}),
    ...(truth.tax !== undefined
      ? {
          tax:
            truth.tax === null
              ? receipt.tax === null
              : receipt.tax !== null && parseCents(receipt.tax) === truthTotal(truth.tax),
        }
      : {}),
  };
  return {
    ...optional,
    company: normaliseText(receipt.merchant) !== '' && normaliseText(receipt.merchant) === normaliseText(truth.company),
    address:
      normaliseText(receipt.merchantAddress) !== '' &&
      normaliseText(receipt.merchantAddress) === normaliseText(truth.address),
    date: receipt.date !== null && truth.date !== undefined && receipt.date === truthDate(truth.date),
    total: receipt.total !== null && truth.total !== undefined && parseCents(receipt.total) === truthTotal(truth.total),
  };
}
