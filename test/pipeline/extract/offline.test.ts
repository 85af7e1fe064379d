// The offline engine on receipts written out as OCR lines.
import { describe, expect, it } from 'vitest';
import { findAmounts } from '../../../src/pipeline/extract/offline/amounts.ts';
import { findDates } from '../../../src/pipeline/extract/offline/dates.ts';
import { extractOffline } from '../../../src/pipeline/extract/offline/index.ts';
import { toTextLines } from '../../../src/pipeline/extract/offline/lines.ts';
import type { ExtractionContext } from '../../../src/pipeline/extract/schema.ts';
import { ocrFromLines } from '../../helpers/ocr.ts';

const today = new Date('2026-11-20T12:00:00Z');
const context: ExtractionContext = {
  categories: ['meals', 'groceries', 'fuel', 'office', 'other'],
  dateOrder: 'DMY',
  today,
};
const read = (lines: string[], overrides: Partial<ExtractionContext> = {}) =>
  extractOffline(toTextLines(ocrFromLines(lines)), { ...context, ...overrides });

describe('amounts', () => {
  it.each([
    ['TOTAL 9.00', [900n]],
    ['TOTAL RM 1,007.50', [100750n]],
    ['Summe 12,50', [1250n]],
    ['Rounded Total (RM): 9.060', []],
    ['TAX AMT -RM 0.45', [-45n]],
    ['1X 5.20     5.20', [520n, 520n]],
    ['Tel 03-5121 3881', []],
  ])('%s', (text, cents) => {
    expect(findAmounts(text).map((amount) => amount.cents)).toEqual(cents);
  });
});

describe('dates', () => {
  it.each([
    ['Date: 25/12/2018', 'DMY', '2018-12-25'],
    ['2018-12-25 10:31', 'DMY', '2018-12-25'],
    ['25 DEC 2018', 'DMY', '2018-12-25'],
    ['Dec 25, 2018', 'DMY', '2018-12-25'],
    ['12-25-18', 'DMY', '2018-12-25'],
    ['05/02/2018', 'DMY', '2018-02-05'],
    ['05/02/2018', 'MDY', '2018-05-02'],
    ['29.12.17 20:17', 'DMY', '2017-12-29'],
    ['Date 17/06/2O18', 'DMY', '2018-06-17'],
    ['CASH H18-82        17/83/2817 21:35', 'DMY', '2017-03-17'],
  ] as const)('%s (%s)', (text, order, iso) => {
    expect(findDates(text, order, today)[0]?.iso).toBe(iso);
  });

  it('ignores impossible dates', () => {
    expect(findDates('31/02/2018 and 45/13/2018', 'DMY', today)).toEqual([]);
  });

  it('takes no year from before 1970 or after next year: "LOT 1.7. 2811" is an address', () => {
    expect(findDates('LOT 1.7. 2811, JALAN ANGSA', 'DMY', today)).toEqual([]);
    expect(findDates('01/01/1901', 'DMY', today)).toEqual([]);
    expect(findDates(`01/01/${today.getUTCFullYear() + 1}`, 'DMY', today)).toHaveLength(1);
  });
});

