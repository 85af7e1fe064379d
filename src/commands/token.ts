// `ticket-tracker token create|list|revoke`: API tokens; only their hashes are stored.
import { createApiToken, listApiTokens, revokeApiToken, type TokenRow, tokenExpiry } from '../access/api-tokens.ts';
import { requireUser } from '../access/people.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { openStore } from '../wiring/store.ts';
import { withTeardown } from '../wiring/teardown.ts';
import { namedUser } from './named-user.ts';

export function runTokenCreate(
  config: Config,
  logger: Logger,
  options: { user: string; admin: boolean; name?: string; expires?: string },
): Promise<string> {
  // A bad lifetime is refused before the database is opened.
  const expiresAt = options.expires ? tokenExpiry(options.expires) : undefined;
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    const owner = await namedUser(prisma, options.user, options.admin);
    logger.info({ userId: owner.id, role: owner.role, expiresAt }, 'API token created');
    return createApiToken(prisma, owner.id, options.name, expiresAt);
  });
}

export function runTokenList(config: Config, logger: Logger, options: { user?: string }): Promise<TokenRow[]> {
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    const user = options.user ? await requireUser(prisma, options.user) : undefined;
    return listApiTokens(prisma, { userId: user?.id });
  });
}

export function runTokenRevoke(config: Config, logger: Logger, options: { id: string }): Promise<TokenRow> {
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    const revoked = await revokeApiToken(prisma, options.id);
    logger.info({ tokenId: revoked.id, userId: revoked.userId }, 'API token revoked');
    return revoked;
  });
}
