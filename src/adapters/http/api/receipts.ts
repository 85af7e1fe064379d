// /api/receipts: upload (image or PDF) or enter by hand, list with filters and cursor pages, read,
// fix, confirm, delete, and the original image. Employees reach only their own receipts: anyone
// else's answers 404, exactly as a receipt that does not exist.

import { Hono } from 'hono';
import { z } from 'zod';
import { Prisma } from '../../../db/client.ts';
import { AppError } from '../../../errors.ts';
import { readText } from '../../../fields/receipt-fields.ts';
import { startOfDay } from '../../../iso-date.ts';
import { lineItemSchema } from '../../../pipeline/extract/schema.ts';
import { readEntry } from '../../../receipts/field-input.ts';
import { receiptPreview } from '../../../receipts/previews.ts';
import { purgeDeleted } from '../../../receipts/purge.ts';
import {
  decodeCursor,
  filterTotals,
  listReceipts,
  receiptFiltersSchema,
  receiptSorts,
} from '../../../receipts/receipt-list.ts';
import { decimal } from '../../../receipts/receipt-view.ts';
import { type Correction, correctableFields } from '../../../receipts/review.ts';
import { checkCorrection } from '../../chat/corrections.ts';
import { type ApiDependencies, type ApiEnv, isAdmin, jsonBody, parseWith, receiptId } from './dependencies.ts';
import { perUserRateLimit } from './rate-limit.ts';
import { receiptJson } from './receipt-json.ts';
import { uploadSizeLimit } from './upload-limit.ts';

/** An amount as people write it ("12.50", "12,50", "1.234,56", "€12,50") or a JSON number, taken as is. */
const amountInput = z
  .union([z.string().max(50), z.number()])
  .describe('an amount: "12.50", "12,50", "1.234,56", "1,234.56" or a JSON number such as 12.5');

/** The shape of a manual entry; the values are then read by the field rules (receipts/field-input.ts). */
export function manualEntrySchema(categories: readonly string[]) {
  return z.object({
    merchant: z.string().max(1000),
    date: z.string().max(50).describe('the purchase date, 2026-10-03 (or 03.10.2026 in the configured order)'),
    currency: z.string().max(20).describe('an ISO 4217 code such as "EUR"'),
    total: amountInput,
    tax: amountInput.nullish(),
    category: z
      .string()
      .max(200)
      .nullish()
      .describe(`one of: ${categories.join(', ')}`),
    items: z.array(lineItemSchema).max(200).optional(),
  });
}

export const correctionSchema = z
  .object(
    Object.fromEntries(
      correctableFields.map((field) => [
        field,
        (field === 'total' || field === 'tax' ? amountInput : z.string().max(1000)).optional(),
      ]),
    ),
  )
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'give at least one field to change');

/** Problems found by the field rules, as one 400 naming each field. */
function refused(problems: { field: string; problem: string }[]): AppError {
  const text = problems.map(({ field, problem }) => `${field}: ${problem}`).join(' ');
  return new AppError('bad_request', text);
}

const listQuerySchema = receiptFiltersSchema.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  sort: z.enum(receiptSorts).default('added'),
});

const extensions: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'image/heif': '.heif',
  'application/pdf': '.pdf',
};
const extensionOf = (mime: string | null) => (mime ? (extensions[mime] ?? '') : '');

