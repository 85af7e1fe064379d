// Two columns read one after the other: tesseract reads a block of labels on the left and amounts far
// to the right as a run of labels, then a run of amounts ("SUMME / RUNDUNG / GESAMTBETRAG / 23.49 /
// 0.01 / 23.50"). When both runs are equally long, each amount goes back to its label, in order.
import { lineValue } from './amounts.ts';
import type { TextLine } from './lines.ts';

/** A label alone: mostly letters, no amount. */
function isLabel(line: TextLine): boolean {
  return !lineValue(line.text) && (line.text.match(/\p{L}/gu)?.length ?? 0) >= 3;
}

/** An amount alone, at most a currency or a tax letter beside it ("23.49", "25,00 EUR", "1.20 A"). */
function isValue(line: TextLine): boolean {
  return lineValue(line.text) !== undefined && (line.text.match(/\p{L}/gu)?.length ?? 0) <= 3;
}

const cache = new WeakMap<readonly TextLine[], Map<number, bigint>>();

/** The amount of each label line read apart from its amount, by line index. */
export function valuesBelowLabels(lines: readonly TextLine[]): Map<number, bigint> {
  const known = cache.get(lines);
  if (known) return known;
  const values = new Map<number, bigint>();
  let start = 0;
  while (start < lines.length) {
    let labelsEnd = start;
    while (labelsEnd < lines.length && isLabel(lines[labelsEnd]!)) labelsEnd++;
    const count = labelsEnd - start;
    if (count < 2) {
      start = labelsEnd + 1;
      continue;
    }
    let valuesEnd = labelsEnd;
    while (valuesEnd < lines.length && isValue(lines[valuesEnd]!)) valuesEnd++;
    if (valuesEnd - labelsEnd === count) {
      for (let k = 0; k < count; k++) {
        const value = lineValue(lines[labelsEnd + k]!.text);
        if (value) values.set(lines[start + k]!.index, value.cents);
      }
    }
    start = Math.max(valuesEnd, labelsEnd + 1);
  }
  cache.set(lines, values);
  return values;
}
