-- CreateTable
CREATE TABLE "approval_cards" (
    "platform" "Platform" NOT NULL,
    "chat_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_cards_pkey" PRIMARY KEY ("platform","chat_id")
);
