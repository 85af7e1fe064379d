-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('telegram', 'slack', 'http', 'cli');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('employee', 'admin');

-- CreateEnum
CREATE TYPE "ReceiptStatus" AS ENUM ('queued', 'processing', 'needs_review', 'confirmed', 'failed', 'deleted');

-- CreateEnum
CREATE TYPE "Extractor" AS ENUM ('offline', 'llm', 'manual', 'import');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'employee',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "receipts" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "ReceiptStatus" NOT NULL DEFAULT 'queued',
    "source_platform" "Platform" NOT NULL,
    "source_chat_id" TEXT,
    "source_message_id" TEXT,
    "reply_message_id" TEXT,
    "image_key" TEXT,
    "image_sha256" VARCHAR(64),
    "image_mime" TEXT,
    "image_size" INTEGER,
    "ocr_text" TEXT,
    "ocr_confidence" DECIMAL(5,2),
    "ocr_words" JSONB,
    "merchant" TEXT,
    "merchant_address" TEXT,
    "purchase_date" DATE,
    "currency" VARCHAR(3),
    "total" DECIMAL(14,2),
    "subtotal" DECIMAL(14,2),
    "tax" DECIMAL(14,2),
    "tip" DECIMAL(14,2),
    "payment_method" TEXT,
    "category" TEXT,
    "extractor" "Extractor",
    "field_confidence" JSONB,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "processed_at" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "receipts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "line_items" (
    "id" UUID NOT NULL,
    "receipt_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(12,3),
    "unit_price" DECIMAL(14,2),
    "amount" DECIMAL(14,2),

    CONSTRAINT "line_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "receipt_edits" (
    "id" UUID NOT NULL,
    "receipt_id" UUID NOT NULL,
    "user_id" UUID,
    "field" TEXT NOT NULL,
    "old_value" TEXT,
    "new_value" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "receipt_edits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questions" (
    "id" UUID NOT NULL,
    "user_id" UUID,
    "platform" "Platform" NOT NULL,
    "question" TEXT NOT NULL,
    "plan" JSONB,
    "answer" TEXT,
    "planner" TEXT,
    "error" TEXT,
    "duration_ms" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "questions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "users_display_name_idx" ON "users"("display_name");

-- CreateIndex
CREATE UNIQUE INDEX "users_platform_platform_user_id_key" ON "users"("platform", "platform_user_id");

-- CreateIndex
CREATE INDEX "receipts_purchase_date_idx" ON "receipts"("purchase_date");

-- CreateIndex
CREATE INDEX "receipts_category_purchase_date_idx" ON "receipts"("category", "purchase_date");

-- CreateIndex
CREATE INDEX "receipts_merchant_idx" ON "receipts"("merchant");

-- CreateIndex
CREATE INDEX "receipts_user_id_purchase_date_idx" ON "receipts"("user_id", "purchase_date");

-- CreateIndex
CREATE INDEX "receipts_status_idx" ON "receipts"("status");

-- CreateIndex
CREATE INDEX "receipts_user_id_image_sha256_idx" ON "receipts"("user_id", "image_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "receipts_source_platform_source_chat_id_source_message_id_key" ON "receipts"("source_platform", "source_chat_id", "source_message_id");

-- CreateIndex
CREATE UNIQUE INDEX "line_items_receipt_id_position_key" ON "line_items"("receipt_id", "position");

-- CreateIndex
CREATE INDEX "receipt_edits_receipt_id_created_at_idx" ON "receipt_edits"("receipt_id", "created_at");

-- CreateIndex
CREATE INDEX "questions_created_at_idx" ON "questions"("created_at");

-- AddForeignKey
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_receipt_id_fkey" FOREIGN KEY ("receipt_id") REFERENCES "receipts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt_edits" ADD CONSTRAINT "receipt_edits_receipt_id_fkey" FOREIGN KEY ("receipt_id") REFERENCES "receipts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt_edits" ADD CONSTRAINT "receipt_edits_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
