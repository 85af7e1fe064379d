// Receipts as lists for the API and the CSV export: filters, newest first, cursor pages. Employees
// see only their own; deleted receipts only when asked for by status.

import { z } from 'zod';
import type { Prisma, PrismaClient } from '../db/client.ts';
import { startOfDay } from '../iso-date.ts';
import type { ReceiptWithItems } from './review.ts';

const statuses = ['queued', 'processing', 'needs_review', 'confirmed', 'failed', 'deleted'] as const;

export const receiptFiltersSchema = z.object({
  status: z.enum(statuses).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  category: z.string().max(50).optional(),
  merchant: z.string().max(200).optional(),
  user: z.uuid().optional(),
  /** Words in the merchant, the line items or the receipt's text. */
  q: z.string().min(2).max(100).optional(),
});

export type ReceiptFilters = z.infer<typeof receiptFiltersSchema>;

export interface Viewer {
  userId: string;
  admin: boolean;
}

/**
 * Text matched literally: Prisma compares case-insensitively with ILIKE, where % and _ are wildcards
 * and a backslash escapes them.
 */
const literal = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export function receiptWhere(filters: ReceiptFilters, viewer: Viewer): Prisma.ReceiptWhereInput {
  const where: Prisma.ReceiptWhereInput = {
    status: filters.status ?? { not: 'deleted' },
    category: filters.category,
    merchant: filters.merchant ? { equals: literal(filters.merchant), mode: 'insensitive' } : undefined,
    userId: viewer.admin ? filters.user : viewer.userId,
  };
  // An employee asking for someone else's receipts gets none, as if that person had none.
  if (!viewer.admin && filters.user && filters.user !== viewer.userId) where.id = { in: [] };
  if (filters.from || filters.to) {
    where.purchaseDate = {
      gte: filters.from ? startOfDay(filters.from) : undefined,
      lte: filters.to ? startOfDay(filters.to) : undefined,
    };
  }
  if (filters.q) {
    const contains = { contains: literal(filters.q), mode: 'insensitive' as const };
    where.OR = [{ merchant: contains }, { ocrText: contains }, { items: { some: { description: contains } } }];
  }
  return where;
}

interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor({ createdAt, id }: Cursor): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

/** The position after which the next page starts, or null when the text is not a cursor of ours. */
export function decodeCursor(text: string): Cursor | null {
  const [at, id] = Buffer.from(text, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !z.uuid().safeParse(id).success) return null;
  return { createdAt, id: id! };
}

export interface ReceiptPage {
  receipts: ReceiptWithItems[];
  nextCursor: string | null;
}

export async function listReceipts(
  prisma: PrismaClient,
  filters: ReceiptFilters,
  viewer: Viewer,
  page: { after?: Cursor; limit: number },
): Promise<ReceiptPage> {
  const where = receiptWhere(filters, viewer);
  const after = page.after;
  const receipts = await prisma.receipt.findMany({
    where: after
      ? {
          AND: [
            where,
            {
              OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
            },
          ],
        }
      : where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    include: { items: true },
  });
  const more = receipts.length > page.limit;
  const shown = receipts.slice(0, page.limit);
  return { receipts: shown, nextCursor: more ? encodeCursor(shown.at(-1)!) : null };
}
