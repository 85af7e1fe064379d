import { describe, expect, it } from 'vitest';
import { checkReceipt } from '../../../src/pipeline/extract/checks.ts';
import { type ExtractedReceipt, emptyReceipt } from '../../../src/pipeline/extract/schema.ts';
import { combineReadings, mergeSecondLook, needsSecondLook } from '../../../src/pipeline/extract/second-look.ts';

const context = { today: new Date('2026-11-20T12:00:00Z'), categories: ['meals', 'other'] };
const reading = (fields: Partial<ExtractedReceipt>) =>
  checkReceipt(
    {
      ...emptyReceipt(),
      merchant: 'CAFE',
      merchantAddress: '1 HIGH ST',
      date: '2026-10-03',
      total: '10.70',
      fieldConfidence: { total: 0.8, date: 0.8, merchant: 0.8 },
      ...fields,
    },
    context,
  );

describe('second look', () => {
  it('is not needed when the date, total and merchant passed the checks', () => {
    expect(needsSecondLook(reading({}))).toBe(false);
    // Arithmetic that does not add up is not fixed by another reading of the same digits.
    expect(needsSecondLook(reading({ subtotal: '9.00', tax: '0.50' }))).toBe(false);
  });

  it('is needed for a missing or impossible date, a missing total or merchant', () => {
    expect(needsSecondLook(reading({ date: null }))).toBe(true);
    expect(needsSecondLook(reading({ date: '2811-07-01' }))).toBe(true);
    expect(needsSecondLook(reading({ date: '2006-01-01' }))).toBe(true);
    expect(needsSecondLook(reading({ total: null }))).toBe(true);
    expect(needsSecondLook(reading({ merchant: null }))).toBe(true);
  });

  it('takes only the doubtful fields, and only where the second reading passed the checks', () => {
    const first = reading({ date: '2811-07-01', total: null, merchant: 'CAFE' });
    const second = reading({ date: '2026-07-01', total: '12.00', subtotal: '12.00', merchant: 'C4FE' });
    const merged = mergeSecondLook(first, second);
    expect(merged).toMatchObject({ date: '2026-07-01', total: '12.00', subtotal: '12.00', merchant: 'CAFE' });

    const worse = reading({ date: '2999-01-01', total: '-1.00', merchant: null });
    expect(mergeSecondLook(first, worse)).toMatchObject({ date: '2811-07-01', total: null, merchant: 'CAFE' });
  });

  it('keeps the first address when it takes the merchant from the second reading', () => {
    const merged = mergeSecondLook(reading({ merchant: null }), reading({ merchant: 'CAFE', merchantAddress: null }));
    expect(merged).toMatchObject({ merchant: 'CAFE', merchantAddress: '1 HIGH ST' });
  });

  it('takes the category with the merchant when the first reading, without a name, could only guess', () => {
    const first = reading({ merchant: null, category: 'other', fieldConfidence: { total: 0.8, category: 0.3 } });
    const second = reading({
      merchant: 'STEAK GRILL',
      category: 'meals',
      fieldConfidence: { merchant: 0.6, category: 0.6 },
    });
    expect(mergeSecondLook(first, second)).toMatchObject({ merchant: 'STEAK GRILL', category: 'meals' });
    // A category the first reading found from its items stands when the second is no surer.
    const fromItems = reading({ merchant: null, category: 'meals', fieldConfidence: { category: 0.6 } });
    const guessed = reading({ category: 'other', fieldConfidence: { merchant: 0.6, category: 0.3 } });
    expect(mergeSecondLook(fromItems, guessed)).toMatchObject({ merchant: 'CAFE', category: 'meals' });
  });

  it('raises the confidence of what both engines read alike', () => {
    const combined = combineReadings(reading({}), reading({ merchant: 'Cafe.' }));
    expect(combined.warnings).toEqual([]);
    expect(combined.receipt.fieldConfidence).toMatchObject({ total: 0.9, date: 0.9, merchant: 0.9 });
  });

  it('lowers a total or date the engines read differently and shows both readings', () => {
    const combined = combineReadings(reading({}), reading({ total: '16.70', date: '2026-10-08', merchant: 'BAR' }));
    expect(combined.receipt).toMatchObject({ total: '10.70', date: '2026-10-03', merchant: 'CAFE' });
    expect(combined.receipt.fieldConfidence).toMatchObject({ total: 0.3, date: 0.3, merchant: 0.8 });
    expect(combined.warnings).toEqual([
      'The date reads 2026-10-03 in one reading and 2026-10-08 in the other.',
      'The total reads 10.70 in one reading and 16.70 in the other.',
    ]);
  });

  it('fills a doubtful field from the second reading without calling it a disagreement', () => {
    const combined = combineReadings(reading({ total: null }), reading({ total: '10.70' }));
    expect(combined.receipt.total).toBe('10.70');
    expect(combined.warnings).toEqual([]);
  });
});
