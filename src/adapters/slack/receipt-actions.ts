// The buttons under a receipt (Confirm, Edit, Delete with a second tap) and the Edit modal.

import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { toAppError } from '../../errors.ts';
import { isoDay } from '../../iso-date.ts';
import type { ReceiptWithItems } from '../../receipts/review.ts';
import { findOrCreateUser } from '../../receipts/users.ts';
import { checkCorrection } from '../chat/corrections.ts';
import { actionIds, confirmDeleteMessage, editableFields, editModal, editViewId, receiptMessage } from './blocks.ts';
import { type SlackDependencies, slackSender } from './context.ts';
import { showSlackReceipt } from './show-receipt.ts';

type FormValue = { value?: string | null; selected_date?: string | null; selected_option?: { value: string } | null };

export function registerReceiptActions(app: App, deps: SlackDependencies): void {
  const { slack, review, prisma, logger } = deps;

  async function userIdOf(client: webApi.WebClient, slackUserId: string) {
    return (await findOrCreateUser(prisma, await slackSender(client, slackUserId, slack))).id;
  }

  /** Runs a button's action on the presser's receipt and puts the result in the message. */
  function onButton(
    actionId: string,
    run: (
      receiptId: string,
      userId: string,
      body: BlockAction,
      client: webApi.WebClient,
    ) => Promise<{ text: string; blocks: ReturnType<typeof receiptMessage>['blocks'] } | undefined>,
  ) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const channel = body.channel?.id;
      try {
        const shown = await run(action.value ?? '', await userIdOf(client, body.user.id), body, client);
        if (shown && channel && body.message?.ts) await client.chat.update({ channel, ts: body.message.ts, ...shown });
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === 'internal') logger.error({ err: error, actionId }, 'slack button failed');
        if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text: appError.userMessage });
      }
    });
  }

  onButton(actionIds.confirm, async (receiptId, userId) => receiptMessage(await review.confirm(receiptId, userId)));
  onButton(actionIds.askDelete, async (receiptId, userId) =>
    confirmDeleteMessage(await review.owned(receiptId, userId)),
  );
  onButton(actionIds.keep, async (receiptId, userId) => receiptMessage(await review.owned(receiptId, userId)));
  onButton(actionIds.delete, async (receiptId, userId) => receiptMessage(await review.remove(receiptId, userId)));
  onButton(actionIds.edit, async (receiptId, userId, body, client) => {
    const receipt = await review.owned(receiptId, userId);
    await client.views.open({ trigger_id: body.trigger_id, view: editModal(receipt, deps.categories, receiptId) });
    return undefined;
  });

  app.view(editViewId, async ({ ack, view, body, client }) => {
    const receiptId = view.private_metadata;
    const userId = await userIdOf(client, body.user.id);
    let receipt: ReceiptWithItems;
    try {
      receipt = await review.owned(receiptId, userId);
    } catch (error) {
      await ack({ response_action: 'errors', errors: { merchant: toAppError(error).userMessage } });
      return;
    }
    const rules = {
      categories: deps.categories,
      dateOrder: deps.dateOrder,
      today: new Date(),
      maxReceiptTotal: deps.maxReceiptTotal,
    };
    const current: Record<string, string | null> = {
      merchant: receipt.merchant,
      date: receipt.purchaseDate ? isoDay(receipt.purchaseDate) : null,
      total: receipt.total?.toFixed(2) ?? null,
      currency: receipt.currency,
      category: receipt.category,
    };
    const errors: Record<string, string> = {};
    const corrections = [];
    for (const field of editableFields) {
      const input = view.state.values[field]?.value as FormValue | undefined;
      const value = (input?.selected_option?.value ?? input?.selected_date ?? input?.value ?? '').trim();
      if (value === '' || value === current[field]) continue;
      const checked = checkCorrection(field, value, rules);
      if (checked.ok) corrections.push(checked.correction);
      else errors[field] = checked.problem;
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    let updated = receipt;
    try {
      // Checked together (tax ≤ total) before the modal closes, so a refusal shows on the form.
      if (corrections.length > 0) updated = await review.correct(receiptId, userId, corrections);
    } catch (error) {
      const field = corrections.some((correction) => correction.field === 'total') ? 'total' : 'merchant';
      await ack({ response_action: 'errors', errors: { [field]: toAppError(error).userMessage } });
      return;
    }
    await ack();
    try {
      await showSlackReceipt(client, updated);
    } catch (error) {
      logger.error({ err: error, receiptId }, 'slack edit failed');
    }
  });
}
