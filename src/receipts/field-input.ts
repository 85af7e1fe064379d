// A value a person typed for one receipt field (chat fix, Slack form, web form, API, import), read by
// the field rules in src/fields: normalised ("12,50" → "12.50", "3.10.2026" → "2026-10-03"), or the
// problem with it in their terms. Rules between fields (tax ≤ total) are checked by review.ts on the
// receipt as it would become.

import { dateFromWords } from '../fields/date-words.ts';
import {
  checkPurchaseDate,
  checkTax,
  checkTotal,
  dateWindow,
  defaultMaxReceiptTotal,
  type FieldLimits,
  readAmount,
  readCategory,
  readCurrency,
  readMerchant,
} from '../fields/receipt-fields.ts';
import { formatCents, parseCents } from '../money.ts';
import { type DateOrder, findDates } from '../pipeline/extract/offline/dates.ts';
import type { CorrectableField, Correction } from './review.ts';

export interface FieldInputRules {
  categories: readonly string[];
  dateOrder: DateOrder;
  today: Date;
  /** Unset: the default ceiling; the service passes MAX_RECEIPT_TOTAL. */
  maxReceiptTotal?: string;
}

export type FieldInput = { ok: true; correction: Correction } | { ok: false; problem: string };

const labels: Record<'total' | 'tax', string> = { total: 'The total', tax: 'The tax' };

/** One field's value as typed, or as a JSON number for amounts. */
export function readFieldInput(field: CorrectableField, value: string | number, rules: FieldInputRules): FieldInput {
  const limits: FieldLimits = { today: rules.today, maxReceiptTotal: rules.maxReceiptTotal ?? defaultMaxReceiptTotal };
  if (typeof value === 'number' && field !== 'total' && field !== 'tax') {
    return { ok: false, problem: `Send the ${field} as text.` };
  }
  const text = String(value);
  switch (field) {
    case 'merchant':
      return result(field, readMerchant(text));
    case 'total':
    case 'tax': {
      const amount = readAmount(value, labels[field]);
      if (!amount.ok) return amount;
      const checked = field === 'total' ? checkTotal(amount.value, limits) : checkTax(amount.value, null);
      return checked.ok ? ok(field, formatCents(checked.value)) : checked;
    }
    case 'date':
      return readDate(text, rules, limits);
    case 'currency':
      return result(field, readCurrency(text));
    case 'category':
      return result(field, readCategory(text, rules.categories));
  }
}

function readDate(text: string, rules: FieldInputRules, limits: FieldLimits): FieldInput {
  // "yesterday", "friday", "28.11": the words people type, before the dates receipts print.
  const words = dateFromWords(text, rules.today, rules.dateOrder);
  if (words) return ok('date', words);
  const found = findDates(text, rules.dateOrder, rules.today)[0];
  if (found) {
    const checked = checkPurchaseDate(found.iso, limits);
    return checked.ok ? ok('date', checked.value) : checked;
  }
  // findDates sees only plausible years: a date it skipped for its year is out of range, not unreadable.
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  const year = iso?.[1] ?? /^\s*\d{1,2}[./-]\d{1,2}[./-](\d{4})\s*$/.exec(text)?.[1];
  if (iso) {
    const checked = checkPurchaseDate(text.trim(), limits);
    return checked.ok ? ok('date', checked.value) : checked;
  }
  if (year) {
    const { earliest, latest } = dateWindow(rules.today);
    return {
      ok: false,
      problem: `The date ${text.trim()} is out of range: a receipt's date is between ${earliest} and ${latest}.`,
    };
  }
  return {
    ok: false,
    problem: `"${text.trim()}" is not a date; write it like 03.10.2026, 2026-10-03, yesterday or friday.`,
  };
}

function result(field: CorrectableField, checked: { ok: true; value: string } | { ok: false; problem: string }) {
  return checked.ok ? ok(field, checked.value) : checked;
}

function ok(field: CorrectableField, value: string): FieldInput {
  return { ok: true, correction: { field, value } };
}

/** A whole receipt typed by hand (API manual entry, an imported row). */
export interface EntryInput {
  merchant: string;
  date: string;
  currency: string;
  total: string | number;
  tax?: string | number | null;
  category?: string | null;
}

export interface Entry {
  merchant: string;
  date: string;
  currency: string;
  total: string;
  tax: string | null;
  category: string | null;
}

export type EntryReading = { ok: true; entry: Entry } | { ok: false; problems: { field: string; problem: string }[] };

/** Every field by the rules, then total and tax together; an empty tax or category is none. */
export function readEntry(input: EntryInput, rules: FieldInputRules): EntryReading {
  const problems: { field: string; problem: string }[] = [];
  const values: Partial<Record<CorrectableField, string>> = {};
  for (const field of ['merchant', 'date', 'currency', 'total', 'tax', 'category'] as const) {
    const value = input[field];
    if (value === undefined || value === null || (field !== 'merchant' && value === '')) {
      if (field === 'tax' || field === 'category') continue;
      problems.push({ field, problem: `The ${field} is missing.` });
      continue;
    }
    const read = readFieldInput(field, value, rules);
    if (read.ok) values[field] = read.correction.value;
    else problems.push({ field, problem: read.problem });
  }
  if (problems.length === 0 && values.tax !== undefined) {
    const tax = checkTax(parseCents(values.tax)!, parseCents(values.total!));
    if (!tax.ok) problems.push({ field: 'tax', problem: tax.problem });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    entry: {
      merchant: values.merchant!,
      date: values.date!,
      currency: values.currency!,
      total: values.total!,
      tax: values.tax ?? null,
      category: values.category ?? null,
    },
  };
}
