// Which file this is (from its bytes, never its name), whether we accept it, and one upright page image.
// Sizes are checked before anything is decoded: a small file may claim billions of pixels.
import sharp from 'sharp';
import type { Config } from '../config.ts';
import { AppError, isAppError } from '../errors.ts';
import { renderPdfFirstPage } from './pdf.ts';

export type ImageType =
  | 'image/jpeg'
  | 'image/png'
  | 'image/webp'
  | 'image/heic'
  | 'image/heif'
  | 'image/tiff'
  | 'application/pdf';

export const acceptedTypesText = 'a photo (JPEG, PNG, WebP, HEIC, TIFF) or a PDF';

const heicBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const heifBrands = new Set(['mif1', 'msf1', 'heif']);

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

export function sniffImageType(bytes: Buffer): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  if (bytes.toString('latin1', 4, 8) === 'ftyp') {
    const brand = bytes.toString('latin1', 8, 12);
    if (heicBrands.has(brand)) return 'image/heic';
    if (heifBrands.has(brand)) return 'image/heif';
  }
  return null;
}

export interface PreparedImage {
  /** The type sniffed from the original bytes. */
  mime: ImageType;
  /** Page one, upright, as a PNG or JPEG: what OCR and vision models look at. */
  page: { bytes: Buffer; mime: 'image/png' | 'image/jpeg'; width: number; height: number };
}

type Limits = Config['limits'];

export function checkUploadSize(bytes: Buffer, { maxUploadBytes }: Pick<Limits, 'maxUploadBytes'>): void {
  if (bytes.length === 0) throw new AppError('unreadable_image', 'empty file', { userMessage: 'The file is empty.' });
  if (bytes.length > maxUploadBytes) throw tooLarge(bytes.length, maxUploadBytes);
}

/** A file (or request body) of `size` bytes over the upload limit. */
export function tooLarge(size: number, maxUploadBytes: number): AppError {
  const limitMb = Math.floor(maxUploadBytes / (1024 * 1024));
  return new AppError('too_large', `file of ${size} bytes exceeds ${maxUploadBytes}`, {
    userMessage: `That file is too large: the limit is ${limitMb} MB.`,
  });
}

export function unsupportedType(): AppError {
  return new AppError('unsupported_type', 'unsupported file type', {
    userMessage: `That file is not something I can read. Send ${acceptedTypesText}.`,
  });
}

export function tooManyPixels(width: number, height: number, maxPixels: number): AppError {
  return new AppError('too_many_pixels', `image of ${width}x${height} pixels exceeds ${maxPixels}`, {
    userMessage: `That image is too big (${width}×${height} pixels). Send a smaller photo of the receipt.`,
  });
}

export function unreadable(cause: unknown): AppError {
  return new AppError('unreadable_image', `cannot decode image: ${cause instanceof Error ? cause.message : cause}`, {
    userMessage: 'I could not open that image: the file looks damaged or incomplete. Please send it again.',
    cause,
  });
}

/** Width and height from the image header alone (sharp reads no pixels for this). */
async function headerSize(bytes: Buffer): Promise<{ width: number; height: number }> {
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    return { width: metadata.width ?? 0, height: metadata.height ?? 0 };
  } catch (error) {
    throw unreadable(error);
  }
}

/** Width and height of a HEIC/HEIF's first image from its container, without decoding it. */
async function heicSize(bytes: Buffer): Promise<{ width: number; height: number }> {
  const { default: decodeHeicImages } = await import('heic-decode');
  let images: Awaited<ReturnType<typeof decodeHeicImages.all>>;
  try {
    images = await decodeHeicImages.all({ buffer: bytes });
  } catch (error) {
    throw unreadable(error);
  }
  try {
    const first = images[0];
    if (!first) throw unreadable(new Error('no image in the HEIF file'));
    return { width: first.width, height: first.height };
  } finally {
    images.dispose();
  }
}

/**
 * What can be refused from the bytes and the header alone, before anything is stored: an empty or
 * too large file, a type we do not read (zip, SVG, random bytes), an image whose header is not one
 * (a fake JPEG) or claims more than MAX_IMAGE_PIXELS (a decompression bomb). PDFs are checked when read.
 */
export async function inspectUpload(bytes: Buffer, limits: Limits): Promise<ImageType> {
  checkUploadSize(bytes, limits);
  const mime = sniffImageType(bytes);
  if (!mime) throw unsupportedType();
  if (mime === 'application/pdf') return mime;
  const { width, height } =
    mime === 'image/heic' || mime === 'image/heif' ? await heicSize(bytes) : await headerSize(bytes);
  if (width * height > limits.maxImagePixels) throw tooManyPixels(width, height, limits.maxImagePixels);
  return mime;
}

/** Whether `error` is intake refusing the file itself (type, pixels, not an image): say so, keep nothing. */
export function refusedAtIntake(error: unknown): error is AppError {
  return isAppError(error) && ['unsupported_type', 'too_many_pixels', 'unreadable_image'].includes(error.code);
}

export async function prepareImage(bytes: Buffer, limits: Limits): Promise<PreparedImage> {
  checkUploadSize(bytes, limits);
  const mime = sniffImageType(bytes);
  if (!mime) throw unsupportedType();
  if (mime === 'application/pdf') {
    return { mime, page: await renderPdfFirstPage(bytes, limits.maxImagePixels) };
  }
  if (mime === 'image/heic' || mime === 'image/heif') return { mime, page: await decodeHeic(bytes, limits) };
  return { mime, page: await uprightImage(bytes, limits) };
}

async function uprightImage(bytes: Buffer, { maxImagePixels }: Limits): Promise<PreparedImage['page']> {
  // The header only: the pixel check comes before any decoding.
  const { width, height } = await headerSize(bytes);
  if (width * height > maxImagePixels) throw tooManyPixels(width, height, maxImagePixels);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxImagePixels, failOn: 'error' })
      .rotate()
      .png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, mime: 'image/png', width: info.width, height: info.height };
  } catch (error) {
    throw unreadable(error);
  }
}

async function decodeHeic(bytes: Buffer, { maxImagePixels }: Limits): Promise<PreparedImage['page']> {
  const { default: decodeHeicImages } = await import('heic-decode');
  let images: Awaited<ReturnType<typeof decodeHeicImages.all>>;
  try {
    images = await decodeHeicImages.all({ buffer: bytes });
  } catch (error) {
    throw unreadable(error);
  }
  try {
    const first = images[0];
    if (!first) throw unreadable(new Error('no image in the HEIF file'));
    if (first.width * first.height > maxImagePixels) throw tooManyPixels(first.width, first.height, maxImagePixels);
    const { width, height, data } = await first.decode();
    const png = await sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      raw: { width, height, channels: 4 },
    })
      .png({ compressionLevel: 1 })
      .toBuffer();
    return { bytes: png, mime: 'image/png', width, height };
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(error);
  } finally {
    images.dispose();
  }
}
