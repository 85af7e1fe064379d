// `ticket-tracker users list|set-role|sign-out`: who is there, who is an admin, and ending their sessions.
import { revokeApiTokens } from '../access/api-tokens.ts';
import { listPeople, type PersonRow, requireUser, setRole } from '../access/people.ts';
import { endAllSessions } from '../access/web-sessions.ts';
import type { Config } from '../config.ts';
import type { Role, User } from '../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import { openStore } from '../wiring/store.ts';
import { withTeardown } from '../wiring/teardown.ts';

export function runUsersList(config: Config, logger: Logger): Promise<PersonRow[]> {
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    return listPeople(prisma);
  });
}

export function runSetRole(config: Config, logger: Logger, options: { user: string; role: Role }): Promise<User> {
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    const user = await requireUser(prisma, options.user);
    const changed = await setRole(prisma, user.id, options.role);
    logger.info({ userId: changed.id, from: user.role, to: changed.role }, 'role changed');
    return changed;
  });
}

export function runSignOut(
  config: Config,
  logger: Logger,
  options: { user: string; tokens: boolean },
): Promise<{ user: User; sessions: number; tokens: number }> {
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    const user = await requireUser(prisma, options.user);
    const sessions = await endAllSessions(prisma, user.id);
    const tokens = options.tokens ? await revokeApiTokens(prisma, user.id) : 0;
    logger.info({ userId: user.id, sessions, tokens }, 'signed out everywhere');
    return { user, sessions, tokens };
  });
}
