// The query agent from the config: which planner answers, and the exchange rates if any.
import type { Config } from '../config.ts';
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { loadFxRates } from '../query/fx.ts';
import { createOfflinePlanner } from '../query/offline-planner.ts';
import { createQueryAgent } from '../query/query-agent.ts';

/** The query agent: the LLM planner when one is set up (falling back to the offline one), FX rates if given. */
export async function createAgent(
  config: Config,
  prisma: PrismaClient,
  logger: Logger,
  options: { charts?: boolean } = {},
) {
  const offline = createOfflinePlanner();
  // The model's client (openai) is loaded only when a model plans.
  const planner =
    config.llm && config.queryPlanner !== 'offline'
      ? (await import('../query/llm-planner.ts')).createLlmPlanner({ llm: config.llm, fallback: offline, logger })
      : offline;
  const fx = config.fx ? await loadFxRates(config.fx.file, config.fx.reportCurrency) : undefined;
  return createQueryAgent({
    prisma,
    categories: config.categories,
    categoryWords: config.categoryWords,
    fiscalYearStart: config.fiscalYearStart,
    planner,
    charts: options.charts,
    fx,
    logger,
  });
}
