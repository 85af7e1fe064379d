// Scoring extraction against ground truth in the SROIE format: {company, date, address, total}.
// Text fields match when equal after case, spaces and punctuation are dropped; dates as calendar
// dates; totals as amounts.
import { parseCents } from '../money.ts';
import { findDates } from './extract/offline/dates.ts';
import type { ExtractedReceipt } from './extract/schema.ts';

export interface GroundTruth {
  company?: string;
  date?: string;
  address?: string;
  total?: string;
}

export const evaluatedFields = ['company', 'date', 'address', 'total'] as const;
export type EvaluatedField = (typeof evaluatedFields)[number];

export function normaliseText(text: string | null | undefined): string {
  return (text ?? '').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The ground-truth date as ISO; SROIE prints dates day first. */
export function truthDate(text: string, today = new Date()): string | null {
  return findDates(text, 'DMY', today)[0]?.iso ?? null;
}

export function truthTotal(text: string): bigint | null {
  return parseCents(text.replace(/[^\d.,-]/g, ''));
}

export function compareReceipt(receipt: ExtractedReceipt, truth: GroundTruth): Record<EvaluatedField, boolean> {
  return {
    company: normaliseText(receipt.merchant) !== '' && normaliseText(receipt.merchant) === normaliseText(truth.company),
    address:
      normaliseText(receipt.merchantAddress) !== '' &&
      normaliseText(receipt.merchantAddress) === normaliseText(truth.address),
    date: receipt.date !== null && truth.date !== undefined && receipt.date === truthDate(truth.date),
    total: receipt.total !== null && truth.total !== undefined && parseCents(receipt.total) === truthTotal(truth.total),
  };
}
