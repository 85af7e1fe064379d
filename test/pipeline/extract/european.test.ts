// The offline rules on European receipts written out as OCR lines: amounts, dates, the words for
// total, subtotal, cash and change, tips, VAT tables and fiscal timestamps, in six languages.
import { describe, expect, it } from 'vitest';
import { checkReceipt } from '../../../src/pipeline/extract/checks.ts';
import { findAmounts } from '../../../src/pipeline/extract/offline/amounts.ts';
import { findDates } from '../../../src/pipeline/extract/offline/dates.ts';
import { extractOffline } from '../../../src/pipeline/extract/offline/index.ts';
import { toTextLines } from '../../../src/pipeline/extract/offline/lines.ts';
import type { ExtractionContext } from '../../../src/pipeline/extract/schema.ts';
import { ocrFromLines } from '../../helpers/ocr.ts';

const today = new Date('2026-11-20T12:00:00Z');
const context: ExtractionContext = { categories: ['meals', 'groceries', 'other'], dateOrder: 'DMY', today };
const read = (lines: string[], overrides: Partial<ExtractionContext> = {}) =>
  extractOffline(toTextLines(ocrFromLines(lines)), { ...context, ...overrides });

describe('European amounts', () => {
  it.each([
    ['SUMME EUR 12,50', [1250n]],
    ['TOTAL TTC 1 234,56 €', [123456n]],
    ['TOTALE 1.234,56', [123456n]],
    ['Total Fr. 1’234.50', [123450n]],
    ["TOTAL CHF 1'234.50", [123450n]],
    ['Leergut 2,81-', [-281n]],
    ['RABATT -2,81', [-281n]],
    ['MWST 19,00% 1,92', [192n]],
    ['0,532 kg x 2,99 €/kg 1,59', [299n, 159n]],
    ['45,32 l x 1,789 €/l 81,08', [8108n]],
    ['03.11.2026 14.22', [1422n]],
  ])('%s', (text, cents) => {
    expect(findAmounts(text).map((amount) => amount.cents)).toEqual(cents);
  });
});

describe('European dates', () => {
  it.each([
    ['03.11.2026', '2026-11-03'],
    ['03/11/2026', '2026-11-03'],
    ['03-11-26', '2026-11-03'],
    ['2026-11-03', '2026-11-03'],
    ['3 nov. 2026', '2026-11-03'],
    ['12. Okt. 2026', '2026-10-12'],
    ['11 mai 2026', '2026-05-11'],
    ['5 de noviembre de 2026', '2026-11-05'],
    ['5 novembre 2026', '2026-11-05'],
    ['5 nov 2026', '2026-11-05'],
    ['3 févr. 2026', '2026-02-03'],
    ['12 août 2025', '2025-08-12'],
    ['1er mars 2026', '2026-03-01'],
    ['5 MRT 2026', '2026-03-05'],
    ['20 luglio 2025', '2025-07-20'],
    ['12. März 2026', '2026-03-12'],
    ['BON-NR. 47238 81.02.25 17:23', '2025-02-01'],
    // OCR glues the time to the year, misreads a letter of the month name, leaves specks between the parts.
    ['28 APR 202616:40', '2026-04-28'],
    ['15 giugno 202412:0 DOCUMENTO N.85430', '2024-06-15'],
    ['TRANS 64755 21 Jan 202400:56', '2024-01-21'],
    ['DATE 06-09-2510h15', '2025-09-06'],
    ['18/12/202523h49 N° TRANSACTION 41436', '2025-12-18'],
    ['DATUM 12. Apri1 2024 09:37', '2024-04-12'],
    ['28 1uglio 2024 07:10', '2024-07-28'],
    ['DATE 21 a00t 2026 07h56', '2026-08-21'],
    ['12 DECEMBAE 2025', '2025-12-12'],
    ['17.· Feb. 2025 12:17', '2025-02-17'],
  ])('%s', (text, iso) => {
    expect(findDates(text, 'DMY', today)[0]?.iso).toBe(iso);
  });

  it('reads no date where a misread leaves none', () => {
    // "20.24" is a year broken by a speck, not the year 2020.
    expect(findDates('25 dicembre 20.24 12:05', 'DMY', today)).toEqual([]);
    // Three-letter words are months only when spelled so: JUN and JAN are one letter apart.
    expect(findDates('12 JXN 2024', 'DMY', today)).toEqual([]);
    expect(findDates('REF 12 0110 2024', 'DMY', today)).toEqual([]);
  });

  it('takes the purchase date, not the German fiscal (TSE) timestamps', () => {
    const receipt = read([
      'GASTHAUS ZUM LÖWEN',
      'SUMME EUR 48,50',
      'TSE-START: 2026-11-02T23:41:12.000',
      'TSE-STOP: 2026-11-03T00:25:40.000',
      '03.11.26 00:25 BON-NR. 4711',
    ]);
    expect(receipt.date).toBe('2026-11-03');
  });
});

