// `ticket-tracker ask`: one question to the query agent, on the database alone (no OCR, queue, bots or HTTP).
import { userInfo } from 'node:os';
import { requireUser } from '../access/people.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { QueryAnswer } from '../query/agent.ts';
import { findOrCreateUser } from '../receipts/users.ts';
import { createAgent } from '../wiring/agent.ts';
import { openStore } from '../wiring/store.ts';
import { withTeardown } from '../wiring/teardown.ts';

export interface AskOptions {
  question: string;
  /** A user id, display name or platform user id (one person: an ambiguous name is refused); default: the OS user, as an admin of the command line. */
  as?: string;
  today?: Date;
}

/** Answers as `as` (their own receipts unless an admin), or as the operator at the command line. */
export function runAsk(config: Config, logger: Logger, options: AskOptions): Promise<QueryAnswer> {
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    // The operator at the command line may ask about everyone, as the shell that reaches the database
    // could anyway; their row is not made an admin, so running `ask` never promotes anyone silently
    // (nor ends the first run, while nobody is an admin of the service yet).
    const asker = options.as
      ? await requireUser(prisma, options.as)
      : {
          ...(await findOrCreateUser(prisma, { platform: 'cli', platformUserId: userInfo().username })),
          role: 'admin' as const,
        };
    const agent = await createAgent(config, prisma, logger);
    return agent.answer({
      text: options.question,
      asker,
      scope: asker.role === 'admin' ? 'everyone' : 'own',
      today: options.today,
    });
  });
}
