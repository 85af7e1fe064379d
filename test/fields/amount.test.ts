// One written amount to cents, in every format people and tills use; ambiguous ones are refused.
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/fields/amount.ts';

describe('parseAmount', () => {
  it.each([
    ['12.50', 1250n, '.'],
    ['12,50', 1250n, ','],
    ['12.5', 1250n, '.'],
    ['1,234.56', 123456n, '.'],
    ['1.234,56', 123456n, ','],
    ['1 234,56', 123456n, ','],
    ['1\u202f234,56', 123456n, ','],
    ['1\u00a0234,56', 123456n, ','],
    ["1'234.50", 123450n, '.'],
    ['1’234.50', 123450n, '.'],
    ['12,345,678.90', 1234567890n, '.'],
    ['-2,81', -281n, ','],
    ['2,81-', -281n, ','],
    ['−2.81', -281n, '.'],
    ['(2.81)', -281n, '.'],
    ['0.05', 5n, '.'],
    ['12', 1200n, null],
    ['1.234.567', 123456700n, null],
    ['1 234', 123400n, null],
  ] as const)('reads %s', (written, cents, decimalMark) => {
    expect(parseAmount(written)).toEqual({ ok: true, cents, decimalMark });
  });

  it.each(['1,234', '1.234', '12.345'])('refuses %s as ambiguous, with both readings', (written) => {
    const reading = parseAmount(written);
    expect(reading).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (!reading.ok && reading.reason === 'ambiguous') {
      expect(reading.readings.grouped).toBe(BigInt(written.replace(/\D/g, '')) * 100n);
      expect(reading.readings.decimal).toBe(written.replace(',', '.'));
    }
  });

  it.each([
    ['12.', 'not_an_amount'],
    ['abc', 'not_an_amount'],
    ['1.234.56', 'not_an_amount'],
    ['1,23,45', 'not_an_amount'],
    ['12 50', 'not_an_amount'],
    ['-(2.81)', 'not_an_amount'],
    ['-2.81-', 'not_an_amount'],
    ['0,123', 'too_many_decimals'],
    ['1234,567', 'too_many_decimals'],
    ['1234567890123.00', 'too_large'],
  ])('refuses %s (%s)', (written, reason) => {
    expect(parseAmount(written)).toMatchObject({ ok: false, reason });
  });
});