describe('European totals', () => {
  it('gives amounts read in a column after their labels back to the labels, in order', () => {
    const receipt = read([
      'EDEKA NEUKAUF WAGNER AG',
      'MARKTGASSE 78',
      '3011 BERN',
      '02.03.24 10:38',
      'APFELSAFT 1L                1.20 A',
      'KAFFEE GEMAHLEN 500G       22.29 A',
      'SUMME',
      'RUNDUNG',
      'GESAMTBETRAG',
      '23.49',
      '0.01',
      'Fr. 23.50',
      'BAR              Fr. 40.00',
      'ZURÜCK               16.50',
    ]);
    expect(receipt.total).toBe('23.50');
  });

  it('pairs no column when labels and amounts do not match one for one', () => {
    const receipt = read([
      'CAFE DU PORT',
      'ESPRESSO                    2,20',
      'CROISSANT',
      'PAIN AU CHOCOLAT',
      'TOTAL',
      '4,60',
    ]);
    expect(receipt.total).toBe('4.60');
  });

  it('believes a total the line items add up to over a pair of items a digit or two away', () => {
    const receipt = read([
      'BRAUHAUS AM MARKT',
      'KIRCHPLATZ 5',
      '70173 STUTTGART',
      'SCHNITZEL WIENER ART      15,00 A',
      'TAGESSUPPE                 6,00 A',
      'ESPRESSO                   2,90 A',
      'KÄSESPÄTZLE               13,80 A',
      'SCHWEINSBRATEN            17,30 A',
      'SUMME                     55,00',
      'MWST 19,00%                8,78',
    ]);
    expect(receipt.total).toBe('55.00');
  });

  it('still takes what was paid over a total before rounding that the items add up to', () => {
    const receipt = read([
      'INDAH GIFT & HOME DECO',
      'TABLE LAMP                 55.90',
      'PRIVILEGE CARD             10.00',
      'DISC 10.00%                -5.59',
      'TOTAL AMT.              RM 60.31',
      'ROUNDING ADJ.              -0.01',
      'RM                         60.30',
      'CASH                    RM 70.30',
      'CHANGE                  RM 10.00',
    ]);
    expect(receipt.total).toBe('60.30');
  });

  it('reads a French receipt: TOTAL TTC, cash and change, a VAT table whose gross column is not the total', () => {
    const receipt = read([
      'BOULANGERIE MARTIN SARL',
      '12 RUE DE LA PAIX',
      '75011 PARIS',
      'LE 03/11/2026 14h22',
      'BAGUETTE TRADITION        1,20',
      'CAFÉ CRÈME                3,10',
      'SOUS-TOTAL                4,30',
      'POURBOIRE                 1,00',
      'TOTAL TTC                 5,30 €',
      'ESPÈCES                  10,00',
      'RENDU                     4,70',
      'TAUX       HT      TVA     TTC',
      '5,50%      1,14    0,06    1,20',
      '10,00%     2,82    0,28    3,10',
      'NB ARTICLES: 2',
    ]);
    expect(receipt).toMatchObject({
      date: '2026-11-03',
      total: '5.30',
      tax: '0.34',
      tip: '1.00',
      currency: 'EUR',
      paymentMethod: 'cash',
    });
  });

  it('reads a German receipt: Zw.-Summe before a discount, Summe, Bar and Rückgeld, negative deposits', () => {
    const receipt = read([
      'FRISCHMARKT MÜLLER GMBH',
      'HAUPTSTRASSE 12',
      '10115 BERLIN',
      'VOLLMILCH 3,5% 1L          1,19 B',
      'LEERGUT                    0,75- A',
      'KAFFEE GEMAHLEN 500G      24,56 B',
      'ZW.-SUMME                 25,00',
      'RABATT 10%                 2,50-',
      'SUMME EUR                 22,50',
      'BAR                       50,00',
      'RÜCKGELD                  27,50',
      'MWST%    NETTO    MWST   BRUTTO',
      'B 7,0%   21,73    1,52    23,25',
      'A 19,0%  -0,63   -0,12    -0,75',
      'ANZAHL ARTIKEL 3',
      'PAYBACK PUNKTE 12',
      'Datum: 12. Okt. 2026 Uhrzeit: 18:02',
    ]);
    expect(receipt).toMatchObject({ date: '2026-10-12', total: '22.50', subtotal: '25.00', currency: 'EUR' });
  });

  it('reads a Spanish receipt whose VAT table header says TOTAL', () => {
    const receipt = read([
      'RESTAURANTE CASA PEPE S.L.',
      'FECHA: 5 de noviembre de 2026',
      'MENÚ DEL DÍA              13,50',
      'CAÑA                       2,50',
      'TOTAL A PAGAR             16,00 €',
      'TARJETA                   16,00',
      'IVA      BASE     CUOTA     TOTAL',
      '10%      14,55     1,45     16,00',
    ]);
    expect(receipt).toMatchObject({ date: '2026-11-05', total: '16.00', tax: '1.45', paymentMethod: 'card' });
  });

  it('reads an Italian receipt: TOTALE COMPLESSIVO, DI CUI IVA, CONTANTI and RESTO', () => {
    const receipt = read([
      'TRATTORIA DA MARIO S.R.L.',
      'VIA ROMA 12',
      '00184 ROMA',
      'COPERTO                    2,00',
      'SPAGHETTI CARBONARA       12,00',
      'TOTALE COMPLESSIVO        14,00',
      'DI CUI IVA 10%             1,27',
      'PAGAMENTO CONTANTE        20,00',
      'RESTO                      6,00',
      'SALDO CARTA FEDELTÀ   EUR 27,87',
      '20-07-26 19:55 DOC. N. 0012-0034',
    ]);
    expect(receipt).toMatchObject({ date: '2026-07-20', total: '14.00', tax: '1.27', currency: 'EUR' });
  });

  it('reads a Dutch receipt: TOTAAL, PIN, BTW lines per rate', () => {
    const receipt = read([
      'BAKKERIJ VAN DAM B.V.',
      'KERKSTRAAT 12',
      '1017 GC AMSTERDAM',
      '03-11-2026 09:12',
      'APPELTAART                 4,20',
      'KOFFIE                     2,90',
      'TOTAAL                 € 7,10',
      'PIN                        7,10',
      'BTW 9%                     0,59',
      'BTW 21%                    0,00',
    ]);
    expect(receipt).toMatchObject({ date: '2026-11-03', total: '7.10', tax: '0.59', paymentMethod: 'debit card' });
  });

  it('reads a Swiss receipt in francs with cash rounding to 5 centimes', () => {
    const receipt = read([
      'BIOMARKT SONNENHOF AG',
      'SEESTRASSE 64',
      '8001 ZÜRICH',
      'NOTEBOOK 15,6"          1\'234.57',
      "SUMME                   1'234.57",
      'RUNDUNG                    -0.02',
      "TOTAL Fr.               1'234.55",
      'BAR                     1300.00',
      'RÜCKGELD                  65.45',
      'INKL. MWST 8.1%           92.59',
      '28.02.2026 19:46',
    ]);
    expect(receipt).toMatchObject({ date: '2026-02-28', total: '1234.55', tax: '92.59', currency: 'CHF' });
  });

  it('reads an English receipt with a tip on top of the bill, not the suggested or loyalty amounts', () => {
    const receipt = read([
      'THE RED LION LTD',
      '12 HIGH STREET',
      'LONDON SW1A 1AA',
      '03/11/2026 21:40',
      'FISH & CHIPS              15.95',
      'PINT OF BITTER             5.20',
      'SUBTOTAL                  21.15',
      'GRATUITY                   2.50',
      'TOTAL PAID             £23.65',
      'VISA DEBIT                23.65',
      'VOUCHER BALANCE         £40.00',
      'VAT 20%                    3.53',
    ]);
    expect(receipt).toMatchObject({ total: '23.65', tip: '2.50', currency: 'GBP', tax: '3.53' });
  });
});

