// Deleted receipts lose their stored image (and the text read from it) once DELETED_RETENTION_DAYS have
// passed, by a daily job, or at once when an admin purges one. The row stays, marked deleted, for the
// audit trail. Images are stored by content, so an image another receipt still uses is kept.
import { Prisma, type PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/storage.ts';

export interface PurgeDependencies {
  prisma: PrismaClient;
  storage: Storage;
  logger: Logger;
}

/** Deleted receipts that still have an image, deleted at or before `deletedBefore` (or this one only). */
export async function purgeDeleted(
  { prisma, storage, logger }: PurgeDependencies,
  which: { deletedBefore: Date } | { receiptId: string },
): Promise<{ purged: number }> {
  const where: Prisma.ReceiptWhereInput =
    'receiptId' in which
      ? { id: which.receiptId, status: 'deleted' }
      : { status: 'deleted', deletedAt: { lte: which.deletedBefore }, imageKey: { not: null } };
  const due = await prisma.receipt.findMany({ where, select: { id: true, imageKey: true }, take: 1000 });
  let purged = 0;
  for (const receipt of due) {
    if (receipt.imageKey) {
      const stillUsed = await prisma.receipt.count({
        where: { imageKey: receipt.imageKey, id: { not: receipt.id }, status: { not: 'deleted' } },
      });
      if (stillUsed === 0) await storage.delete(receipt.imageKey);
    }
    await prisma.receipt.update({
      where: { id: receipt.id },
      data: { imageKey: null, ocrText: null, ocrWords: Prisma.DbNull, ocrConfidence: null },
    });
    purged++;
  }
  if (purged > 0) logger.info({ purged }, 'deleted receipts purged');
  return { purged };
}

/** The day before which deleted receipts are purged, `retentionDays` before `now`. */
export function purgeCutoff(retentionDays: number, now = new Date()): Date {
  return new Date(now.getTime() - retentionDays * 24 * 3600 * 1000);
}
