// The Telegram bot: long polling through @grammyjs/runner (updates of different chats in parallel,
// one chat in order) or a webhook on the service's own port. Rate limits are waited out.
import { autoRetry } from '@grammyjs/auto-retry';
import { type RunnerHandle, run, sequentialize } from '@grammyjs/runner';
import { Api, Bot, type Context, webhookCallback } from 'grammy';
import type { HttpApp } from '../http/server.ts';
import { approvalButtons } from './approval-buttons.ts';
import { commands, telegramCommands } from './commands.ts';
import type { TelegramConfig, TelegramDependencies } from './context.ts';
import { editedCaptions } from './edited-captions.ts';
import { receiptButtons } from './receipt-buttons.ts';
import { receiptPhotos } from './receipt-photos.ts';
import { textMessages } from './text-messages.ts';
import { unmodifiedEditsSucceed } from './unmodified-edits.ts';

export const webhookPath = '/telegram/webhook';
const allowedUpdates = ['message', 'edited_message', 'callback_query'] as const;

function retrying<T extends { config: Api['config'] }>(api: T): T {
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }), unmodifiedEditsSucceed);
  return api;
}

/** A Bot API client alone, for workers that only edit status messages. */
export function createTelegramApi(telegram: TelegramConfig): Api {
  return retrying(new Api(telegram.token, { apiRoot: telegram.apiRoot }));
}

export function createTelegramBot(deps: TelegramDependencies): Bot {
  const bot = new Bot(deps.telegram.token, { client: { apiRoot: deps.telegram.apiRoot } });
  retrying(bot.api);
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  bot.use(async (ctx, next) => {
    const started = Date.now();
    await next();
    deps.logger.debug({ updateId: ctx.update.update_id, ms: Date.now() - started }, 'telegram update handled');
  });
  bot.use(
    commands(deps),
    receiptPhotos(deps),
    editedCaptions(deps),
    receiptButtons(deps),
    approvalButtons(deps),
    textMessages(deps),
  );
  bot.catch(({ error, ctx }) =>
    deps.logger.error({ err: error, updateId: ctx.update.update_id }, 'telegram update failed'),
  );
  return bot;
}

export interface RunningBot {
  stop(): Promise<void>;
}

/** Webhook mode: the route Telegram posts updates to, checked against the secret token. */
export function mountTelegramWebhook(routes: HttpApp, bot: Bot, telegram: TelegramConfig): void {
  if (!telegram.webhook) return;
  const handle = webhookCallback(bot, 'hono', { secretToken: telegram.webhook.secret });
  routes.post(webhookPath, (c) => handle(c));
}

/** Starts receiving updates: registers the webhook (route mounted already) or starts polling. */
export async function startTelegramBot(bot: Bot, telegram: TelegramConfig): Promise<RunningBot> {
  await bot.init();
  await bot.api.setMyCommands(telegramCommands).catch(() => {});
  if (telegram.webhook) {
    await bot.api.setWebhook(telegram.webhook.url, {
      secret_token: telegram.webhook.secret,
      allowed_updates: [...allowedUpdates],
    });
    return { stop: async () => {} };
  }
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...allowedUpdates] } } });
  return { stop: () => (runner.isRunning() ? runner.stop() : Promise.resolve()) };
}
