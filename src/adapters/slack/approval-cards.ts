// Approval cards in Slack admin channels: Block Kit buttons carrying the receipt id, or the time the
// batch was drawn (ms), as their value.
import type { types, webApi } from '@slack/bolt';
import { escapeMrkdwn } from './blocks.ts';

type KnownBlock = types.KnownBlock;

export const approvalActionIds = {
  approve: 'approval_approve',
  reject: 'approval_reject',
  approveBatch: 'approval_batch_approve',
  listBatch: 'approval_batch_list',
} as const;
export const rejectViewId = 'approval_reject_view';

const button = (text: string, action_id: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text },
  action_id,
  value,
  ...(style ? { style } : {}),
});

export type CardButtons =
  | { kind: 'receipt'; receiptId: string }
  | { kind: 'batch'; shownAt: number }
  | { kind: 'none' };

export function cardMessage(text: string, buttons: CardButtons): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }];
  if (buttons.kind === 'receipt') {
    blocks.push({
      type: 'actions',
      block_id: 'approval_actions',
      elements: [
        button('Approve', approvalActionIds.approve, buttons.receiptId, 'primary'),
        button('Reject', approvalActionIds.reject, buttons.receiptId, 'danger'),
      ],
    });
  } else if (buttons.kind === 'batch') {
    const shownAt = String(buttons.shownAt);
    blocks.push({
      type: 'actions',
      block_id: 'approval_actions',
      elements: [
        button('Approve all within policy', approvalActionIds.approveBatch, shownAt, 'primary'),
        button('Go through them', approvalActionIds.listBatch, shownAt),
      ],
    });
  }
  return { text, blocks };
}

export async function postSlackCard(client: webApi.WebClient, channel: string, text: string, buttons: CardButtons) {
  const sent = await client.chat.postMessage({ channel, ...cardMessage(text, buttons) });
  return String(sent.ts);
}

/** Updates a card in place; false when it is gone, so the caller posts a new one. */
export async function editSlackCard(
  client: webApi.WebClient,
  channel: string,
  ts: string,
  text: string,
  buttons: CardButtons,
): Promise<boolean> {
  try {
    await client.chat.update({ channel, ts, ...cardMessage(text, buttons) });
    return true;
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error === 'message_not_found') return false;
    throw error;
  }
}

/** The modal that asks why a receipt is rejected; the card to update travels in its metadata. */
export function rejectModal(label: string, metadata: string): types.View {
  return {
    type: 'modal',
    callback_id: rejectViewId,
    private_metadata: metadata,
    title: { type: 'plain_text', text: 'Reject receipt' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: label } },
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text', text: 'Why? Its sender reads this.' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 500 },
      },
    ],
  };
}
