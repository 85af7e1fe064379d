// Receipts as lists for the API and the CSV export: filters, newest first, cursor pages. Employees
// see only their own; deleted receipts only when asked for by status.

import { z } from 'zod';
import type { Prisma, PrismaClient } from '../db/client.ts';
import { hasNoControlCharacters } from '../fields/receipt-fields.ts';
import { startOfDay } from '../iso-date.ts';
import type { ReceiptWithItems } from './review.ts';

const statuses = ['queued', 'processing', 'needs_review', 'confirmed', 'failed', 'deleted'] as const;

const plain = (schema: z.ZodString) =>
  schema.refine(hasNoControlCharacters, 'contains a control character; type plain text').optional();

export const receiptFiltersSchema = z.object({
  status: z.enum(statuses).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  category: plain(z.string().max(50)),
  merchant: plain(z.string().max(200)),
  user: z.uuid().optional(),
  /** Words in the merchant, the line items or the receipt's text. */
  q: plain(z.string().min(2).max(100)),
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

/** added: newest added first; date_desc / date_asc: by purchase date, receipts with no date last. */
export const receiptSorts = ['added', 'date_desc', 'date_asc'] as const;
export type ReceiptSort = (typeof receiptSorts)[number];

/** Where a page ends: the sort's key (createdAt, or purchaseDate which may be null) and the id. */
export type Cursor = { createdAt: Date; id: string } | { purchaseDate: Date | null; id: string };

export function encodeCursor(
  receipt: { createdAt: Date; purchaseDate: Date | null; id: string },
  sort: ReceiptSort = 'added',
): string {
  const text =
    sort === 'added'
      ? `${receipt.createdAt.toISOString()}|${receipt.id}`
      : `d|${receipt.purchaseDate?.toISOString() ?? ''}|${receipt.id}`;
  return Buffer.from(text).toString('base64url');
}

/** The position after which the next page starts, or null when the text is not a cursor of this sort. */
export function decodeCursor(text: string, sort: ReceiptSort = 'added'): Cursor | null {
  const parts = Buffer.from(text, 'base64url').toString().split('|');
  if (sort === 'added') {
    const [at, id] = parts;
    const createdAt = new Date(at ?? '');
    if (parts.length !== 2 || Number.isNaN(createdAt.getTime()) || !z.uuid().safeParse(id).success) return null;
    return { createdAt, id: id! };
  }
  const [tag, at, id] = parts;
  const purchaseDate = at ? new Date(at) : null;
  if (parts.length !== 3 || tag !== 'd' || (purchaseDate && Number.isNaN(purchaseDate.getTime()))) return null;
  if (!z.uuid().safeParse(id).success) return null;
  return { purchaseDate, id: id! };
}

function orderOf(sort: ReceiptSort): Prisma.ReceiptOrderByWithRelationInput[] {
  if (sort === 'added') return [{ createdAt: 'desc' }, { id: 'desc' }];
  const direction = sort === 'date_desc' ? 'desc' : 'asc';
  return [{ purchaseDate: { sort: direction, nulls: 'last' } }, { id: direction }];
}

/** The receipts after `after` in `sort`'s order (a keyset page: stable while receipts come in). */
function afterWhere(after: Cursor, sort: ReceiptSort): Prisma.ReceiptWhereInput {
  if ('createdAt' in after) {
    return { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] };
  }
  const beyond = sort === 'date_desc' ? 'lt' : 'gt';
  if (!after.purchaseDate) return { purchaseDate: null, id: { [beyond]: after.id } };
  return {
    OR: [
      { purchaseDate: { [beyond]: after.purchaseDate } },
      { purchaseDate: after.purchaseDate, id: { [beyond]: after.id } },
      { purchaseDate: null },
    ],
  };
}

export type ListedReceipt = ReceiptWithItems & { user: { displayName: string } };

export interface ReceiptPage {
  receipts: ListedReceipt[];
  nextCursor: string | null;
}

export async function listReceipts(
  prisma: PrismaClient,
  filters: ReceiptFilters,
  viewer: Viewer,
  page: { after?: Cursor; limit: number; sort?: ReceiptSort },
): Promise<ReceiptPage> {
  const sort = page.sort ?? 'added';
  const where = receiptWhere(filters, viewer);
  const receipts = await prisma.receipt.findMany({
    where: page.after ? { AND: [where, afterWhere(page.after, sort)] } : where,
    orderBy: orderOf(sort),
    take: page.limit + 1,
    include: { items: true, user: { select: { displayName: true } } },
  });
  const more = receipts.length > page.limit;
  const shown = receipts.slice(0, page.limit);
  return { receipts: shown, nextCursor: more ? encodeCursor(shown.at(-1)!, sort) : null };
}

export interface FilterTotal {
  currency: string | null;
  /** Sum of the totals, two decimals, summed by Postgres as numeric (no float, no overflow). */
  total: string;
  /** Receipts with a total in this currency. */
  count: number;
}

/** What every receipt the filter matches adds up to, per currency (never added across currencies). */
export async function filterTotals(
  prisma: PrismaClient,
  filters: ReceiptFilters,
  viewer: Viewer,
): Promise<FilterTotal[]> {
  const groups = await prisma.receipt.groupBy({
    by: ['currency'],
    where: { AND: [receiptWhere(filters, viewer), { total: { not: null } }] },
    _sum: { total: true },
    _count: { _all: true },
    orderBy: { currency: 'asc' },
  });
  return groups.map((group) => ({
    currency: group.currency,
    total: group._sum.total?.toFixed(2) ?? '0.00',
    count: group._count._all,
  }));
}
