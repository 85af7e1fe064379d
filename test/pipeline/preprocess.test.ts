import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findPrintedRegion, preprocessForOcr } from '../../src/pipeline/preprocess.ts';
import { receiptImage } from '../helpers/images.ts';

const receiptLines = ['CORNER CAFE', '12 HIGH STREET', 'Date: 03/10/2026', 'Soup        6.50', 'TOTAL       6.50'];

/** A receipt scanned on a whole A4 page: white around it, and a few specks of dust. */
async function scannedOnA4(receipt: Buffer): Promise<Buffer> {
  const speck = await sharp({ create: { width: 3, height: 3, channels: 3, background: '#000000' } })
    .png()
    .toBuffer();
  const specks = [
    [60, 80],
    [2300, 150],
    [200, 3300],
    [2200, 3200],
    [1200, 3000],
  ].map(([left, top]) => ({ input: speck, left: left!, top: top! }));
  return sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#ffffff' } })
    .composite([{ input: receipt, left: 900, top: 600 }, ...specks])
    .jpeg()
    .toBuffer();
}

describe('preprocessing for OCR', () => {
  it('cuts a small receipt out of a scanned page, specks left out', async () => {
    const receipt = await receiptImage(receiptLines);
    const page = await scannedOnA4(receipt);
    const region = await findPrintedRegion(page, 2480, 3508);
    expect(region).not.toBeNull();
    // The text is drawn from (940, 640) to about (1250, 830): the region holds it with a small margin.
    const { left, top, width, height } = region!;
    expect(left).toBeGreaterThan(800);
    expect(left).toBeLessThan(940);
    expect(top).toBeGreaterThan(500);
    expect(top).toBeLessThan(640);
    expect(left + width).toBeGreaterThan(1250);
    expect(left + width).toBeLessThan(1500);
    expect(top + height).toBeGreaterThan(830);
    expect(top + height).toBeLessThan(1000);

    const prepared = await preprocessForOcr(page);
    expect(Math.max(prepared.width, prepared.height)).toBe(1600);
    expect(prepared.scale).toBeGreaterThan(1);
  });

  it('leaves a photo that is all receipt as it is', async () => {
    const receipt = await receiptImage([
      'CORNER CAFE  12 HIGH STREET  LONDON  N1',
      ...Array.from({ length: 20 }, (_, i) => `Item number ${String(i).padStart(2, '0')}  .......  ${i}.50`),
      'TOTAL ..............................  200.00',
    ]);
    const { width = 0, height = 0 } = await sharp(receipt).metadata();
    expect(await findPrintedRegion(receipt, width, height)).toBeNull();
  });

  it('leaves a blank page alone', async () => {
    const blank = await sharp({ create: { width: 800, height: 1200, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    expect(await findPrintedRegion(blank, 800, 1200)).toBeNull();
  });
});
