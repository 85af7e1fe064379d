// A stored receipt and the extraction schema's shape, both ways: money as "12.50" ⇄ Decimal, dates
// as "2026-10-03" ⇄ SQL date.

import { Prisma } from '../db/client.ts';
import type { LineItem, Receipt } from '../generated/prisma/client.ts';
import { isoDay, startOfDay } from '../iso-date.ts';
import type { ExtractedReceipt } from '../pipeline/extract/schema.ts';

type Decimalish = { toFixed(digits: number): string } | null;

const money = (value: Decimalish) => (value === null ? null : value.toFixed(2));

export function receiptView(receipt: Receipt & { items: LineItem[] }): ExtractedReceipt {
  return {
    merchant: receipt.merchant,
    merchantAddress: receipt.merchantAddress,
    date: receipt.purchaseDate ? isoDay(receipt.purchaseDate) : null,
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

export function decimal(value: string | null): Prisma.Decimal | null {
  return value === null ? null : new Prisma.Decimal(value);
}

export function receiptColumns(receipt: ExtractedReceipt) {
  return {
    merchant: receipt.merchant,
    merchantAddress: receipt.merchantAddress,
    purchaseDate: receipt.date ? startOfDay(receipt.date) : null,
    currency: receipt.currency,
    total: decimal(receipt.total),
    subtotal: decimal(receipt.subtotal),
    tax: decimal(receipt.tax),
    tip: decimal(receipt.tip),
    paymentMethod: receipt.paymentMethod,
    category: receipt.category,
    fieldConfidence: receipt.fieldConfidence,
  };
}
