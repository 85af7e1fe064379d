// A receipt as the API shows it: the extracted fields, its state and where its image is.

import { violationsOf } from '../../../receipts/approvals.ts';
import { receiptView } from '../../../receipts/receipt-view.ts';
import type { ReceiptWithItems } from '../../../receipts/review.ts';

/** `user` when the query brought the owner's name (lists): shown as `userName`. */
export function receiptJson(receipt: ReceiptWithItems & { user?: { displayName: string } }) {
  return {
    id: receipt.id,
    userId: receipt.userId,
    userName: receipt.user?.displayName,
    status: receipt.status,
    ...receiptView(receipt),
    extractor: receipt.extractor,
    reviewReasons: receipt.reviewReasons,
    error: receipt.error,
    imageUrl: receipt.imageKey ? `/api/receipts/${receipt.id}/image` : null,
    createdAt: receipt.createdAt.toISOString(),
    processedAt: receipt.processedAt?.toISOString() ?? null,
    confirmedAt: receipt.confirmedAt?.toISOString() ?? null,
    approvalState: receipt.approvalState,
    rejectionReason: receipt.rejectionReason,
    policyViolations: violationsOf(receipt),
  };
}
