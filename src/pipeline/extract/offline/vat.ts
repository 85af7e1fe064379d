// VAT summaries: the tables European tills print under the total (rate, net, tax, gross per rate,
// sometimes a sum row), and "of which VAT 20 %: 2,00" lines. A table row is recognised by its
// arithmetic (net + tax = gross), whatever the column order; its gross column is not the total.
import { findAmounts } from './amounts.ts';
import { isVatTableHeader, T, taxWords } from './keywords.ts';
import type { TextLine } from './lines.ts';

export interface VatSummary {
  /** Tax of all rates together; null when the receipt shows no VAT summary. */
  tax: bigint | null;
  /** Gross of all rates together (the goods' total: before a tip, after discounts). */
  gross: bigint | null;
  /** Lines that are table rows or table headers: none of them states the total. */
  tableLines: Set<number>;
}

interface Row {
  index: number;
  net: bigint;
  tax: bigint;
  gross: bigint;
  sumRow: boolean;
}

const taxWord = new RegExp(taxWords);
const rate = /\d\s?%/;
const sumLabel = new RegExp(`${T}|SUMME|GESAMT|TOTAAL`);
/** Table rows sit within this many lines of their header. */
const rowsAfterHeader = 6;
const tolerance = 1n;

/** Net, tax and gross among a line's amounts: the two smaller add up to the largest. */
function split(amounts: bigint[]): Pick<Row, 'net' | 'tax' | 'gross'> | null {
  for (const gross of amounts) {
    for (const net of amounts) {
      for (const tax of amounts) {
        if (net === gross || tax === gross || net === tax || tax > net) continue;
        const difference = net + tax - gross;
        if (difference >= -tolerance && difference <= tolerance) return { net, tax, gross };
      }
    }
  }
  return null;
}

export function findVat(lines: TextLine[]): VatSummary {
  const tableLines = new Set<number>();
  const rows: Row[] = [];
  let lastHeader = Number.NEGATIVE_INFINITY;
  for (const line of lines) {
    if (isVatTableHeader(line.upper)) {
      lastHeader = line.index;
      tableLines.add(line.index);
      continue;
    }
    const amounts = findAmounts(line.text)
      .map((amount) => amount.cents)
      .filter((cents) => cents > 0n);
    const inTable = line.index - lastHeader <= rowsAfterHeader;
    // Under a table's header, a line of amounts is a row even when OCR lost a column or a decimal mark.
    const numbers = line.text.match(/\d[\d.,]*/g)?.length ?? 0;
    if (inTable && (amounts.length >= 2 || numbers >= 3)) tableLines.add(line.index);
    if (amounts.length < 3) continue;
    if (!inTable && !rate.test(line.text) && !taxWord.test(line.upper)) continue;
    const parts = split(amounts);
    if (!parts) continue;
    rows.push({ index: line.index, ...parts, sumRow: sumLabel.test(line.upper) });
    tableLines.add(line.index);
  }

  const rateRows = withoutSumRow(rows);
  if (rateRows.length > 0) {
    return {
      tax: rateRows.reduce((sum, row) => sum + row.tax, 0n),
      gross: rateRows.reduce((sum, row) => sum + row.gross, 0n),
      tableLines,
    };
  }
  return { tax: taxByRate(lines), gross: null, tableLines };
}

/** The rows of each rate, without a row that sums them (labelled so, or equal to the others' sum). */
function withoutSumRow(rows: Row[]): Row[] {
  const labelled = rows.filter((row) => !row.sumRow);
  if (labelled.length > 0 && labelled.length < rows.length) return labelled;
  if (rows.length >= 3) {
    const last = rows.at(-1)!;
    const others = rows.slice(0, -1).reduce((sum, row) => sum + row.gross, 0n);
    if (others === last.gross) return rows.slice(0, -1);
  }
  return rows;
}

/** "MWST 19% 1,92", "TVA 20,00% 2,22", "DI CUI IVA 22% 6,02": the tax of each rate, added up. */
function taxByRate(lines: TextLine[]): bigint | null {
  const byRate = new Map<string, bigint>();
  for (const line of lines) {
    if (!taxWord.test(line.upper) || sumLabel.test(line.upper)) continue;
    const rateText = line.text.match(/(\d{1,2}(?:[.,]\d{1,2})?)\s?%/)?.[1];
    const value = findAmounts(line.text).at(-1);
    if (rateText === undefined || !value || value.cents <= 0n) continue;
    byRate.set(rateText.replace(',', '.'), value.cents);
  }
  if (byRate.size === 0) return null;
  return [...byRate.values()].reduce((sum, cents) => sum + cents, 0n);
}
