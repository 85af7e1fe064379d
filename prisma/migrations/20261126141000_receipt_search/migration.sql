-- Full-text search over what a receipt says ("did anyone buy a monitor?"): its merchant and OCR text,
-- and its line items. Expression indexes, which schema.prisma cannot describe and Prisma leaves alone;
-- src/query/execute.ts must use exactly these expressions for them to apply.
CREATE INDEX "receipts_search_idx" ON "receipts"
  USING GIN (to_tsvector('english', coalesce("merchant", '') || ' ' || coalesce("ocr_text", '')));
CREATE INDEX "line_items_search_idx" ON "line_items" USING GIN (to_tsvector('english', "description"));
