-- AlterTable
ALTER TABLE "receipts" ADD COLUMN     "review_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[];
