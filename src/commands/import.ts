// `ticket-tracker import`: receipts from a CSV or JSONL file, checked before the database is opened.
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { type ImportResult, importReceipts, readImportFile } from '../receipts/import.ts';
import { openStore } from '../wiring/store.ts';
import { withTeardown } from '../wiring/teardown.ts';

/** All rows or (with skipBad) the good ones only; a file with a bad row and no skipBad opens nothing. */
export async function runImport(
  config: Config,
  logger: Logger,
  options: { file: string; text: string; skipBad: boolean },
): Promise<ImportResult> {
  const { rows, problems } = readImportFile(options.file, options.text, {
    categories: config.categories,
    dateOrder: config.dateOrder,
    today: new Date(),
    maxReceiptTotal: config.maxReceiptTotal,
  });
  if (problems.length > 0 && !options.skipBad) return { imported: 0, skipped: 0, problems, usersCreated: 0 };
  return withTeardown(logger, async (teardown) => {
    const { prisma } = await openStore(config, logger, teardown);
    const { imported, usersCreated } = await importReceipts(prisma, rows);
    return { imported, skipped: problems.length, problems, usersCreated };
  });
}
