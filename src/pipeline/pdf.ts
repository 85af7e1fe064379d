// Page one of a PDF as a PNG, rendered in-process with pdf.js on @napi-rs/canvas, at the resolution of
// the images on it: a photo or scan wrapped in a PDF keeps its own pixels (a 72-dpi image is not blown up
// 2.8 times, a 300-dpi scan not shrunk). Pages without images (text drawn as vectors) render at 200 dpi.
// Only page one is read; later pages are ignored.
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../errors.ts';

const vectorDpi = 200;
/** Longest rendered side: the reader cuts the receipt out and reads it at most 2400 px long (preprocess.ts). */
const maxLongSide = 4000;

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/**
 * Render scale (pixels per PDF point) at which the page's sharpest image keeps its native pixels: each
 * image is drawn into the unit square under the current transform, so its placed size in points is the
 * length of the transform's axes. Null when the page draws no image.
 */
export async function nativeImageScale(page: PDFPageProxy): Promise<number | null> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { fnArray, argsArray } = await page.getOperatorList();
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let best: number | null = null;
  fnArray.forEach((fn, index) => {
    const args = argsArray[index] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, Array.from(args as number[]) as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args[0] as number[] | null;
      if (matrix) ctm = multiply(ctm, Array.from(matrix) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) {
      const image = (fn === OPS.paintImageXObject ? { width: args[1], height: args[2] } : args[0]) as {
        width?: number;
        height?: number;
      };
      const placedWidth = Math.hypot(ctm[0], ctm[1]);
      const placedHeight = Math.hypot(ctm[2], ctm[3]);
      if (!image.width || !image.height || placedWidth < 1 || placedHeight < 1) return;
      const scale = Math.max(image.width / placedWidth, image.height / placedHeight);
      best = Math.max(best ?? 0, scale);
    }
  });
  return best;
}

export async function renderPdfFirstPage(
  bytes: Buffer,
  maxPixels: number,
): Promise<{ bytes: Buffer; mime: 'image/png'; width: number; height: number }> {
  const [{ getDocument }, { createCanvas }] = await Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    import('@napi-rs/canvas'),
  ]);
  const task = getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    const encrypted = (error as Error).name === 'PasswordException';
    throw new AppError('unreadable_image', `cannot open PDF: ${(error as Error).message}`, {
      userMessage: encrypted
        ? 'That PDF is password-protected. Send it without a password, or a photo of the receipt.'
        : 'I could not open that PDF: the file looks damaged. Please send it again, or a photo.',
      cause: error,
    });
  }
  try {
    const page = await document.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    let scale = (await nativeImageScale(page)) ?? vectorDpi / 72;
    scale = Math.min(scale, maxLongSide / Math.max(natural.width, natural.height, 1));
    // Render smaller rather than refuse: a PDF page has no pixels of its own.
    const pixels = natural.width * natural.height * scale * scale;
    if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.floor(viewport.width));
    const height = Math.max(1, Math.floor(viewport.height));
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = 'white';
    context.fillRect(0, 0, width, height);
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    return { bytes: canvas.toBuffer('image/png'), mime: 'image/png', width, height };
  } catch (error) {
    throw new AppError('unreadable_image', `cannot render PDF: ${(error as Error).message}`, {
      userMessage: 'I could not read that PDF. Please send a photo of the receipt instead.',
      cause: error,
    });
  } finally {
    await task.destroy();
  }
}
