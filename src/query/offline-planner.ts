// The deterministic planner: reads questions as admins write them ("what went on hotels in the first
// half of the year?", "top 5 suppliers YTD in euros", "compare September and October") into a plan.
// It reads the measure, the period(s), the filters and the grouping; politeness, verbs and filler
// are skipped; a word left over that looks like a filter is looked up among merchants and people,
// or looked for in the receipts (the agent then checks some receipt mentions it). Anything else
// unread and the question is declined, saying which words, with the closest question it can answer.
import { parseAmount } from '../fields/amount.ts';
import { formatCents } from '../money.ts';
import { numberWordPattern, numberWords } from '../words.ts';
import { categoryVocabulary } from './category-words.ts';
import { type Period, takePeriod } from './periods.ts';
import { emptyFilters, type Grouping, type Measure, maxListed } from './plan.ts';
import type { Planned, Planner, Vocabulary } from './planner.ts';

export const exampleQuestions = ['How much did we spend on travel last month, by person?', 'Top 5 merchants this year'];

const measureWords: [RegExp, Measure][] = [
  [
    /\b(?:how\s+many|number\s+of|count\s+of)\s+(?:different\s+|distinct\s+|unique\s+|separate\s+)?(?:merchants|vendors|suppliers|shops|stores|places)\b|\b(?:different|distinct|unique)\s+(?:merchants|vendors|suppliers|shops|stores)\b/,
    'merchants',
  ],
  [/\b(?:input\s+|sales\s+)?(?:vat|taxes|tax|gst)\b/, 'tax'],
  [/\b(?:on\s+)?average\b|\bavg\b|\bmean\b|\btypical\b/, 'average'],
  [/\bhow\s+many\b|\bnumber\s+of\b|\bcount\b|\bhow\s+often\b/, 'count'],
  [/\b(?:biggest|largest|highest|most\s+expensive|priciest|maximum|max|dearest|costliest)\b/, 'max'],
  [/\b(?:smallest|cheapest|lowest|least\s+expensive|minimum|min)\b/, 'min'],
  [
    /\bhow\s+much\b|\bthe\s+damage\b|\btotals?\b|\bsum\b|\bspend(?:ing|s)?\b|\bspent\b|\bcosts?\b|\bexpenses\b|\bexpenditure\b|\boutgoings\b|\bwent\s+on\b|\bpaid\b|\bpay\b/,
    'total',
  ],
  [/\bshow(?:\s+me)?\b|\blist\b|\bwhich\s+receipts\b|\bwhat\s+receipts\b|\bfind\b/, 'list'],
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
  place: 'merchant',
  places: 'merchant',
  person: 'employee',
  persons: 'employee',
  people: 'employee',
  employee: 'employee',
  employees: 'employee',
  user: 'employee',
  users: 'employee',
  staff: 'employee',
  spender: 'employee',
  spenders: 'employee',
  'team member': 'employee',
  'team members': 'employee',
  colleague: 'employee',
  colleagues: 'employee',
  day: 'day',
  days: 'day',
  date: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  quarter: 'quarter',
  quarters: 'quarter',
  year: 'year',
  years: 'year',
  currency: 'currency',
  currencies: 'currency',
  weekday: 'weekday',
  weekdays: 'weekday',
  'day of week': 'weekday',
  'day of the week': 'weekday',
  'days of the week': 'weekday',
};
const groupWordPattern = Object.keys(groupWords)
  .sort((a, b) => b.length - a.length)
  .join('|')
  .replaceAll(' ', '\\s+');
const adverbGroups: Record<string, Grouping> = {
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  yearly: 'year',
  annually: 'year',
  annual: 'year',
};

