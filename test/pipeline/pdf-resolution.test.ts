// A receipt wrapped in a PDF reads as the photo itself: the page is rendered at the native resolution
// of its image, whether the PDF places it at 72 or 300 dpi; a page of vector text still renders at 200 dpi.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createOfflineExtractor } from '../../src/pipeline/extract/offline/index.ts';
import { prepareImage } from '../../src/pipeline/intake.ts';
import { createOcrPools, type OcrPools } from '../../src/pipeline/ocr-engines.ts';
import { createReceiptReader } from '../../src/pipeline/reader.ts';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'european', 'de-cafe.jpg');
const limits = { maxUploadBytes: 20 * 1024 * 1024, maxImagePixels: 40_000_000 };

/** A one-page PDF showing an RGB JPEG of width × height pixels at `dpi`, the page just its size. */
function jpegPdf(jpeg: Buffer, width: number, height: number, dpi: number): Buffer {
  const pageWidth = (width * 72) / dpi;
  const pageHeight = (height * 72) / dpi;
  const content = `q ${pageWidth} 0 0 ${pageHeight} 0 0 cm /Im0 Do Q`;
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (chunk: Buffer | string) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(buffer);
    length += buffer.length;
  };
  const object = (body: () => void) => {
    offsets.push(length);
    add(`${offsets.length} 0 obj\n`);
    body();
    add('\nendobj\n');
  };
  add('%PDF-1.4\n');
  object(() => add('<< /Type /Catalog /Pages 2 0 R >>'));
  object(() => add('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'));
  object(() =>
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] /Contents 5 0 R /Resources << /XObject << /Im0 4 0 R >> >> >>`,
    ),
  );
  object(() => {
    add(
      `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
    );
    add(jpeg);
    add('\nendstream');
  });
  object(() => add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`));
  const xref = length;
  add(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`);
  add(offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join(''));
  add(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

let photo: Buffer;
let pools: OcrPools;
beforeAll(async () => {
  photo = await readFile(fixture);
  pools = createOcrPools({
    engine: 'tesseract',
    size: 1,
    timeoutMs: 120_000,
    languages: ['eng'],
    logger: createLogger({ level: 'silent' }),
  });
});
afterAll(async () => {
  await pools.close();
});

describe('PDF pages at their images’ resolution', () => {
  it('renders a 72-dpi and a 300-dpi PDF of a photo at the photo’s own size', async () => {
    for (const dpi of [72, 300]) {
      const prepared = await prepareImage(jpegPdf(photo, 681, 1009, dpi), limits);
      expect(prepared.mime).toBe('application/pdf');
      expect({ dpi, width: prepared.page.width, height: prepared.page.height }).toEqual({
        dpi,
        width: 681,
        height: 1009,
      });
    }
  });

  it('reads the same receipt alike as a photo, a 72-dpi PDF and a 300-dpi PDF', { timeout: 120_000 }, async () => {
    const reader = createReceiptReader({
      ocr: pools.ocr,
      secondOcr: pools.secondOcr,
      extractor: createOfflineExtractor(),
      limits,
      context: () => ({ categories: ['meals', 'other'], dateOrder: 'DMY', today: new Date('2026-11-20T12:00:00Z') }),
    });
    const readings = [];
    for (const file of [photo, jpegPdf(photo, 681, 1009, 72), jpegPdf(photo, 681, 1009, 300)]) {
      const { receipt } = (await reader.read(file)).extraction;
      readings.push({
        merchant: receipt.merchant,
        date: receipt.date,
        total: receipt.total,
        currency: receipt.currency,
      });
    }
    expect(readings[0]).toMatchObject({ total: '10.60', date: '2025-12-21', currency: 'EUR' });
    expect(readings[1]).toEqual(readings[0]);
    expect(readings[2]).toEqual(readings[0]);
  });
});
