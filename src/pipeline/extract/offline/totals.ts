// Total, subtotal, tax, tip and payment method from the lines near their keywords, cross-checked:
// a total that equals subtotal + tax, or what was tendered minus the change, or that is printed more
// than once, is believed over one that stands alone. The words are in keywords.ts.
import { absCents } from '../../../money.ts';
import { findAmounts, lineValue } from './amounts.ts';
import { valuesBelowLabels } from './columns.ts';
import {
  cashWords,
  changeWords,
  discountWords,
  finalTotalWords,
  notMoneyWords,
  roundingWords,
  subtotalWords,
  T,
  taxWords,
  tenderedWords,
  tipWords,
  totalWords,
} from './keywords.ts';
import { letterShare, type TextLine } from './lines.ts';
import { findVat } from './vat.ts';

const subtotalPattern = new RegExp(subtotalWords);
const totalPattern = new RegExp(totalWords);
const finalTotalPattern = new RegExp(finalTotalWords);
const taxWord = '(?:GST|TAX|VAT|SST|TVA|MWST|IVA|BTW|UST)';
const notTotalPattern = new RegExp(
  [
    `${T}\\s*(?:QTY|QUANTITY|ITEM|PCS|UNIT|DISC|SAV|${taxWord}|POINT|WEIGHT|NO\\b)`,
    `${taxWord}\\s*(?:GESAMT|${T}|SUMME)`,
    // Per-rate group totals ("Total 6% supplies (Inc. GST)"): parts of the receipt, not its total.
    `${T}\\s*\\d{1,2}(?:\\.\\d+)?\\s*%`,
    'MONTANT\\s*(?:TVA|HT)',
    discountWords,
    changeWords,
    notMoneyWords,
    cashWords,
  ].join('|'),
);
const taxPattern = new RegExp(taxWords);
const notTaxPattern =
  /TAX\s*INV|INVOICE|(?:GST|SST|VAT|TAX)\s*(?:REG|ID|NO\b|NUM|#|:\s*\d{4,}(?![\d.,]))|REG\w*\s*NO|(?:AMOUNT|PRICE|SALES?)\s*\(?INCL|\bEXCL?\b|SUMMARY|\bCODE\b|AMOUNT\s*\(?RM|TOTAL(?!\s*(?:GST|SST|VAT|TAX)\b(?!\s*\(?INC))/;
const tipPattern = new RegExp(tipWords);
/** "GST SUMMARY": the tax table under the total, whose TOTAL row sums its columns, not the receipt. */
const taxSummaryPattern = /\b(?:GST|SST|VAT|TAX)\s*SUMMARY\b/;
const taxSummaryLines = 6;
const discountPattern = new RegExp(discountWords);
const roundingPattern = new RegExp(roundingWords);
const tenderedPattern = new RegExp(tenderedWords);
const changePattern = new RegExp(changeWords);
const cashPattern = new RegExp(cashWords);

const paymentMethods: [RegExp, string][] = [
  [/\bVISA\b/, 'visa'],
  [/MASTER\s*CARD|\bMASTER\b/, 'mastercard'],
  [/\bAMEX\b|AMERICAN EXPRESS/, 'amex'],
  [/DEBIT|\bEC\b|GIROCARD|BANCOMAT|\bPIN\b|PINBETALING/, 'debit card'],
  [/CREDIT\s*CARD/, 'credit card'],
  [/GRAB\s*PAY|TOUCH\s*'?N\s*GO|E-?WALLET|BOOST|APPLE\s*PAY|GOOGLE\s*PAY|PAYPAL/, 'e-wallet'],
  [/\bCB\b|\bCARTE\b|KARTE|TARJETA|\bCARTA\b|CONTACTLESS|SANS\s*CONTACT|\bCARD\b/, 'card'],
  [/\bCASH\b|ESPECES|\bBAR\b|EFECTIVO|CONTANT/, 'cash'],
];

export interface FoundAmount {
  cents: bigint;
  confidence: number;
}

export interface Totals {
  total: FoundAmount | null;
  subtotal: FoundAmount | null;
  tax: FoundAmount | null;
  tip: FoundAmount | null;
  paymentMethod: string | null;
  /** Index of the first line of the totals block: line items end before it. */
  firstTotalsLine: number;
  /** What else on the receipt agrees with the total: empty when it stands alone. */
  evidence: TotalEvidence[];
}

export type TotalEvidence = 'repeated' | 'subtotal' | 'paid' | 'sum' | 'rounding' | 'nearby' | 'vat';

/** The amount a keyword line states: on the line itself, in a column read after it, or alone on the next line. */
function keywordValue(lines: TextLine[], index: number): bigint | undefined {
  const line = lines[index];
  if (!line) return undefined;
  const own = lineValue(line.text);
  if (own) return own.cents;
  const columned = valuesBelowLabels(lines).get(line.index);
  if (columned !== undefined) return columned;
  const next = lines[index + 1];
  if (next && letterShare(next.text) < 0.3) return lineValue(next.text)?.cents;
  return undefined;
}

function valuesOn(lines: TextLine[], matches: (line: TextLine) => boolean): { cents: bigint; line: TextLine }[] {
  return lines.flatMap((line) => {
    if (!matches(line)) return [];
    const cents = keywordValue(lines, line.index);
    return cents === undefined ? [] : [{ cents, line }];
  });
}

/** Score of an amount that is only the largest on the receipt, and the confidence of such a guess. */
const largestOnly = 3;
/** Cash rounding moves a total by at most this many cents (to 0.05, up or down). */
const maxCashRounding = 4n;
const guessedTotal = 0.25;

/** How many digits differ between two amounts of the same length (how OCR garbles one); Infinity otherwise. */
function digitsApart(a: bigint, b: bigint): number {
  const x = a.toString();
  const y = b.toString();
  if (x.length !== y.length) return Number.POSITIVE_INFINITY;
  return [...x].filter((digit, i) => digit !== y[i]).length;
}

export function findTotals(lines: TextLine[]): Totals {
  const vat = findVat(lines);
  const summaryStarts = lines.filter((line) => taxSummaryPattern.test(line.upper)).map((line) => line.index);
  const inVatTable = (line: TextLine) =>
    vat.tableLines.has(line.index) ||
    summaryStarts.some((start) => line.index > start && line.index <= start + taxSummaryLines);
  const isSubtotal = (line: TextLine) => subtotalPattern.test(line.upper) && !inVatTable(line);
  const isTotal = (line: TextLine) =>
    totalPattern.test(line.upper) && !isSubtotal(line) && !notTotalPattern.test(line.upper) && !inVatTable(line);
  const isTax = (line: TextLine) => taxPattern.test(line.upper) && !notTaxPattern.test(line.upper) && !inVatTable(line);

  const subtotals = valuesOn(lines, isSubtotal).filter((value) => value.cents > 0n);
  const taxes = valuesOn(lines, isTax).filter((value) => value.cents >= 0n);
  const tips = valuesOn(lines, (line) => tipPattern.test(line.upper)).filter((value) => value.cents > 0n);
  // Discounts printed as -2,50, 2,50- or 2,50: each takes its amount off.
  const discounts = valuesOn(lines, (line) => discountPattern.test(line.upper) && !isTotal(line));
  const discounted = discounts.reduce((sum, { cents }) => sum - (cents < 0n ? -cents : cents), 0n);
  const roundings = valuesOn(lines, (line) => roundingPattern.test(line.upper) && !isTotal(line));
  const tendered = valuesOn(lines, (line) => tenderedPattern.test(line.upper) && !changePattern.test(line.upper));
  const changes = valuesOn(lines, (line) => changePattern.test(line.upper)).filter((value) => value.cents >= 0n);
  const keywordTotals = valuesOn(lines, isTotal).filter((value) => value.cents > 0n);

  const allValues = lines.flatMap((line) => {
    const value = lineValue(line.text);
    return value ? [value.cents] : [];
  });
  const paid = new Set(tendered.flatMap((t) => changes.filter((c) => c.cents < t.cents).map((c) => t.cents - c.cents)));

  const subtotal = subtotals[0]?.cents ?? null;
  const rounding = roundings.find((value) => value.cents > -100n && value.cents < 100n)?.cents ?? 0n;
  const tip = tips[0]?.cents ?? 0n;
  const sums = new Set<bigint>();
  const addSum = (cents: bigint) => {
    sums.add(cents);
    // OCR loses the sign of a rounding line ("(0.02)", "-0.01" read as 0.01): either way.
    sums.add(cents + rounding);
    sums.add(cents - rounding);
  };
  if (subtotal !== null) {
    const extras = [0n, ...taxes.map((tax) => tax.cents), ...(vat.tax === null ? [] : [vat.tax])];
    for (const tax of extras) addSum(subtotal + tax + tip);
    // Subtotals with tax included, then a discount (Zw.-Summe, Rabatt, Summe).
    if (discounted !== 0n) addSum(subtotal + discounted + tip);
  }
  // A total before the tip, plus the tip.
  if (tip > 0n) for (const { cents } of keywordTotals) addSum(cents + tip);
  // What the VAT table's rows add up to (the goods; a tip comes on top): support, never a correction.
  const vatGross = new Set(vat.gross === null ? [] : [vat.gross, vat.gross + tip, vat.gross + rounding]);

  const scores = new Map<bigint, number>();
  const bump = (cents: bigint, points: number) => scores.set(cents, (scores.get(cents) ?? 0) + points);
  const firstRounding = roundings[0]?.line.index ?? lines.length;
  const keywordScores = new Map<bigint, number>();
  keywordTotals.forEach(({ cents, line }, rank) => {
    const score = 10 + (finalTotalPattern.test(line.upper) ? 3 : 0) + (line.index > firstRounding ? 2 : 0) + rank * 0.1;
    keywordScores.set(cents, Math.max(keywordScores.get(cents) ?? 0, score));
  });
  // The rounded total: printed below the rounding line, a total above it rounded. OCR loses the sign of a
  // rounding ("(0.02)" or "-0.01" read as 0.01), so either way; its label may be misread ("Totel Amt
  // Payable"), so the amount on the three lines below the rounding line counts as a total too.
  const afterRounding = new Set<bigint>();
  const roundingLine = roundings.find((value) => value.cents === rounding)?.line.index ?? lines.length;
  const above = keywordTotals.filter((total) => total.line.index < roundingLine);
  const rounded = new Set(rounding ? above.flatMap(({ cents }) => [cents + rounding, cents - rounding]) : []);
  for (const { cents, line } of keywordTotals)
    if (line.index > roundingLine && rounded.has(cents)) afterRounding.add(cents);
  // "Rounding RM 42.35" under "Total 42.33": a rounding line that states the rounded total.
  for (const value of roundings) {
    if (value.cents < 100n || value.cents % 5n !== 0n || keywordScores.has(value.cents)) continue;
    const base = keywordTotals.find(
      (total) => total.line.index < value.line.index && absCents(total.cents - value.cents) <= maxCashRounding,
    );
    if (!base) continue;
    afterRounding.add(value.cents);
    keywordScores.set(value.cents, (keywordScores.get(base.cents) ?? 0) + 2);
  }
  for (const line of lines.slice(roundingLine + 1, roundingLine + 4)) {
    const cents = lineValue(line.text)?.cents;
    if (cents === undefined || !rounded.has(cents) || keywordScores.has(cents)) continue;
    afterRounding.add(cents);
    keywordScores.set(cents, Math.max(...above.map((total) => keywordScores.get(total.cents) ?? 0)));
  }
  const firstKeywordTotal = keywordTotals[0]?.line.index ?? lines.length;
  // Two amounts printed near the total that add up to it: amount and tax by other names (a tax summary).
  const nearbySums = new Set(sumsAround(lines, firstKeywordTotal));
  const itemSums = new Set(runningSumsAbove(lines, firstKeywordTotal));
  const evidenceFor = (cents: bigint): [TotalEvidence, number][] =>
    [
      ['repeated', Math.min(allValues.filter((value) => value === cents).length - 1, 2)] as [TotalEvidence, number],
      ['paid', paid.has(cents) ? 5 : 0] as [TotalEvidence, number],
      // The subtotal printed again is no sum: it confirms no more than a repeated amount does.
      [cents === subtotal ? 'subtotal' : 'sum', sums.has(cents) ? 4 : 0] as [TotalEvidence, number],
      ['rounding', afterRounding.has(cents) ? 3 : 0] as [TotalEvidence, number],
      ['nearby', nearbySums.has(cents) ? 2 : 0] as [TotalEvidence, number],
      ['vat', vatGross.has(cents) ? 3 : 0] as [TotalEvidence, number],
    ].filter(([, points]) => points > 0);
  const support = (cents: bigint) => evidenceFor(cents).reduce((sum, [, points]) => sum + points, 0);
  for (const [cents, score] of keywordScores) bump(cents, score + support(cents));

  // A total below the subtotal is misread (digits dropped: "2.05" for 22.25); an amount tendered with
  // no change, within tax and service charges above the subtotal, is what the total said.
  const paidInsteadOfBelowSubtotal = (best: bigint) =>
    subtotal !== null && best < subtotal && changes.every((change) => change.cents === 0n)
      ? tendered.find(({ cents }) => cents >= subtotal && cents * 4n <= subtotal * 5n)?.cents
      : undefined;
  // The keyword total agrees with nothing else: a derived value a digit or two away is that number misread.
  const best = [...keywordScores.keys()].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0))[0];
  // Cash paid with change, a few cents from the total and a multiple of 0.05: the total rounded for cash.
  const cashRounded =
    best === undefined || paid.has(best)
      ? undefined
      : [...paid].find((cents) => cents !== best && cents % 5n === 0n && absCents(cents - best) <= maxCashRounding);
  if (best !== undefined && cashRounded !== undefined) bump(cashRounded, (scores.get(best) ?? 0) + 1);
  if (best !== undefined && support(best) === 0) {
    const nearTotal = keywordTotals.find((value) => value.cents === best)?.line.index ?? lines.length;
    // Two item prices that happen to add up near the total say nothing when all the items add up to it.
    const pairs = itemSums.has(best) ? [] : pairSums(lines, nearTotal);
    const derived = [...paid, ...sums, ...pairs];
    const fix =
      derived.find((cents) => cents !== best && digitsApart(cents, best) <= 2) ?? paidInsteadOfBelowSubtotal(best);
    if (fix !== undefined) bump(fix, (scores.get(best) ?? 0) + 1);
  }
  const fromKeywords = scores.size > 0;
  if (!fromKeywords) {
    for (const cents of paid) bump(cents, 6);
    for (const cents of sums) bump(cents, 4);
    for (const cents of vatGross) bump(cents, 3);
    // Paid by card with no change: the card was charged the total.
    if (changes.length === 0) {
      for (const { cents, line } of tendered) if (cents > 0n && !cashPattern.test(line.upper)) bump(cents, 4);
    }
    const payment = new Set([...tendered, ...changes].map((value) => value.line.index));
    const largest = lines
      .filter((line) => !payment.has(line.index))
      .flatMap((line) => {
        const value = lineValue(line.text);
        return value && value.cents > 0n ? [value.cents] : [];
      })
      .sort((a, b) => (a < b ? 1 : -1))[0];
    if (largest !== undefined) bump(largest, largestOnly);
  }

  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const totalCents = ranked[0]?.[0] ?? null;
  const totalScore = ranked[0]?.[1] ?? 0;
  // With no total line, no payment and no sum behind it, the largest amount is a guess: its confidence
  // sits below a failed check's, so a second reading is asked (second-look.ts).
  const guess = !fromKeywords && totalScore <= largestOnly;
  const total =
    totalCents === null
      ? null
      : { cents: totalCents, confidence: guess ? guessedTotal : Math.min(0.95, 0.3 + totalScore / 25) };

  const plausibleTax = (cents: bigint) => cents > 0n && (totalCents === null || cents * 10n <= totalCents * 3n);
  const tax =
    (vat.tax !== null && plausibleTax(vat.tax) ? { cents: vat.tax } : undefined) ??
    taxes.find((value) => subtotal !== null && totalCents !== null && subtotal + value.cents === totalCents) ??
    taxes.find((value) => plausibleTax(value.cents));
  const firstTotalsLine = Math.min(
    ...[...subtotals, ...keywordTotals, ...taxes].map((value) => value.line.index),
    lines.length,
  );
  const paymentText = lines
    .filter((line) => line.index >= firstTotalsLine)
    .map((line) => line.upper)
    .join('\n');
  return {
    total,
    subtotal: subtotal === null ? null : { cents: subtotal, confidence: 0.7 },
    tax: tax ? { cents: tax.cents, confidence: 0.6 } : null,
    tip: tips[0] ? { cents: tips[0].cents, confidence: 0.6 } : null,
    paymentMethod: paymentMethods.find(([pattern]) => pattern.test(paymentText))?.[1] ?? null,
    firstTotalsLine,
    evidence: totalCents === null ? [] : evidenceFor(totalCents).map(([kind]) => kind),
  };
}

