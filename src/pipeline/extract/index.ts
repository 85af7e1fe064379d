import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { createLlmExtractor } from './llm.ts';
import { createOfflineExtractor } from './offline/index.ts';
import type { ExtractionContext, Extractor } from './schema.ts';

/** The configured engine: the LLM (falling back to offline) when it has a key, else offline. */
export function createExtractor(config: Pick<Config, 'extractor' | 'llm'>, logger: Logger): Extractor {
  const offline = createOfflineExtractor();
  if (config.extractor === 'offline' || !config.llm) return offline;
  return createLlmExtractor({ llm: config.llm, fallback: offline, logger });
}

export function extractionContext(
  config: Pick<Config, 'categories' | 'dateOrder' | 'defaultCurrency'> & Partial<Pick<Config, 'maxReceiptTotal'>>,
  today = new Date(),
): ExtractionContext {
  return {
    categories: config.categories,
    dateOrder: config.dateOrder,
    defaultCurrency: config.defaultCurrency,
    maxReceiptTotal: config.maxReceiptTotal,
    today,
  };
}
