// Puts a receipt's current state in its thread message: updates the app's answer to the file, or
// answers in the file's thread anew. Used by the app and by workers in other processes.
import type { webApi } from '@slack/bolt';
import type { ReceiptWithItems } from '../../receipts/review.ts';
import { receiptMessage } from './blocks.ts';

/** Slack receipts keep "<message ts>/<file id>" as their source message: one message, many files. */
export function sourceMessageId(ts: string, fileId: string): string {
  return `${ts}/${fileId}`;
}

export async function showSlackReceipt(client: webApi.WebClient, receipt: ReceiptWithItems): Promise<void> {
  if (!receipt.sourceChatId) return;
  const message = receiptMessage(receipt);
  if (receipt.replyMessageId) {
    await client.chat.update({ channel: receipt.sourceChatId, ts: receipt.replyMessageId, ...message });
    return;
  }
  await client.chat.postMessage({
    channel: receipt.sourceChatId,
    thread_ts: receipt.sourceMessageId?.split('/')[0],
    ...message,
  });
}
