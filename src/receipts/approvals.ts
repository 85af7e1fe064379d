// A receipt's approval state, apart from its reading state: submitted (its sender confirmed it) →
// approved | rejected (with a reason) → reimbursed (in a payout, see payouts.ts). A rejected receipt
// goes back to its sender, who fixes it and confirms it again. Every rule about who may move a
// receipt where lives here, every move is one conditional update (two admins pressing at once move
// it once) and one row in approval_events.

import type { Prisma, PrismaClient } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { ApprovalState, LineItem, Receipt, User } from '../generated/prisma/client.ts';
import type { PolicyChecker } from './policy.ts';

export type ReceiptWithItems = Receipt & { items: LineItem[] };
type Tx = Prisma.TransactionClient;

/** Who acts: a user row (its role decides), or null for the service itself (auto-approval). */
export type Actor = Pick<User, 'id' | 'role'> | null;

export interface PolicyViolation {
  rule: string;
  severity: 'low' | 'high';
  message: string;
}

export function violationsOf(receipt: Pick<Receipt, 'policyViolations'>): PolicyViolation[] {
  return Array.isArray(receipt.policyViolations) ? (receipt.policyViolations as unknown as PolicyViolation[]) : [];
}

const notAdmin = new AppError('forbidden', 'only admins approve, reject or pay receipts', {
  userMessage: 'Only an admin can approve, reject or pay back receipts. Nothing was changed.',
});

export function requireAdmin(actor: Actor): void {
  if (actor && actor.role !== 'admin') throw notAdmin;
}

const stateWords: Record<ApprovalState, string> = {
  submitted: 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
  reimbursed: 'paid back',
};

export function approvalStateText(state: ApprovalState | null): string {
  return state ? stateWords[state] : 'not submitted';
}

function notMovable(receipt: Receipt, to: ApprovalState): AppError {
  return new AppError(
    'conflict',
    `receipt ${receipt.id} is ${receipt.approvalState ?? 'not submitted'}, not ${to}-able`,
    {
      userMessage: `This receipt is ${approvalStateText(receipt.approvalState)}: it cannot be ${stateWords[to]} now.`,
    },
  );
}

/** Which states a receipt may come from to reach each state. */
const allowedFrom: Record<ApprovalState, (ApprovalState | null)[]> = {
  submitted: [null, 'rejected', 'approved'],
  approved: ['submitted'],
  rejected: ['submitted', 'approved'],
  reimbursed: ['approved'],
};

interface Move {
  to: ApprovalState;
  actor: Actor;
  reason?: string | null;
  /** Extra columns written with the move (payout, confirmedAt). */
  data?: Prisma.ReceiptUncheckedUpdateManyInput;
}

/**
 * Moves one receipt inside `tx` when its state allows it: null when another move got there first
 * (the caller decides whether that is an error).
 */
export async function moveReceipt(tx: Tx, receipt: Receipt, move: Move): Promise<ReceiptWithItems | null> {
  const from = receipt.approvalState;
  if (!allowedFrom[move.to].includes(from)) return null;
  const moved = await tx.receipt.updateMany({
    where: { id: receipt.id, approvalState: from === null ? null : from, status: { not: 'deleted' } },
    data: {
      approvalState: move.to,
      rejectionReason: move.to === 'rejected' ? (move.reason ?? null) : null,
      ...move.data,
    },
  });
  if (moved.count === 0) return null;
  await tx.approvalEvent.create({
    data: {
      receiptId: receipt.id,
      actorId: move.actor?.id ?? null,
      fromState: from,
      toState: move.to,
      reason: move.reason ?? null,
    },
  });
  return tx.receipt.findUniqueOrThrow({ where: { id: receipt.id }, include: { items: true } });
}

export interface ApprovalsDependencies {
  prisma: PrismaClient;
  /** Approve clean receipts as soon as they are submitted (AUTO_APPROVE_WITHIN_POLICY). */
  autoApproveWithinPolicy?: boolean;
  /** Told after every move, whoever made it (the service tells the sender and the admin chats). */
  onMove?: (receipt: ReceiptWithItems, actor: Actor) => Promise<void>;
  /** The spending policy, evaluated at submission (and by review.ts after every edit). */
  policy?: PolicyChecker;
}

export type WaitingReceipt = ReceiptWithItems & { user: { id: string; displayName: string } };

export interface BulkOutcome {
  approved: ReceiptWithItems[];
  skipped: { id: string; reason: string }[];
}

