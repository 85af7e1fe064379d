-- Questions over a period read one index (an index-only scan) instead of the table's scattered rows;
-- the largest or smallest receipt is found by its amount. The wider index replaces the date index.
-- DropIndex
DROP INDEX "receipts_purchase_date_idx";

-- CreateIndex
CREATE INDEX "receipts_purchase_date_status_currency_total_merchant_user__idx" ON "receipts"("purchase_date", "status", "currency", "total", "merchant", "user_id", "category");

-- CreateIndex
CREATE INDEX "receipts_total_idx" ON "receipts"("total");
