// How a written amount becomes cents, in every format people and tills use: 12.50, 12,50, 1,234.56,
// 1.234,56, 1 234,56, 1'234.50, -2,81, 2,81-, (2.81). The one place that decides which mark is the
// decimal one; a value two formats read differently ("1,234") is ambiguous, never guessed.

export type DecimalMark = '.' | ',';

export type AmountReading =
  | {
      ok: true;
      cents: bigint /** The decimal mark as written; null for a whole number ("12", "1.234.567"). */;
      decimalMark: DecimalMark | null;
    }
  | { ok: false; reason: 'not_an_amount' | 'too_many_decimals' | 'too_large' }
  /** "1,234" and "1.234": a thousands separator or a decimal mark with three decimals. */
  | { ok: false; reason: 'ambiguous'; readings: { grouped: bigint; decimal: string } };

/** Twelve digits before the decimal mark at most, as the money schema allows. */
const maxWholeDigits = 12;

// Thousands separators: a space, a no-break or narrow no-break space, an apostrophe (Switzerland).
const spaceOrApostrophe = /[\s\u00a0\u202f'’]/;
const signs = /^([-−+])?\s*(.*?)\s*(-|−)?$/s;

function cents(whole: string, fraction: string): AmountReading {
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > maxWholeDigits) return { ok: false, reason: 'too_large' };
  if (fraction.length > 2) return { ok: false, reason: 'too_many_decimals' };
  return { ok: true, cents: BigInt(digits || '0') * 100n + BigInt(fraction.padEnd(2, '0')), decimalMark: null };
}

/** "1.234.567" with "." as the separator: groups of three after a first group of one to three digits. */
function isGrouped(text: string, separator: string): boolean {
  const groups = text.split(separator);
  return /^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((group) => /^\d{3}$/.test(group));
}

function unsigned(text: string): AmountReading {
  if (!/^\d/.test(text) || !/\d$/.test(text) || /[^\d.,\s\u00a0\u202f'’]/.test(text)) {
    return { ok: false, reason: 'not_an_amount' };
  }
  // Spaces and apostrophes only ever group thousands; what is left has at most one kind of mark.
  let body = text;
  const spaced = spaceOrApostrophe.exec(text);
  if (spaced) {
    const marks = /[.,]\d+$/.exec(text);
    const whole = marks ? text.slice(0, marks.index) : text;
    const separators = new Set(whole.match(/[^\d]/g));
    if (separators.size !== 1 || !isGrouped(whole, [...separators][0] ?? ''))
      return { ok: false, reason: 'not_an_amount' };
    body = whole.replace(/[^\d]/g, '') + (marks?.[0] ?? '');
  }
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  if (dots && commas) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    const decimal: DecimalMark = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const at = body.lastIndexOf(decimal);
    const whole = body.slice(0, at);
    if (whole.includes(decimal) || !isGrouped(whole, group)) return { ok: false, reason: 'not_an_amount' };
    return withMark(cents(whole.replaceAll(group, ''), body.slice(at + 1)), decimal);
  }
  const mark: DecimalMark | null = dots ? '.' : commas ? ',' : null;
  if (mark === null) return cents(body, '');
  if (dots + commas > 1) {
    return isGrouped(body, mark) ? cents(body.replaceAll(mark, ''), '') : { ok: false, reason: 'not_an_amount' };
  }
  const [whole = '', fraction = ''] = body.split(mark);
  if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole) && !spaced) {
    return {
      ok: false,
      reason: 'ambiguous',
      readings: { grouped: BigInt(whole + fraction) * 100n, decimal: `${whole}.${fraction}` },
    };
  }
  if (spaced && fraction.length === 3) return { ok: false, reason: 'not_an_amount' };
  return withMark(cents(whole, fraction), mark);
}

function withMark(reading: AmountReading, decimalMark: DecimalMark): AmountReading {
  return reading.ok ? { ...reading, decimalMark } : reading;
}

/**
 * One written amount (the number alone, no currency) to cents. A leading or trailing minus, or
 * parentheses, make it negative. Refused: more than two decimals, more than twelve whole digits,
 * separators in impossible places, and "1,234" / "1.234" (reason `ambiguous`, with both readings).
 */
export function parseAmount(written: string): AmountReading {
  let text = written.trim();
  let negative = false;
  const parenthesised = /^\((.*)\)$/s.exec(text);
  if (parenthesised) {
    text = (parenthesised[1] ?? '').trim();
    negative = true;
  }
  const [, leading, body = '', trailing] = signs.exec(text) ?? [];
  if (leading && trailing) return { ok: false, reason: 'not_an_amount' };
  if (leading === '-' || leading === '−' || trailing) {
    if (negative) return { ok: false, reason: 'not_an_amount' };
    negative = true;
  }
  const reading = unsigned(body);
  if (!reading.ok || !negative) return reading;
  return { ...reading, cents: -reading.cents };
}
