// What a well-behaved model answers: the extraction schema as JSON, every confidence present.
import {
  type ExtractedReceipt,
  emptyReceipt,
  type ReceiptField,
  receiptFields,
} from '../../src/pipeline/extract/schema.ts';

export function llmAnswer(
  receipt: Partial<Omit<ExtractedReceipt, 'fieldConfidence'>>,
  confidence: Partial<Record<ReceiptField, number>> = {},
): string {
  const fieldConfidence = Object.fromEntries(receiptFields.map((field) => [field, confidence[field] ?? null]));
  return JSON.stringify({ ...emptyReceipt(), ...receipt, fieldConfidence });
}
