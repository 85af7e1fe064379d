// One schema for what every extractor returns. Money travels as strings with two decimals ("12.50"),
// never as floats; dates as ISO calendar dates ("2026-10-03").
import { z } from 'zod';

export const moneySchema = z
  .string()
  .regex(/^-?\d{1,12}\.\d{2}$/, 'money as a string with two decimals, such as "12.50"');
export const quantitySchema = z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, 'a quantity such as "2" or "0.755"');
export const isoDateSchema = z.iso.date();
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "EUR"');

export const lineItemSchema = z.object({
  description: z.string().min(1).max(300),
  quantity: quantitySchema.nullable(),
  unitPrice: moneySchema.nullable(),
  amount: moneySchema.nullable(),
});

export const receiptFields = [
  'merchant',
  'merchantAddress',
  'date',
  'currency',
  'total',
  'subtotal',
  'tax',
  'tip',
  'paymentMethod',
  'category',
  'items',
] as const;
export type ReceiptField = (typeof receiptFields)[number];

/** Confidence 0..1 per field; a field absent here has no confidence to report. */
export const fieldConfidenceSchema = z.partialRecord(z.enum(receiptFields), z.number().min(0).max(1));

export const extractedReceiptSchema = z.object({
  merchant: z.string().min(1).max(200).nullable(),
  merchantAddress: z.string().min(1).max(500).nullable(),
  date: isoDateSchema.nullable(),
  currency: currencySchema.nullable(),
  total: moneySchema.nullable(),
  subtotal: moneySchema.nullable(),
  tax: moneySchema.nullable(),
  tip: moneySchema.nullable(),
  paymentMethod: z.string().max(100).nullable(),
  category: z.string().max(50).nullable(),
  items: z.array(lineItemSchema).max(200),
  fieldConfidence: fieldConfidenceSchema,
});

export type ExtractedReceipt = z.infer<typeof extractedReceiptSchema>;
export type LineItem = z.infer<typeof lineItemSchema>;

export interface ExtractionContext {
  /** Allowed categories, lower case; the extractor must pick one of these or null. */
  categories: readonly string[];
  dateOrder: 'DMY' | 'MDY';
  defaultCurrency?: string;
  /** "Today" for plausibility checks; injectable for tests. */
  today: Date;
  /** MAX_RECEIPT_TOTAL; unset: the default ceiling (src/fields/receipt-fields.ts). */
  maxReceiptTotal?: string;
}

export interface ExtractionInput {
  ocr: import('../ocr-types.ts').OcrResult;
  /** The preprocessed page image, for extractors that can look at it. */
  image?: { bytes: Buffer; mime: string };
}

/** What every engine returns: the receipt, which engine produced it, and what needs a human look. */
export interface ExtractionResult {
  receipt: ExtractedReceipt;
  extractor: 'offline' | 'llm';
  /** Human-readable reasons the receipt needs review; empty when it looks right. */
  warnings: string[];
}

/** The one interface both engines implement. */
export interface Extractor {
  readonly name: 'offline' | 'llm';
  extract(input: ExtractionInput, context: ExtractionContext): Promise<ExtractionResult>;
}

export function emptyReceipt(): ExtractedReceipt {
  return {
    merchant: null,
    merchantAddress: null,
    date: null,
    currency: null,
    total: null,
    subtotal: null,
    tax: null,
    tip: null,
    paymentMethod: null,
    category: null,
    items: [],
    fieldConfidence: {},
  };
}
