// The deterministic planner: reads the questions admins actually ask ("how much did we spend on
// travel last month, by person?", "top 5 merchants this year", "how many receipts over 100 in Q3")
// into a plan. Every word must be understood: anything left unread and the question is declined,
// never answered with a number for a question it did not read.

import { takePeriod } from './periods.ts';
import { emptyFilters, type Grouping, type Measure } from './plan.ts';
import type { Planned, Planner, Vocabulary } from './planner.ts';

export const exampleQuestions = ['How much did we spend on travel last month, by person?', 'Top 5 merchants this year'];

const measureWords: [RegExp, Measure][] = [
  [/\b(?:on\s+)?average\b|\bavg\b|\bmean\b|\btypical\b/, 'average'],
  [/\bhow\s+many\b|\bnumber\s+of\b|\bcount\b/, 'count'],
  [/\b(?:biggest|largest|highest|most\s+expensive|maximum|max)\b/, 'max'],
  [/\b(?:smallest|cheapest|lowest|least\s+expensive|minimum|min)\b/, 'min'],
  [/\bhow\s+much\b|\btotal\b|\bsum\b|\bspend(?:ing)?\b|\bspent\b|\bcosts?\b|\bexpenses\b/, 'total'],
  [/\bshow(?:\s+me)?\b|\blist\b|\bwhich\s+receipts\b|\bwhat\s+receipts\b/, 'list'],
];

const groupWords: Record<string, Grouping> = {
  category: 'category',
  categories: 'category',
  merchant: 'merchant',
  merchants: 'merchant',
  shop: 'merchant',
  shops: 'merchant',
  store: 'merchant',
  stores: 'merchant',
  vendor: 'merchant',
  vendors: 'merchant',
  supplier: 'merchant',
  suppliers: 'merchant',
  person: 'employee',
  people: 'employee',
  employee: 'employee',
  employees: 'employee',
  user: 'employee',
  users: 'employee',
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
  currency: 'currency',
};
const adverbGroups: Record<string, Grouping> = {
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  yearly: 'year',
  annually: 'year',
};

const currencySymbols: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY' };
const currencyCodes = /\b(eur|usd|gbp|chf|jpy|cad|aud|myr|sgd|inr|sek|nok|dkk|pln|czk|huf|nzd|hkd|cny|brl|mxn|zar)\b/;

