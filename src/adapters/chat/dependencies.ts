// What every chat adapter needs from the rest of the service; each platform adds its own config.
import type { Config } from '../../config.ts';
import type { PrismaClient } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import type { QueryAgent } from '../../query/agent.ts';
import type { Receipts } from '../../receipts/receipts.ts';
import type { Review } from '../../receipts/review.ts';

export interface ChatDependencies {
  categories: readonly string[];
  dateOrder: Config['dateOrder'];
  maxUploadBytes: number;
  /** MAX_RECEIPT_TOTAL, for the field rules. */
  maxReceiptTotal: string;
  prisma: PrismaClient;
  receipts: Pick<Receipts, 'submit' | 'findBySource'>;
  review: Review;
  agent?: QueryAgent;
  /** Base URL of the web page, known once the server listens. */
  webUrl: () => string;
  logger: Logger;
}
