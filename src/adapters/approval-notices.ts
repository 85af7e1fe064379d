// Tells a sender, in their own chat, what happened to their receipt (approved, rejected with the
// reason, paid back) and refreshes the receipt's card there. Used by every entry point that decides:
// chat buttons, the API and the web page, payouts. A message that cannot be sent is logged; the
// decision stands either way.
import type { webApi } from '@slack/bolt';
import type { Api } from 'grammy';
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { ReceiptWithItems } from '../receipts/review.ts';
import { approvedNotice, rejectedNotice } from './chat/approval-text.ts';
import { showSlackReceipt } from './slack/show-receipt.ts';
import { showReceipt } from './telegram/show-receipt.ts';

export interface ApprovalNoticesDependencies {
  prisma: PrismaClient;
  telegram?: Api;
  slack?: webApi.WebClient;
  logger: Logger;
}

export interface ApprovalNotices {
  /** The receipt's card shows its new state; its sender gets a message saying what happened. */
  decided(receipt: ReceiptWithItems): Promise<void>;
  /** One message to a person, in their private chat with the bot. */
  tellUser(userId: string, text: string): Promise<void>;
}

export function createApprovalNotices({
  prisma,
  telegram,
  slack,
  logger,
}: ApprovalNoticesDependencies): ApprovalNotices {
  async function send(platform: string, chat: string, text: string, replyTo?: string | null) {
    if (platform === 'telegram' && telegram) {
      await telegram.sendMessage(chat, text, {
        reply_parameters: replyTo ? { message_id: Number(replyTo), allow_sending_without_reply: true } : undefined,
      });
    } else if (platform === 'slack' && slack) {
      await slack.chat.postMessage({ channel: chat, text, thread_ts: replyTo ?? undefined });
    }
  }

  async function tellUser(userId: string, text: string) {
    const user = await prisma.user.findUnique({ where: { id: userId } });
    if (!user) return;
    try {
      // A Telegram private chat has the user's id; Slack opens the app's DM when given the user's id.
      await send(user.platform, user.platformUserId, text);
    } catch (error) {
      logger.warn({ err: error, userId }, 'could not send a message to a person');
    }
  }

  return {
    tellUser,
    async decided(receipt) {
      const text =
        receipt.approvalState === 'approved'
          ? approvedNotice(receipt)
          : receipt.approvalState === 'rejected'
            ? rejectedNotice(receipt)
            : null;
      try {
        if (receipt.sourcePlatform === 'telegram' && telegram) await showReceipt(telegram, receipt);
        if (receipt.sourcePlatform === 'slack' && slack) await showSlackReceipt(slack, receipt);
        if (!text) return;
        if (receipt.sourceChatId && (receipt.sourcePlatform === 'telegram' || receipt.sourcePlatform === 'slack')) {
          const thread =
            receipt.sourcePlatform === 'slack' ? receipt.sourceMessageId?.split('/')[0] : receipt.replyMessageId;
          await send(receipt.sourcePlatform, receipt.sourceChatId, text, thread);
        } else {
          await tellUser(receipt.userId, text);
        }
      } catch (error) {
        logger.warn({ err: error, receiptId: receipt.id }, 'could not tell the sender about a decision');
      }
    },
  };
}
