-- AlterTable
ALTER TABLE "receipts" ADD COLUMN     "confirmed_by_id" UUID;
