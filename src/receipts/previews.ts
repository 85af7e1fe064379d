// The page of a receipt as read (PDF page 1, HEIC decoded, turned upright), stored once as a JPEG at
// most `storedWidth` wide beside the original: previews of any width are cut from it, so the original
// (up to MAX_IMAGE_PIXELS) is decoded once per receipt, not once per request.
import sharp from 'sharp';
import type { Config } from '../config.ts';
import { prepareImage } from '../pipeline/intake.ts';
import type { Storage } from '../storage/storage.ts';

const storedWidth = 2000;

/** `receipts/ab/cd/<sha>` → `previews/ab/cd/<sha>.jpg` */
export const previewKeyOf = (imageKey: string) => `previews/${imageKey.replace(/^receipts\//, '')}.jpg`;

const making = new Map<string, Promise<Buffer>>();

/** The stored page, made and stored on first use (receipts read before previews were kept have none). */
async function storedPage(storage: Storage, imageKey: string, limits: Config['limits']): Promise<Buffer> {
  const key = previewKeyOf(imageKey);
  if (await storage.exists(key)) return storage.get(key);
  // Requests for the same new preview at once wait for one decoding.
  let made = making.get(key);
  if (!made) {
    made = (async () => {
      const prepared = await prepareImage(await storage.get(imageKey), limits);
      const jpeg = await sharp(prepared.page.bytes)
        .resize({ width: storedWidth, withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 85 })
        .toBuffer();
      await storage.put(key, jpeg, 'image/jpeg');
      return jpeg;
    })().finally(() => making.delete(key));
    making.set(key, made);
  }
  return made;
}

/** The page as a JPEG at most `width` pixels wide. */
export async function receiptPreview(
  storage: Storage,
  imageKey: string,
  width: number,
  limits: Config['limits'],
): Promise<Buffer> {
  const page = await storedPage(storage, imageKey, limits);
  return sharp(page).resize({ width, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
}
