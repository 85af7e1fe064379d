// What every chat adapter needs from the rest of the service; each platform adds its own config.
import type { Config } from '../../config.ts';
import type { PrismaClient } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import type { QueryAgent } from '../../query/agent.ts';
import type { Approvals } from '../../receipts/approvals.ts';
import type { Payouts } from '../../receipts/payouts.ts';
import type { Receipts } from '../../receipts/receipts.ts';
import type { Review } from '../../receipts/review.ts';
import type { ApprovalCards } from '../approval-cards.ts';
import type { ApprovalNotices } from '../approval-notices.ts';
import type { DigestPoster } from '../digest.ts';

export interface ChatDependencies {
  categories: readonly string[];
  dateOrder: Config['dateOrder'];
  maxUploadBytes: number;
  /** MAX_RECEIPT_TOTAL, for the field rules. */
  maxReceiptTotal: string;
  prisma: PrismaClient;
  receipts: Pick<Receipts, 'submit' | 'findBySource'>;
  review: Review;
  approvals: Approvals;
  payouts: Payouts;
  /** The weekly digest, for /digest. */
  digest: DigestPoster;
  /** Tells senders about decisions on their receipts. */
  notices: ApprovalNotices;
  /** Approval cards in the admin chats. */
  cards: ApprovalCards;
  agent?: QueryAgent;
  /** Base URL of the web page, known once the server listens. */
  webUrl: () => string;
  logger: Logger;
}
