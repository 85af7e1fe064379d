// What every Slack listener needs, and the sender as our pipeline knows them.
import type { webApi } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { Sender } from '../../receipts/users.ts';
import type { ChatDependencies } from '../chat/dependencies.ts';

export type SlackConfig = NonNullable<Config['slack']>;

export interface SlackDependencies extends ChatDependencies {
  slack: SlackConfig;
}

/** The Slack user as a sender, with their display name when Slack tells it. */
export async function slackSender(client: webApi.WebClient, userId: string, slack: SlackConfig): Promise<Sender> {
  let displayName: string | undefined;
  try {
    const info = await client.users.info({ user: userId });
    displayName = info.user?.profile?.display_name || info.user?.real_name || info.user?.name || undefined;
  } catch {
    // users:read missing or Slack busy: the id stands in for the name.
  }
  return { platform: 'slack', platformUserId: userId, displayName, admin: slack.adminUserIds.includes(userId) };
}
