// `ticket-tracker scan`: reads receipt files with OCR workers busy at once; with --no-store nothing
// touches a database, else each receipt is stored and read as the bots' would be (no job queue).
import { userInfo } from 'node:os';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ReceiptReader } from '../pipeline/reader.ts';
import { listScanFiles, type ScanLine, scanFiles, scanLine } from '../pipeline/scan.ts';
import { receiptView } from '../receipts/receipt-view.ts';
import { createReceiptProcessor, createReceipts } from '../receipts/receipts.ts';
import { createStorage } from '../storage/index.ts';
import { startReader } from '../wiring/reader.ts';
import { openStore } from '../wiring/store.ts';
import { type Teardown, withTeardown } from '../wiring/teardown.ts';

export interface ScanOptions {
  paths: string[];
  concurrency: number;
  /** Keep the receipts (as the OS user, platform cli); false needs no database. */
  store: boolean;
  emit: (line: ScanLine) => void;
}

type ScanOne = (file: string, bytes: Buffer) => Promise<Omit<ScanLine, 'ms'>>;

/** Reads the files named (and the images in the folders named), `concurrency` at a time. */
export function runScan(config: Config, logger: Logger, options: ScanOptions): Promise<ScanLine[]> {
  return withTeardown(logger, async (teardown) => {
    const files = await listScanFiles(options.paths);
    const { reader } = startReader(config, logger, teardown, options.concurrency);
    const scanOne = options.store ? await storingScan(config, logger, teardown, reader) : readOnlyScan(reader);
    return scanFiles(files, { concurrency: options.concurrency, scanOne, emit: options.emit });
  });
}

function readOnlyScan(reader: ReceiptReader): ScanOne {
  return async (file, bytes) => {
    const read = await reader.read(bytes);
    return scanLine(file, read.extraction.receipt, read.warnings.length ? 'needs_review' : 'confirmed', read.warnings);
  };
}

/** Each file submitted as the OS user's receipt and read right here, as a receipt job would read it. */
async function storingScan(config: Config, logger: Logger, teardown: Teardown, reader: ReceiptReader) {
  const { prisma } = await openStore(config, logger, teardown);
  const storage = createStorage(config.storage);
  // Submissions below ask for no job (enqueue: false): the reading happens here, so no queue starts.
  const queue = {
    sendProcessReceipt: async () => {
      throw new Error('scan reads its receipts itself and queues no job');
    },
  };
  const receipts = createReceipts({ prisma, storage, queue, limits: config.limits, logger });
  const processReceipt = createReceiptProcessor({ prisma, storage, reader, logger, categories: config.categories });
  const sender = { platform: 'cli' as const, platformUserId: userInfo().username };
  const scanOne: ScanOne = async (file, bytes) => {
    const submitted = await receipts.submit({ bytes, sender, enqueue: false });
    if (submitted.kind === 'queued') await processReceipt(submitted.receipt.id, { isLast: true });
    const stored = await prisma.receipt.findUniqueOrThrow({
      where: { id: submitted.receipt.id },
      include: { items: true },
    });
    if (stored.status === 'failed') throw new AppError('unreadable_image', stored.error ?? 'could not be read');
    const notes = submitted.kind === 'duplicate' ? ['duplicate of a receipt sent before'] : [];
    return scanLine(file, receiptView(stored), stored.status, [...notes, ...stored.reviewReasons]);
  };
  return scanOne;
}
