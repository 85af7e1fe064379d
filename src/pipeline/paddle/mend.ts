// Paddle's text made readable for the rules: full-width forms folded (NFKC), letters misread inside
// numbers put back as digits, and a date glued to the time after it split. Spaces are restored from
// character positions in layout.ts, before this runs.

/** Currency prefixes that may lead a numeric token: RM43.OO is still a number. */
const currencyPrefix = /^(RM|EUR|USD|SGD|CHF|GBP|[$€£¥])/i;
/** A token that is a number apart from O/o read for 0 and I/l read for 1. */
const numericLike = /^[-+]?[\dOoIl]*\d[\dOoIl]*(?:[.,:/'-][\dOoIl]+)*[.,-]?%?$/;

/** One whitespace-free token with O/o → 0 and I/l → 1 when it is otherwise a number. */
export function mendNumber(token: string): string {
  const prefix = token.match(currencyPrefix)?.[0] ?? '';
  const rest = token.slice(prefix.length);
  if (!numericLike.test(rest) || !/[OoIl]/.test(rest)) return token;
  // A lone digit among letters ("O1l") is more likely a word than a number, unless it has an amount's
  // shape ("9.OO").
  const digits = rest.replace(/\D/g, '').length;
  const amountShape = /^[-+]?[\dOoIl]+[.,][\dOoIl]{2}$/.test(rest);
  if (digits < rest.replace(/[^OoIl]/g, '').length && !amountShape) return token;
  return prefix + rest.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');
}

/**
 * A date glued to its time: "25/12/20188:13:39PM" → "25/12/2018 8:13:39PM", "25/12/1808:13" →
 * "25/12/18 08:13". A four-digit year is split off when it starts 19 or 20; otherwise a two-digit one.
 */
export function splitDateTime(text: string): string {
  return text.replace(/(\d{1,2}[./-]\d{1,2}[./-])(\d{3,6})(?=:\d{2})/g, (whole, date: string, digits: string) => {
    if (digits.length >= 5 && /^(19|20)/.test(digits)) return `${date}${digits.slice(0, 4)} ${digits.slice(4)}`;
    if (digits.length >= 3 && digits.length <= 4) return `${date}${digits.slice(0, 2)} ${digits.slice(2)}`;
    return whole;
  });
}

/**
 * One token with 0 read as O and 1 as l or I where a word is meant: between two letters ("Ja1an",
 * "L0T", "MA1N"), and a 0 after a single capital before a dot or colon ("N0:", "C0."). Tokens
 * with other digits (unit numbers such as "PT15944", "SS21") stay as they are.
 */
export function mendWord(token: string): string {
  if (/[2-9]/.test(token) || !/[01]/.test(token)) return token;
  const single = token.match(/^([A-Z])0([.:])$/);
  if (single) return `${single[1]}O${single[2]}`;
  return token.replace(/(?<=\p{L})[01](?=\p{L})/gu, (digit, offset: number) => {
    const before = token[offset - 1]!;
    const lower = before === before.toLowerCase();
    if (digit === '0') return lower ? 'o' : 'O';
    return lower ? 'l' : 'I';
  });
}

/** The whole mending of one line's text (spacing kept). */
export function mendText(text: string): string {
  const folded = text
    .normalize('NFKC')
    .replace(/。/g, '.')
    .replace(/[‐‑‒–—]/g, '-');
  const numbers = folded.replace(/\S+/g, (token) => mendWord(mendNumber(token)));
  return splitDateTime(numbers);
}
