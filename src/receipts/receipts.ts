// The receipt's life in the database: received (original stored first), then read by a job.
// Every adapter calls `submit`; workers call `process`.
import { createHash } from 'node:crypto';
import type { Config } from '../config.ts';
import { Prisma, type PrismaClient } from '../db/client.ts';
import { AppError, isAppError, toAppError } from '../errors.ts';
import type { Receipt } from '../generated/prisma/client.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Logger } from '../logger.ts';
import { checkUploadSize, inspectUpload } from '../pipeline/intake.ts';
import type { ReadReceipt, ReceiptReader } from '../pipeline/reader.ts';
import type { Storage } from '../storage/storage.ts';
import { keyForSha256 } from '../storage/storage.ts';
import { cleanNote, noteCategory } from './receipt-note.ts';
import { decimal, receiptColumns } from './receipt-view.ts';
import { findOrCreateUser, type Sender } from './users.ts';

export interface Submission {
  bytes: Buffer;
  sender: Sender;
  /** Where it came from, to answer there; also makes a redelivered message a no-op. */
  source?: { chatId?: string; messageId?: string; replyMessageId?: string };
  /** false: the caller reads it itself right away (`scan`), so no job is queued. */
  enqueue?: boolean;
  /** The sender's words with it (a caption): the receipt's note and a hint for its category. */
  note?: string | null;
}

export type SubmitOutcome =
  /** New receipt, stored and queued for reading. */
  | { kind: 'queued'; receipt: Receipt }
  /** The same person sent the same image before: that receipt. */
  | { kind: 'duplicate'; receipt: Receipt }
  /** This very message was received before (a platform retry): its receipt. */
  | { kind: 'redelivered'; receipt: Receipt };

export interface ReceiptsDependencies {
  prisma: PrismaClient;
  storage: Storage;
  queue: Pick<JobQueue, 'sendProcessReceipt'>;
  limits: Config['limits'];
  logger: Logger;
}

export function createReceipts({ prisma, storage, queue, limits, logger }: ReceiptsDependencies) {
  /** The receipt made from this platform message, if one was made already. */
  async function findBySource(platform: Sender['platform'], source: Submission['source']) {
    const { chatId, messageId } = source ?? {};
    if (!chatId || !messageId) return null;
    return prisma.receipt.findUnique({
      where: {
        sourcePlatform_sourceChatId_sourceMessageId: {
          sourcePlatform: platform,
          sourceChatId: chatId,
          sourceMessageId: messageId,
        },
      },
      include: { items: true },
    });
  }

  async function submit(submission: Submission): Promise<SubmitOutcome> {
    const { bytes, sender } = submission;
    checkUploadSize(bytes, limits);
    const redelivered = await findBySource(sender.platform, submission.source);
    if (redelivered) return { kind: 'redelivered', receipt: redelivered };

    // Refused here (type, size, pixels from the header): an AppError, and nothing stored, no receipt.
    const mime = await inspectUpload(bytes, limits);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const imageKey = keyForSha256(sha256);
    // The original first: whatever fails later, the photo is kept.
    await storage.put(imageKey, bytes, mime);
    const user = await findOrCreateUser(prisma, sender);

    const earlier = await prisma.receipt.findFirst({
      where: { userId: user.id, imageSha256: sha256, status: { not: 'deleted' } },
      orderBy: { createdAt: 'asc' },
    });
    if (earlier) return { kind: 'duplicate', receipt: earlier };

    let receipt: Receipt;
    try {
      receipt = await prisma.receipt.create({
        data: {
          userId: user.id,
          sourcePlatform: sender.platform,
          sourceChatId: submission.source?.chatId,
          sourceMessageId: submission.source?.messageId,
          replyMessageId: submission.source?.replyMessageId,
          imageKey,
          imageSha256: sha256,
          imageMime: mime,
          imageSize: bytes.length,
          note: cleanNote(submission.note),
          status: 'queued',
        },
      });
    } catch (error) {
      // Two deliveries of one message raced past the check above: the other one won.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const existing = await findBySource(sender.platform, submission.source);
        if (existing) return { kind: 'redelivered', receipt: existing };
      }
      throw error;
    }
    if (submission.enqueue !== false) await queue.sendProcessReceipt(receipt.id);
    logger.info({ receiptId: receipt.id, userId: user.id, mime, size: bytes.length }, 'receipt queued');
    return { kind: 'queued', receipt };
  }

  return { submit, findBySource };
}

