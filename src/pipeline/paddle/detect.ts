// PP-OCRv4 text detection (DBNet): the page scaled for the model, and the reference post-processing
// of its probability map into text boxes (threshold 0.3, box score 0.6, unclip ratio 1.5, minimum side 3).
import sharp from 'sharp';

/** A rotated rectangle on the page: centre, size, and the unit vector its width runs along. */
export interface TextBox {
  cx: number;
  cy: number;
  width: number;
  height: number;
  /** Direction of the width, pointing right (ux > 0); the height runs along (-uy, ux). */
  ux: number;
  uy: number;
  score: number;
}

/** Longest side the detector sees: tall receipts need more than the reference 960 to keep small print. */
export const detectionLongSide = 1280;
const binaryThreshold = 0.3;
const boxThreshold = 0.6;
const unclipRatio = 1.5;
const minSide = 3;
const maxCandidates = 1000;
/** ImageNet mean and deviation, in the reference's BGR channel order. */
const mean = [0.485, 0.456, 0.406];
const deviation = [0.229, 0.224, 0.225];

export interface DetectionInput {
  data: Float32Array;
  width: number;
  height: number;
}

/** The page as the detector's input tensor: each side a multiple of 32, the long side at most `longSide`. */
export async function detectionInput(page: Buffer, longSide = detectionLongSide): Promise<DetectionInput> {
  const { width = 0, height = 0 } = await sharp(page).metadata();
  const ratio = Math.min(1, longSide / Math.max(width, height));
  const to32 = (side: number) => Math.max(32, Math.round((side * ratio) / 32) * 32);
  const w = to32(width);
  const h = to32(height);
  const { data, info } = await sharp(page)
    .removeAlpha()
    .resize(w, h, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  const plane = w * h;
  const tensor = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    // The normalised value of each byte for this channel, worked out once rather than per pixel.
    const normalised = Array.from({ length: 256 }, (_, value) => (value / 255 - mean[c]!) / deviation[c]!);
    // Tensor channel c is BGR channel c: blue is the third RGB channel.
    const source = channels >= 3 ? 2 - c : 0;
    const offset = c * plane;
    for (let i = 0; i < plane; i++) tensor[offset + i] = normalised[data[i * channels + source]!]!;
  }
  return { data: tensor, width: w, height: h };
}

/**
 * Text boxes from the probability map (width × height), in page pixels (the map scaled by scaleX, scaleY).
 * Each connected region above the threshold is one candidate: its minimum-area rectangle, scored by the
 * mean probability inside, expanded by the unclip distance (area × ratio / perimeter).
 */
export function boxesFromMap(
  map: Float32Array,
  width: number,
  height: number,
  scaleX: number,
  scaleY: number,
): TextBox[] {
  const seen = new Uint8Array(width * height);
  const boxes: TextBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < map.length && boxes.length < maxCandidates; start++) {
    if (seen[start] || map[start]! <= binaryThreshold) continue;
    seen[start] = 1;
    stack.push(start);
    let sum = 0;
    let count = 0;
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    while (stack.length) {
      const index = stack.pop()!;
      const x = index % width;
      const y = (index - x) / width;
      sum += map[index]!;
      count++;
      if (!(x >= (rowMin.get(y) ?? Number.POSITIVE_INFINITY))) rowMin.set(y, x);
      if (!(x <= (rowMax.get(y) ?? Number.NEGATIVE_INFINITY))) rowMax.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const next = ny * width + nx;
          if (!seen[next] && map[next]! > binaryThreshold) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
    const points: [number, number][] = [];
    for (const [y, x] of rowMin) points.push([x, y], [rowMax.get(y)!, y]);
    const rect = minAreaRect(points);
    if (Math.min(rect.width, rect.height) < minSide) continue;
    const score = sum / count;
    if (score < boxThreshold) continue;
    const distance = (rect.width * rect.height * unclipRatio) / (2 * (rect.width + rect.height));
    const grown = { ...rect, width: rect.width + 2 * distance, height: rect.height + 2 * distance };
    if (Math.min(grown.width, grown.height) < minSide + 2) continue;
    boxes.push(toPage(grown, scaleX, scaleY, score));
  }
  return boxes;
}

interface Rect {
  cx: number;
  cy: number;
  width: number;
  height: number;
  ux: number;
  uy: number;
}

/** The rectangle on the map in page pixels, its width along the more horizontal side. */
function toPage(rect: Rect, scaleX: number, scaleY: number, score: number): TextBox {
  let { ux, uy, width, height } = rect;
  if (Math.abs(uy) > Math.abs(ux)) {
    [ux, uy] = [-uy, ux];
    [width, height] = [height, width];
  }
  if (ux < 0) {
    ux = -ux;
    uy = -uy;
  }
  // Scaling a rotated rectangle by different factors per axis: scale its side vectors.
  const wx = ux * width * scaleX;
  const wy = uy * width * scaleY;
  const hx = -uy * height * scaleX;
  const hy = ux * height * scaleY;
  const pageWidth = Math.hypot(wx, wy);
  return {
    cx: (rect.cx + 0.5) * scaleX,
    cy: (rect.cy + 0.5) * scaleY,
    width: pageWidth,
    height: Math.hypot(hx, hy),
    ux: wx / pageWidth,
    uy: wy / pageWidth,
    score,
  };
}

/** Minimum-area enclosing rectangle of points (rotating calipers over their convex hull). */
export function minAreaRect(points: [number, number][]): Rect {
  const hull = convexHull(points);
  if (hull.length < 3) {
    const [a, b] = [hull[0]!, hull[hull.length - 1]!];
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const ux = length ? (b[0] - a[0]) / length : 1;
    const uy = length ? (b[1] - a[1]) / length : 0;
    return { cx: (a[0] + b[0]) / 2, cy: (a[1] + b[1]) / 2, width: length, height: 0, ux, uy };
  }
  let best: Rect | null = null;
  let bestArea = Number.POSITIVE_INFINITY;
  for (let i = 0; i < hull.length; i++) {
    const p = hull[i]!;
    const q = hull[(i + 1) % hull.length]!;
    const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (length === 0) continue;
    const ux = (q[0] - p[0]) / length;
    const uy = (q[1] - p[1]) / length;
    let minU = Number.POSITIVE_INFINITY;
    let maxU = Number.NEGATIVE_INFINITY;
    let minV = Number.POSITIVE_INFINITY;
    let maxV = Number.NEGATIVE_INFINITY;
    for (const [x, y] of hull) {
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const u = (minU + maxU) / 2;
      const v = (minV + maxV) / 2;
      best = { cx: u * ux - v * uy, cy: u * uy + v * ux, width: maxU - minU, height: maxV - minV, ux, uy };
    }
  }
  return best!;
}

function convexHull(points: [number, number][]): [number, number][] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const point of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, point) <= 0) lower.pop();
    lower.push(point);
  }
  const upper: [number, number][] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const point = sorted[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, point) <= 0) upper.pop();
    upper.push(point);
  }
  lower.pop();
  upper.pop();
  const hull = [...lower, ...upper];
  return hull.length ? hull : sorted.slice(0, 1);
}