const currencySymbols: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY' };
const currencyWords: [RegExp, string][] = [
  [/\b(?:euros?|eur)\b/, 'EUR'],
  [/\b(?:us\s+dollars?|american\s+dollars?|dollars?|usd|bucks)\b/, 'USD'],
  [/\b(?:british\s+pounds?|pounds?\s+sterling|pounds?|sterling|gbp|quid)\b/, 'GBP'],
  [/\b(?:swiss\s+francs?|francs?|chf)\b/, 'CHF'],
  [/\b(?:japanese\s+)?(?:yen|jpy)\b/, 'JPY'],
  [/\b(?:swedish\s+kron(?:a|or)|sek)\b/, 'SEK'],
  [/\b(?:danish\s+kron(?:e|er)|dkk)\b/, 'DKK'],
  [/\b(?:norwegian\s+kron(?:e|er)|nok)\b/, 'NOK'],
  [/\b(?:zloty|złoty|pln)\b/, 'PLN'],
  [/\b(?:czech\s+korun(?:a|y)|czk)\b/, 'CZK'],
  [/\b(?:forints?|huf)\b/, 'HUF'],
  [/\b(?:ringgit|myr)\b/, 'MYR'],
  [/\b(cad|aud|sgd|inr|nzd|hkd|cny|brl|mxn|zar|ron|bgn|isk|try)\b/, ''],
];

/** Words that carry no filter: politeness, verbs, filler. Anything else left unread is looked up or declined. */
const filler = new Set(
  `a an the and or did do does done doing we we've our ours us i me my mine you your they their them on in at for of to
  from by per with is are was were be been being has have had what what's whats which how who whom that this those these
  there it its all any each every please tell give get got show receipt receipts expense expenses ticket tickets
  anyone anybody someone somebody purchase purchases spend spent spending spends cost costs paid pay paying buy bought
  money amount amounts total totals sum so far overall altogether together combined company team everyone everybody
  as up about list employee employees staff people person make made use used send sent submit submitted upload
  uploaded file filed went go goes going gone out come came comes coming anything something break broken down times time can could would will you'd i'd like love want wanted know
  let see check find need please thanks thank hi hey hello quick question just roughly approximately exactly
  currently now yet still ever in-total grand business firm organisation organization department claim claims
  claimed bill bills invoice invoices cash outlay value figure figures number single one breakdown overview summary
  report trend spendings expenditure outgoings much many whole entire actually really some category categories merchant
  merchants vendor vendors supplier suppliers shop shops store stores there's was`.split(/[\s,]+/),
);

/** Words never guessed as something to look for: they change the question's meaning. */
const neverGuessed = new Set(
  'not no except excluding without but other besides apart minus plus than next tomorrow future forecast predict budget budgeted planned plan'.split(
    ' ',
  ),
);

