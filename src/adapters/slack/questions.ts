// Text in an admin channel (or a DM from an admin) goes to the query agent about everyone's receipts,
// answered in the thread; an employee's DM is a question about their own. Other chatter is not for us.
import type { App } from '@slack/bolt';
import { findOrCreateUser } from '../../receipts/users.ts';
import { askAgent } from '../chat/ask-agent.ts';
import { createHandledEvents } from '../chat/handled-events.ts';
import { messageLimits, splitAnswer } from '../chat/long-answers.ts';
import { type SlackDependencies, slackSender } from './context.ts';

interface TextMessage {
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
}

export function registerQuestions(app: App, deps: SlackDependencies): void {
  const { slack, agent, logger } = deps;
  const handled = createHandledEvents(deps.prisma, 'slack');

  app.event('message', async ({ event, client }) => {
    const message = event as unknown as TextMessage;
    if (message.subtype || message.bot_id || !message.user || !message.text?.trim()) return;
    const adminChannel = slack.adminChannelIds.includes(message.channel);
    if (!adminChannel && message.channel_type !== 'im') return;
    const key = `${message.channel}:${message.ts}`;
    if (await handled.seen(key)) return;
    const thread_ts = message.thread_ts ?? message.ts;
    const user = await findOrCreateUser(deps.prisma, await slackSender(client, message.user, slack));
    const scope = adminChannel || user.role === 'admin' ? 'everyone' : 'own';
    const { text, chart } = await askAgent(agent, { text: message.text, asker: user, scope }, logger);
    for (const part of splitAnswer(text, messageLimits.slack)) {
      await client.chat.postMessage({ channel: message.channel, thread_ts, text: part });
    }
    if (chart) {
      await client.files.uploadV2({
        channel_id: message.channel,
        thread_ts,
        file: chart.png,
        filename: 'chart.png',
        title: chart.title,
      });
    }
    await handled.mark(key);
  });
}
