import { describe, expect, it } from 'vitest';
import { checkReceipt } from '../../../src/pipeline/extract/checks.ts';
import { type ExtractedReceipt, emptyReceipt } from '../../../src/pipeline/extract/schema.ts';

const context = { today: new Date('2026-11-20T12:00:00Z'), categories: ['meals', 'other'] };
const good: ExtractedReceipt = {
  ...emptyReceipt(),
  merchant: 'CAFE',
  date: '2026-10-03',
  currency: 'EUR',
  total: '10.70',
  subtotal: '10.00',
  tax: '0.70',
  category: 'meals',
  items: [{ description: 'Lunch', quantity: '1', unitPrice: '10.00', amount: '10.00' }],
  fieldConfidence: { total: 0.9, date: 0.9, merchant: 0.9, currency: 0.9 },
};

describe('receipt checks', () => {
  it('passes a consistent receipt untouched', () => {
    expect(checkReceipt(good, context)).toEqual({ receipt: good, warnings: [] });
  });

  it('flags totals that do not add up and lowers their confidence', () => {
    const { receipt, warnings } = checkReceipt({ ...good, total: '17.00' }, context);
    expect(warnings).toEqual(['Subtotal, tax and tip do not add up to the total.']);
    expect(receipt.total).toBe('17.00');
    expect(receipt.fieldConfidence.total).toBeLessThan(0.5);
  });

  it('flags items that do not add up when the total is not confirmed otherwise, else only lowers their confidence', () => {
    const items = [{ description: 'Lunch', quantity: null, unitPrice: null, amount: '3.00' }];
    const unconfirmed = { ...good, items, fieldConfidence: { ...good.fieldConfidence, total: 0.7 } };
    expect(checkReceipt(unconfirmed, context).warnings).toEqual([
      'The line items do not add up to the subtotal or total.',
    ]);
    // A total the extractor confirmed (cash minus change, subtotal and tax, a rounding line) stays trusted.
    const confirmed = checkReceipt({ ...good, items }, context);
    expect(confirmed.warnings).toEqual([]);
    expect(confirmed.receipt.fieldConfidence.items).toBeLessThan(0.5);
  });

  it('asks about a total nothing confirms, and takes subtotal and tax or the items as confirmation', () => {
    const alone = {
      ...good,
      subtotal: null,
      tax: null,
      items: [],
      fieldConfidence: { ...good.fieldConfidence, total: 0.7 },
    };
    const checked = checkReceipt(alone, context);
    expect(checked.warnings).toEqual(['Nothing else on the receipt confirms the total.']);
    // Doubtful, not failed: a second reading that agrees can still confirm it.
    expect(checked.receipt.fieldConfidence.total).toBeGreaterThan(0.3);
    expect(checked.receipt.fieldConfidence.total).toBeLessThan(0.85);
    // The subtotal printed again confirms nothing.
    expect(checkReceipt({ ...alone, subtotal: '10.70' }, context).warnings).toEqual([
      'Nothing else on the receipt confirms the total.',
    ]);
    expect(checkReceipt({ ...alone, subtotal: '10.00', tax: '0.70' }, context).warnings).toEqual([]);
    const items = [
      { description: 'Lunch', quantity: null, unitPrice: null, amount: '8.00' },
      { description: 'Tea', quantity: null, unitPrice: null, amount: '2.70' },
    ];
    expect(checkReceipt({ ...alone, items }, context).warnings).toEqual([]);
  });

  it.each([
    ['2026-12-01', 'The date is in the future.'],
    ['2010-01-01', 'The date is more than 10 years old.'],
  ])('flags the date %s', (date, warning) => {
    expect(checkReceipt({ ...good, date }, context).warnings).toEqual([warning]);
  });

  it('flags a missing or non-positive total', () => {
    expect(checkReceipt({ ...good, total: null, subtotal: null }, context).warnings).toEqual([
      'The total could not be read.',
    ]);
    expect(checkReceipt({ ...good, total: '-5.00', subtotal: null, items: [] }, context).warnings).toEqual([
      'The total is not a positive amount.',
    ]);
  });

  it('sends a value outside the field rules to review: the ceiling, tax over total, a made-up currency', () => {
    const huge = checkReceipt({ ...good, total: '999999999999.99', subtotal: null, items: [] }, context);
    expect(huge.warnings).toEqual([
      'The total 999999999999.99 is more than one receipt can be (at most 1000000.00); check the amount.',
    ]);
    expect(huge.receipt.fieldConfidence.total).toBeLessThan(0.5);
    const lower = checkReceipt(
      { ...good, total: '2000.00', subtotal: null, items: [] },
      { ...context, maxReceiptTotal: '1000.00' },
    );
    expect(lower.warnings).toEqual([expect.stringContaining('at most 1000.00')]);
    const taxed = checkReceipt({ ...good, total: '5.00', subtotal: null, tax: '9.00', items: [] }, context);
    expect(taxed.warnings).toContain('The tax (9.00) cannot be more than the total (5.00).');
    const coined = checkReceipt({ ...good, currency: 'XYZ' }, context);
    expect(coined.warnings).toEqual(['XYZ is not an ISO 4217 currency code.']);
    const nul = checkReceipt({ ...good, merchant: 'Corner\u0000Cafe' }, context);
    expect(nul.receipt.merchant).toBeNull();
    expect(nul.warnings).toEqual(['The merchant could not be read.']);
  });

  it('never trusts a currency that came from nowhere', () => {
    expect(checkReceipt({ ...good, currency: null }, context).warnings).toEqual([
      'The receipt shows no currency and no default currency is configured.',
    ]);
    const guessed = checkReceipt({ ...good, fieldConfidence: { ...good.fieldConfidence, currency: 0.4 } }, context);
    expect(guessed.warnings).toEqual(['The currency (EUR) is not clear from the receipt.']);
    const unstated = checkReceipt({ ...good, fieldConfidence: { total: 0.9, date: 0.9, merchant: 0.9 } }, context);
    expect(unstated.warnings).toEqual(['The currency (EUR) is not clear from the receipt.']);
  });

  it('drops a category that is not configured', () => {
    const { receipt, warnings } = checkReceipt({ ...good, category: 'yachts' }, context);
    expect(receipt.category).toBeNull();
    expect(warnings).toEqual(['"yachts" is not one of the configured categories.']);
  });
});