export function receiptRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const { prisma, review, receipts } = deps;
  const routes = new Hono<ApiEnv>();
  const entrySchema = manualEntrySchema(deps.categories);
  const fieldRules = () => ({
    categories: deps.categories,
    dateOrder: deps.dateOrder,
    today: new Date(),
    maxReceiptTotal: deps.maxReceiptTotal,
  });

  const find = async (id: string, user: ApiEnv['Variables']['user']) =>
    review.owned(receiptId(id), user.id, { admin: isAdmin(user) });

  routes.post(
    '/',
    perUserRateLimit('uploads', deps.rateLimits.uploadsPerMinute),
    uploadSizeLimit(deps.limits.maxUploadBytes),
    async (c) => {
      const user = c.get('user');
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/json')) {
        const body = parseWith(entrySchema, await jsonBody(c));
        const read = readEntry(body, fieldRules());
        const items = (body.items ?? []).map((item, index) => ({
          ...item,
          description: readText(item.description, { label: 'The description', max: 300, required: true }),
          index,
        }));
        const problems = [
          ...(read.ok ? [] : read.problems),
          ...items.flatMap(({ description, index }) =>
            description.ok ? [] : [{ field: `items.${index}.description`, problem: description.problem }],
          ),
        ];
        if (!read.ok || problems.length > 0) throw refused(problems);
        const { entry } = read;
        const created = await prisma.receipt.create({
          data: {
            userId: user.id,
            sourcePlatform: 'http',
            status: 'confirmed',
            extractor: 'manual',
            merchant: entry.merchant,
            purchaseDate: startOfDay(entry.date),
            currency: entry.currency,
            total: decimal(entry.total),
            tax: decimal(entry.tax),
            category: entry.category,
            processedAt: new Date(),
            confirmedAt: new Date(),
            items: {
              create: items.map((item, position) => ({
                position,
                description: item.description.ok ? item.description.value! : '',
                quantity: item.quantity === null ? null : new Prisma.Decimal(item.quantity),
                unitPrice: decimal(item.unitPrice),
                amount: decimal(item.amount),
              })),
            },
          },
        });
        // Entered by hand is confirmed by its sender: it goes for approval at once.
        const submitted = await deps.approvals.submit(created.id, user);
        return c.json({ receipt: receiptJson(submitted) }, 201);
      }
      if (!type.startsWith('multipart/form-data')) {
        throw new AppError('bad_request', 'expected multipart/form-data with a "file", or JSON', {
          userMessage: 'Send the image as multipart/form-data in a field named "file", or a JSON manual entry.',
        });
      }
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) {
        throw new AppError('bad_request', 'no file in the upload', {
          userMessage: 'Send the image in a multipart field named "file".',
        });
      }
      const bytes = Buffer.from(await file.arrayBuffer());
      const outcome = await receipts.submit({
        bytes,
        sender: { platform: user.platform, platformUserId: user.platformUserId },
      });
      const stored = await review.owned(outcome.receipt.id, user.id);
      return c.json(
        { receipt: receiptJson(stored), duplicate: outcome.kind === 'duplicate' },
        outcome.kind === 'queued' ? 202 : 200,
      );
    },
  );

  routes.get('/', async (c) => {
    const user = c.get('user');
    const query = parseWith(listQuerySchema, c.req.query());
    const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
    if (after === null) throw new AppError('bad_request', 'cursor: not a cursor from this API for this sort');
    const viewer = { userId: user.id, admin: isAdmin(user) };
    const page = await listReceipts(prisma, query, viewer, { after, limit: query.limit, sort: query.sort });
    // The first page also says what the whole filter adds up to, so a list can show it under any page.
    const totals = after ? undefined : await filterTotals(prisma, query, viewer);
    return c.json({ receipts: page.receipts.map(receiptJson), nextCursor: page.nextCursor, totals });
  });

  routes.get('/:id', async (c) => c.json({ receipt: receiptJson(await find(c.req.param('id'), c.get('user'))) }));

  routes.get('/:id/image', async (c) => {
    const receipt = await find(c.req.param('id'), c.get('user'));
    if (!receipt.imageKey) throw new AppError('not_found', 'receipt has no image', { userMessage: 'No image.' });
    const stored = await deps.storage.stream(receipt.imageKey);
    return new Response(stored.body, {
      headers: {
        'content-type': receipt.imageMime ?? 'application/octet-stream',
        'content-length': String(stored.size),
        'cache-control': 'private, max-age=86400, immutable',
        // Downloaded, never rendered as a page of this origin, whatever the bytes turn out to be.
        'content-disposition': `attachment; filename="receipt-${receipt.id}${extensionOf(receipt.imageMime)}"`,
      },
    });
  });

  // The page as read (PDF page 1, HEIC decoded, EXIF turned), as a JPEG this wide: thumbnails and the
  // review view, which draws OCR boxes on it.
  routes.get('/:id/preview', async (c) => {
    const receipt = await find(c.req.param('id'), c.get('user'));
    if (!receipt.imageKey) throw new AppError('not_found', 'receipt has no image', { userMessage: 'No image.' });
    const width = parseWith(z.coerce.number().int().min(40).max(2000).default(800), c.req.query('width'));
    const jpeg = await receiptPreview(deps.storage, receipt.imageKey, width, deps.limits);
    return new Response(new Uint8Array(jpeg), {
      headers: { 'content-type': 'image/jpeg', 'cache-control': 'private, max-age=86400' },
    });
  });

  // What OCR read, word by word with boxes, and how the boxes sit on the preview (see reader.ts).
  routes.get('/:id/ocr', async (c) => {
    const receipt = await find(c.req.param('id'), c.get('user'));
    const words = receipt.ocrWords as { lines?: unknown[] } | unknown[] | null;
    if (!words || Array.isArray(words)) return c.json({ lines: [] }); // none, or from before boxes had a frame
    return c.json(words);
  });

  routes.patch('/:id', async (c) => {
    const user = c.get('user');
    const receipt = await find(c.req.param('id'), user);
    const body = parseWith(correctionSchema, await jsonBody(c));
    const rules = fieldRules();
    const corrections: Correction[] = [];
    const problems: { field: string; problem: string }[] = [];
    for (const field of correctableFields) {
      const value = body[field];
      if (value === undefined) continue;
      const checked = checkCorrection(field, value, rules);
      if (checked.ok) corrections.push(checked.correction);
      else problems.push({ field, problem: checked.problem });
    }
    if (problems.length > 0) throw refused(problems);
    const updated = await review.correct(receipt.id, user.id, corrections, { admin: isAdmin(user) });
    return c.json({ receipt: receiptJson(updated) });
  });

  // Every change to the receipt: who, when, which field, before and after (owner or admin only).
  routes.get('/:id/history', async (c) => {
    const user = c.get('user');
    const receipt = await find(c.req.param('id'), user);
    const history = await review.history(receipt.id, user.id, { admin: isAdmin(user) });
    return c.json({ history: history.map((entry) => ({ ...entry, at: entry.at.toISOString() })) });
  });

  routes.post('/:id/confirm', async (c) => {
    const user = c.get('user');
    const receipt = await find(c.req.param('id'), user);
    return c.json({ receipt: receiptJson(await review.confirm(receipt.id, user.id, { admin: isAdmin(user) })) });
  });

  // ?purge=true (admins): its image and the text read from it go now, not after DELETED_RETENTION_DAYS;
  // also for a receipt deleted earlier.
  routes.delete('/:id', async (c) => {
    const user = c.get('user');
    const purge = parseWith(z.enum(['true', 'false']).optional(), c.req.query('purge')) === 'true';
    if (!purge) {
      const receipt = await find(c.req.param('id'), user);
      await review.remove(receipt.id, user.id, { admin: isAdmin(user) });
      return c.body(null, 204);
    }
    if (!isAdmin(user)) {
      throw new AppError('forbidden', 'only admins purge', {
        userMessage: 'Only an admin can purge a receipt; delete it, and its image goes after the retention period.',
      });
    }
    const id = parseWith(z.uuid(), c.req.param('id'));
    const receipt = await prisma.receipt.findUnique({ where: { id }, select: { id: true, status: true } });
    if (!receipt) throw new AppError('not_found', `receipt ${id} not found`, { userMessage: 'No such receipt.' });
    if (receipt.status !== 'deleted') await review.remove(receipt.id, user.id, { admin: true });
    await purgeDeleted({ prisma, storage: deps.storage, logger: deps.logger }, { receiptId: receipt.id });
    return c.body(null, 204);
  });

  return routes;
}