describe('currency', () => {
  it.each([
    ['on the total line only', ['SUMME EUR 12,50', 'BAR 20,00'], 'EUR'],
    ['as a column header', ['EUR', 'BROT 2,50', 'SUMME 2,50'], 'EUR'],
    ['on the payment line only', ['TOTAL 12,50', 'CB 12,50 €'], 'EUR'],
    ['as francs', ['TOTAL Fr. 12.35'], 'CHF'],
    ['from the VAT id alone', ['BÄCKEREI SCHMIDT', 'USt-IdNr.: DE123456789', 'SUMME 2,50'], 'EUR'],
    ['from the phone prefix alone', ['TEL. +41 44 123 45 67', 'TOTAL 12.35'], 'CHF'],
    ['from a Malaysian company form', ['KEDAI ABC SDN BHD', 'TOTAL 9.00'], 'MYR'],
  ])('is read %s', (_, lines, code) => {
    const receipt = read(lines);
    expect(receipt.currency).toBe(code);
    expect(receipt.fieldConfidence.currency).toBeGreaterThanOrEqual(0.5);
  });

  // OCR of real Malaysian receipts (SROIE): "RM" misread, stray "¥" and "£" beside amounts. These were
  // read as JPY and GBP, with nothing to stop them being confirmed.
  it.each([
    [
      'JPY',
      [
        'SUN VICTORY SDN BHD',
        'No. 1, Jalan Dutamas 1,',
        '. 50480 Kuala Lumpur.',
        '| Entry Time 14/01/2018 (Sun) 12:06',
        'Pau King Fee     Rate A      RM4. 00',
        '6ST        6.00 ¥    RD. 23,',
        'Total    i    R14.00',
      ],
    ],
    [
      'GBP',
      [
        'Timeless Kitchenette Sdn Bhd',
        'Pahang, 63000 Pahang Malaysia',
        'Date: 2018-03-23',
        '1 Ribs Platter                      SR 255.90',
        '-          Sub-total:               593.10',
        'Total :               593.10',
        'Sk=      [>                   £59.53       23.57',
      ],
    ],
  ])('reads Malaysian receipts as MYR, not %s', (_, lines) => {
    const receipt = read(lines, { today: new Date('2018-12-31T00:00:00Z') });
    expect(receipt.currency).toBe('MYR');
    expect(checkReceipt(receipt, context).warnings).not.toContainEqual(expect.stringMatching(/currency/));
  });

  it('never trusts a currency from nowhere; DEFAULT_CURRENCY is trusted only when nothing contradicts it', () => {
    const plain = ['CAFE CENTRAL', '03/11/2026', 'TOTAL 5,50'];
    expect(read(plain).currency).toBeNull();
    expect(checkReceipt(read(plain), context).warnings).toContain(
      'The receipt shows no currency and no default currency is configured.',
    );
    const assumed = read(plain, { defaultCurrency: 'EUR' });
    expect(assumed).toMatchObject({ currency: 'EUR' });
    expect(checkReceipt(assumed, context).warnings).not.toContainEqual(expect.stringMatching(/currency/));
    // A dollar sign the default does not explain: dollars, but which is a guess.
    const dollars = read([...plain, 'CASH $10.00'], { defaultCurrency: 'EUR' });
    expect(dollars.currency).toBe('USD');
    expect(checkReceipt(dollars, context).warnings).toContain('The currency (USD) is not clear from the receipt.');
    // A country that is not the default's: inferred, not assumed.
    expect(read([...plain, 'TEL: +44 20 7946 0000'], { defaultCurrency: 'EUR' }).currency).toBe('GBP');
  });
});
