-- CreateEnum
CREATE TYPE "ApprovalState" AS ENUM ('submitted', 'approved', 'rejected', 'reimbursed');

-- AlterTable
ALTER TABLE "receipts" ADD COLUMN     "approval_state" "ApprovalState",
ADD COLUMN     "payout_id" UUID,
ADD COLUMN     "policy_violations" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "rejection_reason" TEXT;

-- CreateTable
CREATE TABLE "approval_events" (
    "id" UUID NOT NULL,
    "receipt_id" UUID NOT NULL,
    "actor_id" UUID,
    "from_state" "ApprovalState",
    "to_state" "ApprovalState" NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payouts" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payouts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "approval_events_receipt_id_created_at_idx" ON "approval_events"("receipt_id", "created_at");

-- CreateIndex
CREATE INDEX "approval_events_to_state_created_at_idx" ON "approval_events"("to_state", "created_at");

-- CreateIndex
CREATE INDEX "payouts_created_at_idx" ON "payouts"("created_at");

-- CreateIndex
CREATE INDEX "receipts_approval_state_user_id_idx" ON "receipts"("approval_state", "user_id");

-- AddForeignKey
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_payout_id_fkey" FOREIGN KEY ("payout_id") REFERENCES "payouts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_events" ADD CONSTRAINT "approval_events_receipt_id_fkey" FOREIGN KEY ("receipt_id") REFERENCES "receipts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_events" ADD CONSTRAINT "approval_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