/** Words that carry no meaning for the plan. Anything else left unread makes the question unknown. */
const filler = new Set(
  `a an the and or did do does done we our us i me my mine you your they their on in at for of to from by per
  with is are was were be been has have had what which how much many who whom that this those these there
  it its all any each every please tell give get show me receipt receipts expense expenses ticket tickets
  anyone anybody someone somebody purchase purchases spend spent spending spends cost costs paid pay buy bought money amount amounts total
  totals sum so far overall altogether together company team everyone everybody anyone anybody
  was were up as far per, get, got, been, make, made, use, used, about, list, employee, employees, staff,
  people, person, spend, has, send, sent, submit, submitted, upload, uploaded, file, filed`.split(/[\s,]+/),
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes `pattern` from `text` when present; returns the match. */
function take(state: { text: string }, pattern: RegExp): RegExpExecArray | null {
  const match = pattern.exec(state.text);
  if (match) state.text = `${state.text.slice(0, match.index)} ${state.text.slice(match.index + match[0].length)}`;
  return match;
}

function amountOf(text: string): string | null {
  const cleaned = text.replaceAll(',', '');
  return /^\d{1,12}(\.\d{1,2})?$/.test(cleaned) ? cleaned : null;
}

export function planOffline(question: string, vocabulary: Vocabulary, today: Date): Planned {
  const state = {
    text: ` ${question
      .toLowerCase()
      .replace(/[’']s\b/g, '')
      .replace(/[?!.;]+(\s|$)/g, ' ')} `,
  };
  const filters = emptyFilters();

  const { period, rest } = takePeriod(state.text, today);
  state.text = rest;
  if (period) {
    filters.from = period.from;
    filters.to = period.to;
  }

  for (const [symbol, code] of Object.entries(currencySymbols)) {
    if (state.text.includes(symbol)) filters.currency = code;
  }
  const above = take(
    state,
    /\b(?:over|above|more\s+than|greater\s+than|larger\s+than|>)\s*[€$£¥]?\s*([\d,]+(?:\.\d{1,2})?)/,
  );
  if (above) filters.above = amountOf(above[1]!);
  const below = take(state, /\b(?:under|below|less\s+than|smaller\s+than|<)\s*[€$£¥]?\s*([\d,]+(?:\.\d{1,2})?)/);
  if (below) filters.below = amountOf(below[1]!);
  if ((above && !filters.above) || (below && !filters.below)) return { ok: false, unknown: [above?.[0] ?? below![0]] };
  const code = take(state, currencyCodes);
  if (code) filters.currency = code[1]!.toUpperCase();
  state.text = state.text.replace(/[€$£¥]/g, ' ');

  // "did anyone buy a monitor", "receipts mentioning parking": a word to look for in the receipts.
  const searched = take(
    state,
    /\b(?:buy|bought|buying|purchased?|mentioning|containing|with\s+the\s+word|that\s+say)\s+(?:an?\s+|any\s+|the\s+|some\s+)?"?([\p{L}][\p{L}\d-]{1,40})"?/u,
  );
  if (searched) filters.text = searched[1]!;

  // "unconfirmed", "needing review", "still to check": the receipts nobody has confirmed yet.
  if (
    take(
      state,
      /\b(?:unconfirmed|not\s+(?:yet\s+)?confirmed|(?:that\s+)?needs?\s+review|needing\s+review|to\s+review|(?:still\s+)?to\s+check)\b/,
    )
  ) {
    filters.statuses = ['needs_review'];
  } else if (take(state, /\bconfirmed\b/)) {
    filters.statuses = ['confirmed'];
  }

  let limit: number | null = null;
  let ascending = false;
  const top = take(state, /\b(top|bottom)(?:\s+(\d{1,2}))?\b/);
  if (top) {
    limit = top[2] ? Number(top[2]) : 5;
    ascending = top[1] === 'bottom';
  }

  let groupBy: Grouping | null = null;
  const grouped = take(state, /\b(?:by|per|for\s+each|each|broken\s+down\s+by|split\s+by|grouped\s+by)\s+([a-z]+)\b/);
  if (grouped) {
    groupBy = groupWords[grouped[1]!] ?? null;
    if (!groupBy) return { ok: false, unknown: [grouped[0].trim()] };
  }
  const adverb = take(state, /\b(daily|weekly|monthly|quarterly|yearly|annually)\b/);
  if (adverb && !groupBy) groupBy = adverbGroups[adverb[1]!]!;
  if (take(state, /\bwho\b/) && !groupBy) groupBy = 'employee';
  const which = take(
    state,
    /\b(?:which|what)\s+(categor(?:y|ies)|merchants?|shops?|stores?|vendors?|suppliers?|people|person|employees?)\b/,
  );
  if (which && !groupBy) groupBy = groupWords[which[1]!] ?? null;
  if (top && !groupBy) {
    const subject = take(
      state,
      /\b(categor(?:y|ies)|merchants?|shops?|stores?|vendors?|suppliers?|people|persons?|employees?|spenders?)\b/,
    );
    groupBy = subject ? (groupWords[subject[1]!] ?? 'employee') : null;
    if (!groupBy) return { ok: false, unknown: [top[0]] };
  }

  // Longest names first, so "Blue Bottle Coffee" wins over "Blue Bottle".
  for (const merchant of [...vocabulary.merchants].sort((a, b) => b.length - a.length)) {
    if (merchant.length < 3) continue;
    if (take(state, new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(merchant.toLowerCase())}(?![\\p{L}\\d])`, 'u'))) {
      filters.merchants.push(merchant);
    }
  }
  for (const person of [...vocabulary.people].sort((a, b) => b.name.length - a.name.length)) {
    const names = [person.name, person.name.split(/\s+/)[0]!].filter((name) => name.length >= 2);
    for (const name of names) {
      const firstNameShared = vocabulary.people.filter((other) => other.name.split(/\s+/)[0] === name).length > 1;
      if (name !== person.name && firstNameShared) continue;
      if (take(state, new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(name.toLowerCase())}(?![\\p{L}\\d])`, 'u'))) {
        filters.employees.push(person.id);
        break;
      }
    }
  }
  for (const category of vocabulary.categories) {
    if (take(state, new RegExp(`\\b${escapeRegExp(category)}(?:s|es)?\\b`))) filters.categories.push(category);
  }

  let measure: Measure | null = null;
  for (const [pattern, found] of measureWords) {
    if (!take(state, pattern)) continue;
    measure ??= found;
    // "how much on average" is an average, "biggest total" a maximum: the first, more specific word wins.
    while (take(state, pattern)) {}
  }
  const most = take(state, /\b(?:the\s+)?(most|least)\b/);
  if (most) {
    if (!groupBy) return { ok: false, unknown: [most[0].trim()] };
    limit ??= 1;
    ascending = most[1] === 'least';
  }
  const unknown = state.text
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((word) => word && !filler.has(word) && !/^-+$/.test(word));
  if (unknown.length > 0) return { ok: false, unknown };
  // "travel in October", "Ada last month": something to count and nothing else is a total.
  const named = filters.categories.length + filters.merchants.length + filters.employees.length;
  if (!measure && filters.text) measure = 'list';
  if (!measure && (groupBy || limit || named > 0)) measure = 'total';
  if (!measure) return { ok: false, unknown: [question.trim()] };
  if (measure === 'list' && groupBy) measure = 'total';

  return {
    ok: true,
    plan: { measure, groupBy, filters, ascending, limit },
    period: period?.label ?? null,
  };
}

export function createOfflinePlanner(): Planner {
  return {
    name: 'offline',
    async plan(question, vocabulary, today) {
      return { ...planOffline(question, vocabulary, today), planner: 'offline' };
    },
  };
}
