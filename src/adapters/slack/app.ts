// The Slack app (Bolt): Socket Mode with an app token, or HTTP events at /slack/events on the
// service's own port, signature-checked by Bolt. Events are acknowledged at once; reading happens
// in the job queue, so Slack's 3-second rule holds.
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel, webApi } from '@slack/bolt';
import type { Logger } from '../../logger.ts';
import { findOrCreateUser } from '../../receipts/users.ts';
import { myReceiptsText, recentDays } from '../chat/summary.ts';
import { webLinkText } from '../chat/web-link.ts';
import type { HttpApp } from '../http/server.ts';
import { registerApprovalActions } from './approval-actions.ts';
import type { SlackConfig, SlackDependencies } from './context.ts';
import { slackSender } from './context.ts';
import { registerFileShares } from './file-shares.ts';
import { registerQuestions } from './questions.ts';
import { registerReceiptActions } from './receipt-actions.ts';

export const eventsPath = '/slack/events';

/** Bolt's log lines into our pino logger. */
function boltLogger(logger: Logger): BoltLogger {
  const line = (...parts: unknown[]) =>
    parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    debug: (...parts) => logger.debug(line(...parts)),
    info: (...parts) => logger.debug(line(...parts)),
    warn: (...parts) => logger.warn(line(...parts)),
    error: (...parts) => logger.error(line(...parts)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

function clientOptions(slack: SlackConfig) {
  return slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {};
}

/** A Web API client alone, for workers that only update receipt messages. */
export function createSlackClient(slack: SlackConfig): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, clientOptions(slack));
}

export interface SlackApp {
  app: App;
  /** HTTP mode only: the receiver whose listener serves /slack/events. */
  receiver?: HTTPReceiver;
}

export function createSlackApp(deps: SlackDependencies): SlackApp {
  const { slack } = deps;
  const logger = boltLogger(deps.logger);
  let app: App;
  let receiver: HTTPReceiver | undefined;
  if (slack.mode.kind === 'socket') {
    app = new App({
      token: slack.botToken,
      appToken: slack.mode.appToken,
      socketMode: true,
      logger,
      clientOptions: clientOptions(slack),
    });
  } else {
    receiver = new HTTPReceiver({ signingSecret: slack.mode.signingSecret, endpoints: eventsPath, logger });
    app = new App({ token: slack.botToken, receiver, logger, clientOptions: clientOptions(slack) });
  }
  registerFileShares(app, deps);
  registerQuestions(app, deps);
  registerReceiptActions(app, deps);
  registerApprovalActions(app, deps);
  app.command('/receipts', async ({ ack, command, client }) => {
    const user = await findOrCreateUser(deps.prisma, await slackSender(client, command.user_id, slack));
    const today = new Date();
    const since = new Date(today.getTime() - recentDays * 24 * 3600 * 1000);
    const [recent, month] = await Promise.all([
      deps.review.sentSince(user.id, since),
      deps.review.month(user.id, today),
    ]);
    await ack({ response_type: 'ephemeral', text: myReceiptsText({ recent, month }, today) });
  });
  app.command('/web', async ({ ack, command, client }) => {
    const user = await findOrCreateUser(deps.prisma, await slackSender(client, command.user_id, slack));
    // Ephemeral: only the sender sees the link, wherever the command was typed.
    await ack({ response_type: 'ephemeral', text: await webLinkText(deps, user.id) });
  });
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack event failed');
  });
  return { app, receiver };
}

/** HTTP mode: Bolt's receiver answers /slack/events (signature check, retries, ack) on our server. */
export function mountSlackEvents(routes: HttpApp, slackApp: SlackApp): void {
  const { receiver } = slackApp;
  if (!receiver) return;
  routes.post(eventsPath, (c) => {
    receiver.requestListener(c.env.incoming, c.env.outgoing);
    return RESPONSE_ALREADY_SENT;
  });
}

export async function startSlackApp(slackApp: SlackApp): Promise<{ stop(): Promise<void> }> {
  if (slackApp.receiver) return { stop: async () => {} };
  await slackApp.app.start();
  return { stop: () => slackApp.app.stop().then(() => {}) };
}
