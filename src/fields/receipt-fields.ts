// The rules every receipt field obeys, whoever writes it: a person (chat fix, web form, API, import) or an
// extractor (whose post-checks send a value outside them to review). Each refusal is a sentence for the
// person who typed the value.
import { isoDay } from '../iso-date.ts';
import { formatCents } from '../money.ts';
import { parseAmount } from './amount.ts';
import { isCurrencyCode } from './currency-codes.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
const refuse = <T>(problem: string): Checked<T> => ({ ok: false, problem });

/** The most one receipt may total when MAX_RECEIPT_TOTAL is not set. */
export const defaultMaxReceiptTotal = '1000000.00';
/** No receipt is older than this. */
export const earliestPurchaseDate = '2000-01-01';
export const maxMerchantLength = 200;

/** What the rules need to know beyond the value itself. */
export interface FieldLimits {
  /** Decimal text ("1000000.00"): the most one receipt may total. */
  maxReceiptTotal: string;
  /** "Today", for the date window; the latest date allowed is the day after (time zones). */
  today: Date;
}

// A currency written beside the amount: a symbol, "Fr." or a three-letter code, before or after.
const currencyAround = /^(?:[A-Za-z]{3}\b|Fr\.|[€$£¥₹₺₽₩₪]|[A-Z]{1,2}\$)\s*|\s*(?:\b[A-Za-z]{3}|Fr\.|[€$£¥₹₺₽₩₪])$/g;

/**
 * An amount as a person writes it ("12,50", "1.234,56", "1,234.56", "1 234,56", "1'234.50", "€12,50",
 * "12.50 EUR") or a JSON number (taken as is) to cents. "1,234" is refused: it reads two ways.
 */
export function readAmount(written: string | number, label = 'The amount'): Checked<bigint> {
  if (typeof written === 'number') return readJsonNumber(written, label);
  const text = written.trim().replace(currencyAround, '').trim();
  const shown = JSON.stringify(written.trim());
  const reading = parseAmount(text);
  if (reading.ok) return accept(reading.cents);
  switch (reading.reason) {
    case 'ambiguous': {
      const [whole = '', fraction = ''] = text.replace(/^[-−]/, '').split(/[.,]/);
      return refuse(
        `${shown} can be read two ways; write ${whole}${fraction} or ${whole},${fraction}.00 / ${whole}.${fraction},00.`,
      );
    }
    case 'too_many_decimals':
      return refuse(`${shown} has more than two decimals; write it like 12.50 or 12,50.`);
    case 'too_large':
      return refuse(`${shown} is too large for an amount.`);
    default:
      return refuse(`${shown} is not an amount; write it like 12.50 or 12,50.`);
  }
}

function readJsonNumber(value: number, label: string): Checked<bigint> {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!Number.isFinite(value) || !match) return refuse(`${label} ${text} is not an amount; send it like 12.50.`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > 2) return refuse(`${label} ${text} has more than two decimals.`);
  if (whole.length > 12) return refuse(`${label} ${text} is too large for an amount.`);
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return accept(sign ? -cents : cents);
}

/** More than zero and at most the ceiling. */
export function checkTotal(cents: bigint, { maxReceiptTotal }: Pick<FieldLimits, 'maxReceiptTotal'>): Checked<bigint> {
  if (cents <= 0n) return refuse('The total must be more than 0.');
  const ceiling = ceilingCents(maxReceiptTotal);
  if (cents > ceiling) {
    return refuse(
      `The total ${formatCents(cents)} is more than one receipt can be (at most ${formatCents(ceiling)}); check the amount.`,
    );
  }
  return accept(cents);
}

/** Zero or more, and never more than the total. */
export function checkTax(tax: bigint, total: bigint | null): Checked<bigint> {
  if (tax < 0n) return refuse('The tax cannot be negative.');
  if (total !== null && tax > total) {
    return refuse(`The tax (${formatCents(tax)}) cannot be more than the total (${formatCents(total)}).`);
  }
  return accept(tax);
}

/** The window of possible purchase dates: from 2000-01-01 to tomorrow (somewhere it is already tomorrow). */
export function dateWindow(today: Date): { earliest: string; latest: string } {
  return { earliest: earliestPurchaseDate, latest: isoDay(new Date(today.getTime() + 24 * 3600 * 1000)) };
}

/** An ISO calendar date inside the window. */
export function checkPurchaseDate(iso: string, { today }: Pick<FieldLimits, 'today'>): Checked<string> {
  const date = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime()) || isoDay(date) !== iso) {
    return refuse(`"${iso}" is not a date; write it like 2026-10-03 or 03.10.2026.`);
  }
  const { earliest, latest } = dateWindow(today);
  if (iso < earliest || iso > latest) {
    return refuse(`The date ${iso} is out of range: a receipt's date is between ${earliest} and ${latest}.`);
  }
  return accept(iso);
}

/** A three-letter ISO 4217 code, any case ("eur" → "EUR"). */
export function readCurrency(written: string): Checked<string> {
  const code = written.trim().toUpperCase();
  if (isCurrencyCode(code)) return accept(code);
  const shown = JSON.stringify(written.trim());
  return refuse(
    /^[A-Z]{3}$/.test(code)
      ? `${shown} is not a currency code; write an ISO 4217 code such as EUR, USD or GBP.`
      : 'Write the currency as a three-letter code such as EUR, USD or GBP.',
  );
}

// Tabs and line breaks become spaces; any other control character (NUL, escape…) is refused.
const controlCharacter = /\p{Cc}/u;

/** Whether `text` is free of control characters (NUL and the like, which Postgres text cannot hold). */
export function hasNoControlCharacters(text: string): boolean {
  return !controlCharacter.test(text);
}

/** Text typed into a field: trimmed, one line, no control characters, within `max` characters. */
export function readText(written: string, { label, max, required }: { label: string; max: number; required: boolean }) {
  const text = written.replace(/[\t\r\n]+/g, ' ').trim();
  if (controlCharacter.test(text))
    return refuse<string | null>(`${label} contains a control character; type plain text.`);
  if (text.length > max) return refuse<string | null>(`${label} is too long: at most ${max} characters.`);
  if (text === '') return required ? refuse<string | null>(`${label} cannot be empty.`) : accept<string | null>(null);
  return accept<string | null>(text);
}

/** The merchant's name: required, at most 200 characters. */
export function readMerchant(written: string): Checked<string> {
  return readText(written, { label: 'The merchant', max: maxMerchantLength, required: true }) as Checked<string>;
}

/** One of the configured categories, any case. */
export function readCategory(written: string, categories: readonly string[]): Checked<string> {
  const category = categories.find((name) => name === written.trim().toLowerCase());
  return category ? accept(category) : refuse(`Pick one of these categories: ${categories.join(', ')}.`);
}

/** A receipt's total and tax together (a value left out is what the receipt already has). */
export function checkAmounts(
  { total, tax }: { total: bigint | null; tax: bigint | null },
  limits: Pick<FieldLimits, 'maxReceiptTotal'>,
): Checked<void> {
  if (total !== null) {
    const checked = checkTotal(total, limits);
    if (!checked.ok) return checked;
  }
  if (tax !== null) {
    const checked = checkTax(tax, total);
    if (!checked.ok) return checked;
  }
  return accept(undefined);
}

/** MAX_RECEIPT_TOTAL as cents; the text was checked when the config was read. */
export function ceilingCents(maxReceiptTotal: string): bigint {
  const reading = parseAmount(maxReceiptTotal);
  return reading.ok ? reading.cents : 100_000_000n;
}
