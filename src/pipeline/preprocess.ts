// What tesseract reads best: gray, full contrast, text a few dozen pixels high.
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
}

export async function preprocessForOcr(bytes: Buffer): Promise<OcrPage> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const longSide = Math.max(width, height, 1);
  const scale = longSide < minLongSide ? minLongSide / longSide : longSide > maxLongSide ? maxLongSide / longSide : 1;
  const pipeline = sharp(bytes).flatten({ background: '#ffffff' }).grayscale();
  if (scale !== 1) {
    pipeline.resize(Math.round(width * scale), Math.round(height * scale), { kernel: 'lanczos3', fit: 'fill' });
  }
  const { data, info } = await pipeline.normalise().png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height, scale };
}
