// CSV both ways: rows with their line numbers in, defused cells out.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, parseCsvWithHeader } from '../src/csv.ts';

describe('csv', () => {
  it('reads the header as trimmed lower-case columns and drops a byte-order mark', () => {
    expect(parseCsvWithHeader('\uFEFF Currency ,RATE\nUSD,"0,92"\n')).toEqual({
      columns: ['currency', 'rate'],
      rows: [{ line: 2, cells: ['USD', '0,92'] }],
    });
    expect(parseCsvWithHeader('')).toEqual({ columns: [], rows: [] });
  });

  it('writes cells a spreadsheet reads back as text', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('Cafe, "The" Corner')).toBe('"Cafe, ""The"" Corner"');
    expect(csvCell(-3)).toBe('-3');
    // Negative amounts stay numbers a spreadsheet adds up; anything else starting with - is defused.
    expect(csvCell('-1.00')).toBe('-1.00');
    expect(csvCell('+12.5')).toBe('+12.5');
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('-A1')).toBe("'-A1");
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell(null)).toBe('');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});