/** Parts of merchant names too common to name one merchant. */
const commonNameWords = new Set(
  'the and und et de la le les der die das von van du des ltd limited inc gmbh sa sas sarl bv nv co company cafe shop store'.split(
    ' ',
  ),
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

/** The amount as the plan writes it ("1234.50"); null for no amount; "ambiguous" for "1,234". */
function amountOf(text: string): string | null | 'ambiguous' {
  const reading = parseAmount(text);
  if (!reading.ok) return reading.reason === 'ambiguous' ? 'ambiguous' : null;
  if (reading.cents < 0n) return null;
  return formatCents(reading.cents);
}

const limitPattern = `(\\d{1,5}|${numberWordPattern})`;
const limitOf = (word: string) => numberWords[word] ?? Number(word);

/** The question in lower case, with possessives, contractions and sentence marks out of the way. */
function normalise(question: string): string {
  return ` ${question
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/n't\b/g, ' not')
    .replace(/'(?:s|d|re|ve|ll|m)\b/g, '')
    .replace(/&/g, ' and ')
    .replace(/[?!;:]+/g, ' ')
    .replace(/\.(\s|$)/g, ' ')
    .replace(/[,"“”()[\]](?=\s|$)|(?<=\s|^)["“”()[\]]/g, ' ')
    .replace(/\s+/g, ' ')} `;
}

interface CategoryMatcher {
  pattern: RegExp;
  words: Map<string, string>;
}
const categoryMatchers = new WeakMap<object, CategoryMatcher>();

/** One regular expression for every word of every category, longest first ("office supplies" before "office"). */
function categoryMatcher(vocabulary: Vocabulary): CategoryMatcher {
  const key = vocabulary.categoryWords ?? vocabulary.categories;
  const cached = categoryMatchers.get(key);
  if (cached && cached.words.size > 0 && [...cached.words.values()].every((c) => vocabulary.categories.includes(c)))
    return cached;
  const words = categoryVocabulary(vocabulary.categories, vocabulary.categoryWords);
  const alternatives = [...words.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const matcher = {
    pattern: new RegExp(`(?<![\\p{L}\\d])(${alternatives.join('|').replaceAll(' ', '\\s+')})(?![\\p{L}\\d])`, 'u'),
    words,
  };
  categoryMatchers.set(key, matcher);
  return matcher;
}

export function planOffline(question: string, vocabulary: Vocabulary, today: Date): Planned {
  const planned = readQuestion(question, vocabulary, today);
  if (planned.ok || planned.unknown.length === 0) return planned;
  // A capitalised word inside the question reads as a name: say that no one and nothing is called that.
  const names = planned.unknown.filter(
    (word) =>
      new RegExp(`(?<=\\S\\s+)${escapeRegExp(word)}(?![\\p{L}\\d])`, 'u').test(question) && /^\p{Lu}/u.test(word),
  );
  const reason =
    planned.reason ??
    (names.length > 0
      ? `no person, merchant or category is called ${names.map((n) => `"${n}"`).join(' or ')}`
      : undefined);
  return { ...planned, reason, suggestion: suggest(question, planned.unknown, vocabulary, today) };
}

/** The question without the words that were not understood, when that can be answered. */
function suggest(question: string, unknown: string[], vocabulary: Vocabulary, today: Date): string | undefined {
  let text = question;
  for (const word of unknown) {
    text = text.replace(new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(word)}(?![\\p{L}\\d])`, 'iu'), ' ');
  }
  text = text
    .replace(/\b(did|do|does|have|has)\s+(spend|spent|pay|paid|buy|bought)\b/gi, '$1 we $2')
    .replace(/\s+([?,.!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text || text === question.trim()) return undefined;
  const again = readQuestion(text, vocabulary, today);
  return again.ok && !again.guessedText ? text : undefined;
}

function readQuestion(question: string, vocabulary: Vocabulary, today: Date): Planned {
  const state = { text: normalise(question) };
  const filters = emptyFilters();
  const notes: string[] = [];
  const periodOptions = { fiscalYearStart: vocabulary.fiscalYearStart };

  // "compare September and October", "this month vs last month": two periods, both figures and the change.
  const comparing = take(
    state,
    /\b(?:compare[ds]?|comparing|comparison\s+of|vs|versus|compared\s+(?:to|with)|as\s+against|against|relative\s+to)\b/,
  );
  const first = takePeriod(state.text, today, periodOptions);
  state.text = first.rest;
  let second: Period | null = null;
  if (comparing) {
    const found = takePeriod(state.text, today, periodOptions);
    state.text = found.rest;
    second = found.period;
    if (!first.period || !second)
      return { ok: false, unknown: [comparing[0].trim()], reason: 'compare needs two periods' };
    take(state, /\b(?:compare[ds]?|vs|versus|with|to|and|against)\b/);
  }
  const period = first.period;
  if (period) {
    filters.from = period.from;
    filters.to = period.to;
  }

  for (const [symbol, code] of Object.entries(currencySymbols)) {
    if (state.text.includes(symbol)) filters.currency = code;
  }
  for (const [pattern, code] of currencyWords) {
    const found = take(state, pattern);
    if (found) filters.currency = code || found[1]!.toUpperCase();
  }
  const amountPattern = "[€$£¥]?\\s*(\\d[\\d,.' ]*\\d|\\d)\\s*[€$£¥]?";
  const above = take(
    state,
    new RegExp(
      `\\b(?:over|above|more\\s+than|greater\\s+than|larger\\s+than|bigger\\s+than|higher\\s+than|exceeding|>)\\s*${amountPattern}`,
    ),
  );
  const below = take(
    state,
    new RegExp(`\\b(?:under|below|less\\s+than|smaller\\s+than|lower\\s+than|cheaper\\s+than|<)\\s*${amountPattern}`),
  );
  for (const [found, side] of [
    [above, 'above'],
    [below, 'below'],
  ] as const) {
    if (!found) continue;
    const amount = amountOf(found[1]!.trim());
    if (amount === 'ambiguous') {
      return {
        ok: false,
        unknown: [found[1]!],
        reason: `"${found[1]}" could be read two ways: write it as 1234 or 1,234.00`,
      };
    }
    if (!amount) return { ok: false, unknown: [found[0].trim()] };
    filters[side] = amount;
  }
  state.text = state.text.replace(/[€$£¥]/g, ' ');

  // "did anyone buy a monitor", "receipts mentioning parking": a word to look for in the receipts.
  const searched = take(
    state,
    /\b(?:buy|bought|buying|purchased?|mentioning|mention|containing|with\s+the\s+word|that\s+say|saying)\s+(?:an?\s+|any\s+|the\s+|some\s+|new\s+)?"?(?!(?:from|at|in|on|for|with|this|that|last|anything|something|it|them|any|more|less|over|under|since|between)\b)([\p{L}][\p{L}\d-]{1,40})"?/u,
  );

  // "unconfirmed", "needing review", "still to check": the receipts nobody has confirmed yet.
  if (
    take(
      state,
      /\b(?:unconfirmed|not\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|reviewed|checked)|unreviewed|unchecked|(?:that\s+)?(?:still\s+)?needs?\s+(?:a\s+)?(?:review(?:ing)?|checking|to\s+be\s+(?:reviewed|checked|confirmed))|needing\s+(?:a\s+)?review|(?:still\s+)?(?:to|for)\s+(?:be\s+)?review(?:ed)?|awaiting\s+(?:review|confirmation)|waiting\s+(?:for\s+)?(?:review|confirmation)|pending(?:\s+review)?|under\s+review|flagged|(?:still\s+)?to\s+(?:be\s+)?(?:check(?:ed)?|confirm(?:ed)?))\b/,
    )
  ) {
    filters.statuses = ['needs_review'];
  } else if (take(state, /\b(?:confirmed|reviewed|checked)\b/)) {
    filters.statuses = ['confirmed'];
  }

  let limit: number | null = null;
  let ascending = false;
  const limitTo = (asked: number) => {
    if (asked > maxListed)
      notes.push(`I list at most ${maxListed}, so here are the first ${maxListed} of the ${asked} asked for.`);
    limit = Math.max(1, Math.min(asked, maxListed));
  };
  // Measures that are not plain totals come first: "how many different suppliers", "average per person".
  let measure: Measure | null = null;
  // "average (travel) spend per person", "per head": the total shared among the people who spent.
  const perPerson =
    /\b(?:average|avg|mean)\b(?:\s+(?!receipts?\b)[\p{L}-]+){0,3}?\s+(?:per|for\s+each|by)\s+(?:person|employee|head|staff\s+member|user|team\s+member)\b/u;
  if (perPerson.test(state.text)) {
    take(state, /\b(?:on\s+)?(?:average|avg|mean)\b/);
    take(state, /\b(?:per|for\s+each|by)\s+(?:person|employee|head|staff\s+member|user|team\s+member)\b/);
    measure = 'per_person';
  } else if (take(state, /\bper\s+(?:head|capita)\b/)) measure = 'per_person';
  for (const [pattern, found] of measureWords.slice(0, 2)) {
    if (take(state, pattern)) {
      measure ??= found;
      while (take(state, pattern)) {}
    }
  }

  let groupBy: Grouping | null = null;
  const named = (word: string) => groupWords[word.replace(/\s+/g, ' ')] ?? null;
  const top = take(state, new RegExp(`\\b(top|bottom)(?:\\s+${limitPattern})?(?:\\s+(${groupWordPattern}))?\\b`));
  if (top) {
    ascending = top[1] === 'bottom';
    limitTo(top[2] ? limitOf(top[2]) : 5);
    if (top[3]) groupBy = named(top[3]);
  }
  // "biggest supplier", "3 largest vendors", "top spender": a ranking of totals.
  const ranked = take(
    state,
    new RegExp(
      `\\b(?:${limitPattern}\\s+)?(?:biggest|largest|highest|top|main)\\s+(spenders?|suppliers?|vendors?|merchants?|categor(?:y|ies)|shops?|stores?)\\b`,
    ),
  );
  if (ranked) {
    groupBy = named(ranked[2]!) ?? 'employee';
    measure ??= 'total';
    if (ranked[1]) limitTo(limitOf(ranked[1]));
    else if (!limit) limitTo(/(?:s|ies)$/.test(ranked[2]!) ? 5 : 1);
  }
  // "the 10 largest receipts", "5 cheapest purchases".
  const counted = take(
    state,
    new RegExp(`\\b${limitPattern}\\s+(biggest|largest|most\\s+expensive|highest|smallest|cheapest|lowest)\\b`),
  );
  if (counted) {
    limitTo(limitOf(counted[1]!));
    ascending = /smallest|cheapest|lowest/.test(counted[2]!);
    measure ??= ascending ? 'min' : 'max';
  }

  const grouped = take(
    state,
    new RegExp(
      `\\b(?:(?:broken|break(?:\\s+(?:it|that|this|them))?|split|grouped|sorted|ranked)\\s+(?:down\\s+)?(?:by|per|into)|by|per|for\\s+each|for\\s+every|each|every|across)\\s+(${groupWordPattern})\\b`,
    ),
  );
  if (grouped) groupBy = named(grouped[1]!) ?? groupBy;
  const adverb = take(state, /\b(daily|weekly|monthly|quarterly|yearly|annually|annual)\b/);
  if (adverb && !groupBy) groupBy = adverbGroups[adverb[1]!]!;
  const which = take(
    state,
    new RegExp(
      `\\b(?:which|what)\\s+(?:(?:single|one)\\s+)?(${groupWordPattern})\\b|\\bin\\s+which\\s+(${groupWordPattern})\\b`,
    ),
  );
  if (which && !groupBy) groupBy = named(which[1] ?? which[2]!);
  if (take(state, /\bwho\b/) && !groupBy) groupBy = 'employee';
  if (take(state, /\bwhere\b/) && !groupBy) groupBy = 'merchant';
  if (top && !groupBy && !top[3]) {
    const subject = take(state, new RegExp(`\\b(${groupWordPattern})\\b`));
    groupBy = subject ? named(subject[1]!) : null;
    // "top 10 receipts": the largest receipts.
    if (!groupBy && /\breceipts?\b|\bexpenses?\b|\bpurchases?\b/.test(state.text))
      measure ??= ascending ? 'min' : 'max';
    else if (!groupBy) return { ok: false, unknown: [top[0]] };
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
        if (!filters.employees.includes(person.id)) filters.employees.push(person.id);
        break;
      }
    }
  }
  const categories = categoryMatcher(vocabulary);
  for (let found = take(state, categories.pattern); found; found = take(state, categories.pattern)) {
    const word = found[1]!.replace(/\s+/g, ' ');
    const category = categories.words.get(word)!;
    if (!filters.categories.includes(category)) filters.categories.push(category);
    if (word !== category && !category.startsWith(word) && !word.startsWith(category)) {
      notes.push(`Read "${word}" as the category ${category}.`);
    }
  }
  if (searched) {
    if (categories.words.has(searched[1]!)) {
      const category = categories.words.get(searched[1]!)!;
      if (!filters.categories.includes(category)) filters.categories.push(category);
    } else filters.text = searched[1]!;
  }

  for (const [pattern, found] of measureWords) {
    if (!take(state, pattern)) continue;
    measure ??= found;
    // "how much on average" is an average, "biggest total" a maximum: the first, more specific word wins.
    while (take(state, pattern)) {}
  }
  const most = take(state, /\b(?:the\s+)?(most|least)\b/);
  if (most) {
    if (!groupBy) return { ok: false, unknown: [most[0].trim()] };
    if (!limit) limitTo(1);
    ascending = most[1] === 'least';
  }

  let guessedText = false;
  let unknown = leftOver(state.text);
  if (unknown.length > 0) {
    unknown = resolveNames(unknown, vocabulary, filters, notes);
  }
  if (unknown.length === 1 && !filters.text && !neverGuessed.has(unknown[0]!)) {
    // "how much did we spend on coffee": a word after on/for/at is looked for in the receipts.
    const word = unknown[0]!;
    if (
      word.length >= 3 &&
      /^\p{L}[\p{L}-]*$/u.test(word) &&
      new RegExp(
        `\\b(?:on|for|at|from|with|about|of)\\s+(?:the\\s+|a\\s+|an\\s+|some\\s+|any\\s+)?${escapeRegExp(word)}\\b`,
      ).test(normalise(question))
    ) {
      filters.text = word;
      guessedText = true;
      unknown = [];
      notes.push(`Looked for "${word}" in merchants, line items and receipt text.`);
    }
  }
  if (unknown.length > 0) return { ok: false, unknown: originalWords(unknown, question) };

  // "travel in October", "Ada last month": something to count and nothing else is a total.
  const namedCount = filters.categories.length + filters.merchants.length + filters.employees.length;
  if (!measure && filters.text) measure = 'list';
  // "receipts under 5 euros this year", "Ada's receipts from last week": the receipts themselves.
  if (!measure && /\breceipts?\b/.test(normalise(question)) && !groupBy) measure = 'list';
  if (!measure && filters.statuses[0] === 'needs_review') measure = 'count';
  if (!measure && (groupBy || limit || namedCount > 0 || filters.currency || period)) measure = 'total';
  if (!measure) return { ok: false, unknown: [] };
  if (measure === 'list' && groupBy) measure = 'total';
  if (second) {
    if (groupBy || measure === 'list' || measure === 'max' || measure === 'min') {
      return { ok: false, unknown: [comparing![0].trim()], reason: 'I compare one figure per period, not tables' };
    }
  }

  return {
    ok: true,
    plan: {
      measure,
      groupBy,
      filters,
      ascending,
      limit,
      compare: second ? { from: second.from, to: second.to, label: second.label } : null,
    },
    period: period?.label ?? null,
    notes,
    guessedText,
  };
}

function leftOver(text: string): string[] {
  return text.split(/[^\p{L}\p{N}'-]+/u).filter((word) => word && !filler.has(word) && !/^[-']+$/.test(word));
}

/** Words that name part of a merchant ("hilton" for "Hilton Lisbon") or a person's last name, added as filters. */
function resolveNames(
  words: string[],
  vocabulary: Vocabulary,
  filters: ReturnType<typeof emptyFilters>,
  notes: string[],
): string[] {
  const left: string[] = [];
  for (const word of words) {
    if (word.length < 3 || commonNameWords.has(word) || neverGuessed.has(word) || /^\d/.test(word)) {
      left.push(word);
      continue;
    }
    const tokenOf = (name: string) => name.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    const people = vocabulary.people.filter((person) => tokenOf(person.name).includes(word));
    if (people.length === 1) {
      if (!filters.employees.includes(people[0]!.id)) filters.employees.push(people[0]!.id);
      notes.push(`Read "${word}" as ${people[0]!.name}.`);
      continue;
    }
    const merchants = vocabulary.merchants.filter((merchant) => tokenOf(merchant).includes(word));
    if (merchants.length >= 1 && merchants.length <= 3 && people.length === 0) {
      for (const merchant of merchants) if (!filters.merchants.includes(merchant)) filters.merchants.push(merchant);
      notes.push(`Read "${word}" as the merchant${merchants.length > 1 ? 's' : ''} ${merchants.join(', ')}.`);
      continue;
    }
    left.push(word);
  }
  return left;
}

/** The unknown words as the asker wrote them ("Mallory", not "mallory"). */
function originalWords(words: string[], question: string): string[] {
  return words.map((word) => {
    const found = new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(word)}(?![\\p{L}\\d])`, 'iu').exec(question);
    return found ? found[0] : word;
  });
}

export function createOfflinePlanner(): Planner {
  return {
    name: 'offline',
    async plan(question, vocabulary, today) {
      return { ...planOffline(question, vocabulary, today), planner: 'offline' };
    },
  };
}
