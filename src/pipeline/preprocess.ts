// What tesseract reads best: gray, full contrast, text a few dozen pixels high, and only the
// receipt: a small slip scanned on a whole A4 page is cut out first, so it can be enlarged.
import sharp from 'sharp';

/** Long side OCR gets: small photos are enlarged toward it, big ones reduced to it. */
const minLongSide = 1600;
const maxLongSide = 2400;

export interface OcrPage {
  bytes: Buffer;
  width: number;
  height: number;
  /** Preprocessed size / input size. */
  scale: number;
  /** The part of the input that was read, in input pixels: OCR boxes map back through it. */
  region: Region;
  input: { width: number; height: number };
}

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

export async function preprocessForOcr(bytes: Buffer): Promise<OcrPage> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const region = (await findPrintedRegion(bytes, width, height)) ?? { left: 0, top: 0, width, height };
  const longSide = Math.max(region.width, region.height, 1);
  const scale = longSide < minLongSide ? minLongSide / longSide : longSide > maxLongSide ? maxLongSide / longSide : 1;
  const pipeline = sharp(bytes).flatten({ background: '#ffffff' }).grayscale();
  if (region.width !== width || region.height !== height) pipeline.extract(region);
  if (scale !== 1) {
    pipeline.resize(Math.round(region.width * scale), Math.round(region.height * scale), {
      kernel: 'lanczos3',
      fit: 'fill',
    });
  }
  const { data, info } = await pipeline.normalise().png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height, scale, region, input: { width, height } };
}

/** Side of the thumbnail the printed region is looked for in, and of one cell of its grid. */
const thumbnailSide = 640;
const cell = 8;
/** Gray level below which a thumbnail pixel is dark: thin strokes turn gray when shrunk. */
const darkBelow = 200;
/** A cell is ink when this share of its pixels is dark: text lines are, scanner specks are not. */
const inkShare = 0.12;
/** Only a region this much smaller than the page is worth cutting out. */
const worthCropping = 0.6;

/**
 * The bounding box of the print on the page (blocks of ink cells joined across small gaps; specks
 * and dust are left out), with a margin; null when it covers most of the page anyway.
 */
export async function findPrintedRegion(bytes: Buffer, width: number, height: number): Promise<Region | null> {
  if (width === 0 || height === 0) return null;
  const { data, info } = await sharp(bytes)
    .flatten({ background: '#ffffff' })
    .grayscale()
    .resize({ width: thumbnailSide, height: thumbnailSide, fit: 'inside' })
    .normalise()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const columns = Math.ceil(info.width / cell);
  const rows = Math.ceil(info.height / cell);
  const ink = new Uint8Array(columns * rows);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! < darkBelow) ink[Math.floor(y / cell) * columns + Math.floor(x / cell)]!++;
    }
  }
  const threshold = inkShare * cell * cell;
  const block = printedBlocks(ink, columns, rows, threshold, 2);
  if (!block) return null;
  const factor = width / info.width;
  const margin = 2 * cell * factor;
  const left = Math.max(0, Math.floor(block.x0 * cell * factor - margin));
  const top = Math.max(0, Math.floor(block.y0 * cell * factor - margin));
  const right = Math.min(width, Math.ceil((block.x1 + 1) * cell * factor + margin));
  const bottom = Math.min(height, Math.ceil((block.y1 + 1) * cell * factor + margin));
  const region = { left, top, width: right - left, height: bottom - top };
  return region.width * region.height < worthCropping * width * height ? region : null;
}

interface CellBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  count: number;
}

/** Smallest block of ink cells that counts as print rather than a speck. */
const minBlockCells = 4;

/** Connected ink cells, neighbours up to `gap` cells apart; the box around every block of print. */
function printedBlocks(ink: Uint8Array, columns: number, rows: number, threshold: number, gap: number) {
  const seen = new Uint8Array(ink.length);
  let all: CellBox | null = null;
  for (let start = 0; start < ink.length; start++) {
    if (seen[start] || ink[start]! < threshold) continue;
    const box: CellBox = { x0: columns, y0: rows, x1: 0, y1: 0, count: 0 };
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const index = stack.pop()!;
      const x = index % columns;
      const y = Math.floor(index / columns);
      box.x0 = Math.min(box.x0, x);
      box.x1 = Math.max(box.x1, x);
      box.y0 = Math.min(box.y0, y);
      box.y1 = Math.max(box.y1, y);
      box.count++;
      for (let ny = Math.max(0, y - gap); ny <= Math.min(rows - 1, y + gap); ny++) {
        for (let nx = Math.max(0, x - gap); nx <= Math.min(columns - 1, x + gap); nx++) {
          const next = ny * columns + nx;
          if (!seen[next] && ink[next]! >= threshold) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
    if (box.count < minBlockCells) continue;
    all = all
      ? {
          x0: Math.min(all.x0, box.x0),
          y0: Math.min(all.y0, box.y0),
          x1: Math.max(all.x1, box.x1),
          y1: Math.max(all.y1, box.y1),
          count: all.count + box.count,
        }
      : box;
  }
  return all;
}
