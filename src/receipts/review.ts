// What a sender does with a receipt once it is read: confirm it, fix a field, delete it, list their
// own. Every action checks that the receipt is the sender's (admins, through the API, may act on
// any); every fix is kept in receipt_edits.

import { Prisma, type PrismaClient } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { LineItem, Platform, Receipt } from '../generated/prisma/client.ts';
import { isoDay, startOfDay } from '../iso-date.ts';
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

export function createReview({ prisma }: { prisma: PrismaClient }) {
  async function owned(receiptId: string, userId: string, access: Access = {}): Promise<ReceiptWithItems> {
    const receipt = await prisma.receipt.findUnique({ where: { id: receiptId }, include: { items: true } });
    if (!receipt || (receipt.userId !== userId && !access.admin) || receipt.status === 'deleted') {
      throw new AppError('not_found', `receipt ${receiptId} not found for user ${userId}`, {
        userMessage: 'I cannot find that receipt any more.',
      });
    }
    return receipt;
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
      return prisma.receipt.update({
        where: { id: receiptId },
        data: { status: 'confirmed', confirmedAt: receipt.confirmedAt ?? new Date() },
        include: { items: true },
      });
    },

    async correct(
      receiptId: string,
      userId: string,
      correction: Correction,
      access: Access = {},
    ): Promise<ReceiptWithItems> {
      const receipt = await owned(receiptId, userId, access);
      readable(receipt);
      const confidence = { ...((receipt.fieldConfidence ?? {}) as Record<string, number>), [correction.field]: 1 };
      return prisma.$transaction(async (tx) => {
        await tx.receiptEdit.create({
          data: {
            receiptId,
            userId,
            field: correction.field,
            oldValue: currentValue(receipt, correction.field),
            newValue: correction.value,
          },
        });
        return tx.receipt.update({
          where: { id: receiptId },
          data: {
            ...columnsFor(correction),
            fieldConfidence: confidence,
            status: receipt.status === 'failed' ? 'needs_review' : receipt.status,
          },
          include: { items: true },
        });
      });
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