export function createApprovals({ prisma, autoApproveWithinPolicy = false, onMove, policy }: ApprovalsDependencies) {
  const told = async (receipt: ReceiptWithItems | null, actor: Actor) => {
    if (receipt && onMove) await onMove(receipt, actor);
    return receipt;
  };

  async function load(receiptId: string): Promise<ReceiptWithItems> {
    const receipt = await prisma.receipt.findUnique({ where: { id: receiptId }, include: { items: true } });
    if (!receipt || receipt.status === 'deleted') {
      throw new AppError('not_found', `receipt ${receiptId} not found`, {
        userMessage: 'I cannot find that receipt any more.',
      });
    }
    return receipt;
  }

  async function transition(receiptId: string, move: Move): Promise<ReceiptWithItems> {
    const receipt = await load(receiptId);
    const moved = await prisma.$transaction((tx) => moveReceipt(tx, receipt, move));
    if (!moved) throw notMovable(await load(receiptId), move.to);
    await told(moved, move.actor);
    return moved;
  }

  return {
    /** The policy's rules (none without POLICY_FILE). */
    policy: policy?.policy,

    /** Evaluates the receipt against the policy again (after an edit) and returns it. */
    async evaluate(receiptId: string): Promise<ReceiptWithItems> {
      return (await policy?.check(receiptId)) ?? load(receiptId);
    },

    /**
     * Its sender confirmed it (or fixed and confirmed it after a rejection): it waits for an admin,
     * or is approved at once when the policy allows and it breaks no rule. Already submitted or
     * further along: unchanged.
     */
    async submit(receiptId: string, actor: Actor): Promise<ReceiptWithItems> {
      await policy?.check(receiptId);
      const receipt = await load(receiptId);
      if (
        receipt.approvalState === 'submitted' ||
        receipt.approvalState === 'approved' ||
        receipt.approvalState === 'reimbursed'
      ) {
        return receipt;
      }
      if (receipt.status !== 'confirmed' && receipt.status !== 'needs_review') throw notMovable(receipt, 'submitted');
      const submitted = await prisma.$transaction((tx) => moveReceipt(tx, receipt, { to: 'submitted', actor }));
      if (!submitted) return load(receiptId);
      if (autoApproveWithinPolicy && violationsOf(submitted).length === 0 && submitted.total !== null) {
        const approved = await prisma.$transaction((tx) =>
          moveReceipt(tx, submitted, { to: 'approved', actor: null, reason: 'within policy (approved automatically)' }),
        );
        if (approved) return (await told(approved, null))!;
      }
      return (await told(submitted, actor))!;
    },

    async approve(receiptId: string, actor: Actor, reason?: string): Promise<ReceiptWithItems> {
      requireAdmin(actor);
      return transition(receiptId, { to: 'approved', actor, reason: reason?.trim() || null });
    },

    /** Back to its sender with the reason: Confirm shows again so they can fix and resubmit it. */
    async reject(receiptId: string, actor: Actor, reason: string): Promise<ReceiptWithItems> {
      requireAdmin(actor);
      const why = reason.trim();
      if (!why) {
        throw new AppError('bad_request', 'a rejection needs a reason', {
          userMessage: 'Say why the receipt is rejected, so its sender can fix it.',
        });
      }
      return transition(receiptId, { to: 'rejected', actor, reason: why.slice(0, 500), data: { confirmedAt: null } });
    },

    /** Approves each submitted receipt; those with policy violations only when `includeViolations`. */
    async approveMany(receiptIds: string[], actor: Actor, { includeViolations = false } = {}): Promise<BulkOutcome> {
      requireAdmin(actor);
      const outcome: BulkOutcome = { approved: [], skipped: [] };
      const receipts = await prisma.receipt.findMany({ where: { id: { in: receiptIds } } });
      const byId = new Map(receipts.map((receipt) => [receipt.id, receipt]));
      for (const id of receiptIds) {
        const receipt = byId.get(id);
        if (!receipt || receipt.status === 'deleted') {
          outcome.skipped.push({ id, reason: 'not found' });
        } else if (!includeViolations && violationsOf(receipt).length > 0) {
          outcome.skipped.push({ id, reason: 'breaks a policy rule' });
        } else {
          const moved = await prisma.$transaction((tx) => moveReceipt(tx, receipt, { to: 'approved', actor }));
          if (moved) outcome.approved.push((await told(moved, actor))!);
          else outcome.skipped.push({ id, reason: approvalStateText(receipt.approvalState) });
        }
      }
      return outcome;
    },

    /** Receipts waiting for an admin, oldest first; `upTo`: only those whose total is at most this. */
    waiting({ limit = 500, upTo }: { limit?: number; upTo?: string } = {}): Promise<WaitingReceipt[]> {
      return prisma.receipt.findMany({
        where: {
          approvalState: 'submitted',
          status: { not: 'deleted' },
          ...(upTo === undefined ? {} : { OR: [{ total: null }, { total: { lte: upTo } }] }),
        },
        orderBy: { createdAt: 'asc' },
        take: limit,
        include: { items: true, user: { select: { id: true, displayName: true } } },
      });
    },

    /**
     * "Approve all within policy" on a batched card: the waiting receipts up to the threshold that
     * break no rule and have not changed since the card was drawn (`shownAt`).
     */
    async approveBatch(actor: Actor, { upTo, shownAt }: { upTo: string; shownAt: Date }): Promise<BulkOutcome> {
      requireAdmin(actor);
      const batch = await this.waiting({ upTo });
      const ids = batch.filter((receipt) => receipt.updatedAt <= shownAt).map((receipt) => receipt.id);
      return this.approveMany(ids, actor);
    },

    /** Every move of one receipt, oldest first, with who made it. */
    history(receiptId: string) {
      return prisma.approvalEvent.findMany({
        where: { receiptId },
        orderBy: { createdAt: 'asc' },
        include: { actor: { select: { id: true, displayName: true } } },
      });
    },
  };
}

export type Approvals = ReturnType<typeof createApprovals>;

/**
 * The sender changed a receipt that was already submitted or approved: it waits for approval again
 * (audited). A paid receipt cannot change: the money has left.
 */
export async function reopenAfterEdit(tx: Tx, receipt: Receipt, editorId: string): Promise<void> {
  if (receipt.approvalState === 'reimbursed') {
    throw new AppError('conflict', `receipt ${receipt.id} is reimbursed`, {
      userMessage: 'This receipt has been paid back already: it cannot be changed.',
    });
  }
  if (receipt.approvalState !== 'approved') return;
  await moveReceipt(tx, receipt, {
    to: 'submitted',
    actor: { id: editorId, role: 'employee' },
    reason: 'changed after approval',
  });
}