export type Receipts = ReturnType<typeof createReceipts>;

export interface ProcessDependencies {
  prisma: PrismaClient;
  storage: Storage;
  reader: ReceiptReader;
  logger: Logger;
  /** The configured categories, for the hint in a receipt's note; unset: no hint. */
  categories?: readonly string[];
}

export interface ProcessAttempt {
  isLast: boolean;
}

/** What a finished job did, for whoever answers the sender. */
export type ProcessOutcome =
  | { kind: 'done'; receipt: Receipt; read?: ReadReceipt }
  | { kind: 'skipped'; reason: string };

/**
 * Reads one stored receipt and writes the result in one transaction, so a job that runs twice (a worker
 * killed after writing, before completing) writes the same receipt again, never a second one.
 * Bad images fail the receipt at once; anything else is thrown for the queue to retry, and on the
 * last attempt the receipt is marked failed too.
 */
export function createReceiptProcessor({ prisma, storage, reader, logger, categories = [] }: ProcessDependencies) {
  return async function processReceipt(receiptId: string, attempt: ProcessAttempt): Promise<ProcessOutcome> {
    const claimed = await prisma.receipt.updateMany({
      where: { id: receiptId, status: { in: ['queued', 'processing'] } },
      data: { status: 'processing', error: null },
    });
    if (claimed.count === 0) return { kind: 'skipped', reason: 'not waiting to be read' };
    const receipt = await prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } });
    const log = logger.child({ receiptId });
    const started = Date.now();
    let read: ReadReceipt;
    try {
      if (!receipt.imageKey) throw new AppError('unreadable_image', 'receipt has no image');
      read = await reader.read(await storage.get(receipt.imageKey));
    } catch (error) {
      const permanent =
        isAppError(error) &&
        ['unsupported_type', 'too_many_pixels', 'unreadable_image', 'too_large'].includes(error.code);
      if (permanent || attempt.isLast) {
        const appError = toAppError(error);
        log.warn({ err: error, code: appError.code }, 'receipt could not be read');
        const failed = await prisma.receipt.update({
          where: { id: receiptId },
          data: { status: 'failed', error: appError.userMessage, processedAt: new Date() },
        });
        return { kind: 'done', receipt: failed };
      }
      await prisma.receipt.update({ where: { id: receiptId }, data: { status: 'queued', error: String(error) } });
      throw error;
    }
    const saved = await saveReading(prisma, receiptId, read, categories);
    log.info({ ms: Date.now() - started, status: saved.status, extractor: read.extraction.extractor }, 'receipt read');
    return { kind: 'done', receipt: saved, read };
  };
}

async function saveReading(
  prisma: PrismaClient,
  receiptId: string,
  read: ReadReceipt,
  categories: readonly string[],
): Promise<Receipt> {
  const { receipt, extractor } = read.extraction;
  const needsReview = read.warnings.length > 0;
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    // Read in the transaction: a caption edited while the receipt was being read counts too.
    const { note } = await tx.receipt.findUniqueOrThrow({ where: { id: receiptId }, select: { note: true } });
    const hinted = noteCategory(note, categories);
    const columns = receiptColumns(receipt);
    if (hinted) {
      columns.category = hinted;
      columns.fieldConfidence = { ...columns.fieldConfidence, category: 0.9 };
    }
    await tx.lineItem.deleteMany({ where: { receiptId } });
    if (receipt.items.length > 0) {
      await tx.lineItem.createMany({
        data: receipt.items.map((item, position) => ({
          receiptId,
          position,
          description: item.description,
          quantity: item.quantity === null ? null : new Prisma.Decimal(item.quantity),
          unitPrice: decimal(item.unitPrice),
          amount: decimal(item.amount),
        })),
      });
    }
    return tx.receipt.update({
      where: { id: receiptId },
      data: {
        ...columns,
        extractor,
        ocrText: read.ocr.text,
        ocrConfidence: new Prisma.Decimal(read.ocr.confidence.toFixed(2)),
        ocrWords: { ...read.layout, lines: read.ocr.lines } as unknown as Prisma.InputJsonValue,
        imageMime: read.mime,
        status: needsReview ? 'needs_review' : 'confirmed',
        reviewReasons: read.warnings,
        error: null,
        processedAt: now,
        // Set only when the sender confirms: a clean reading is `confirmed` but still offers Confirm.
        confirmedAt: null,
      },
    });
  });
}
