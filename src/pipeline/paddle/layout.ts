// Recognised boxes into the OCR shape the extractor reads (ocr-types.ts): spaces restored from the
// gaps between character positions, words with their own boxes, and boxes on one row of the receipt
// joined into one line, two spaces apart (the rules read a gap of two spaces as a column boundary).
import type { Box, OcrLine, OcrResult, OcrWord } from '../ocr-types.ts';
import type { TextBox } from './detect.ts';
import { mendText } from './mend.ts';
import type { DecodedLine } from './recognise.ts';

/**
 * Spaces are blank runs between two characters wider than usual for the page. Fonts differ (condensed
 * till fonts leave 0.2 of a character pitch between letters, letter-spaced ones 0.5), so the bar is
 * set from the page: `spaceOverUsual` times the median blank between two letters, and at least
 * `minLetterSpace` pitches. Narrow characters (1, punctuation) leave blank on both sides of their cell,
 * so next to one a space must be wider; between two digits wider still, so an amount is never cut at a 1.
 */
const spaceOverUsual = 2.2;
const minLetterSpace = 0.4;
const narrowExtra = 0.35;
const minDigitSpace = 1.0;
const narrow = /[1Iijl.,:;!|'"()[\]{}\-/]/;

export interface SpaceThresholds {
  letters: number;
  narrow: number;
  digits: number;
}

/** The thresholds for a page whose letter-to-letter blanks (in pitches) have this median. */
export function spaceThresholds(usualLetterBlank: number): SpaceThresholds {
  const letters = Math.max(minLetterSpace, spaceOverUsual * usualLetterBlank);
  return { letters, narrow: letters + narrowExtra, digits: Math.max(minDigitSpace, letters + narrowExtra) };
}

const defaultThresholds = spaceThresholds(0.15);

function spaceThreshold(left: string, right: string, thresholds: SpaceThresholds): number {
  if (/\d/.test(left) && /\d/.test(right)) return thresholds.digits;
  if (narrow.test(left) || narrow.test(right)) return thresholds.narrow;
  return thresholds.letters;
}

const isLetter = (char: string) => /\p{L}/u.test(char) && !narrow.test(char);

/** Blanks between two adjacent letters, in pitches of their box: what "no space" looks like on this page. */
export function letterBlanks(placed: Placed[][]): number[] {
  return placed.flatMap((chars) => {
    const pitch = pitchOf(chars);
    if (pitch === null) return [];
    return chars.slice(1).flatMap((c, i) => {
      const previous = chars[i]!;
      return isLetter(previous.char) && isLetter(c.char) ? [c.blankBefore / pitch] : [];
    });
  });
}

function pitchOf(chars: Placed[]): number | null {
  const visible = chars.filter((c) => c.char.trim() !== '');
  return median(visible.slice(1).map((c, i) => c.u - visible[i]!.u));
}

interface Placed {
  char: string;
  /** Position along the box width, page pixels from its left edge. */
  u: number;
  /** Longest run of columns without ink since the previous character, page pixels. */
  blankBefore: number;
  probability: number;
}

/** Characters of one box at their positions along it, with the blank space before each. */
export function placeChars(box: TextBox, line: DecodedLine): Placed[] {
  const pixelsPerStep = line.batchWidth / Math.max(1, line.steps);
  const toBox = box.width / Math.max(1, line.usedWidth);
  let previous = -1;
  return line.chars.map((c) => {
    const x = Math.min(line.usedWidth - 1, Math.round((c.step + 0.5) * pixelsPerStep));
    const blank = previous < 0 ? 0 : longestBlank(line.ink, previous, x);
    previous = x;
    return { char: c.char, u: x * toBox, blankBefore: blank * toBox, probability: c.probability };
  });
}

function longestBlank(ink: Uint8Array, from: number, to: number): number {
  let longest = 0;
  let run = 0;
  for (let x = from; x <= to; x++) {
    run = ink[x] ? 0 : run + 1;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Words of one box: split at spaces the model read and at blank runs wider than the thresholds. */
export function wordsOf(
  box: TextBox,
  chars: Placed[],
  thresholds: SpaceThresholds = defaultThresholds,
): { text: string; from: number; to: number; probability: number }[] {
  const pitch = pitchOf(chars) ?? box.height / 2;
  const words: { chars: Placed[] }[] = [];
  let current: Placed[] = [];
  for (const c of chars) {
    if (c.char.trim() === '') {
      if (current.length) words.push({ chars: current });
      current = [];
      continue;
    }
    const previous = current[current.length - 1];
    if (previous && c.blankBefore > spaceThreshold(previous.char, c.char, thresholds) * pitch) {
      words.push({ chars: current });
      current = [];
    }
    current.push(c);
  }
  if (current.length) words.push({ chars: current });
  return words.map(({ chars: wordChars }) => ({
    text: wordChars.map((c) => c.char).join(''),
    from: Math.max(0, wordChars[0]!.u - pitch / 2),
    to: Math.min(box.width, wordChars[wordChars.length - 1]!.u + pitch / 2),
    probability: wordChars.reduce((sum, c) => sum + c.probability, 0) / wordChars.length,
  }));
}

/** Axis-aligned page box around the part [from, to] of a rotated box's width. */
function spanBox(box: TextBox, from: number, to: number): Box {
  const vx = -box.uy;
  const vy = box.ux;
  const x0 = box.cx - (box.ux * box.width) / 2 - (vx * box.height) / 2;
  const y0 = box.cy - (box.uy * box.width) / 2 - (vy * box.height) / 2;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const u of [from, to]) {
    for (const v of [0, box.height]) {
      xs.push(x0 + u * box.ux + v * vx);
      ys.push(y0 + u * box.uy + v * vy);
    }
  }
  return {
    x0: Math.max(0, Math.floor(Math.min(...xs))),
    y0: Math.max(0, Math.floor(Math.min(...ys))),
    x1: Math.ceil(Math.max(...xs)),
    y1: Math.ceil(Math.max(...ys)),
  };
}

interface Segment {
  box: TextBox;
  words: OcrWord[];
}

/** The page's lines: boxes grouped into rows top to bottom, each row read left to right. */
export function toOcrResult(boxes: TextBox[], decoded: DecodedLine[], width: number, height: number): OcrResult {
  const segments: Segment[] = [];
  const placed = boxes.map((box, i) => placeChars(box, decoded[i]!));
  const thresholds = spaceThresholds(median(letterBlanks(placed)) ?? 0.15);
  boxes.forEach((box, i) => {
    const words = wordsOf(box, placed[i]!, thresholds)
      .map((word) => ({
        text: mendText(word.text),
        confidence: Math.round(word.probability * 1000) / 10,
        box: spanBox(box, word.from, word.to),
      }))
      .filter((word) => word.text.trim() !== '');
    if (words.length) segments.push({ box, words: joinCloseWords(words) });
  });
  const rows: Segment[][] = [];
  const slope = pageSlope(boxes);
  for (const segment of [...segments].sort((a, b) => a.box.cy - b.box.cy)) {
    const row = rows.find((candidate) => sameRow(candidate, segment, slope));
    if (row) row.push(segment);
    else rows.push([segment]);
  }
  const lines: OcrLine[] = rows
    .map((row) => row.sort((a, b) => a.box.cx - b.box.cx))
    .map((row) => {
      const words = row.flatMap((segment) => segment.words);
      const text = mendText(row.map((segment) => segment.words.map((word) => word.text).join(' ')).join('  '));
      return {
        text,
        confidence: mean(words.map((word) => word.confidence)),
        box: {
          x0: Math.min(...words.map((word) => word.box.x0)),
          y0: Math.min(...words.map((word) => word.box.y0)),
          x1: Math.max(...words.map((word) => word.box.x1)),
          y1: Math.max(...words.map((word) => word.box.y1)),
        },
        words,
      };
    })
    .sort((a, b) => a.box.y0 + a.box.y1 - (b.box.y0 + b.box.y1));
  const words = lines.flatMap((line) => line.words);
  return {
    text: lines.map((line) => line.text).join('\n'),
    confidence: mean(words.map((word) => word.confidence)),
    width,
    height,
    lines,
  };
}

/**
 * A segment is on a row when its centre, levelled by the page's slope, is within 0.45 text heights
 * of each segment's already there, and it does not overlap one of them.
 */
function sameRow(row: Segment[], segment: Segment, slope: number): boolean {
  const box = segment.box;
  const level = (b: TextBox) => b.cy - b.cx * slope;
  return row.every((other) => {
    const o = other.box;
    const overlapX = Math.abs(box.cx - o.cx) < (box.width + o.width) / 2 - Math.min(box.height, o.height) / 2;
    return !overlapX && Math.abs(level(box) - level(o)) < Math.min(box.height, o.height) * 0.45;
  });
}

/** The page's slope (dy/dx of its text lines): the median over the boxes long enough to tell. */
function pageSlope(boxes: TextBox[]): number {
  const slopes = boxes.filter((box) => box.width > 4 * box.height).map((box) => box.uy / box.ux);
  return median(slopes) ?? 0;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function mean(values: number[]): number {
  return values.length ? Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 10) / 10 : 0;
}

/**
 * Letters whose ink leaves one side open (the bar of T overhangs its stem, L's foot, F's and Y's arms):
 * where the bar prints thin, the blank beside them looks like a space.
 */
const openRight = /[TLFYPVWrfy]$/;
const openLeft = /^[TYJVW]/;
/**
 * Two words split by a blank whose characters sit closer than one pitch apart are one word: a space
 * takes a character cell (a gap of about one pitch between the word boxes), a split inside a word leaves
 * the boxes overlapping. Beside an open-sided letter the overlap to ask for is smaller.
 */
const overlapInsideWord = 0.3;
const overlapBesideOpenLetter = 0.15;

/** Words of one box with splits that are no spaces undone ("CIT Y" → "CITY"), from the words' boxes. */
export function joinCloseWords(words: OcrWord[]): OcrWord[] {
  const joined: OcrWord[] = [];
  for (const word of words) {
    const previous = joined[joined.length - 1];
    if (previous && sameWord(previous, word)) {
      joined[joined.length - 1] = {
        text: previous.text + word.text,
        confidence:
          Math.round(
            ((previous.confidence * previous.text.length + word.confidence * word.text.length) /
              (previous.text.length + word.text.length)) *
              10,
          ) / 10,
        box: {
          x0: Math.min(previous.box.x0, word.box.x0),
          y0: Math.min(previous.box.y0, word.box.y0),
          x1: Math.max(previous.box.x1, word.box.x1),
          y1: Math.max(previous.box.y1, word.box.y1),
        },
      };
    } else {
      joined.push(word);
    }
  }
  return joined;
}

function sameWord(left: OcrWord, right: OcrWord): boolean {
  if (!/\p{L}$/u.test(left.text) || !/^\p{L}/u.test(right.text)) return false;
  const pitch = Math.min(
    (left.box.x1 - left.box.x0) / left.text.length,
    (right.box.x1 - right.box.x0) / right.text.length,
  );
  const overlap = (left.box.x1 - right.box.x0) / Math.max(1, pitch);
  const open = openRight.test(left.text) || openLeft.test(right.text);
  return overlap > (open ? overlapBesideOpenLetter : overlapInsideWord);
}

/**
 * A reading with its text mended again (mending is idempotent): readings kept from before a mending
 * change (the eval script's OCR cache) read as fresh ones would, words split inside included.
 */
export function mendAgain(result: OcrResult): OcrResult {
  const lines = result.lines.map((line) => {
    const words = line.words.map((word) => ({ ...word, text: mendText(word.text) }));
    // The line's text is its boxes' words, one space apart within a box and two between boxes.
    const boxes = line.text.split('  ').map((part) => part.split(' ').filter(Boolean).length);
    if (boxes.reduce((sum, count) => sum + count, 0) !== words.length) {
      return { ...line, text: mendText(line.text), words };
    }
    let at = 0;
    const perBox = boxes.map((count) => {
      const own = joinCloseWords(words.slice(at, at + count));
      at += count;
      return own;
    });
    return {
      ...line,
      text: mendText(perBox.map((own) => own.map((word) => word.text).join(' ')).join('  ')),
      words: perBox.flat(),
    };
  });
  return { ...result, lines, text: lines.map((line) => line.text).join('\n') };
}
