import { describe, expect, it } from 'vitest';
import { formatCents, parseCents } from '../src/money.ts';

describe('money', () => {
  it.each([
    ['12.50', 1250n],
    ['12.5', 1250n],
    ['-3', -300n],
    ['1,234.56', 123456n],
    ['0.1', 10n],
    ['abc', null],
    ['1.234', null],
  ])('parses %s', (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  it('formats cents with two decimals and adds exactly', () => {
    expect(formatCents(parseCents('0.10')! + parseCents('0.20')!)).toBe('0.30');
    expect(formatCents(-5n)).toBe('-0.05');
    expect(formatCents(123456789012n)).toBe('1234567890.12');
  });
});
