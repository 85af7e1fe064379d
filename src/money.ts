// Money as integer cents in a bigint: exact arithmetic, never floats. Strings at the edges ("12.50").

/** "12.5", "12.50", "-3", "1,234.56" → cents; null when the text is not an amount. */
export function parseCents(text: string): bigint | null {
  const match = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.replaceAll(',', '').trim());
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
  return sign ? -cents : cents;
}

/** Cents → "12.50" (two decimals, "-" for negatives). */
export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function sumCents(values: readonly bigint[]): bigint {
  return values.reduce((sum, value) => sum + value, 0n);
}

export function absCents(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** "€12.50" for a decimal string and its currency; "12.50 XYZ" for a code Intl does not know. */
export function formatMoney(amount: string, currency: string | null): string {
  if (!currency) return amount;
  try {
    // Intl formats the decimal string exactly; no float conversion.
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount as unknown as number);
  } catch {
    return `${amount} ${currency}`;
  }
}
