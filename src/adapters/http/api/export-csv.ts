// GET /api/export.csv (admins): the receipts the filters select, one row per receipt or, with
// rows=items, one per line item. Streamed page by page, so a year of receipts never sits in memory.

import { Hono } from 'hono';
import { z } from 'zod';
import { csvLine } from '../../../csv.ts';
import { AppError } from '../../../errors.ts';
import { isoDay } from '../../../iso-date.ts';
import { listReceipts, receiptFiltersSchema } from '../../../receipts/receipt-list.ts';
import { receiptView } from '../../../receipts/receipt-view.ts';
import type { ReceiptWithItems } from '../../../receipts/review.ts';
import { type ApiDependencies, type ApiEnv, isAdmin, parseWith } from './dependencies.ts';

const exportQuerySchema = receiptFiltersSchema.extend({ rows: z.enum(['receipts', 'items']).default('receipts') });

const receiptColumns = ['id', 'date', 'employee', 'merchant', 'category', 'currency', 'total', 'tax', 'status'];
const itemColumns = ['position', 'description', 'quantity', 'unit_price', 'amount'];

function receiptCells(receipt: ReceiptWithItems, employee: string) {
  const view = receiptView(receipt);
  return [
    receipt.id,
    view.date,
    employee,
    view.merchant,
    view.category,
    view.currency,
    view.total,
    view.tax,
    receipt.status,
  ];
}

export function exportRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get('/export.csv', async (c) => {
    const user = c.get('user');
    if (!isAdmin(user))
      throw new AppError('forbidden', 'export is for admins', { userMessage: 'Only admins may export.' });
    const query = parseWith(exportQuerySchema, c.req.query());
    const byItem = query.rows === 'items';
    const names = new Map<string, string>();
    const encoder = new TextEncoder();
    let after: { createdAt: Date; id: string } | undefined;
    let started = false;
    let cancelled = false; // the client hung up: nothing more is read or enqueued
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvLine(byItem ? [...receiptColumns, ...itemColumns] : receiptColumns)));
          return;
        }
        const page = await listReceipts(deps.prisma, query, { userId: user.id, admin: true }, { after, limit: 500 });
        const unknown = [...new Set(page.receipts.map((r) => r.userId))].filter((id) => !names.has(id));
        if (unknown.length) {
          for (const person of await deps.prisma.user.findMany({ where: { id: { in: unknown } } })) {
            names.set(person.id, person.displayName);
          }
        }
        if (cancelled) return;
        let text = '';
        for (const receipt of page.receipts) {
          const cells = receiptCells(receipt, names.get(receipt.userId) ?? '');
          if (!byItem) text += csvLine(cells);
          else {
            for (const item of [...receipt.items].sort((a, b) => a.position - b.position)) {
              text += csvLine([
                ...cells,
                item.position + 1,
                item.description,
                item.quantity?.toString(),
                item.unitPrice?.toFixed(2),
                item.amount?.toFixed(2),
              ]);
            }
          }
        }
        if (text) controller.enqueue(encoder.encode(text));
        const last = page.receipts.at(-1);
        if (!page.nextCursor || !last) controller.close();
        else after = { createdAt: last.createdAt, id: last.id };
      },
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="receipts-${isoDay(new Date())}.csv"`,
      },
    });
  });
  return routes;
}
