// Paying people back over HTTP (admins): what is owed to each person, a payout (everyone's approved
// receipts, or one person's) under a reference, the payouts made, and a payout as CSV. Each person
// paid gets one message in their chat with the amount and the receipts.
import { Hono } from 'hono';
import { z } from 'zod';
import { csvLine } from '../../../csv.ts';
import { AppError } from '../../../errors.ts';
import { paidNotice } from '../../chat/approval-text.ts';
import { type ApiDependencies, type ApiEnv, isAdmin, parseWith } from './dependencies.ts';

export const payoutSchema = z
  .object({ reference: z.string().trim().min(1, 'give a reference').max(200), userId: z.uuid().optional() })
  .strict();

const adminsOnly = new AppError('forbidden', 'payouts are for admins', {
  userMessage: 'Only admins pay receipts back.',
});

export function payoutRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const { payouts, notices } = deps;
  const routes = new Hono<ApiEnv>();
  routes.use('/payouts/*', async (c, next) => {
    if (!isAdmin(c.get('user'))) throw adminsOnly;
    await next();
  });
  routes.use('/payouts', async (c, next) => {
    if (!isAdmin(c.get('user'))) throw adminsOnly;
    await next();
  });

  routes.get('/payouts/owed', async (c) => c.json({ people: await payouts.owed() }));

  routes.post('/payouts', async (c) => {
    const body = parseWith(payoutSchema, await c.req.json().catch(() => undefined));
    const payout = await payouts.pay(c.get('user'), body);
    for (const line of payout.lines) await notices.tellUser(line.userId, paidNotice(line, payout.reference));
    return c.json(
      {
        payout: {
          id: payout.id,
          reference: payout.reference,
          receipts: payout.lines.reduce((sum, line) => sum + line.receipts, 0),
          people: payout.lines.map(({ receiptList, ...line }) => ({
            ...line,
            receiptIds: receiptList.map((r) => r.id),
          })),
          csvUrl: `/api/payouts/${payout.id}/export.csv`,
        },
      },
      201,
    );
  });

  routes.get('/payouts', async (c) => {
    const list = await payouts.list();
    return c.json({
      payouts: list.map((payout) => ({
        id: payout.id,
        reference: payout.reference,
        by: payout.createdBy.displayName,
        receipts: payout._count.receipts,
        createdAt: payout.createdAt.toISOString(),
        csvUrl: `/api/payouts/${payout.id}/export.csv`,
      })),
    });
  });

  routes.get('/payouts/:id/export.csv', async (c) => {
    const payout = await payouts.find(parseWith(z.uuid(), c.req.param('id')));
    if (!payout) throw new AppError('not_found', 'no such payout', { userMessage: 'No such payout.' });
    let text = csvLine(['person', 'receipts', 'currency', 'amount', 'reference']);
    for (const line of payout.lines) {
      for (const amount of line.amounts) {
        text += csvLine([line.name, line.receipts, amount.currency, amount.amount, payout.reference]);
      }
    }
    return new Response(text, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="payout-${payout.createdAt.toISOString().slice(0, 10)}.csv"`,
      },
    });
  });

  return routes;
}

export function payoutOperations(json: (schema: z.ZodType) => { type: string; schema: unknown }) {
  return {
    '/api/payouts/owed': {
      get: {
        summary: 'What is owed to each person: approved receipts not paid back yet, per currency',
        admin: true,
        responses: { '200': '{ people: [{ userId, name, receipts, amounts: [{ currency, amount }] }] }' },
      },
    },
    '/api/payouts': {
      post: {
        summary:
          'Pay back approved receipts (everyone, or one person with userId) under a reference; each person is told',
        admin: true,
        body: json(payoutSchema),
        responses: { '201': '{ payout }', '409': 'nothing approved to pay' },
      },
      get: { summary: 'Payouts made, newest first', admin: true, responses: { '200': '{ payouts }' } },
    },
    '/api/payouts/{id}/export.csv': {
      get: {
        summary: 'A payout as CSV: person, receipts, currency, amount, reference',
        admin: true,
        responses: { '200': 'text/csv' },
      },
    },
  };
}
