// PP-OCRv4 text recognition: each detected box cut out of the gray page (bilinear sampling along the
// box, so slanted lines come out level), scaled to height 48, and CTC greedy decoding that keeps the
// time step of every character, from which its position on the line follows.
import type { TextBox } from './detect.ts';

export const lineHeight = 48;
/** The reference's narrowest batch width (48 × 320 input). */
const minBatchWidth = 320;
/** Longest line the recogniser gets, in pixels at height 48: longer boxes are squeezed. */
const maxLineWidth = 2400;

/** A gray page: one byte per pixel. */
export interface GrayPage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface DecodedChar {
  char: string;
  /** Time step of the output the character was read at. */
  step: number;
  probability: number;
}

export interface DecodedLine {
  chars: DecodedChar[];
  /** Output time steps over the batch's input width. */
  steps: number;
  /** Input width the line filled (the rest of the batch width is padding). */
  usedWidth: number;
  batchWidth: number;
  /** Per input column of the line (usedWidth of them): 1 where the column holds ink. */
  ink: Uint8Array;
}

/** Width the box gets at height 48. */
export function lineWidth(box: TextBox): number {
  return Math.max(8, Math.min(maxLineWidth, Math.ceil((lineHeight * box.width) / Math.max(1, box.height))));
}

/** Width of a group of lines: its widest line, and at least the reference's 320. */
export function paddedWidth(boxes: TextBox[]): number {
  return Math.max(minBatchWidth, ...boxes.map(lineWidth));
}

/** The input tensor of one line, [1, 3, 48, width]: the line in its own width, zero padding on the right. */
export function recognitionInput(page: GrayPage, box: TextBox, width: number): Float32Array {
  const w = lineWidth(box);
  const plane = lineHeight * width;
  const data = new Float32Array(3 * plane);
  // Top-left corner of the box, and one output pixel's step along the width and the height.
  const vx = -box.uy;
  const vy = box.ux;
  const x0 = box.cx - (box.ux * box.width) / 2 - (vx * box.height) / 2;
  const y0 = box.cy - (box.uy * box.width) / 2 - (vy * box.height) / 2;
  const su = box.width / w;
  const sv = box.height / lineHeight;
  for (let row = 0; row < lineHeight; row++) {
    const v = (row + 0.5) * sv;
    for (let column = 0; column < w; column++) {
      const u = (column + 0.5) * su;
      const value = (sample(page, x0 + u * box.ux + v * vx - 0.5, y0 + u * box.uy + v * vy - 0.5) / 255 - 0.5) / 0.5;
      data[row * width + column] = value;
    }
  }
  // The three channels are the same gray.
  data.copyWithin(plane, 0, plane);
  data.copyWithin(2 * plane, 0, plane);
  return data;
}

/** Bilinear gray value at (x, y), the edge pixels repeated outside the page. */
function sample(page: GrayPage, x: number, y: number): number {
  const cx = Math.min(page.width - 1, Math.max(0, x));
  const cy = Math.min(page.height - 1, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(page.width - 1, x0 + 1);
  const y1 = Math.min(page.height - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const row0 = y0 * page.width;
  const row1 = y1 * page.width;
  const top = page.data[row0 + x0]! * (1 - fx) + page.data[row0 + x1]! * fx;
  const bottom = page.data[row1 + x0]! * (1 - fx) + page.data[row1 + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Greedy CTC decoding of [n, steps, classes] probabilities: the most likely class per step, repeats
 * merged, blanks (class 0) dropped. Class i ≥ 1 is dictionary[i - 1].
 */
export function decodeCtc(
  probabilities: Float32Array,
  count: number,
  steps: number,
  classes: number,
  dictionary: readonly string[],
): DecodedChar[][] {
  const lines: DecodedChar[][] = [];
  for (let n = 0; n < count; n++) {
    const chars: DecodedChar[] = [];
    let previous = -1;
    for (let t = 0; t < steps; t++) {
      const base = (n * steps + t) * classes;
      let best = 0;
      let bestProbability = probabilities[base]!;
      for (let c = 1; c < classes; c++) {
        const p = probabilities[base + c]!;
        if (p > bestProbability) {
          best = c;
          bestProbability = p;
        }
      }
      if (best !== 0 && best !== previous) {
        chars.push({ char: dictionary[best - 1] ?? '', step: t, probability: bestProbability });
      }
      previous = best;
    }
    lines.push(chars);
  }
  return lines;
}

/** Rows of a line looked at for ink: the edges may hold the neighbouring lines' ascenders and descenders. */
const inkRows = [6, 42] as const;

/**
 * Which columns of a line's recognition input hold ink: darker than halfway between the line's
 * lightest and darkest values (the gaps between words are the runs without).
 */
export function inkColumns(data: Float32Array, batchWidth: number, usedWidth: number): Uint8Array {
  let lightest = Number.NEGATIVE_INFINITY;
  let darkest = Number.POSITIVE_INFINITY;
  for (let row = inkRows[0]; row < inkRows[1]; row++) {
    for (let column = 0; column < usedWidth; column++) {
      const value = data[row * batchWidth + column]!;
      if (value > lightest) lightest = value;
      if (value < darkest) darkest = value;
    }
  }
  const threshold = (lightest + darkest) / 2;
  const ink = new Uint8Array(usedWidth);
  for (let column = 0; column < usedWidth; column++) {
    for (let row = inkRows[0]; row < inkRows[1]; row++) {
      if (data[row * batchWidth + column]! < threshold) {
        ink[column] = 1;
        break;
      }
    }
  }
  return ink;
}
