// The buttons of approval cards (Approve, Reject, Approve all within policy, Go through them) and the
// reason typed as a reply to a rejection prompt. Only admins' presses count, in any chat.
import { Composer, type Context } from 'grammy';
import { toAppError } from '../../errors.ts';
import { describePolicy, noPolicy } from '../../receipts/policy.ts';
import { adminPresser } from '../chat/approval-presser.ts';
import {
  bulkApprovedText,
  decidedCardText,
  policyText,
  receiptLabel,
  rejectPrompt,
  rejectPromptRef,
} from '../chat/approval-text.ts';
import { approvalActions } from './approval-cards.ts';
import { senderOf, type TelegramDependencies } from './context.ts';

const uuid = '[0-9a-f-]{36}';

export function approvalButtons(deps: TelegramDependencies): Composer<Context> {
  const { telegram, prisma, approvals, cards, logger } = deps;
  const composer = new Composer<Context>();

  /** Checks the presser, runs the action; any refusal is shown on the button and changes nothing. */
  async function onPress(
    ctx: Context,
    run: (admin: Awaited<ReturnType<typeof adminPresser>>) => Promise<string | undefined>,
  ) {
    const sender = senderOf(ctx, telegram);
    if (!sender) return;
    try {
      const admin = await adminPresser(prisma, sender);
      const notice = await run(admin);
      await ctx.answerCallbackQuery(notice ? { text: notice } : undefined);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'internal') logger.error({ err: error }, 'telegram approval button failed');
      await ctx.answerCallbackQuery({ text: appError.userMessage, show_alert: true });
    }
  }

  // The digest on demand, in the chat where an admin asks (an admin chat, or an admin's private chat).
  composer.command('digest', async (ctx) => {
    const sender = senderOf(ctx, telegram);
    if (!sender || !ctx.chat) return;
    try {
      await adminPresser(prisma, sender);
    } catch {
      await ctx.reply('Only an admin can ask for the digest.');
      return;
    }
    await deps.digest.post({ only: { platform: 'telegram', chatId: String(ctx.chat.id) } });
  });

  composer.command('policy', (ctx) => ctx.reply(policyText(describePolicy(approvals.policy ?? noPolicy))));

  const withPerson = (id: string) =>
    prisma.receipt.findUniqueOrThrow({
      where: { id },
      include: { items: true, user: { select: { displayName: true } } },
    });

  composer.callbackQuery(new RegExp(`^${approvalActions.approve}:(${uuid})$`), (ctx) =>
    onPress(ctx, async (admin) => {
      await approvals.approve(ctx.match[1]!, admin);
      await ctx.editMessageText(decidedCardText(await withPerson(ctx.match[1]!), admin.displayName));
      return 'Approved.';
    }),
  );

  composer.callbackQuery(new RegExp(`^${approvalActions.reject}:(${uuid})$`), (ctx) =>
    onPress(ctx, async () => {
      const receipt = await withPerson(ctx.match[1]!);
      await ctx.reply(rejectPrompt(receiptLabel(receipt), receipt.id), {
        reply_markup: { force_reply: true, selective: true },
        reply_parameters: { message_id: ctx.msgId!, allow_sending_without_reply: true },
      });
    }),
  );

  composer.callbackQuery(new RegExp(`^${approvalActions.approveBatch}:(\\d+)$`), (ctx) =>
    onPress(ctx, async (admin) => {
      const outcome = await approvals.approveBatch(admin, {
        upTo: cards.threshold,
        shownAt: new Date(Number(ctx.match[1])),
      });
      await ctx.reply(bulkApprovedText(outcome.approved.length, outcome.skipped.length, admin.displayName));
    }),
  );

  composer.callbackQuery(new RegExp(`^${approvalActions.listBatch}:(\\d+)$`), (ctx) =>
    onPress(ctx, async () => {
      const count = await cards.postEach({ platform: 'telegram', chatId: String(ctx.chat!.id) });
      return count ? undefined : 'Nothing left to approve.';
    }),
  );

  // The reason, typed as a reply to "Why reject …? (ref <id>)": the receipt is rejected with it.
  composer.on('message:text', async (ctx, next) => {
    const prompt = ctx.msg.reply_to_message;
    const ref = prompt?.from?.id === ctx.me.id ? rejectPromptRef.exec(prompt.text ?? '') : null;
    if (!ref) return next();
    const sender = senderOf(ctx, telegram);
    if (!sender) return;
    try {
      const admin = await adminPresser(prisma, sender);
      await approvals.reject(ref[1]!, admin, ctx.msg.text);
      await ctx.reply(decidedCardText(await withPerson(ref[1]!), admin.displayName));
    } catch (error) {
      await ctx.reply(toAppError(error).userMessage);
    }
  });

  return composer;
}
