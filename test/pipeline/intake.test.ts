// What comes in: real files of every accepted kind, and the bad ones, each with a clear error.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.ts';
import { prepareImage, sniffImageType } from '../../src/pipeline/intake.ts';

const limits = { maxUploadBytes: 20 * 1024 * 1024, maxImagePixels: 40_000_000 };
const blank = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#ffffff' } });

/** A one-page PDF with a line of text, offsets computed so the file is valid. */
function onePagePdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, userMessage: error.userMessage };
}

describe('intake', () => {
  it.each([
    ['image/jpeg', () => blank(120, 80).jpeg().toBuffer()],
    ['image/png', () => blank(120, 80).png().toBuffer()],
    ['image/webp', () => blank(120, 80).webp().toBuffer()],
    ['image/tiff', () => blank(120, 80).tiff().toBuffer()],
  ])('accepts %s, sniffed from the bytes, as one PNG page', async (mime, make) => {
    const bytes = await make();
    expect(sniffImageType(bytes)).toBe(mime);
    const prepared = await prepareImage(bytes, limits);
    expect(prepared.mime).toBe(mime);
    expect(prepared.page).toMatchObject({ mime: 'image/png', width: 120, height: 80 });
  });

  it('applies the EXIF orientation', async () => {
    const sideways = await blank(120, 80).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const { page } = await prepareImage(sideways, limits);
    expect([page.width, page.height]).toEqual([80, 120]);
  });

  it('renders page one of a PDF', async () => {
    const prepared = await prepareImage(onePagePdf('TOTAL 12.50'), limits);
    expect(prepared.mime).toBe('application/pdf');
    expect(prepared.page.width).toBeGreaterThan(1000);
    const { channels } = await sharp(prepared.page.bytes).stats();
    expect(channels[0]?.min).toBeLessThan(100); // the text was drawn
  });

  it('refuses what is not a receipt image, whatever its name', async () => {
    for (const bytes of [randomBytes(4096), Buffer.from('hello, this is a text file'), Buffer.from('GIF89a....')]) {
      expect(await failure(prepareImage(bytes, limits))).toEqual({
        code: 'unsupported_type',
        userMessage: expect.stringMatching(/JPEG, PNG, WebP, HEIC, TIFF\) or a PDF/),
      });
    }
  });

  it('refuses a 40 MB file before looking inside', async () => {
    const big = Buffer.alloc(40 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff]);
    expect(await failure(prepareImage(big, limits))).toEqual({
      code: 'too_large',
      userMessage: 'That file is too large: the limit is 20 MB.',
    });
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    const bomb = await blank(12_000, 12_000).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await failure(prepareImage(bomb, limits));
    expect(error.code).toBe('too_many_pixels');
    expect(error.userMessage).toMatch(/12000×12000 pixels/);
  });

  it('refuses a truncated photo and an empty file', async () => {
    const photo = await blank(400, 300).jpeg().toBuffer();
    expect((await failure(prepareImage(photo.subarray(0, 300), limits))).code).toBe('unreadable_image');
    expect(await failure(prepareImage(Buffer.alloc(0), limits))).toEqual({
      code: 'unreadable_image',
      userMessage: 'The file is empty.',
    });
  });

  it('refuses a corrupt HEIC container', async () => {
    const fake = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), randomBytes(512)]);
    expect(sniffImageType(fake)).toBe('image/heic');
    expect((await failure(prepareImage(fake, limits))).code).toBe('unreadable_image');
  });
});
