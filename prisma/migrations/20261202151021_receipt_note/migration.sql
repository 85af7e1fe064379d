-- AlterTable
ALTER TABLE "receipts" ADD COLUMN     "note" TEXT;
