// A question from a chat to the query agent, with the same answer on every platform when there is
// no agent or it fails.
import { toAppError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { QueryAgent, QueryAnswer, Question } from '../../query/agent.ts';

export async function askAgent(
  agent: QueryAgent | undefined,
  question: Question,
  logger: Logger,
): Promise<QueryAnswer> {
  if (!agent) return { text: 'Questions are not switched on here yet.' };
  try {
    return await agent.answer(question);
  } catch (error) {
    logger.error({ err: error }, 'query agent failed');
    return { text: `Sorry, I could not answer that: ${toAppError(error).userMessage}` };
  }
}
