// Paddle's text mended for the rules, on glued and misread forms it produced on SROIE receipts.
import { describe, expect, it } from 'vitest';
import { mendNumber, mendText, mendWord, splitDateTime } from '../../../src/pipeline/paddle/mend.ts';

describe('mending Paddle text', () => {
  it('reads O/o as 0 and I/l as 1 only inside numbers', () => {
    expect(mendNumber('433OO')).toBe('43300');
    expect(mendNumber('1O.5O')).toBe('10.50');
    expect(mendNumber('RM43.OO')).toBe('RM43.00');
    expect(mendNumber('l0.00')).toBe('10.00');
    expect(mendNumber('2O/12/2018')).toBe('20/12/2018');
    // Words stay words, even with a digit in them.
    for (const word of ['TOTAL', 'SOLD', 'Il', 'NO.1', 'IO', 'O1l', 'GOLD5', 'A4']) expect(mendNumber(word)).toBe(word);
  });

  it('reads 0 as O and 1 as l or I only between letters of a word', () => {
    expect(mendWord('Ja1an')).toBe('Jalan');
    expect(mendWord('Peta1ing')).toBe('Petaling');
    expect(mendWord('L0T')).toBe('LOT');
    expect(mendWord('MA1N')).toBe('MAIN');
    expect(mendWord('N0:')).toBe('NO:');
    expect(mendWord('C0.')).toBe('CO.');
    for (const token of ['PT15944', 'SS21/39', 'B1', 'A10', 'G30', '100', 'UPTOWN3', 'X0'])
      expect(mendWord(token)).toBe(token);
  });

  it('splits a date glued to the time after it', () => {
    expect(splitDateTime('25/12/20188:13:39PM')).toBe('25/12/2018 8:13:39PM');
    expect(splitDateTime('Date: 29-12-201720:17')).toBe('Date: 29-12-2017 20:17');
    expect(splitDateTime('25/12/1808:13')).toBe('25/12/18 08:13');
    expect(splitDateTime('03.11.2026 14:05')).toBe('03.11.2026 14:05');
    expect(splitDateTime('TEL 03-5121-3881')).toBe('TEL 03-5121-3881');
  });

  it('folds full-width forms and keeps the spacing', () => {
    expect(mendText('ＴＯＴＡＬ：  １２，５０')).toBe('TOTAL:  12,50');
    expect(mendText('谢谢！')).toBe('谢谢!');
    expect(mendText('Total。 9.OO')).toBe('Total. 9.00');
    expect(mendText('Date：25/12/20188：13：39PM')).toBe('Date:25/12/2018 8:13:39PM');
  });
});
