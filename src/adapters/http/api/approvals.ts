// Approvals over HTTP: approve or reject one receipt, the queue of receipts waiting for an admin,
// bulk approval, and a receipt's approval history. The rules (admins only, which moves are allowed)
// are in receipts/approvals.ts; its listener tells the sender and the admin chats, whoever decided.
import { Hono } from 'hono';
import { z } from 'zod';
import { violationsOf } from '../../../receipts/approvals.ts';
import { type ApiDependencies, type ApiEnv, isAdmin, parseWith } from './dependencies.ts';
import { receiptJson } from './receipt-json.ts';

export const approveSchema = z.object({ reason: z.string().max(500).optional() }).strict();
export const rejectSchema = z.object({ reason: z.string().trim().min(1, 'say why').max(500) }).strict();
export const bulkApproveSchema = z
  .object({
    ids: z.array(z.uuid()).min(1).max(500),
    /** false (default): receipts that break a policy rule are left for a closer look. */
    includeViolations: z.boolean().optional(),
  })
  .strict();

const body = async (c: { req: { json(): Promise<unknown> } }) => c.req.json().catch(() => ({}));

export function approvalRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const { approvals, review } = deps;
  const routes = new Hono<ApiEnv>();

  routes.post('/receipts/:id/approve', async (c) => {
    const id = parseWith(z.uuid(), c.req.param('id'));
    const { reason } = parseWith(approveSchema, await body(c));
    const receipt = await approvals.approve(id, c.get('user'), reason);
    return c.json({ receipt: receiptJson(receipt) });
  });

  routes.post('/receipts/:id/reject', async (c) => {
    const id = parseWith(z.uuid(), c.req.param('id'));
    const { reason } = parseWith(rejectSchema, await body(c));
    const receipt = await approvals.reject(id, c.get('user'), reason);
    return c.json({ receipt: receiptJson(receipt) });
  });

  routes.get('/receipts/:id/approvals', async (c) => {
    const user = c.get('user');
    const receipt = await review.owned(parseWith(z.uuid(), c.req.param('id')), user.id, { admin: isAdmin(user) });
    const events = await approvals.history(receipt.id);
    return c.json({
      approvalState: receipt.approvalState,
      rejectionReason: receipt.rejectionReason,
      policyViolations: violationsOf(receipt),
      events: events.map((event) => ({
        from: event.fromState,
        to: event.toState,
        by: event.actor ? { id: event.actor.id, name: event.actor.displayName } : null,
        reason: event.reason,
        at: event.createdAt.toISOString(),
      })),
    });
  });

  routes.get('/approvals', async (c) => {
    const user = c.get('user');
    if (!isAdmin(user)) return c.json({ receipts: [] });
    const waiting = await approvals.waiting();
    return c.json({
      receipts: waiting.map((receipt) => ({ ...receiptJson(receipt), person: receipt.user.displayName })),
    });
  });

  routes.post('/approvals/bulk', async (c) => {
    const { ids, includeViolations } = parseWith(bulkApproveSchema, await body(c));
    const outcome = await approvals.approveMany(ids, c.get('user'), { includeViolations });
    return c.json({ approved: outcome.approved.map((receipt) => receipt.id), skipped: outcome.skipped });
  });

  return routes;
}

/** The routes above in the OpenAPI document. */
export function approvalOperations(json: (schema: z.ZodType) => { type: string; schema: unknown }) {
  return {
    '/api/receipts/{id}/approve': {
      post: {
        summary: 'Approve a submitted receipt (its sender is told)',
        admin: true,
        body: json(approveSchema),
        responses: { '200': '{ receipt }', '403': 'not an admin', '409': 'not waiting for approval' },
      },
    },
    '/api/receipts/{id}/reject': {
      post: {
        summary: 'Reject a submitted or approved receipt with a reason (back to its sender)',
        admin: true,
        body: json(rejectSchema),
        responses: { '200': '{ receipt }', '400': 'no reason', '403': 'not an admin', '409': 'cannot be rejected now' },
      },
    },
    '/api/receipts/{id}/approvals': {
      get: {
        summary: "A receipt's approval state, policy violations and every move (who, when, why)",
        responses: { '200': '{ approvalState, rejectionReason, policyViolations, events }' },
      },
    },
    '/api/approvals': {
      get: {
        summary: 'Receipts waiting for approval, oldest first',
        admin: true,
        responses: { '200': '{ receipts }' },
      },
    },
    '/api/approvals/bulk': {
      post: {
        summary: 'Approve many receipts; those breaking a policy rule only with includeViolations',
        admin: true,
        body: json(bulkApproveSchema),
        responses: { '200': '{ approved, skipped: [{ id, reason }] }', '403': 'not an admin' },
      },
    },
  };
}
