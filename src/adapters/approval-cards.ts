// Approval cards in every admin chat on every platform: a card of its own for each receipt above
// APPROVAL_CARD_THRESHOLD, one batched card per chat for the rest ("7 receipts to approve, €412.30"),
// edited as receipts join or leave the batch (its message is remembered in approval_cards).
import type { webApi } from '@slack/bolt';
import type { Api } from 'grammy';
import type { PrismaClient } from '../db/client.ts';
import type { Platform } from '../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import type { Actor, Approvals, PolicyViolation, ReceiptWithItems, WaitingReceipt } from '../receipts/approvals.ts';
import type { ApprovalNotices } from './approval-notices.ts';
import { approvalCardText, batchCardText, policyAlertText } from './chat/approval-text.ts';
import { editSlackCard, postSlackCard } from './slack/approval-cards.ts';
import {
  batchCardKeyboard,
  editTelegramCard,
  postTelegramCard,
  receiptCardKeyboard,
} from './telegram/approval-cards.ts';

export interface ApprovalCardsDependencies {
  prisma: PrismaClient;
  approvals: () => Approvals;
  telegram?: { api: Api; chatIds: readonly string[] };
  slack?: { client: webApi.WebClient; channelIds: readonly string[] };
  threshold: string;
  logger: Logger;
}

type Chat = { platform: Platform; chatId: string };

export function createApprovalCards({
  prisma,
  approvals,
  telegram,
  slack,
  threshold,
  logger,
}: ApprovalCardsDependencies) {
  const chats: Chat[] = [
    ...(telegram?.chatIds ?? []).map((chatId) => ({ platform: 'telegram' as const, chatId })),
    ...(slack?.channelIds ?? []).map((chatId) => ({ platform: 'slack' as const, chatId })),
  ];

  const aboveThreshold = (receipt: ReceiptWithItems) => receipt.total?.gt(threshold) === true;

  async function post(chat: Chat, text: string, buttons: { receiptId: string } | { shownAt: number } | null) {
    if (chat.platform === 'telegram' && telegram) {
      const keyboard = !buttons
        ? undefined
        : 'receiptId' in buttons
          ? receiptCardKeyboard(buttons.receiptId)
          : batchCardKeyboard(buttons.shownAt);
      return postTelegramCard(telegram.api, chat.chatId, text, keyboard);
    }
    if (chat.platform === 'slack' && slack) {
      const kind = !buttons
        ? { kind: 'none' as const }
        : 'receiptId' in buttons
          ? { kind: 'receipt' as const, ...buttons }
          : { kind: 'batch' as const, ...buttons };
      return postSlackCard(slack.client, chat.chatId, text, kind);
    }
    return null;
  }

  async function edit(chat: Chat, messageId: string, text: string, shownAt: number | null) {
    if (chat.platform === 'telegram' && telegram) {
      return editTelegramCard(
        telegram.api,
        chat.chatId,
        messageId,
        text,
        shownAt ? batchCardKeyboard(shownAt) : undefined,
      );
    }
    if (chat.platform === 'slack' && slack) {
      return editSlackCard(
        slack.client,
        chat.chatId,
        messageId,
        text,
        shownAt ? { kind: 'batch', shownAt } : { kind: 'none' },
      );
    }
    return false;
  }

  /** The batch as it is now, in one chat: its card edited, posted (when `post`), or closed when empty. */
  async function refreshBatchIn(chat: Chat, batch: WaitingReceipt[], { post: postIfMissing }: { post: boolean }) {
    const shownAt = Date.now();
    const text = batchCardText(batch);
    const key = { platform_chatId: { platform: chat.platform, chatId: chat.chatId } };
    const card = await prisma.approvalCard.findUnique({ where: key });
    if (card) {
      const edited = await edit(chat, card.messageId, text, batch.length ? shownAt : null);
      if (edited && batch.length) return;
      await prisma.approvalCard.delete({ where: key }).catch(() => {});
      if (edited || batch.length === 0) return;
    }
    if (!postIfMissing || batch.length === 0) return;
    const messageId = await post(chat, text, { shownAt });
    if (!messageId) return;
    await prisma.approvalCard.upsert({
      where: key,
      create: { platform: chat.platform, chatId: chat.chatId, messageId },
      update: { messageId, createdAt: new Date() },
    });
  }

  async function everywhere(what: string, run: (chat: Chat) => Promise<unknown>) {
    for (const chat of chats) {
      try {
        await run(chat);
      } catch (error) {
        logger.warn({ err: error, platform: chat.platform, chatId: chat.chatId }, `could not ${what}`);
      }
    }
  }

  const cards = {
    threshold,
    aboveThreshold,
    /** Every admin chat's batched card shows the batch as it is now. */
    async refreshBatch({ post: postIfMissing = false } = {}) {
      if (chats.length === 0) return;
      const batch = await approvals().waiting({ upTo: threshold });
      await everywhere('update a batched approval card', (chat) =>
        refreshBatchIn(chat, batch, { post: postIfMissing }),
      );
    },

    /** A newly submitted receipt: a card of its own, or into the batch. */
    async announce(receipt: ReceiptWithItems) {
      if (!aboveThreshold(receipt)) return cards.refreshBatch({ post: true });
      const [waiting] = await prisma.receipt.findMany({
        where: { id: receipt.id },
        include: { items: true, user: { select: { id: true, displayName: true } } },
      });
      if (!waiting) return;
      await everywhere('post an approval card', (chat) =>
        post(chat, approvalCardText(waiting), { receiptId: receipt.id }),
      );
    },

    /** "Go through them": a card of its own for each receipt of the batch, in the chat that asked. */
    async postEach(chat: Chat) {
      const batch = await approvals().waiting({ upTo: threshold });
      for (const receipt of batch) await post(chat, approvalCardText(receipt), { receiptId: receipt.id });
      return batch.length;
    },
  };
  return cards;
}

export type ApprovalCards = ReturnType<typeof createApprovalCards>;

/** After every approval move: the sender is told, the admin chats' cards follow. */
export function approvalMoveListener(notices: ApprovalNotices, cards: () => ApprovalCards | undefined) {
  return async (receipt: ReceiptWithItems, _actor: Actor) => {
    if (receipt.approvalState === 'submitted') {
      await cards()?.announce(receipt);
      return;
    }
    await notices.decided(receipt);
    if (!cards()?.aboveThreshold(receipt)) await cards()?.refreshBatch();
  };
}

export interface PolicyAlertsDependencies {
  prisma: PrismaClient;
  telegram?: { api: Api; chatIds: readonly string[] };
  slack?: { client: webApi.WebClient; channelIds: readonly string[] };
  logger: Logger;
}

/** High-severity findings, posted to every admin chat as soon as a receipt is read or changed. */
export function createPolicyAlerts({ prisma, telegram, slack, logger }: PolicyAlertsDependencies) {
  return async (receipt: ReceiptWithItems, findings: PolicyViolation[]) => {
    const person = await prisma.user.findUnique({ where: { id: receipt.userId }, select: { displayName: true } });
    const text = policyAlertText({ ...receipt, user: { displayName: person?.displayName ?? '?' } }, findings);
    for (const chatId of telegram?.chatIds ?? []) {
      await postTelegramCard(telegram!.api, chatId, text).catch((error: unknown) =>
        logger.warn({ err: error, chatId }, 'could not post a policy alert'),
      );
    }
    for (const channel of slack?.channelIds ?? []) {
      await postSlackCard(slack!.client, channel, text, { kind: 'none' }).catch((error: unknown) =>
        logger.warn({ err: error, channel }, 'could not post a policy alert'),
      );
    }
  };
}
