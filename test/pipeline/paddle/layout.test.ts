// From the models' raw output to the OCR shape: CTC decoding with character positions, spaces from the
// blank columns between characters, detection boxes from a probability map, and boxes joined into rows.
import { describe, expect, it } from 'vitest';
import { boxesFromMap, minAreaRect, type TextBox } from '../../../src/pipeline/paddle/detect.ts';
import {
  joinCloseWords,
  letterBlanks,
  mendAgain,
  placeChars,
  spaceThresholds,
  toOcrResult,
  wordsOf,
} from '../../../src/pipeline/paddle/layout.ts';
import { type DecodedLine, decodeCtc } from '../../../src/pipeline/paddle/recognise.ts';

const dictionary = ['A', 'B', '1', ' '];

/** Probabilities [1, steps, 5] with the given class most likely at each step. */
function probabilities(classes: number[]): Float32Array {
  const data = new Float32Array(classes.length * 5).fill(0.05);
  classes.forEach((c, t) => {
    data[t * 5 + c] = 0.8;
  });
  return data;
}

describe('CTC decoding', () => {
  it('merges repeats, drops blanks and keeps the step of each character', () => {
    // A A blank A B B blank 1 : "AAB1" (the blank separates the two As).
    const [line] = decodeCtc(probabilities([1, 1, 0, 1, 2, 2, 0, 3]), 1, 8, 5, dictionary);
    expect(line!.map((c) => c.char).join('')).toBe('AAB1');
    expect(line!.map((c) => c.step)).toEqual([0, 3, 4, 7]);
    expect(line![0]!.probability).toBeCloseTo(0.8);
  });
});

/** A level box 400 × 40 at the page's top left, read at 8 input pixels per step over 400 columns. */
const box: TextBox = { cx: 200, cy: 20, width: 400, height: 40, ux: 1, uy: 0, score: 0.9 };

/** Characters at steps, and ink everywhere except the given column ranges. */
function decoded(text: string, steps: number[], blanks: [number, number][]): DecodedLine {
  const ink = new Uint8Array(400).fill(1);
  for (const [from, to] of blanks) ink.fill(0, from, to);
  return {
    chars: [...text].map((char, i) => ({ char, step: steps[i]!, probability: 0.9 })),
    steps: 50,
    usedWidth: 400,
    batchWidth: 400,
    ink,
  };
}

describe('spaces from the gaps between characters', () => {
  it('splits a glued address where a character-wide blank runs between two letters', () => {
    // JALANDEDAP13, four steps (32 px) apart, with 40 blank columns between N and D.
    const steps = [1, 5, 9, 13, 17, 26, 30, 34, 38, 42, 46, 49];
    const line = decoded('JALANDEDAP13', steps, [[150, 190]]);
    expect(wordsOf(box, placeChars(box, line)).map((word) => word.text)).toEqual(['JALAN', 'DEDAP13']);
  });

  it('sets the bar from the page: letter-spaced print needs a wider blank for a space', () => {
    // "TOTAL" with 16 blank columns between letters (half a pitch), then 40 before "RM".
    const steps = [1, 5, 9, 13, 17, 23, 27];
    const blanks: [number, number][] = [
      [20, 36],
      [52, 68],
      [84, 100],
      [116, 132],
      [142, 182],
      [196, 208],
    ];
    const line = decoded('TOTALRM', steps, blanks);
    const placed = placeChars(box, line);
    // A condensed font's bar (0.4 pitch) would cut the word at every letter...
    expect(wordsOf(box, placed, spaceThresholds(0.15)).map((word) => word.text)).toEqual([
      'T',
      'O',
      'T',
      'A',
      'L',
      'RM',
    ]);
    // ...the page's own usual blank keeps the words whole and finds the space.
    const usual = letterBlanks([placed]).sort((a, b) => a - b)[3]!;
    expect(wordsOf(box, placed, spaceThresholds(usual)).map((word) => word.text)).toEqual(['TOTAL', 'RM']);
  });

  it('keeps a number whole across the blank a narrow 1 leaves', () => {
    const line = decoded(
      '9.10',
      [1, 4, 7, 11],
      [
        [40, 52],
        [66, 80],
      ],
    );
    expect(wordsOf(box, placeChars(box, line)).map((word) => word.text)).toEqual(['9.10']);
  });

  it('splits where the model read a space', () => {
    const line = decoded('AB 1', [1, 5, 8, 12], []);
    expect(wordsOf(box, placeChars(box, line)).map((word) => word.text)).toEqual(['AB', '1']);
  });

  it('joins boxes on one slanted row into a line, columns two spaces apart, words with their boxes', () => {
    const left: TextBox = { cx: 100, cy: 100, width: 160, height: 30, ux: 0.9987, uy: 0.05, score: 0.9 };
    const right: TextBox = { cx: 500, cy: 120, width: 80, height: 30, ux: 1, uy: 0, score: 0.9 };
    const below: TextBox = { cx: 100, cy: 160, width: 160, height: 30, ux: 1, uy: 0, score: 0.9 };
    const line = (text: string, used: number): DecodedLine => ({
      chars: [...text].map((char, i) => ({ char, step: 1 + i * 4, probability: 0.95 })),
      steps: used / 8,
      usedWidth: used,
      batchWidth: used,
      ink: new Uint8Array(used).fill(1),
    });
    const result = toOcrResult(
      [below, right, left],
      [line('CASH', 256), line('9.OO', 128), line('TOTAL', 256)],
      800,
      400,
    );
    expect(result.lines.map((l) => l.text)).toEqual(['TOTAL  9.00', 'CASH']);
    expect(result.lines[0]!.words.map((w) => w.text)).toEqual(['TOTAL', '9.00']);
    expect(result.lines[0]!.words[1]!.box.x0).toBeGreaterThan(440);
    expect(result.confidence).toBe(95);
  });
});

