// Image and PDF files shared with the app in a DM or a receipts channel (src/adapters/chat/receipt-chats.ts):
// each file one receipt, answered in the file's thread at once and updated by whoever finishes the job.
import type { App, webApi } from '@slack/bolt';
import { isAppError, toAppError } from '../../errors.ts';
import { refusedAtIntake } from '../../pipeline/intake.ts';
import { findOrCreateUser } from '../../receipts/users.ts';
import { downloadFile, tooLargeMessage } from '../chat/download.ts';
import { createHandledEvents } from '../chat/handled-events.ts';
import { takesReceipts } from '../chat/receipt-chats.ts';
import { cannotReadText, duplicateNote, duplicateText, reading } from '../chat/summary.ts';
import { receiptMessage } from './blocks.ts';
import { type SlackDependencies, slackSender } from './context.ts';
import { showSlackReceipt, sourceMessageId } from './show-receipt.ts';

interface SharedFile {
  id: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

interface FileShareMessage {
  subtype?: string;
  user?: string;
  bot_id?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
  channel_type?: string;
  text?: string;
  files?: SharedFile[];
}

/** A message edited after sending, as Slack reports it (subtype message_changed). */
interface ChangedMessage {
  subtype: 'message_changed';
  channel: string;
  message?: { ts: string; user?: string; text?: string; files?: SharedFile[] };
}

/** Slack's markup as plain words: <@U123> mentions dropped, <url|label> as the label, &amp; as &. */
export function plainText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, '')
    .replace(/<([^>|]+)\|([^>]+)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

export function registerFileShares(app: App, deps: SlackDependencies): void {
  const { slack, receipts, review, logger, maxUploadBytes } = deps;
  const handled = createHandledEvents(deps.prisma, 'slack');

  async function takeFile(client: webApi.WebClient, message: FileShareMessage, file: SharedFile, userId: string) {
    const source = { chatId: message.channel, messageId: sourceMessageId(message.ts, file.id) };
    if (await receipts.findBySource('slack', source)) return;
    const thread_ts = message.thread_ts ?? message.ts;
    if ((file.size ?? 0) > maxUploadBytes) {
      await client.chat.postMessage({ channel: message.channel, thread_ts, text: tooLargeMessage(maxUploadBytes) });
      return;
    }
    const status = await client.chat.postMessage({ channel: message.channel, thread_ts, text: reading });
    const update = (content: { text: string; blocks?: ReturnType<typeof receiptMessage>['blocks'] }) =>
      client.chat.update({ channel: message.channel, ts: status.ts!, ...content });
    try {
      const url = file.url_private_download ?? file.url_private;
      if (!url) throw new Error('Slack gave no download address for the file');
      const bytes = await downloadFile(url, maxUploadBytes, { authorization: `Bearer ${slack.botToken}` });
      const sender = await slackSender(client, userId, slack);
      const outcome = await receipts.submit({
        bytes,
        sender,
        source: { ...source, replyMessageId: status.ts },
        note: plainText(message.text),
      });
      if (outcome.kind === 'duplicate') {
        const earlier = await review.owned(outcome.receipt.id, outcome.receipt.userId);
        await update({
          text: duplicateText(earlier),
          blocks: receiptMessage(earlier, `_${duplicateNote}_`).blocks,
        });
      } else if (outcome.kind === 'redelivered') {
        await client.chat.delete({ channel: message.channel, ts: status.ts! }).catch(() => {});
      }
    } catch (error) {
      if (isAppError(error, 'too_large')) {
        await update({ text: tooLargeMessage(maxUploadBytes) });
      } else if (refusedAtIntake(error)) {
        await update({ text: cannotReadText(error.userMessage) });
      } else {
        logger.error({ err: error, channel: message.channel }, 'slack receipt intake failed');
        await update({
          text: `Sorry, I could not take this receipt: ${toAppError(error).userMessage} Please share it again.`,
        });
      }
    }
  }

  /** The shared message's text was edited: its receipts take the new words as their note. */
  async function textChanged(client: webApi.WebClient, changed: ChangedMessage) {
    const message = changed.message;
    if (!message?.user) return;
    const user = await findOrCreateUser(deps.prisma, await slackSender(client, message.user, slack));
    const source = { platform: 'slack' as const, chatId: changed.channel, messageId: message.ts };
    for (const receipt of await review.fromMessage(source, user.id)) {
      try {
        const updated = await review.setNote(receipt.id, user.id, plainText(message.text), deps.categories);
        await showSlackReceipt(client, updated);
      } catch (error) {
        logger.warn({ err: error, receiptId: receipt.id, code: toAppError(error).code }, 'edited message not applied');
      }
    }
  }

  app.event('message', async ({ event, client }) => {
    if ((event as { subtype?: string }).subtype === 'message_changed') {
      await textChanged(client, event as unknown as ChangedMessage);
      return;
    }
    const message = event as unknown as FileShareMessage;
    if (message.subtype !== 'file_share' || !message.user || message.bot_id || !message.files?.length) return;
    if (!takesReceipts({ direct: message.channel_type === 'im', id: message.channel }, slack.receiptChannelIds)) return;
    // Slack retries an event it thinks we missed: the message is answered once.
    const key = `${message.channel}:${message.ts}`;
    if (await handled.seen(key)) return;
    for (const file of message.files) await takeFile(client, message, file, message.user);
    await handled.mark(key);
  });
}
