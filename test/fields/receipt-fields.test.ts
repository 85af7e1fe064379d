// The field rules on their own: amounts people type, the ceiling, tax, the date window, currencies, text.
import { describe, expect, it } from 'vitest';
import { circulatingCurrencyCodes } from '../../src/fields/currency-codes.ts';
import {
  checkPurchaseDate,
  checkTax,
  checkTotal,
  readAmount,
  readCurrency,
  readText,
} from '../../src/fields/receipt-fields.ts';

const value = <T>(checked: { ok: true; value: T } | { ok: false; problem: string }) =>
  checked.ok ? checked.value : checked.problem;

describe('field rules', () => {
  it('reads amounts in every format people write', () => {
    const cases: [string | number, bigint][] = [
      ['12,50', 1250n],
      ['1.234,56', 123456n],
      ['1,234.56', 123456n],
      ['1 234,56', 123456n],
      ['1\u202f234,56', 123456n],
      ['12.5', 1250n],
      ["1'234.50", 123450n],
      ['€12,50', 1250n],
      ['12,50 €', 1250n],
      ['EUR 12.50', 1250n],
      ['CHF 1’234.50', 123450n],
      ['12', 1200n],
      [12.5, 1250n],
      [1234, 123400n],
    ];
    for (const [written, cents] of cases) expect(value(readAmount(written)), String(written)).toBe(cents);
  });

  it('refuses what reads two ways or is not an amount, saying how to write it', () => {
    expect(value(readAmount('1,234'))).toBe('"1,234" can be read two ways; write 1234 or 1,234.00 / 1.234,00.');
    expect(value(readAmount('1.234'))).toContain('write 1234 or 1,234.00 / 1.234,00');
    expect(value(readAmount('twelve'))).toBe('"twelve" is not an amount; write it like 12.50 or 12,50.');
    expect(value(readAmount(1.234, 'The total'))).toBe('The total 1.234 has more than two decimals.');
    expect(value(readAmount(Number.NaN))).toContain('is not an amount');
    expect(value(readAmount('9999999999999'))).toContain('too large');
  });

  it('keeps the total above zero and under the ceiling, and the tax between zero and the total', () => {
    expect(value(checkTotal(0n, { maxReceiptTotal: '1000000.00' }))).toBe('The total must be more than 0.');
    expect(value(checkTotal(100000001n, { maxReceiptTotal: '1000000.00' }))).toBe(
      'The total 1000000.01 is more than one receipt can be (at most 1000000.00); check the amount.',
    );
    expect(value(checkTotal(100000000n, { maxReceiptTotal: '1000000.00' }))).toBe(100000000n);
    expect(value(checkTax(-1n, 100n))).toBe('The tax cannot be negative.');
    expect(value(checkTax(101n, 100n))).toBe('The tax (1.01) cannot be more than the total (1.00).');
    expect(value(checkTax(0n, 100n))).toBe(0n);
  });

  it('keeps dates from 2000-01-01 to tomorrow, naming the window', () => {
    const today = new Date('2026-12-02T23:30:00Z');
    expect(value(checkPurchaseDate('2026-12-03', { today }))).toBe('2026-12-03');
    expect(value(checkPurchaseDate('2026-12-04', { today }))).toBe(
      "The date 2026-12-04 is out of range: a receipt's date is between 2000-01-01 and 2026-12-03.",
    );
    expect(value(checkPurchaseDate('1999-12-31', { today }))).toContain('out of range');
    expect(value(checkPurchaseDate('2026-02-29', { today }))).toContain('is not a date');
  });

  it('takes real ISO 4217 codes only', () => {
    expect(value(readCurrency(' chf '))).toBe('CHF');
    expect(value(readCurrency('XYZ'))).toContain('"XYZ" is not a currency code');
    expect(value(readCurrency('XAU'))).toContain('is not a currency code'); // gold is not paid at a till
    expect(value(readCurrency('euro'))).toBe('Write the currency as a three-letter code such as EUR, USD or GBP.');
    expect(circulatingCurrencyCodes).toContain('MYR');
    expect(new Set(circulatingCurrencyCodes).size).toBe(circulatingCurrencyCodes.length);
  });

  it('trims text, makes line breaks spaces, refuses control characters and empty required text', () => {
    const merchant = { label: 'The merchant', max: 10, required: true };
    expect(value(readText('  Blue\tBottle\n', { ...merchant, max: 20 }))).toBe('Blue Bottle');
    expect(value(readText('a\u0000b', merchant))).toBe('The merchant contains a control character; type plain text.');
    expect(value(readText('   ', merchant))).toBe('The merchant cannot be empty.');
    expect(value(readText('x'.repeat(11), merchant))).toBe('The merchant is too long: at most 10 characters.');
    expect(value(readText('', { ...merchant, required: false }))).toBeNull();
  });
});
