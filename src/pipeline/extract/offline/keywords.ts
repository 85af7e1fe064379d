// What receipts call their amounts, in the languages the product reads (English, French, German,
// Spanish, Italian, Dutch, Malay): one place for the words, matched on upper-case text without
// accents (lines.ts), with the OCR misreads of TOTAL (T0TAL, TOTA1).
const words = (list: string[]) => list.join('|');

export const T = 'T[O0]TA[L1I]';

/** The amount to pay: TOTAL TTC, SUMME, IMPORTE, TOTALE, TOTAAL, BALANCE DUE, JUMLAH. */
export const totalWords = words([
  T,
  'TOTAAL',
  'AMOUNT\\s*DUE',
  'BALANCE\\s*DUE',
  'AMOUNT\\s*PAYABLE',
  '\\bDUE\\b',
  '\\bJUMLAH\\b',
  '\\bNETT\\b',
  'NET\\s*AMOUNT',
  '\\bTO\\s*PAY\\b',
  'NET\\s*A\\s*PAYER',
  '\\bMONTANT\\b',
  '\\bSUMME\\b',
  '\\bGESAMT',
  'ZU\\s*ZAHLEN',
  '\\bBETRAG\\b',
  '\\bIMPORTE\\b',
  '\\bIMPORTO\\b',
  'A\\s*PAGAR\\b',
  'DA\\s*PAGARE',
  'TE\\s*BETALEN',
]);

/** Words that make a total line the final one: after tax, rounding or tip. */
export const finalTotalWords = words([
  'GRAND',
  `R[O0]UND(?:ED|ING)?\\s*${T}`,
  `${T}\\s*\\(?R[O0]UND`,
  'NETT',
  '\\bDUE\\b',
  'PAYABLE',
  `${T}\\s*(?:AMOUNT\\s*|SALES?\\s*)?\\(?INC`,
  `${T}\\s*(?:AMOUNT\\s*)?PAID`,
  '\\bTTC\\b',
  'A\\s*PAYER',
  '\\bPAYE\\b',
  'ZU\\s*ZAHLEN',
  'GESAMTBETRAG',
  'A\\s*PAGAR',
  '\\bPAGADO\\b',
  'DA\\s*PAGARE',
  '\\bPAGATO\\b',
  'COMPLESSIVO',
  'TE\\s*BETALEN',
  '\\bBETAALD\\b',
  'AMOUNT\\s*PAID',
]);

/** Before tax or before a discount: SUBTOTAL, SOUS-TOTAL, ZW.-SUMME, SUBTOTALE, SUBTOTAAL, TOTAL HT. */
export const subtotalWords = words([
  `SUB[\\s-]*${T}`,
  `${T}[\\w\\s%]{0,16}\\(?\\s*EXC`,
  'AMOUNT\\s*\\(?EXC',
  `${T}\\s*BEFORE`,
  `NET\\s*${T}\\s*\\(?EXC`,
  `S[O0]US[\\s-]*${T}`,
  `${T}\\s*H\\.?T\\b`,
  'ZW(?:ISCHEN)?\\.?[\\s-]*SUMME',
  'SUBTOTAAL',
  '\\bNETTO\\b',
]);

/** Value-added and sales taxes: GST, VAT, TVA, MwSt, IVA, BTW. */
export const taxWords = words([
  '\\b(?:GST|VAT|SST|TAX|TVA|MWST|M\\.?W\\.?ST|IVA|BTW|UST)\\b',
  'SERVICE\\s*(?:TAX|CHARGE)',
  '\\bSVC\\b',
  '\\bSTEUER\\b',
  '\\bIMPOSTA\\b',
  '\\bCUOTA\\b',
]);

export const tipWords = words(['\\bTIPS?\\b', 'GRATUITY', 'TRINKGELD', 'POURBOIRE', 'PROPINA', 'MANCIA', '\\bFOOI\\b']);

