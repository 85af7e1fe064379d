-- CreateTable
CREATE TABLE "handled_events" (
    "platform" "Platform" NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "handled_events_pkey" PRIMARY KEY ("platform","key")
);

-- CreateIndex
CREATE INDEX "handled_events_created_at_idx" ON "handled_events"("created_at");
