// The currency a receipt is in, and how we know it. A currency is a fact only when the receipt shows
// it: printed (a code or symbol beside amounts, a column header, "Fr." in Switzerland), or inferred
// from where the receipt comes from (country names, phone prefixes, VAT ids, company forms). With no
// evidence, DEFAULT_CURRENCY is an assumption; with no default either, the currency stays unknown.
// Both engines use this: the offline one to read the currency, the LLM's post-check to judge its answer.
import { tenderedWords, totalWords } from './offline/keywords.ts';
import { keywordText } from './offline/lines.ts';

export type CurrencySource = 'printed' | 'inferred' | 'assumed';

export interface CurrencyReading {
  code: string;
  source: CurrencySource;
  /** 0..1; below `trustedCurrency` the receipt needs a human look (checks.ts). */
  confidence: number;
}

/** A currency reading below this confidence is not trusted: the receipt goes to review. */
export const trustedCurrency = 0.5;

const amount = String.raw`\s?-?\d`;
const afterAmount = String.raw`\d[.,]\d{2}-?\s?`;
/** Symbols OCR also reads into noise ("£" for "E", "¥" for "Y"): weighed by where they stand. */
const symbols: [symbol: string, code: string][] = [
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['[¥円]', 'JPY'],
  ['₹', 'INR'],
  ['฿', 'THB'],
  ['₱', 'PHP'],
];
/** Codes and local abbreviations, rarely misread: beside an amount, or alone (a column header). */
const codes: [pattern: string, code: string, alone: number][] = [
  ...['EUR', 'GBP', 'CHF', 'MYR'].map((code): [string, string, number] => [code, code, 2.5]),
  ...['JPY', 'INR', 'IDR', 'THB', 'PHP', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF'].map(
    // Also words or abbreviations ("SEK." for Seksyen): weaker alone.
    (code): [string, string, number] => [code, code, 2],
  ),
  ['EUROS?', 'EUR', 2.5],
  ['RM', 'MYR', 2.5],
  ['S?FR\\.', 'CHF', 2.5],
  ['RP\\.?', 'IDR', 1],
  ['S\\$|SGD', 'SGD', 3],
  ['A\\$|AUD', 'AUD', 3],
  ['C\\$|CA\\$|CAD', 'CAD', 3],
  ['NZ\\$|NZD', 'NZD', 3],
  ['HK\\$|HKD', 'HKD', 3],
  ['US\\$|USD', 'USD', 3],
];
const besideAmount = (sign: string) => new RegExp(`${sign}${amount}|${afterAmount}(?:${sign})(?![A-Z])`);
const symbolSigns = symbols.map(([symbol, code]) => ({
  code,
  beside: besideAmount(symbol),
  alone: new RegExp(symbol),
}));
const codeSigns = codes.map(([pattern, code, alone]) => ({
  code,
  alone,
  beside: besideAmount(`\\b(?:${pattern})`),
  word: new RegExp(`\\b(?:${pattern})(?![A-Z])`),
}));
/** Lines where a currency sign is a statement: the total and the payment. */
const totalOrPayment = new RegExp(`${totalWords}|${tenderedWords}`);
const dollarSign = new RegExp(String.raw`\$${amount}|${afterAmount}\$`);
const dollarCurrencies = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD'];

/** Where the receipt comes from: [pattern, currency]. Each kind of evidence found counts once. */
const countrySigns: [RegExp, string][] = [
  [/\bS[D0O]N\.?\s?B[H8]D\b|\bBHD\b|\bBERHAD\b|\bMALAYSIA\b|\+\s?60\s?\d/, 'MYR'],
  [/\b(?:JALAN|JLN|LORONG|TAMAN|KAMPUNG)\b/, 'MYR'],
  [
    /\b(?:SELANGOR|JOHOR|KUALA LUMPUR|PULAU PINANG|PENANG|PERAK|KEDAH|MELAKA|SABAH|SARAWAK|PAHANG|NEGERI SEMBILAN|TERENGGANU|KELANTAN|PUTRAJAYA)\b/,
    'MYR',
  ],
  [/\bPTE\.?\s?LTD\b|\bSINGAPORE\b|\+\s?65\s?\d/, 'SGD'],
  [
    /\b(?:FRANCE|DEUTSCHLAND|GERMANY|ESPANA|SPAIN|ITALIA|ITALY|NEDERLAND|BELGIQUE|BELGIE|OSTERREICH|AUSTRIA|PORTUGAL|IRELAND|EIRE|LUXEMBOURG|FINLAND|SUOMI)\b/,
    'EUR',
  ],
  [/\+\s?(?:33|49|34|39|31|32|43|351|352|353|358|30)[\s\d]/, 'EUR'],
  [
    /\b(?:FR\s?\d{2}\s?\d{3}\s?\d{3}\s?\d{3}|DE\s?\d{9}|ES\s?[A-Z\d]\d{7}[A-Z\d]|IT\s?\d{11}|NL\s?\d{9}\s?B\s?\d{2}|BE\s?0\d{9}|ATU\s?\d{8}|IE\s?\d{7}[A-Z]{1,2})\b/,
    'EUR',
  ],
  [/\bSIRE[NT]\b|TVA\s?INTRACOM|\bUST-?ID|\bP\.?\s?IVA\b|PARTITA IVA|\bKVK\b|\bCIF\b/, 'EUR'],
  [/\b(?:SCHWEIZ|SUISSE|SVIZZERA|SWITZERLAND)\b|\+\s?41\s?\d|\bCHE-?\s?\d{3}\.?\d{3}\.?\d{3}\b/, 'CHF'],
  [/\b(?:UNITED KINGDOM|ENGLAND|SCOTLAND|WALES)\b|\+\s?44\s?\d|\bGB\s?\d{3}\s?\d{4}\s?\d{2}\b/, 'GBP'],
  [/\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/, 'GBP'],
  [/\bINDIA\b|\bGSTIN\b|\+\s?91\s?\d/, 'INR'],
  [/\bINDONESIA\b|\+\s?62\s?\d/, 'IDR'],
  [/\bTHAILAND\b|\+\s?66\s?\d/, 'THB'],
  [/\bPHILIPPINES\b|\+\s?63\s?\d/, 'PHP'],
  [/\bJAPAN\b|\+\s?81\s?\d|日本/, 'JPY'],
  [/\bAUSTRALIA\b|\bABN\b|\+\s?61\s?\d/, 'AUD'],
  [/\bCANADA\b/, 'CAD'],
  [/\bNEW ZEALAND\b|\+\s?64\s?\d/, 'NZD'],
  [
    /\b(?:USA|UNITED STATES)\b|,\s?(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY),?\s\d{5}(?:-\d{4})?\b/,
    'USD',
  ],
];