/** Discounts: DISCOUNT, REMISE, RABATT, DESCUENTO, SCONTO, KORTING. */
export const discountWords = words([
  'DISCOUNT',
  'SAVING',
  'REMISE',
  'REDUCTION',
  'RABATT',
  'DESCUENTO',
  '\\bDTO\\b',
  'SCONTO',
  'KORTING',
  '\\bPROMO',
]);

export const roundingWords = words(['R[O0]UND', 'RUNDUNG', 'ARRONDI', 'ARROTONDA', 'REDONDEO', 'AFRONDING']);

/** Cash or card handed over: the amount tendered. */
export const tenderedWords = words([
  '\\bCASH\\b',
  'TENDER',
  '\\bPAID\\b',
  'PAYMENT',
  '\\bVISA\\b',
  'MASTER',
  '\\bCARD\\b',
  'CREDIT',
  'DEBIT',
  '\\bAMEX\\b',
  'ESPECES',
  '\\bCB\\b',
  '\\bCARTE\\b',
  '\\bBAR\\b',
  'GEGEBEN',
  'KARTE',
  '\\bEC\\b',
  'GIROCARD',
  'EFECTIVO',
  'ENTREGADO',
  'TARJETA',
  'CONTANT',
  '\\bCARTA\\b',
  'BANCOMAT',
  'PAGAMENTO',
  '\\bPIN\\b',
  'PINBETALING',
  'CONTACTLESS',
  'SANS\\s*CONTACT',
]);

/** Cash handed over: the amount tendered, never the total. */
export const cashWords = words([
  'TENDER',
  '\\bCASH\\b',
  'ESPECES',
  'GEGEBEN',
  '\\bBAR\\b',
  'EFECTIVO',
  'ENTREGADO',
  'CONTANT',
]);

/** Money handed back: CHANGE, RENDU, RÜCKGELD, CAMBIO, RESTO, WISSELGELD. */
export const changeWords = words([
  'CHANGE',
  '\\bBAKI\\b',
  'RENDU',
  'MONNAIE',
  'RUCKGELD',
  'RUECKGELD',
  'ZURUCK',
  '\\bCAMBIO\\b',
  'DEVOLVER',
  'VUELTA',
  '\\bRESTO\\b',
  'WISSELGELD',
  '\\bTERUG\\b',
]);

/** Counts and loyalty figures printed near the total: item counts, points, vouchers, card balances. */
export const notMoneyWords = words([
  '\\bQTY\\b',
  '\\bITEMS?\\b',
  'POINTS?\\b',
  '\\bSUMMARY\\b',
  'ARTICLES?',
  'ARTIKEL',
  'ARTICOLI',
  'ARTICULOS',
  '\\bPEZZI\\b',
  'STUCK\\b',
  'PUNKTE',
  'PUNTOS',
  'PUNTI\\b',
  'PUNTEN',
  'CAGNOTTE',
  'FIDELITE',
  'GUTHABEN',
  '\\bSALDO\\b',
  '\\bSOLDE\\b',
  'TEGOED',
  'VOUCHER',
  'BONUS',
]);

/** Headers of a VAT summary table: net and tax columns, and a rate or gross one. */
const netColumn = /\bNET\b|NETTO|\bHT\b|\bBASE\b|IMPONIBILE|\bEXCL|\bOVER\b/;
const taxColumn = new RegExp(taxWords);
const rateOrGrossColumn = /%|\bSATZ\b|\bTAUX\b|ALIQ|\bRATE\b|\bTIPO\b|BRUTTO|\bTTC\b|GROSS|\bINCL|IMPORTE|UMSATZ|TOTAL/;

/** "TAUX HT TVA TTC", "MWST% NETTO MWST BRUTTO", "IVA BASE CUOTA TOTAL": columns named, no amount. */
export function isVatTableHeader(upper: string): boolean {
  return (
    !/\d[.,]\d{2}/.test(upper) &&
    netColumn.test(upper) &&
    taxColumn.test(upper.replace(netColumn, ' ')) &&
    rateOrGrossColumn.test(upper)
  );
}
