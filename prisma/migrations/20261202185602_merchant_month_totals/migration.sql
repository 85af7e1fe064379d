-- CreateTable
CREATE TABLE "receipt_merchant_month_totals" (
    "month" DATE NOT NULL,
    "merchant" TEXT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "status" "ReceiptStatus" NOT NULL,
    "receipts" INTEGER NOT NULL,
    "total" DECIMAL NOT NULL,

    CONSTRAINT "receipt_merchant_month_totals_pkey" PRIMARY KEY ("month","merchant","currency","status")
);

-- Kept as receipt_month_totals is (see the month_totals migration): statement-level triggers add each
-- statement's new rows and subtract its old ones under the row lock of ON CONFLICT DO UPDATE.
CREATE FUNCTION receipt_merchant_month_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added CONSTANT text := 'SELECT purchase_date, merchant, currency, status, total, 1 AS sign FROM new_rows';
  removed CONSTANT text := 'SELECT purchase_date, merchant, currency, status, total, -1 AS sign FROM old_rows';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM receipt_merchant_month_totals;
    RETURN NULL;
  END IF;
  EXECUTE format($sql$
    INSERT INTO receipt_merchant_month_totals AS t (month, merchant, currency, status, receipts, total)
    SELECT date_trunc('month', purchase_date)::date, COALESCE(merchant, ''), COALESCE(currency, ''), status,
           SUM(sign), SUM(sign * total)
    FROM (%s) deltas
    WHERE purchase_date IS NOT NULL AND total IS NOT NULL AND status IN ('confirmed', 'needs_review')
    GROUP BY 1, 2, 3, 4
    HAVING SUM(sign) <> 0 OR SUM(sign * total) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (month, merchant, currency, status)
    DO UPDATE SET receipts = t.receipts + excluded.receipts, total = t.total + excluded.total
  $sql$, CASE TG_OP WHEN 'INSERT' THEN added WHEN 'DELETE' THEN removed ELSE added || ' UNION ALL ' || removed END);
  RETURN NULL;
END $$;

CREATE TRIGGER receipt_merchant_month_totals_insert AFTER INSERT ON "receipts"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION receipt_merchant_month_totals_apply();
CREATE TRIGGER receipt_merchant_month_totals_update AFTER UPDATE ON "receipts"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION receipt_merchant_month_totals_apply();
CREATE TRIGGER receipt_merchant_month_totals_delete AFTER DELETE ON "receipts"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION receipt_merchant_month_totals_apply();
CREATE TRIGGER receipt_merchant_month_totals_truncate AFTER TRUNCATE ON "receipts"
  FOR EACH STATEMENT EXECUTE FUNCTION receipt_merchant_month_totals_apply();

-- Receipts already there.
INSERT INTO receipt_merchant_month_totals (month, merchant, currency, status, receipts, total)
SELECT date_trunc('month', purchase_date)::date, COALESCE(merchant, ''), COALESCE(currency, ''), status,
       COUNT(*), SUM(total)
FROM "receipts"
WHERE purchase_date IS NOT NULL AND total IS NOT NULL AND status IN ('confirmed', 'needs_review')
GROUP BY 1, 2, 3, 4;
