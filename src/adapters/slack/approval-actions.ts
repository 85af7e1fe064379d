// The buttons of approval cards in Slack (Approve, Reject with a modal for the reason, Approve all
// within policy, Go through them). Only admins' presses count, in any channel; anyone else is told so
// privately and nothing changes.
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { toAppError } from '../../errors.ts';
import type { User } from '../../generated/prisma/client.ts';
import { describePolicy, noPolicy } from '../../receipts/policy.ts';
import { adminPresser } from '../chat/approval-presser.ts';
import { bulkApprovedText, decidedCardText, policyText, receiptLabel } from '../chat/approval-text.ts';
import { approvalActionIds, cardMessage, rejectModal, rejectViewId } from './approval-cards.ts';
import { type SlackDependencies, slackSender } from './context.ts';

export function registerApprovalActions(app: App, deps: SlackDependencies): void {
  const { slack, prisma, approvals, cards, logger } = deps;

  app.command('/digest', async ({ ack, command, client }) => {
    try {
      await presser(client, command.user_id);
    } catch {
      await ack({ response_type: 'ephemeral', text: 'Only an admin can ask for the digest.' });
      return;
    }
    await ack({ response_type: 'ephemeral', text: 'Posting the digest here…' });
    await deps.digest.post({ only: { platform: 'slack', chatId: command.channel_id } });
  });

  app.command('/policy', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: policyText(describePolicy(approvals.policy ?? noPolicy)) });
  });

  const withPerson = (id: string) =>
    prisma.receipt.findUniqueOrThrow({
      where: { id },
      include: { items: true, user: { select: { displayName: true } } },
    });

  async function presser(client: webApi.WebClient, slackUserId: string): Promise<User> {
    return adminPresser(prisma, await slackSender(client, slackUserId, slack));
  }

  function onButton(
    actionId: string,
    run: (value: string, admin: User, body: BlockAction, client: webApi.WebClient) => Promise<void>,
  ) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const channel = body.channel?.id;
      try {
        await run(action.value ?? '', await presser(client, body.user.id), body, client);
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === 'internal') logger.error({ err: error, actionId }, 'slack approval button failed');
        if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text: appError.userMessage });
      }
    });
  }

  onButton(approvalActionIds.approve, async (receiptId, admin, body, client) => {
    await approvals.approve(receiptId, admin);
    const channel = body.channel?.id;
    if (channel && body.message?.ts) {
      const text = decidedCardText(await withPerson(receiptId), admin.displayName);
      await client.chat.update({ channel, ts: body.message.ts, ...cardMessage(text, { kind: 'none' }) });
    }
  });

  onButton(approvalActionIds.reject, async (receiptId, _admin, body, client) => {
    const receipt = await withPerson(receiptId);
    const metadata = JSON.stringify({ receiptId, channel: body.channel?.id, ts: body.message?.ts });
    await client.views.open({ trigger_id: body.trigger_id, view: rejectModal(receiptLabel(receipt), metadata) });
  });

  onButton(approvalActionIds.approveBatch, async (shownAt, admin, body, client) => {
    const outcome = await approvals.approveBatch(admin, { upTo: cards.threshold, shownAt: new Date(Number(shownAt)) });
    const channel = body.channel?.id;
    if (channel) {
      await client.chat.postMessage({
        channel,
        text: bulkApprovedText(outcome.approved.length, outcome.skipped.length, admin.displayName),
      });
    }
  });

  onButton(approvalActionIds.listBatch, async (_shownAt, _admin, body) => {
    const channel = body.channel?.id;
    if (channel) await cards.postEach({ platform: 'slack', chatId: channel });
  });

  app.view(rejectViewId, async ({ ack, view, body, client }) => {
    const { receiptId, channel, ts } = JSON.parse(view.private_metadata) as {
      receiptId: string;
      channel?: string;
      ts?: string;
    };
    const reason = (view.state.values.reason?.value?.value ?? '').trim();
    if (!reason) {
      await ack({ response_action: 'errors', errors: { reason: 'Say why, so its sender can fix it.' } });
      return;
    }
    let admin: User;
    try {
      admin = await presser(client, body.user.id);
    } catch (error) {
      await ack({ response_action: 'errors', errors: { reason: toAppError(error).userMessage } });
      return;
    }
    await ack();
    try {
      await approvals.reject(receiptId, admin, reason);
      if (channel && ts) {
        const text = decidedCardText(await withPerson(receiptId), admin.displayName);
        await client.chat.update({ channel, ts, ...cardMessage(text, { kind: 'none' }) });
      }
    } catch (error) {
      logger.warn({ err: error, receiptId }, 'slack rejection failed');
      if (channel)
        await client.chat.postEphemeral({ channel, user: body.user.id, text: toAppError(error).userMessage });
    }
  });
}
