// Whoever finishes a receipt's job tells the sender, on the platform the photo came from: an
// in-process worker or a `worker` on another machine alike.
import type { webApi } from '@slack/bolt';
import type { Api } from 'grammy';
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { showSlackReceipt } from './slack/show-receipt.ts';
import { showReceipt } from './telegram/show-receipt.ts';

export interface NotifierDependencies {
  prisma: PrismaClient;
  telegram?: Api;
  slack?: webApi.WebClient;
  logger: Logger;
}

export type ReceiptNotifier = (receiptId: string) => Promise<void>;

export function createReceiptNotifier({ prisma, telegram, slack, logger }: NotifierDependencies): ReceiptNotifier {
  return async (receiptId) => {
    const receipt = await prisma.receipt.findUnique({ where: { id: receiptId }, include: { items: true } });
    if (!receipt) return;
    try {
      if (receipt.sourcePlatform === 'telegram' && telegram) await showReceipt(telegram, receipt);
      if (receipt.sourcePlatform === 'slack' && slack) await showSlackReceipt(slack, receipt);
    } catch (error) {
      // The receipt is saved either way; the sender sees it with /my.
      logger.warn({ err: error, receiptId, platform: receipt.sourcePlatform }, 'could not tell the sender');
    }
  };
}
