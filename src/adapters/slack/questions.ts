// Text in a DM goes to the query agent (about everyone's receipts from an admin, the sender's own
// otherwise); in an admin channel only what is addressed to the app (src/adapters/chat/addressed.ts),
// answered in the thread, and only for admins. Other chatter is not for us.
import type { App } from '@slack/bolt';
import { findOrCreateUser } from '../../receipts/users.ts';
import { isAddressedToBot, onlyAdminsAsk } from '../chat/addressed.ts';
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
  parent_user_id?: string;
}

export function registerQuestions(app: App, deps: SlackDependencies): void {
  const { slack, agent, logger } = deps;
  const handled = createHandledEvents(deps.prisma, 'slack');

  app.event('message', async ({ event, client, context }) => {
    const message = event as unknown as TextMessage;
    if (message.subtype || message.bot_id || !message.user || !message.text?.trim()) return;
    const adminChannel = slack.adminChannelIds.includes(message.channel);
    const direct = message.channel_type === 'im';
    if (!adminChannel && !direct) return;
    const mention = context.botUserId ? `<@${context.botUserId}>` : undefined;
    const addressed = isAddressedToBot({
      text: message.text,
      direct,
      mentionsBot: mention !== undefined && message.text.includes(mention),
      repliesToBot: message.parent_user_id !== undefined && message.parent_user_id === context.botUserId,
      askCommand: false,
    });
    if (!addressed) return;
    const key = `${message.channel}:${message.ts}`;
    if (await handled.seen(key)) return;
    const thread_ts = message.thread_ts ?? message.ts;
    const user = await findOrCreateUser(deps.prisma, await slackSender(client, message.user, slack));
    if (adminChannel && !direct && user.role !== 'admin') {
      // Only the asker sees it; their own figures are not for the channel to read.
      await client.chat.postEphemeral({ channel: message.channel, user: message.user, thread_ts, text: onlyAdminsAsk });
      await handled.mark(key);
      return;
    }
    const scope = adminChannel || user.role === 'admin' ? 'everyone' : 'own';
    const question = mention ? message.text.replaceAll(mention, '').trim() : message.text;
    const { text, chart } = await askAgent(agent, { text: question, asker: user, scope }, logger);
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