describe('words split inside', () => {
  /** A word of `text` at 20 px a character from x0 (boxes span a pitch per character). */
  const word = (text: string, x0: number) => ({
    text,
    confidence: 90,
    box: { x0, y0: 0, x1: x0 + 20 * text.length, y1: 30 },
  });

  it('joins a word cut beside a letter with an open side, and keeps real spaces', () => {
    // "CIT" then "Y" only a sixth of a pitch apart from where a following letter would sit: one word.
    // A space leaves about a pitch between the boxes: "CITY" and "CABS" stay apart.
    const words = [word('CIT', 0), word('Y', 56), word('CABS', 96)];
    expect(joinCloseWords(words).map((w) => w.text)).toEqual(['CITY', 'CABS']);
    expect(joinCloseWords(words)[0]!.box).toEqual({ x0: 0, y0: 0, x1: 76, y1: 30 });
    // Without an open side the boxes must overlap more: a small overlap between "MAJU" and "SB" is a space.
    expect(joinCloseWords([word('MAJU', 0), word('SB', 76)]).map((w) => w.text)).toEqual(['MAJU', 'SB']);
    expect(joinCloseWords([word('RE', 0), word('TURN', 32)]).map((w) => w.text)).toEqual(['RETURN']);
    // Numbers are left to the thresholds for digits.
    expect(joinCloseWords([word('12', 0), word('50', 36)]).map((w) => w.text)).toEqual(['12', '50']);
  });

  it('joins them in kept readings too, box by box', () => {
    const line = { text: 'CIT Y CABS  T OTAL', confidence: 90, box: { x0: 0, y0: 0, x1: 400, y1: 30 } };
    const words = [word('CIT', 0), word('Y', 56), word('CABS', 96), word('T', 300), word('OTAL', 316)];
    const mended = mendAgain({ text: line.text, confidence: 90, width: 400, height: 30, lines: [{ ...line, words }] });
    expect(mended.text).toBe('CITY CABS  TOTAL');
    expect(mended.lines[0]!.words.map((w) => w.text)).toEqual(['CITY', 'CABS', 'TOTAL']);
  });
});

describe('detection boxes', () => {
  it('finds each region above the threshold as a box, grown by the unclip distance', () => {
    const width = 64;
    const height = 32;
    const map = new Float32Array(width * height);
    // A 40 × 6 region of text (probability 0.9) and a faint 10 × 6 one (0.5, under the box score).
    for (let y = 4; y < 10; y++) for (let x = 4; x < 44; x++) map[y * width + x] = 0.9;
    for (let y = 20; y < 26; y++) for (let x = 4; x < 14; x++) map[y * width + x] = 0.5;
    const boxes = boxesFromMap(map, width, height, 2, 2);
    expect(boxes).toHaveLength(1);
    const [found] = boxes;
    // Centre (23.5 + 0.5, 6.5 + 0.5) × 2; 39 × 5 grown by 39·5·1.5/(2·44) ≈ 3.3 each side, × 2.
    expect(found!.cx).toBeCloseTo(48);
    expect(found!.cy).toBeCloseTo(14);
    expect(found!.width).toBeCloseTo(2 * (39 + 2 * 3.324), 0);
    expect(found!.height).toBeCloseTo(2 * (5 + 2 * 3.324), 0);
    expect(found!.score).toBeCloseTo(0.9);
  });

  it('fits the smallest rectangle around slanted points', () => {
    const points: [number, number][] = [];
    for (let x = 0; x <= 100; x++) points.push([x, x * 0.1], [x, x * 0.1 + 10]);
    const rect = minAreaRect(points);
    expect(Math.max(rect.width, rect.height)).toBeGreaterThan(100);
    expect(Math.min(rect.width, rect.height)).toBeCloseTo(10 / Math.hypot(1, 0.1), 1);
  });
});
