// `ticket-tracker token create`: a new API token for a user; only its hash is stored.
import { createApiToken } from '../access/api-tokens.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { openStore } from '../wiring/store.ts';
import { withTeardown } from '../wiring/teardown.ts';
import { namedUser } from './named-user.ts';

export function runTokenCreate(
  config: Config,
  logger: Logger,
  options: { user: string; admin: boolean; name?: string },
): Promise<string> {
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    const owner = await namedUser(prisma, options.user, options.admin);
    logger.info({ userId: owner.id, role: owner.role }, 'API token created');
    return createApiToken(prisma, owner.id, options.name);
  });
}