/** Sums of two amounts printed in the few lines above the total: subtotal and tax by another name. */
function pairSums(lines: TextLine[], totalLine: number): bigint[] {
  return sumsOfPairs(
    lines.slice(Math.max(0, totalLine - 8), totalLine).flatMap((line) => {
      const value = lineValue(line.text);
      return value && value.cents > 0n ? [value.cents] : [];
    }),
  );
}

/** The line items above the total added up from the bottom, line by line: the goods add up to the total. */
function runningSumsAbove(lines: TextLine[], totalLine: number): bigint[] {
  const sums: bigint[] = [];
  let sum = 0n;
  for (const line of lines.slice(Math.max(0, totalLine - 40), totalLine).reverse()) {
    const value = lineValue(line.text);
    if (!value) continue;
    sum += value.cents;
    sums.push(sum);
  }
  // One amount alone is not a sum of items.
  return sums.slice(1);
}

/** Sums of any two amounts printed around the total, not on it: a tax summary below it adds up to it. */
function sumsAround(lines: TextLine[], totalLine: number): bigint[] {
  const near = [...lines.slice(Math.max(0, totalLine - 8), totalLine), ...lines.slice(totalLine + 1, totalLine + 9)];
  return sumsOfPairs(
    near.flatMap((line) =>
      findAmounts(line.text)
        .filter((amount) => amount.cents > 0n)
        .map((amount) => amount.cents),
    ),
  );
}

function sumsOfPairs(values: bigint[]): bigint[] {
  const sums: bigint[] = [];
  values.forEach((a, i) => {
    for (const b of values.slice(i + 1)) sums.push(a + b);
  });
  return sums;
}
