// The receipt reader from the config: OCR pools (OCR_ENGINE) and the extractor (LLM or offline) behind it.
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createExtractor, extractionContext } from '../pipeline/extract/index.ts';
import { createOcrPools } from '../pipeline/ocr-engines.ts';
import { createReceiptReader } from '../pipeline/reader.ts';
import type { Teardown } from './teardown.ts';

/** OCR pools and the extractor behind one receipt reader, `concurrency` receipts at a time. */
export function startReader(config: Config, logger: Logger, teardown: Teardown, concurrency = config.ocrPoolSize) {
  const pools = createOcrPools({
    engine: config.ocrEngine,
    size: concurrency,
    timeoutMs: config.jobs.timeoutSeconds * 1000,
    languages: config.ocrLanguages,
    logger,
  });
  teardown.add('ocr', () => pools.close());
  const extractor = createExtractor(config, logger);
  const reader = createReceiptReader({
    ocr: pools.ocr,
    secondOcr: pools.secondOcr,
    crossCheck: config.ocrEngine === 'both',
    extractor,
    limits: config.limits,
    context: () => extractionContext(config),
    sendImage: config.llm?.sendImage,
  });
  return { reader, extractor };
}