function tally(entries: Iterable<[string, number]>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [code, weight] of entries) totals.set(code, (totals.get(code) ?? 0) + weight);
  return totals;
}

function best(totals: Map<string, number>): [code: string, weight: number, runnerUp: number] | null {
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first ? [first[0], first[1], second?.[1] ?? 0] : null;
}

/** Every sign of a currency printed on the receipt, weighed, per line. */
function printedEvidence(lines: string[]): Map<string, number> {
  return tally(
    lines.flatMap((line) => {
      const found = new Map<string, number>();
      const keep = (code: string, weight: number) => found.set(code, Math.max(found.get(code) ?? 0, weight));
      for (const sign of codeSigns) {
        if (sign.beside.test(line)) keep(sign.code, 3);
        else if (sign.word.test(line)) keep(sign.code, sign.alone);
      }
      for (const sign of symbolSigns) {
        if (!sign.alone.test(line)) continue;
        // On the total or payment line, or alone as a column header: printed for a reason.
        if (totalOrPayment.test(line) || /^\W*$/.test(line.replace(sign.alone, ''))) keep(sign.code, 3);
        else keep(sign.code, sign.beside.test(line) ? 1.5 : 0.5);
      }
      return [...found.entries()];
    }),
  );
}

function countryEvidence(text: string): Map<string, number> {
  return tally(countrySigns.filter(([pattern]) => pattern.test(text)).map(([, code]) => [code, 1]));
}

/** Country evidence weighs as much as a code printed without an amount beside it. */
const countryWeight = 2;

/** The currency of a receipt's text; null when it shows none and no default is configured. */
export function readCurrency(text: string, defaultCurrency?: string): CurrencyReading | null {
  const lines = keywordText(text).split('\n');
  const printed = printedEvidence(lines);
  const country = countryEvidence(lines.join('\n'));
  const combined = tally([
    ...printed.entries(),
    ...[...country.entries()].map(([code, count]): [string, number] => [code, countryWeight * count]),
  ]);
  const leader = best(combined);
  if (leader && (printed.get(leader[0]) ?? 0) >= 2 && leader[1] > leader[2]) {
    const [code, weight, runnerUp] = leader;
    // Another currency's signs nearly as strong (OCR reads RM as ¥, S as $): a guess, not a fact.
    const margin = weight - runnerUp;
    return { code, source: 'printed', confidence: margin >= 3 ? 0.9 : margin >= 1.5 ? 0.75 : 0.45 };
  }
  const fromCountry = best(country);
  const countryCode = fromCountry && fromCountry[1] > fromCountry[2] ? fromCountry[0] : null;
  const dollars = lines.some((line) => dollarSign.test(line));
  if (dollars && (countryCode === null || dollarCurrencies.includes(countryCode))) {
    // "$" says dollars, not which: the country, else a default in dollars, else a guess.
    if (countryCode) return { code: countryCode, source: 'printed', confidence: 0.8 };
    if (defaultCurrency && dollarCurrencies.includes(defaultCurrency)) {
      return { code: defaultCurrency, source: 'assumed', confidence: 0.6 };
    }
    return { code: 'USD', source: 'assumed', confidence: 0.4 };
  }
  if (countryCode) {
    const count = fromCountry![1];
    return { code: countryCode, source: 'inferred', confidence: count >= 2 && !dollars ? 0.75 : 0.65 };
  }
  if (!defaultCurrency) return null;
  // Nothing on the receipt says otherwise: the configured currency, trusted. A stray sign of another
  // currency, or a country that does not settle it, makes it a guess.
  const contrary = [...combined.keys()].some((code) => code !== defaultCurrency) || dollars;
  return { code: defaultCurrency, source: 'assumed', confidence: contrary ? 0.4 : 0.6 };
}
