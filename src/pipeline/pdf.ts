// Page one of a PDF as a PNG, rendered in-process with pdf.js on @napi-rs/canvas.
import { AppError } from '../errors.ts';

const renderDpi = 200;

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
    let scale = renderDpi / 72;
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
