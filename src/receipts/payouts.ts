// Paying people back: what is owed (approved receipts not yet paid, per person and currency), a payout
// of those receipts under a reference (all, or one person's) that moves them to reimbursed in one
// transaction, and a payout's lines for its CSV and for the message each person gets.
import { Prisma, type PrismaClient } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { type Actor, moveReceipt, type ReceiptWithItems, requireAdmin } from './approvals.ts';

export interface Amount {
  currency: string | null;
  amount: string;
}

export interface PersonOwed {
  userId: string;
  name: string;
  receipts: number;
  amounts: Amount[];
}

/** A payout's share for one person: their receipts and the sum per currency. */
export interface PayoutLine extends PersonOwed {
  receiptList: ReceiptWithItems[];
}

export interface PayoutSummary {
  id: string;
  reference: string;
  createdAt: Date;
  lines: PayoutLine[];
}

/** Sums per person and currency, people by name; exact decimals. */
function byPerson(receipts: (ReceiptWithItems & { user: { displayName: string } })[]): PayoutLine[] {
  const people = new Map<string, PayoutLine & { sums: Map<string, Prisma.Decimal> }>();
  for (const receipt of receipts) {
    let person = people.get(receipt.userId);
    if (!person) {
      person = {
        userId: receipt.userId,
        name: receipt.user.displayName,
        receipts: 0,
        amounts: [],
        receiptList: [],
        sums: new Map(),
      };
      people.set(receipt.userId, person);
    }
    person.receipts += 1;
    person.receiptList.push(receipt);
    const currency = receipt.currency ?? '';
    person.sums.set(currency, (person.sums.get(currency) ?? new Prisma.Decimal(0)).add(receipt.total ?? 0));
  }
  return [...people.values()]
    .map(({ sums, ...person }) => ({
      ...person,
      amounts: [...sums]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, sum]) => ({ currency: currency || null, amount: sum.toFixed(2) })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const approvedWhere = (userId?: string): Prisma.ReceiptWhereInput => ({
  approvalState: 'approved',
  status: { not: 'deleted' },
  ...(userId ? { userId } : {}),
});

const withPerson = { items: true, user: { select: { displayName: true } } } as const;

export function createPayouts({ prisma }: { prisma: PrismaClient }) {
  return {
    /** "What do we owe each person?": approved receipts not paid back yet. */
    async owed(): Promise<PersonOwed[]> {
      const receipts = await prisma.receipt.findMany({
        where: approvedWhere(),
        include: withPerson,
        orderBy: { createdAt: 'asc' },
      });
      return byPerson(receipts).map(({ receiptList: _, ...person }) => person);
    },

    /** Pays back every approved receipt (or one person's) under `reference`: they become reimbursed. */
    async pay(actor: Actor, { reference, userId }: { reference: string; userId?: string }): Promise<PayoutSummary> {
      requireAdmin(actor);
      if (!actor) throw new AppError('forbidden', 'a payout needs a person who makes it');
      const ref = reference.trim();
      if (!ref) {
        throw new AppError('bad_request', 'a payout needs a reference', {
          userMessage: 'Give the payout a reference (the bank transfer or batch it was paid with).',
        });
      }
      const payout = await prisma.$transaction(async (tx) => {
        const approved = await tx.receipt.findMany({ where: approvedWhere(userId), orderBy: { createdAt: 'asc' } });
        if (approved.length === 0) {
          throw new AppError('conflict', 'nothing approved to pay', {
            userMessage: 'There is nothing approved to pay back.',
          });
        }
        const created = await tx.payout.create({ data: { reference: ref.slice(0, 200), createdById: actor.id } });
        for (const receipt of approved) {
          const moved = await moveReceipt(tx, receipt, {
            to: 'reimbursed',
            actor,
            reason: `payout ${created.reference}`,
            data: { payoutId: created.id },
          });
          // Changed by someone else meanwhile: the whole payout is tried again by the admin.
          if (!moved) throw new AppError('conflict', `receipt ${receipt.id} changed during the payout`);
        }
        return created;
      });
      return (await this.find(payout.id))!;
    },

    async find(payoutId: string): Promise<PayoutSummary | null> {
      const payout = await prisma.payout.findUnique({
        where: { id: payoutId },
        include: { receipts: { include: withPerson, orderBy: { createdAt: 'asc' } } },
      });
      if (!payout) return null;
      return {
        id: payout.id,
        reference: payout.reference,
        createdAt: payout.createdAt,
        lines: byPerson(payout.receipts),
      };
    },

    list(limit = 100) {
      return prisma.payout.findMany({
        orderBy: { createdAt: 'desc' },
        take: limit,
        include: { createdBy: { select: { displayName: true } }, _count: { select: { receipts: true } } },
      });
    },
  };
}

export type Payouts = ReturnType<typeof createPayouts>;
