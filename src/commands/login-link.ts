// `ticket-tracker login-link`: a one-time sign-in link to the web page, for setups without a bot.
import { defaultAdmin, ensureAdmin } from '../access/people.ts';
import { createLoginLink } from '../access/web-sessions.ts';
import { type Config, publicUrl } from '../config.ts';
import type { Logger } from '../logger.ts';
import { openStore } from '../wiring/store.ts';
import { withTeardown } from '../wiring/teardown.ts';
import { namedUser } from './named-user.ts';

/** For `--user`, or with `--admin` alone for the only admin (on first run: "Admin", made the first admin). */
export function runLoginLink(
  config: Config,
  logger: Logger,
  options: { user?: string; admin: boolean },
): Promise<string> {
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    const owner = options.user
      ? await namedUser(prisma, options.user, options.admin)
      : await ensureAdmin(prisma, await defaultAdmin(prisma));
    return `${publicUrl(config)}/login/${await createLoginLink(prisma, owner.id)}`;
  });
}