describe('offline extraction', () => {
  it('reads a US grocery receipt', () => {
    const receipt = read(
      [
        'WHOLE FOODS MARKET',
        '123 Main Street',
        'Austin, TX 78701',
        'Tel 512-555-0100',
        '12/25/2025 10:31 AM',
        'BANANAS              1.99',
        'MILK  2 @ 3.49       6.98',
        'SUBTOTAL             8.97',
        'TAX                  0.74',
        'TOTAL               $9.71',
        'VISA                 9.71',
      ],
      { dateOrder: 'MDY', defaultCurrency: 'USD' },
    );
    expect(receipt).toMatchObject({
      merchant: 'WHOLE FOODS MARKET',
      merchantAddress: '123 Main Street Austin, TX 78701',
      date: '2025-12-25',
      currency: 'USD',
      total: '9.71',
      subtotal: '8.97',
      tax: '0.74',
      paymentMethod: 'visa',
      category: 'groceries',
    });
    expect(receipt.items).toEqual([
      { description: 'BANANAS', quantity: null, unitPrice: null, amount: '1.99' },
      { description: 'MILK', quantity: '2', unitPrice: '3.49', amount: '6.98' },
    ]);
    expect(receipt.fieldConfidence.total).toBeGreaterThan(0.7);
  });

  it('reads a Malaysian tax invoice, skipping the registration number', () => {
    const receipt = read([
      'SAM SAM TRADING CO (742014-W)',
      '67,JLN MEWAH 25/63 TMN SRI MUDA,',
      '40400 SHAH ALAM.',
      'TEL/FAX : 03-51213881',
      'GST NO: 001006288894',
      'TAX INVOICE',
      'SUPER GLUE    1X 5.20   5.20',
      'A4 PAPER      1X 8.90   8.90',
      'GST 6%            RM 0.80',
      'TOTAL             RM 14.90',
      'CASH              RM 20.00',
      'CHANGE            RM 5.10',
      'Friday, 29-12-2017 Time : 20:17',
    ]);
    expect(receipt).toMatchObject({
      merchant: 'SAM SAM TRADING CO',
      merchantAddress: '67,JLN MEWAH 25/63 TMN SRI MUDA, 40400 SHAH ALAM.',
      date: '2017-12-29',
      currency: 'MYR',
      total: '14.90',
      tax: '0.80',
      paymentMethod: 'cash',
      category: 'office',
    });
  });

  it('finds the address below a date, an owner line or a second name under the merchant', () => {
    const underDate = read([
      'UNIHAKKA INTERNATIONAL SDN BHD',
      '05 Mar 2018 18:24',
      '(867388-U)',
      '12, Jalan Tampoi 7/4,Kawasan Perindustrian',
      'Tampoi,81200 Johor Bahru,Johor',
      'TAXINVOICE',
      'Total Amount: $8.20',
    ]);
    expect(underDate).toMatchObject({
      merchant: 'UNIHAKKA INTERNATIONAL SDN BHD',
      merchantAddress: '12, Jalan Tampoi 7/4,Kawasan Perindustrian Tampoi,81200 Johor Bahru,Johor',
      date: '2018-03-05',
    });
    const franchise = read([
      'GERBANG ALAF RESTAURANTS SDN BHD',
      "Licensee of McDonald's",
      'Level 6, Bangunan TH, Damansara Uptown3',
      'Mobile/Whatsapp : +6012-918 7937',
      'TOTAL 18.90',
    ]);
    expect(franchise.merchantAddress).toBe('Level 6, Bangunan TH, Damansara Uptown3');
    const tradingName = read(['FACE TO FACE NOODLE HOUSE', 'FTOF NOODLE HOUSE', 'NO.25, JALAN METRO 2', 'TOTAL 9.00']);
    expect(tradingName.merchantAddress).toBe('NO.25, JALAN METRO 2');
    // Registration labels whose number sits elsewhere: not part of the address, before or after it.
    const labels = read([
      'UNIHAKKA INTERNATIONAL SDN BHD',
      'Company No LOT 2685 JLN GENTING KLANG',
      '41050 KLANG SELANGOR D.E, MALAYSIA',
      'ROC No.',
      'TOTAL 8.70',
    ]);
    expect(labels.merchantAddress).toBe('LOT 2685 JLN GENTING KLANG 41050 KLANG SELANGOR D.E, MALAYSIA');
  });

  it('reads a name that starts with a number, mends misread suffixes and skips document titles', () => {
    expect(read(['99 SPEED MART S/B (519537-X)', 'LOT P.T. 2811, JALAN ANGSA', 'TOTAL 61.65']).merchant).toBe(
      '99 SPEED MART S/B',
    );
    expect(read(['GARDENIA BAKERIES (KL) SON BHD', 'LOT 3, JALAN PELABUR 23/1', 'TOTAL 5.00']).merchant).toBe(
      'GARDENIA BAKERIES (KL) SDN BHD',
    );
    expect(read(['SIMPLIFIED TAX INVOICE', 'CORNER BISTRO', '12 HIGH STREET', 'TOTAL 5.00']).merchant).toBe(
      'CORNER BISTRO',
    );
    expect(read(['12, JALAN TAMPOI 7/4 MART', 'TOTAL 5.00']).merchant).not.toBe('12, JALAN TAMPOI 7/4 MART');
  });

  it('takes no registration line for the name and strips registration numbers however the dash is read', () => {
    const registrationLine = read([
      'KIM LEE HARDWARETRADING',
      'Company Reg.No.:004455667x',
      'NO 8,JALAN MAWAR 3,TAMAN BUNGA',
      'TOTAL 4.00',
    ]);
    expect(registrationLine.merchant).toBe('KIM LEE HARDWARETRADING');
    expect(read(['SRI BAKERIES(KL)SDN BHD(I23456 X)', 'LOT 9, JALAN API 2/1', 'TOTAL 5.00']).merchant).toBe(
      'SRI BAKERIES(KL)SDN BHD',
    );
    expect(read(['ALPHA MART S/B (123456· X)', 'LOT 2, JALAN BESAR', 'TOTAL 5.00']).merchant).toBe('ALPHA MART S/B');
    expect(read(['DELTA HOLDINGS Sdn Bnd', 'LOT 2, JALAN BESAR', 'TOTAL 5.00']).merchant).toBe(
      'DELTA HOLDINGS SDN BHD',
    );
    expect(read(['Harbour Marketing 5dn Bhd', 'LOT 2, JALAN BESAR', 'TOTAL 5.00']).merchant).toBe(
      'Harbour Marketing SDN BHD',
    );
    expect(read(['KEDAI SEGAR 5/B', 'LOT 2, JALAN BESAR', 'TOTAL 5.00']).merchant).toBe('KEDAI SEGAR S/B');
  });

  it('joins a name to the line below that holds only its suffixes and a country tag', () => {
    expect(read(['MEGA BOOK', 'CO. (M) SDN BHD', 'LOT 2, JALAN BESAR', 'TOTAL 5.00']).merchant).toBe(
      'MEGA BOOK CO. (M) SDN BHD',
    );
    expect(read(['Rio Grill', 'Sdn Bhd', 'LOT 2, JALAN BESAR', 'TOTAL 5.00']).merchant).toBe('Rio Grill SDN BHD');
    // Trade words alone under a name say what it is: the name is the line above.
    expect(read(['FOUR WINDS', 'BISTRO & CAFE', '12, JALAN BESAR', 'TOTAL 5.00']).merchant).toBe('FOUR WINDS');
    // A branch or registration code in brackets after the legal suffix is not part of the name.
    expect(read(["QUEEN'S BAKERY S/B' (QSB)", '12, JALAN BESAR', 'TOTAL 5.00']).merchant).toBe("QUEEN'S BAKERY S/B");
    expect(read(['THE SHOP (MALAYSIA) SDN BHD (8199K)', '12, JALAN BESAR', 'TOTAL 5.00']).merchant).toBe(
      'THE SHOP (MALAYSIA) SDN BHD',
    );
  });

  it('reads the address past tax and registration lines, a misread registration label and a time under the name', () => {
    const taxIdFirst = read([
      'TEO & COMPANY',
      'REG. N0:00123456-H',
      'GST NO: 001234567890',
      'NO.4, JALAN KECIL,',
      '52100 KUALA LUMPUR',
      'TEL: 03-1234 5678',
      'TOTAL 9.00',
    ]);
    expect(taxIdFirst.merchantAddress).toBe('NO.4, JALAN KECIL, 52100 KUALA LUMPUR');
    const misreadLabel = read([
      'Quiet Corner Sdn Bhd',
      'Company r0 : 1234567-K',
      'GST Reg no : 0000 1234 5678',
      'Lot 5, Jalan Tepi, 50000 Kuala Lumpur',
      'TOTAL 9.00',
    ]);
    expect(misreadLabel.merchantAddress).toBe('Lot 5, Jalan Tepi, 50000 Kuala Lumpur');
    const gluedTime = read(['BETA INTERNATIONAL SDN BHD', '07 Jun 202509:41', '3, Jalan Satu', 'TOTAL 9.00']);
    expect(gluedTime.merchantAddress).toBe('3, Jalan Satu');
    // A registration number leading the first address line, and a phone number ending the last, are not address.
    const around = read([
      'KEDAI BESI MAJU',
      'JM0123456-V NO.5 JALAN MAJU 2/3',
      'TAMAN MAJU 016-1234567,',
      'TOTAL 9.00',
    ]);
    expect(around.merchantAddress).toBe('NO.5 JALAN MAJU 2/3 TAMAN MAJU');
    // How the order is served or paid ends the address.
    const served = read([
      'PIZZA PLACE',
      'No.3, Jalan Dua,',
      '81750 Masai Johor',
      'CARRY OUT NOW  Pay By: CASH',
      'TOTAL 9.00',
    ]);
    expect(served.merchantAddress).toBe('No.3, Jalan Dua, 81750 Masai Johor');
    // "GSTID" read without its space still ends the address.
    const gluedTaxId = read(['GAMMA MART', 'NO.3, JALAN DUA, 42200 KLANG.', 'GSTID : 001234567890', 'TOTAL 9.00']);
    expect(gluedTaxId.merchantAddress).toBe('NO.3, JALAN DUA, 42200 KLANG.');
  });

  it('prefers the rounded, final total over the running ones', () => {
    const receipt = read([
      'KEDAI KOPI ABC',
      'Total Qty: 3',
      'Total Sales (Excluding GST): 25.45',
      'Total GST: 1.52',
      'Total Sales (Inclusive of GST): 26.97',
      'Rounding: 0.03',
      'Total: 27.00',
      'Cash: 50.00',
      'Change: 23.00',
    ]);
    expect(receipt.total).toBe('27.00');
    expect(receipt.subtotal).toBe('25.45');
    expect(receipt.category).toBe('meals');
  });

  it('reads TOTAL GST as the tax and leaves the GST summary table out of the totals', () => {
    const receipt = read([
      'KEDAI ALAT TULIS XYZ',
      'PEN  1  10.00  10.00',
      'SUB-TOTAL(EX) :  10.00',
      'TOTAL GST :  0.60',
      'TOTAL  10.60',
      'CASH  20.00',
      'GST SUMMARY',
      'CODE  %  AMOUNT  TAX',
      'SR  6  10.00  0.60',
      'TOTAL:  10.00  0.60',
    ]);
    expect(receipt).toMatchObject({ total: '10.60', subtotal: '10.00', tax: '0.60' });
  });

  it('confirms a total by cash minus change or subtotal and tax, not by an amount printed twice', () => {
    const paidInCash = read(['KEDAI RUNCIT', 'TOTAL  12.00', 'CASH  20.00', 'CHANGE  8.00']);
    expect(paidInCash.fieldConfidence.total).toBeGreaterThanOrEqual(0.85);
    const printedTwice = read(['KEDAI RUNCIT', 'ITEM A  12.00', 'TOTAL  12.00']);
    expect(printedTwice.fieldConfidence.total).toBeLessThan(0.85);
  });

  it('takes the cash-rounded amount when cash minus change is a few cents off the total', () => {
    expect(
      read(['KEDAI RUNCIT', 'Total Sales (Inclusive GST) RM  52.08', 'CASH RM  60.00', 'CHANGE RM  7.90']).total,
    ).toBe('52.10');
    // A rounding line that states the rounded total.
    expect(
      read(['KEDAI RUNCIT', 'Total Sales (Inclusive GST) RM  42.33', 'Rounding RM  42.35', 'CARD RM  42.35']).total,
    ).toBe('42.35');
  });

  it('takes no per-rate group total for the receipt total', () => {
    const receipt = read([
      'ROTI SEGAR SDN BHD',
      'WHITE BREAD  2.00  10  20.00',
      'Total 0% supplies:  20.00',
      'CHOC BUN  1.00  5  5.00',
      'Total 6% supplies (excl. GST):  5.00',
      'GST:  0.30',
      'Total 6% supplies (Inc. GST):  5.30',
      'Total Payable:  25.30',
    ]);
    expect(receipt).toMatchObject({ total: '25.30', tax: '0.30' });
  });

  it('takes the rounded total under the rounding line, whatever the sign or label OCR gave them', () => {
    // The label of the amount to pay misread; the rounding printed "(0.02)" and read without its sign.
    const misreadLabel = read([
      'KEDAI CETAK ABC',
      'Total Amt Incl GST@ 6% :  8.48',
      'Rounding Adjustment:  (0.02)',
      'Totel Amt Peyabte:  8.50',
    ]);
    expect(misreadLabel.total).toBe('8.50');
    // A rounding of -0.01 read as 0.01: subtotal and tax still confirm the total printed.
    const lostSign = read([
      'KEDAI BUKU XYZ',
      'SUB-TOTAL  144.68',
      'TOTAL TAX  8.68',
      'ROUNDING  0.01',
      'TOTAL  153.35',
    ]);
    expect(lostSign.total).toBe('153.35');
  });

  it('corrects a misread total that disagrees with cash minus change', () => {
    const receipt = read([
      'MR DIY (M) SDN BHD',
      'ITEM A   5.50',
      'Total Incl. GST  RM 55.20',
      'CASH  RM 100.20',
      'CHANGE  RM 47.00',
    ]);
    expect(receipt.total).toBe('53.20');
  });

  it('believes a total that the tax summary below adds up to, over a subtotal a digit away', () => {
    const receipt = read([
      'TANJONGMAS BOOKCENTRE SDN BHD',
      'SUB-TOTAL                        62.80',
      'Total GST(I)                      3.51',
      'TOTAL INCL GST RM          62.00',
      'GST          Taxable Amt GST Amt',
      's=SR(I) - 6%          58.49      3.51',
    ]);
    expect(receipt.total).toBe('62.00');
  });

  it('takes the cash tendered without change over a total below the subtotal', () => {
    const receipt = read([
      'B & BEST RESTAURANT',
      '3 SUB TOTAL                              21.00',
      'GST 6%                                y A526',
      'NET TOTAL                          2.05',
      'Cash                                   22.25',
    ]);
    expect(receipt.total).toBe('22.25');
    // With change given, the cash says nothing about the total: the keyword stays.
    expect(read(['SHOP', 'SUBTOTAL 21.00', 'TOTAL 2.05', 'CASH 22.25', 'CHANGE 1.00']).total).toBe('2.05');
  });

  it('keeps the keyword total when nothing contradicts it', () => {
    expect(read(['SHOP', 'GRAND TOTAL 42.00', 'Thank you']).total).toBe('42.00');
  });

  it('falls back to the largest amount when no line says total', () => {
    const receipt = read(['STALL', 'noodles 4.50', 'tea 1.20', '5.70', 'CASH 10.00', 'CHANGE 4.30']);
    expect(receipt.total).toBe('5.70');
  });

  it('returns nulls, not guesses, for an empty page', () => {
    const receipt = read(['']);
    expect(receipt).toMatchObject({ merchant: null, date: null, total: null, items: [] });
  });

  it('never returns a category outside the configured list', () => {
    expect(read(['SHELL STATION', 'RON95 40.00', 'TOTAL 40.00'], { categories: ['fuel'] }).category).toBe('fuel');
    expect(read(['SHELL STATION', 'RON95 40.00', 'TOTAL 40.00'], { categories: ['travel'] }).category).toBeNull();
  });
});
