// What a sender does with a receipt once it is read: confirm it, fix a field, delete it, list their
// own. Every action checks that the receipt is the sender's (admins, through the API, may act on
// any); every fix is kept in receipt_edits.

import { Prisma, type PrismaClient } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { checkAmounts, defaultMaxReceiptTotal } from '../fields/receipt-fields.ts';
import type { LineItem, Platform, Receipt } from '../generated/prisma/client.ts';
import { isoDay, startOfDay } from '../iso-date.ts';
import { parseCents } from '../money.ts';
import { type Approvals, createApprovals, reopenAfterEdit } from './approvals.ts';
import { cleanNote, noteCategory } from './receipt-note.ts';
import { decimal } from './receipt-view.ts';

export type ReceiptWithItems = Receipt & { items: LineItem[] };

export const correctableFields = ['merchant', 'date', 'total', 'tax', 'currency', 'category'] as const;
export type CorrectableField = (typeof correctableFields)[number];

/** One field set by hand; values are already validated ("12.50", "2026-10-03", "EUR", a listed category). */
export interface Correction {
  field: CorrectableField;
  value: string;
}

/** Who acts: admins may reach everyone's receipts. */
export interface Access {
  admin?: boolean;
}

export interface CategoryTotal {
  category: string | null;
  currency: string | null;
  total: string;
  count: number;
}

const stillReading = new AppError('conflict', 'receipt is still being read', {
  userMessage: 'I am still reading this receipt; try again in a moment.',
});

function columnsFor({ field, value }: Correction): Prisma.ReceiptUpdateInput {
  switch (field) {
    case 'merchant':
      return { merchant: value };
    case 'date':
      return { purchaseDate: startOfDay(value) };
    case 'total':
      return { total: decimal(value) };
    case 'tax':
      return { tax: decimal(value) };
    case 'currency':
      return { currency: value };
    case 'category':
      return { category: value };
  }
}

function currentValue(receipt: Receipt, field: CorrectableField): string | null {
  switch (field) {
    case 'merchant':
      return receipt.merchant;
    case 'date':
      return receipt.purchaseDate ? isoDay(receipt.purchaseDate) : null;
    case 'total':
      return receipt.total?.toFixed(2) ?? null;
    case 'tax':
      return receipt.tax?.toFixed(2) ?? null;
    case 'currency':
      return receipt.currency;
    case 'category':
      return receipt.category;
  }
}

/** The amounts a receipt would have after `corrections`, checked together (tax ≤ total, the ceiling). */
function checkCorrectedAmounts(receipt: Receipt, corrections: readonly Correction[], maxReceiptTotal: string): void {
  const changed = (field: 'total' | 'tax') => corrections.findLast((correction) => correction.field === field)?.value;
  const newTotal = changed('total');
  const newTax = changed('tax');
  if (newTotal === undefined && newTax === undefined) return;
  const cents = (value: string | undefined, current: Prisma.Decimal | null) => {
    const text = value ?? current?.toFixed(2);
    return text === undefined ? null : parseCents(text);
  };
  const checked = checkAmounts(
    { total: cents(newTotal, receipt.total), tax: cents(newTax, receipt.tax) },
    { maxReceiptTotal },
  );
  if (!checked.ok) throw new AppError('bad_request', checked.problem);
}

export interface ReviewDependencies {
  prisma: PrismaClient;
  /** Where a confirmed receipt goes for approval, and the policy that looks at every edit. */
  approvals?: Approvals;
  /** MAX_RECEIPT_TOTAL; unset: the default ceiling. */
  maxReceiptTotal?: string;
}

