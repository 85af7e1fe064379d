// The receipt reader from the config: OCR pools and the extractor (LLM or offline) behind it.
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createExtractor, extractionContext } from '../pipeline/extract/index.ts';
import { createOcrPool } from '../pipeline/ocr.ts';
import { createReceiptReader } from '../pipeline/reader.ts';
import type { Teardown } from './teardown.ts';

/** OCR pools and the extractor behind one receipt reader, `concurrency` receipts at a time. */
export function startReader(config: Config, logger: Logger, teardown: Teardown, concurrency = config.ocrPoolSize) {
  const timeoutMs = config.jobs.timeoutSeconds * 1000;
  const languages = config.ocrLanguages;
  const ocr = createOcrPool({ size: concurrency, logger, timeoutMs, languages });
  // Workers start on first use: only receipts whose first reading is doubtful need them.
  const secondOcr = createOcrPool({ size: concurrency, logger, timeoutMs, engine: 'combined', languages });
  teardown.add('ocr', () => Promise.all([ocr.close(), secondOcr.close()]).then(() => {}));
  const extractor = createExtractor(config, logger);
  const reader = createReceiptReader({
    ocr,
    secondOcr,
    extractor,
    limits: config.limits,
    context: () => extractionContext(config),
    sendImage: config.llm?.sendImage,
  });
  return { reader, extractor };
}
