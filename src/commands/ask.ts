// `ticket-tracker ask`: one question to the query agent, on the database alone (no OCR, queue, bots or HTTP).
import { userInfo } from 'node:os';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { QueryAnswer } from '../query/agent.ts';
import { findOrCreateUser } from '../receipts/users.ts';
import { createAgent } from '../wiring/agent.ts';
import { openStore } from '../wiring/store.ts';
import { withTeardown } from '../wiring/teardown.ts';

export interface AskOptions {
  question: string;
  /** A display name or platform user id; default: the OS user, as an admin of the command line. */
  as?: string;
  today?: Date;
}

/** Answers as `as` (their own receipts unless an admin), or as the operator at the command line. */
export function runAsk(config: Config, logger: Logger, options: AskOptions): Promise<QueryAnswer> {
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    const asker = options.as
      ? await prisma.user.findFirst({
          where: {
            OR: [{ displayName: { equals: options.as, mode: 'insensitive' } }, { platformUserId: options.as }],
          },
          orderBy: { createdAt: 'asc' },
        })
      : await findOrCreateUser(prisma, { platform: 'cli', platformUserId: userInfo().username, admin: true });
    if (!asker) throw new AppError('not_found', `no user called "${options.as}"`);
    // A command prints text or JSON: no chart is drawn, so the renderer is never loaded.
    const agent = await createAgent(config, prisma, logger, { charts: false });
    return agent.answer({
      text: options.question,
      asker,
      scope: asker.role === 'admin' ? 'everyone' : 'own',
      today: options.today,
    });
  });
}