export function createReview({
  prisma,
  maxReceiptTotal = defaultMaxReceiptTotal,
  approvals = createApprovals({ prisma }),
}: ReviewDependencies) {
  async function owned(receiptId: string, userId: string, access: Access = {}): Promise<ReceiptWithItems> {
    const receipt = await prisma.receipt.findUnique({ where: { id: receiptId }, include: { items: true } });
    if (!receipt || (receipt.userId !== userId && !access.admin) || receipt.status === 'deleted') {
      throw new AppError('not_found', `receipt ${receiptId} not found for user ${userId}`, {
        userMessage: 'I cannot find that receipt any more.',
      });
    }
    return receipt;
  }

  async function isAdmin(userId: string | null): Promise<boolean> {
    if (!userId) return false;
    const user = await prisma.user.findUnique({ where: { id: userId }, select: { role: true } });
    return user?.role === 'admin';
  }

  /**
   * Why an edit sends the receipt back to review: its owner (not an admin) changed numbers that an admin
   * confirmed or that came from an import. Null when it stays as it is.
   */
  async function sentBackBecause(
    receipt: Receipt,
    userId: string,
    corrections: readonly Correction[],
  ): Promise<string | null> {
    if (receipt.status !== 'confirmed' || userId !== receipt.userId || (await isAdmin(userId))) return null;
    const certifiedBy =
      receipt.extractor === 'import'
        ? 'it was imported'
        : receipt.confirmedById && (await isAdmin(receipt.confirmedById))
          ? 'an admin confirmed it'
          : null;
    if (!certifiedBy) return null;
    const changes = corrections
      .filter((correction) => currentValue(receipt, correction.field) !== correction.value)
      .map(
        (correction) => `${correction.field} ${currentValue(receipt, correction.field) ?? '—'} → ${correction.value}`,
      );
    return changes.length > 0 ? `Changed by its owner after ${certifiedBy}: ${changes.join(', ')}.` : null;
  }

  function readable(receipt: Receipt) {
    if (receipt.status === 'queued' || receipt.status === 'processing') throw stillReading;
  }

  return {
    owned,

    async confirm(receiptId: string, userId: string, access: Access = {}): Promise<ReceiptWithItems> {
      const receipt = await owned(receiptId, userId, access);
      readable(receipt);
      if (receipt.status === 'failed') {
        throw new AppError('conflict', 'a failed receipt cannot be confirmed', {
          userMessage: 'There is nothing to confirm: I could not read this one.',
        });
      }
      // An admin's confirmation certifies the numbers (see `correct`); a second tap keeps the first time.
      const confirmedById = (await isAdmin(userId)) ? userId : (receipt.confirmedById ?? userId);
      await prisma.receipt.update({
        where: { id: receiptId },
        data: { status: 'confirmed', confirmedAt: receipt.confirmedAt ?? new Date(), confirmedById },
      });
      // Confirmed by its sender: it goes to the admins for approval (see approvals.ts).
      return approvals.submit(receiptId, { id: userId, role: access.admin ? 'admin' : 'employee' });
    },

    /** One fix or several at once (checked together, kept in receipt_edits). */
    async correct(
      receiptId: string,
      userId: string,
      fix: Correction | readonly Correction[],
      access: Access = {},
    ): Promise<ReceiptWithItems> {
      const corrections = Array.isArray(fix) ? fix : [fix as Correction];
      const receipt = await owned(receiptId, userId, access);
      readable(receipt);
      checkCorrectedAmounts(receipt, corrections, maxReceiptTotal);
      const sentBack = await sentBackBecause(receipt, userId, corrections);
      const confidence = { ...((receipt.fieldConfidence ?? {}) as Record<string, number>) };
      for (const { field } of corrections) confidence[field] = 1;
      const status = sentBack ? 'needs_review' : receipt.status === 'failed' ? 'needs_review' : receipt.status;
      await prisma.$transaction(async (tx) => {
        if (receipt.userId === userId) await reopenAfterEdit(tx, receipt, userId);
        // One edit's rows share a moment; a millisecond apart each, history lists them in the order made.
        const at = Date.now();
        const rows = [
          ...corrections.map((correction) => ({
            receiptId,
            userId,
            field: correction.field,
            oldValue: currentValue(receipt, correction.field),
            newValue: correction.value,
          })),
          ...(status === receipt.status
            ? []
            : [{ receiptId, userId, field: 'status', oldValue: receipt.status, newValue: status }]),
        ];
        await tx.receiptEdit.createMany({
          data: rows.map((row, index) => ({ ...row, createdAt: new Date(at + index) })),
        });
        return tx.receipt.update({
          where: { id: receiptId },
          data: {
            ...Object.assign({}, ...corrections.map(columnsFor)),
            fieldConfidence: confidence,
            status,
            ...(sentBack
              ? { reviewReasons: [...receipt.reviewReasons, sentBack], confirmedAt: null, confirmedById: null }
              : {}),
          },
        });
      });
      // Edited: the spending policy looks at it again.
      return approvals.evaluate(receiptId);
    },

    /** Who changed what and when, oldest first (the receipt's owner or an admin may see it). */
    async history(receiptId: string, userId: string, access: Access = {}) {
      await owned(receiptId, userId, access);
      const edits = await prisma.receiptEdit.findMany({
        where: { receiptId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { user: { select: { id: true, displayName: true } } },
      });
      return edits.map((edit) => ({
        at: edit.createdAt,
        by: edit.user ? { id: edit.user.id, name: edit.user.displayName } : null,
        field: edit.field,
        before: edit.oldValue,
        after: edit.newValue,
      }));
    },

    async remove(receiptId: string, userId: string, access: Access = {}): Promise<ReceiptWithItems> {
      await owned(receiptId, userId, access);
      return prisma.receipt.update({
        where: { id: receiptId },
        data: { status: 'deleted', deletedAt: new Date() },
        include: { items: true },
      });
    },

    /**
     * The sender changed their words about the receipt (an edited caption): the note follows, and so
     * does the category when the note names one and nobody set the category by hand. A receipt still
     * being read gets the note only; the reading applies its hint.
     */
    async setNote(
      receiptId: string,
      userId: string,
      text: string | null,
      categories: readonly string[],
    ): Promise<ReceiptWithItems> {
      const receipt = await owned(receiptId, userId);
      const note = cleanNote(text);
      if (note === receipt.note) return receipt;
      const reading = receipt.status === 'queued' || receipt.status === 'processing';
      const setByHand = (await prisma.receiptEdit.count({ where: { receiptId, field: 'category' } })) > 0;
      const category = reading || setByHand ? null : noteCategory(note, categories);
      return prisma.$transaction(async (tx) => {
        await tx.receiptEdit.create({
          data: { receiptId, userId, field: 'note', oldValue: receipt.note, newValue: note },
        });
        return tx.receipt.update({
          where: { id: receiptId },
          data: {
            note,
            ...(category && category !== receipt.category
              ? {
                  category,
                  fieldConfidence: { ...((receipt.fieldConfidence ?? {}) as Record<string, number>), category: 0.9 },
                }
              : {}),
          },
          include: { items: true },
        });
      });
    },

    /** The sender's receipts made from one platform message (a Slack message can share several files). */
    fromMessage(source: { platform: Platform; chatId: string; messageId: string }, userId: string) {
      return prisma.receipt.findMany({
        where: {
          sourcePlatform: source.platform,
          sourceChatId: source.chatId,
          OR: [{ sourceMessageId: source.messageId }, { sourceMessageId: { startsWith: `${source.messageId}/` } }],
          userId,
          status: { not: 'deleted' },
        },
      });
    },

    /** The sender's receipt whose status message (the bot's answer) this is. */
    async answeredBy(chat: { platform: Platform; chatId: string; messageId: string }, userId: string) {
      const receipt = await prisma.receipt.findFirst({
        where: {
          sourcePlatform: chat.platform,
          sourceChatId: chat.chatId,
          replyMessageId: chat.messageId,
          userId,
          status: { not: 'deleted' },
        },
        include: { items: true },
      });
      return receipt;
    },

    /** The sender's most recent receipt that is not deleted. */
    latest(userId: string): Promise<ReceiptWithItems | null> {
      return prisma.receipt.findFirst({
        where: { userId, status: { not: 'deleted' } },
        orderBy: { createdAt: 'desc' },
        include: { items: true },
      });
    },

    /** The sender's receipts sent since `since` (newest first), whatever their purchase dates. */
    sentSince(userId: string, since: Date, take = 50): Promise<Receipt[]> {
      return prisma.receipt.findMany({
        where: { userId, status: { not: 'deleted' }, createdAt: { gte: since } },
        orderBy: { createdAt: 'desc' },
        take,
      });
    },

    /** The sender's receipts bought this calendar month (UTC), totalled by category and currency. */
    async month(userId: string, today = new Date()): Promise<{ count: number; totals: CategoryTotal[] }> {
      const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
      const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
      const groups = await prisma.receipt.groupBy({
        by: ['category', 'currency'],
        where: { userId, status: { notIn: ['deleted', 'failed'] }, purchaseDate: { gte: start, lt: end } },
        _sum: { total: true },
        _count: { _all: true },
      });
      const totals = groups
        .map((group) => ({
          category: group.category,
          currency: group.currency,
          total: (group._sum.total ?? new Prisma.Decimal(0)).toFixed(2),
          count: group._count._all,
        }))
        .sort(
          (a, b) =>
            new Prisma.Decimal(b.total).comparedTo(a.total) || String(a.category).localeCompare(String(b.category)),
        );
      return { count: totals.reduce((sum, group) => sum + group.count, 0), totals };
    },
  };
}

export type Review = ReturnType<typeof createReview>;
