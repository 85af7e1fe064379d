// The words both bots use: counts with the right plural, review reasons as sentences, a refused file
// said once.
import { describe, expect, it } from 'vitest';
import { cannotReadText, summaryText } from '../../src/adapters/chat/summary.ts';
import { Prisma } from '../../src/db/client.ts';
import type { ReceiptWithItems } from '../../src/receipts/review.ts';
import { countOf, sentences } from '../../src/words.ts';

describe('chat words', () => {
  it('counts with the right plural', () => {
    expect(countOf(1, 'receipt')).toBe('1 receipt');
    expect(countOf(2, 'receipt')).toBe('2 receipts');
    expect(countOf(0, 'receipt')).toBe('0 receipts');
    expect(countOf(1n, 'person', 'people')).toBe('1 person');
  });

  it('joins review reasons as sentences, never ".;"', () => {
    expect(sentences(['The total is unclear.', 'No date found', ''])).toBe('The total is unclear. No date found.');
    const receipt = {
      status: 'needs_review',
      merchant: 'CORNER CAFE',
      purchaseDate: new Date('2026-10-03T00:00:00Z'),
      total: new Prisma.Decimal('6.50'),
      tax: null,
      currency: 'EUR',
      category: null,
      items: [],
      reviewReasons: ['The total does not match the items.', 'The date looks wrong.'],
      confirmedAt: null,
    } as unknown as ReceiptWithItems;
    const text = summaryText(receipt);
    expect(text).toContain('Please check: The total does not match the items. The date looks wrong.');
    expect(text).not.toContain('.;');
  });

  it('says a refused file cannot be read once', () => {
    expect(cannotReadText('That file is not something I can read. Send a JPEG, PNG or PDF.')).toBe(
      'That file is not something I can read. Send a JPEG, PNG or PDF.',
    );
    expect(cannotReadText('The file is empty.')).toBe('I cannot read this file. The file is empty.');
  });
});
