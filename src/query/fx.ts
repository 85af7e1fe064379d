// Exchange rates for reports in one currency (FX_RATES_FILE, REPORT_CURRENCY). The file is CSV with
// the header `currency,rate` or `date,currency,rate`: one unit of `currency` is worth `rate` units of
// the report currency, fixed or from that date on. Without rates, amounts stay in their currency.
import { readFile } from 'node:fs/promises';
import { parseCsvWithHeader } from '../csv.ts';
import { looksLikeIsoDay } from '../iso-date.ts';

export interface FxRate {
  currency: string;
  /** First day the rate applies, YYYY-MM-DD; null: a fixed rate. */
  day: string | null;
  rate: string;
}

export interface FxTable {
  reportCurrency: string;
  rates: FxRate[];
}

export class FxRatesError extends Error {}

export function parseFxRates(text: string, reportCurrency: string): FxTable {
  const { columns, rows } = parseCsvWithHeader(text);
  if (!columns.includes('currency') || !columns.includes('rate')) {
    throw new FxRatesError('FX_RATES_FILE: the header must name currency and rate (and optionally date)');
  }
  const at = (cells: string[], column: string) => cells[columns.indexOf(column)]?.trim() ?? '';
  const problems: string[] = [];
  const rates: FxRate[] = [];
  for (const { line, cells } of rows) {
    const currency = at(cells, 'currency').toUpperCase();
    const rate = at(cells, 'rate');
    const day = columns.includes('date') ? at(cells, 'date') || null : null;
    if (!/^[A-Z]{3}$/.test(currency)) problems.push(`line ${line}: "${currency}" is not a currency code`);
    else if (!/^\d{1,9}(\.\d{1,10})?$/.test(rate) || /^0+(\.0+)?$/.test(rate)) {
      problems.push(`line ${line}: "${rate}" is not a positive rate`);
    } else if (day !== null && !looksLikeIsoDay(day)) problems.push(`line ${line}: "${day}" is not YYYY-MM-DD`);
    else rates.push({ currency, day, rate });
  }
  if (problems.length > 0) throw new FxRatesError(`FX_RATES_FILE: ${problems.slice(0, 10).join('; ')}`);
  return { reportCurrency, rates: rates.filter((rate) => rate.currency !== reportCurrency) };
}

export async function loadFxRates(file: string, reportCurrency: string): Promise<FxTable> {
  return parseFxRates(await readFile(file, 'utf8'), reportCurrency);
}

/**
 * The rates that convert some day from `from` to `to` (inclusive; null: open): per currency, each
 * dated rate in force on one of those days, and the fixed rate where a day comes before the first
 * dated one (or there is none). Ordered by currency, then by date, the fixed rate first.
 */
export function ratesInForce(fx: FxTable, from: string | null, to: string | null): FxRate[] {
  const inForce: FxRate[] = [];
  for (const currency of [...new Set(fx.rates.map((rate) => rate.currency))].sort()) {
    const dated = fx.rates
      .filter((rate) => rate.currency === currency && rate.day !== null)
      .sort((a, b) => a.day!.localeCompare(b.day!));
    const fixed = fx.rates.find((rate) => rate.currency === currency && rate.day === null);
    if (fixed && (dated.length === 0 || from === null || from < dated[0]!.day!)) inForce.push(fixed);
    for (const [index, rate] of dated.entries()) {
      const next = dated[index + 1]?.day ?? null;
      if ((to === null || rate.day! <= to) && (next === null || from === null || from < next)) inForce.push(rate);
    }
  }
  return inForce;
}
