-- AlterTable
ALTER TABLE "receipt_month_totals" ALTER COLUMN "total" SET DATA TYPE DECIMAL;
