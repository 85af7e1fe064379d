// Image and PDF files shared with the app (in a DM or a channel it is in): each file one receipt,
// answered in the file's thread at once and updated by whoever finishes the job.
import type { App, webApi } from '@slack/bolt';
import { isAppError, toAppError } from '../../errors.ts';
import { createHandledEvents } from '../chat/handled-events.ts';
import { duplicateText, reading } from '../chat/summary.ts';
import { receiptMessage } from './blocks.ts';
import { type SlackDependencies, slackSender } from './context.ts';
import { sourceMessageId } from './show-receipt.ts';

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
  files?: SharedFile[];
}

function tooLarge(limit: number) {
  return `That file is too large: I can read files up to ${Math.floor(limit / (1024 * 1024))} MB. Share a photo instead.`;
}

async function download(url: string, token: string, limit: number): Promise<Buffer> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) throw new Error(`file download failed with HTTP ${response.status}`);
  // Without files:read Slack answers with its HTML login page instead of the file.
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    throw new Error('Slack sent a web page instead of the file: is the files:read scope granted?');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error('file too large'), { tooLarge: true });
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export function registerFileShares(app: App, deps: SlackDependencies): void {
  const { slack, receipts, review, logger, maxUploadBytes } = deps;
  const handled = createHandledEvents(deps.prisma, 'slack');

  async function takeFile(client: webApi.WebClient, message: FileShareMessage, file: SharedFile, userId: string) {
    const source = { chatId: message.channel, messageId: sourceMessageId(message.ts, file.id) };
    if (await receipts.findBySource('slack', source)) return;
    const thread_ts = message.thread_ts ?? message.ts;
    if ((file.size ?? 0) > maxUploadBytes) {
      await client.chat.postMessage({ channel: message.channel, thread_ts, text: tooLarge(maxUploadBytes) });
      return;
    }
    const status = await client.chat.postMessage({ channel: message.channel, thread_ts, text: reading });
    const update = (content: { text: string; blocks?: ReturnType<typeof receiptMessage>['blocks'] }) =>
      client.chat.update({ channel: message.channel, ts: status.ts!, ...content });
    try {
      const url = file.url_private_download ?? file.url_private;
      if (!url) throw new Error('Slack gave no download address for the file');
      const bytes = await download(url, slack.botToken, maxUploadBytes);
      const sender = await slackSender(client, userId, slack);
      const outcome = await receipts.submit({ bytes, sender, source: { ...source, replyMessageId: status.ts } });
      if (outcome.kind === 'duplicate') {
        const earlier = await review.owned(outcome.receipt.id, outcome.receipt.userId);
        await update({
          text: duplicateText(earlier),
          blocks: receiptMessage(earlier, '_You sent this receipt already._').blocks,
        });
      } else if (outcome.kind === 'rejected') {
        await update({ text: `I cannot read this file. ${outcome.error.userMessage}` });
      } else if (outcome.kind === 'redelivered') {
        await client.chat.delete({ channel: message.channel, ts: status.ts! }).catch(() => {});
      }
    } catch (error) {
      if ((error as { tooLarge?: boolean }).tooLarge || isAppError(error, 'too_large')) {
        await update({ text: tooLarge(maxUploadBytes) });
      } else {
        logger.error({ err: error, channel: message.channel }, 'slack receipt intake failed');
        await update({
          text: `Sorry, I could not take this receipt: ${toAppError(error).userMessage} Please share it again.`,
        });
      }
    }
  }

  app.event('message', async ({ event, client }) => {
    const message = event as unknown as FileShareMessage;
    if (message.subtype !== 'file_share' || !message.user || message.bot_id || !message.files?.length) return;
    // Slack retries an event it thinks we missed: the message is answered once.
    const key = `${message.channel}:${message.ts}`;
    if (await handled.seen(key)) return;
    for (const file of message.files) await takeFile(client, message, file, message.user);
    await handled.mark(key);
  });
}
