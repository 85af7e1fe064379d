// A stored receipt in the extraction schema's shape: money as "12.50", dates as "2026-10-03".
import type { LineItem, Receipt } from '../generated/prisma/client.ts';
import type { ExtractedReceipt } from './extract/schema.ts';

type Decimalish = { toFixed(digits: number): string } | null;

const money = (value: Decimalish) => (value === null ? null : value.toFixed(2));

export function receiptView(receipt: Receipt & { items: LineItem[] }): ExtractedReceipt {
  return {
    merchant: receipt.merchant,
    merchantAddress: receipt.merchantAddress,
    date: receipt.purchaseDate ? receipt.purchaseDate.toISOString().slice(0, 10) : null,
    currency: receipt.currency,
    total: money(receipt.total),
    subtotal: money(receipt.subtotal),
    tax: money(receipt.tax),
    tip: money(receipt.tip),
    paymentMethod: receipt.paymentMethod,
    category: receipt.category,
    items: [...receipt.items]
      .sort((a, b) => a.position - b.position)
      .map((item) => ({
        description: item.description,
        quantity: item.quantity === null ? null : item.quantity.toString(),
        unitPrice: money(item.unitPrice),
        amount: money(item.amount),
      })),
    fieldConfidence: (receipt.fieldConfidence ?? {}) as ExtractedReceipt['fieldConfidence'],
  };
}
