// ISO 4217 currency codes a receipt can be paid in: List One as published by the ISO 4217 maintenance
// agency (SIX), without the fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals,
// bond-market units, SDR and test codes, plus national currencies withdrawn since 2020 that older
// receipts still show.

/** Currencies in circulation (ISO 4217 List One, 2025 edition). */
export const circulatingCurrencyCodes: readonly string[] = `
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD
CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD
KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO
NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE
SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND
VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
`
  .trim()
  .split(/\s+/);

/** Withdrawn since 2020, still on receipts from before: Croatia (euro, 2023), Bulgaria (euro, 2026),
 * Curaçao and Sint Maarten (XCG, 2025), Sierra Leone (redenominated, SLE), Zimbabwe (ZWG), Cuba (CUC). */
export const recentlyWithdrawnCurrencyCodes: readonly string[] = ['ANG', 'BGN', 'CUC', 'HRK', 'SLL', 'ZWL'];

const known = new Set([...circulatingCurrencyCodes, ...recentlyWithdrawnCurrencyCodes]);

/** Whether `code` (upper case) is a currency a receipt may be in. */
export function isCurrencyCode(code: string): boolean {
  return known.has(code);
}
