// The offline engine: layout-aware rules over the OCR lines, no network and no model.
import { isoDay } from '../../../iso-date.ts';
import { formatCents } from '../../../money.ts';
import { confirmedTotal } from '../checks.ts';
import { readCurrency } from '../currency.ts';
import type { ExtractedReceipt, ExtractionContext, Extractor, ReceiptField } from '../schema.ts';
import { receiptDecimalMark } from './amounts.ts';
import { findCategory } from './category.ts';
import { type FoundDate, findDates } from './dates.ts';
import { findHeader } from './header.ts';
import { findItems } from './items.ts';
import { type TextLine, toTextLines } from './lines.ts';
import { findTotals, type TotalEvidence } from './totals.ts';

const dateLabel = /\b(?:DATE|DATED|TARIKH|DATUM|FECHA|DATA|ISSUED|INVOICE\s*DATE)\b/;
const timeNearby = /\b\d{1,2}(?::|H)\d{2}\b|\b(?:TIME|AM|PM|UHR|HEURE|HORA|ORA)\b/;
// Expiry and validity dates, and German fiscal (TSE) timestamps of the transaction, are not the purchase date.
const otherDateLabel =
  /\b(?:EXP|EXPIRY|EXPIRES|VALID|DUE|BEFORE|BIRTH|DOB|SINCE|TSE|SIGNATUR|START|STOP|GULTIG|VALABLE|VALIDO|VALIDA|SCADENZA|GELDIG)\b/;

interface DateCandidate extends FoundDate {
  line: TextLine;
  score: number;
}

function pickDate(lines: TextLine[], context: ExtractionContext): DateCandidate | null {
  const today = isoDay(context.today);
  const candidates = lines.flatMap((line) =>
    findDates(line.text, context.dateOrder, context.today).map((date) => ({
      ...date,
      line,
      score:
        (dateLabel.test(line.upper) ? 3 : 0) +
        (timeNearby.test(line.upper) ? 1 : 0) +
        (otherDateLabel.test(line.upper) ? -3 : 0) +
        (date.iso <= today ? 2 : 0) +
        (date.unambiguous ? 0.5 : 0),
    })),
  );
  return candidates.sort((a, b) => b.score - a.score || a.line.index - b.line.index)[0] ?? null;
}

export function extractOffline(lines: TextLine[], context: ExtractionContext): ExtractedReceipt {
  const confidence: Partial<Record<ReceiptField, number>> = {};
  const date = pickDate(lines, context);
  const mark = receiptDecimalMark(lines.map((line) => line.text));
  const header = findHeader(lines, (line) => findDates(line.text, context.dateOrder, context.today).length > 0, mark);
  const totals = findTotals(lines);
  const items = findItems(lines, header.end, totals.firstTotalsLine, mark);
  const currency = readCurrency(lines.map((line) => line.text).join('\n'), context.defaultCurrency);
  const category = findCategory(header.merchant, items.map((item) => item.description).join('\n'), context.categories);

  if (header.merchant) confidence.merchant = round(header.merchantConfidence);
  if (header.address) confidence.merchantAddress = round(header.addressConfidence);
  if (date) confidence.date = round(Math.min(0.95, (0.5 + date.score / 12) * Math.max(0.6, date.line.confidence)));
  if (currency) confidence.currency = currency.confidence;
  if (totals.total) confidence.total = round(totalConfidence(totals.total.confidence, totals.evidence));
  if (totals.subtotal) confidence.subtotal = totals.subtotal.confidence;
  if (totals.tax) confidence.tax = totals.tax.confidence;
  if (totals.tip) confidence.tip = totals.tip.confidence;
  if (totals.paymentMethod) confidence.paymentMethod = 0.6;
  if (category) confidence.category = category === 'other' ? 0.3 : 0.6;
  if (items.length) confidence.items = 0.5;

  const money = (found: { cents: bigint } | null) => (found ? formatCents(found.cents) : null);
  return {
    merchant: header.merchant?.slice(0, 200) ?? null,
    merchantAddress: header.address?.slice(0, 500) ?? null,
    date: date?.iso ?? null,
    currency: currency?.code ?? null,
    total: money(totals.total),
    subtotal: money(totals.subtotal),
    tax: money(totals.tax),
    tip: money(totals.tip),
    paymentMethod: totals.paymentMethod,
    category,
    items,
    fieldConfidence: confidence,
  };
}

/** Evidence that comes from other figures than the total's own: enough to confirm it (checks.ts). */
const confirmingEvidence: readonly TotalEvidence[] = ['paid', 'sum', 'rounding', 'vat'];
/** An amount printed again, or two amounts nearby that add up to it, make a total likelier but confirm nothing. */
const unconfirmedTotal = 0.75;

function totalConfidence(score: number, evidence: TotalEvidence[]): number {
  return evidence.some((kind) => confirmingEvidence.includes(kind))
    ? Math.max(score, confirmedTotal)
    : Math.min(score, unconfirmedTotal);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function createOfflineExtractor(): Extractor {
  return {
    name: 'offline',
    async extract({ ocr }, context) {
      return { receipt: extractOffline(toTextLines(ocr), context), extractor: 'offline', warnings: [] };
    },
  };
}
