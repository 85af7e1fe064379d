// The currency from symbols and codes printed on the receipt, else the configured default.

const signs: [RegExp, string][] = [
  [/\bRM\s?\d|\bMYR\b|\bRINGGIT\b|\bSDN\.?\s?BHD\b/, 'MYR'],
  [/\bS\$|\bSGD\b|\bPTE\.?\s?LTD\b/, 'SGD'],
  [/€|\bEUR\b|\bEURO?S?\b/, 'EUR'],
  [/£|\bGBP\b/, 'GBP'],
  [/¥|\bJPY\b|円/, 'JPY'],
  [/₹|\bINR\b|\bRS\.?\s?\d/, 'INR'],
  [/\bCHF\b/, 'CHF'],
  [/\bA\$|\bAUD\b/, 'AUD'],
  [/\bC\$|\bCAD\b/, 'CAD'],
  [/\bIDR\b|\bRP\.?\s?\d/, 'IDR'],
  [/\bTHB\b|฿/, 'THB'],
  [/\bPHP\b|₱/, 'PHP'],
  [/\bUSD\b|US\$/, 'USD'],
];
const dollarCurrencies = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD']);

export function findCurrency(
  text: string,
  defaultCurrency: string | undefined,
): { code: string; confidence: number } | null {
  const upper = text.toUpperCase();
  let best: { code: string; count: number } | null = null;
  for (const [pattern, code] of signs) {
    const count = upper.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
    if (count > 0 && (!best || count > best.count)) best = { code, count };
  }
  if (best) return { code: best.code, confidence: best.count > 1 ? 0.9 : 0.7 };
  if (/\$\s?\d/.test(upper)) {
    return {
      code: defaultCurrency && dollarCurrencies.has(defaultCurrency) ? defaultCurrency : 'USD',
      confidence: 0.6,
    };
  }
  return defaultCurrency ? { code: defaultCurrency, confidence: 0.4 } : null;
}
