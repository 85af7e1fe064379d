// What every Slack listener needs, and the sender as our pipeline knows them.
import type { webApi } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { PrismaClient } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import type { Receipts } from '../../pipeline/receipts.ts';
import type { Review } from '../../pipeline/review.ts';
import type { Sender } from '../../pipeline/users.ts';
import type { QueryAgent } from '../../query/agent.ts';

export type SlackConfig = NonNullable<Config['slack']>;

export interface SlackDependencies {
  slack: SlackConfig;
  categories: readonly string[];
  dateOrder: Config['dateOrder'];
  maxUploadBytes: number;
  prisma: PrismaClient;
  receipts: Pick<Receipts, 'submit' | 'findBySource'>;
  review: Review;
  agent?: QueryAgent;
  logger: Logger;
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
