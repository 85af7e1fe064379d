// Approval states through the HTTP API on the whole service: submitted when the sender confirms,
// approved or rejected (with a reason) by admins only, fixed and resubmitted, every move audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, createPerson } from '../helpers/api.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

let service: TestService;
let admin: string;
let ada: string;
let bob: string;

const call = apiCaller(() => service.url);

async function manual(token: string, total = '10.00') {
  const created = await call(token, '/api/receipts', 'POST', {
    merchant: 'Paper Co',
    date: '2026-10-05',
    currency: 'EUR',
    total,
    category: 'office',
  });
  expect(created.status).toBe(201);
  return created.body.receipt as { id: string; approvalState: string };
}

beforeAll(async () => {
  service = await startTestService({});
  const prisma = service.database.prisma;
  admin = (await createPerson(prisma, 'Grace', { role: 'admin' })).token;
  ada = (await createPerson(prisma, 'Ada')).token;
  bob = (await createPerson(prisma, 'Bob')).token;
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

describe('approvals', () => {
  let id: string;

  it('submits a receipt when its sender confirms it, and audits it', async () => {
    const receipt = await manual(ada);
    id = receipt.id;
    expect(receipt.approvalState).toBe('submitted');
    const history = await call(ada, `/api/receipts/${id}/approvals`);
    expect(history.body.events).toMatchObject([{ from: null, to: 'submitted', by: { name: 'Ada' } }]);
    const queue = await call(admin, '/api/approvals');
    expect(queue.body.receipts.map((r: { id: string }) => r.id)).toContain(id);
    expect(queue.body.receipts[0].person).toBe('Ada');
  });

  it('lets no employee approve or reject, their own receipt or anyone else’s', async () => {
    for (const token of [ada, bob]) {
      expect((await call(token, `/api/receipts/${id}/approve`, 'POST', {})).status).toBe(403);
      expect((await call(token, `/api/receipts/${id}/reject`, 'POST', { reason: 'no' })).status).toBe(403);
      expect((await call(token, '/api/approvals/bulk', 'POST', { ids: [id] })).status).toBe(403);
    }
    expect((await call(bob, `/api/receipts/${id}/approvals`)).status).toBe(404);
    expect((await call(ada, '/api/approvals')).body.receipts).toEqual([]);
    const events = await service.database.prisma.approvalEvent.count({ where: { receiptId: id } });
    expect(events).toBe(1);
  });

  it('rejects only with a reason, and sends the receipt back to its sender', async () => {
    const none = await call(admin, `/api/receipts/${id}/reject`, 'POST', { reason: '  ' });
    expect(none.status).toBe(400);
    const rejected = await call(admin, `/api/receipts/${id}/reject`, 'POST', { reason: 'the total is wrong' });
    expect(rejected.body.receipt).toMatchObject({
      approvalState: 'rejected',
      rejectionReason: 'the total is wrong',
      confirmedAt: null,
    });
    expect((await call(admin, `/api/receipts/${id}/approve`, 'POST', {})).status).toBe(409);
  });

  it('takes the fixed receipt back when its sender confirms it again', async () => {
    expect((await call(ada, `/api/receipts/${id}`, 'PATCH', { total: '12.00' })).body.receipt.approvalState).toBe(
      'rejected',
    );
    const again = await call(ada, `/api/receipts/${id}/confirm`, 'POST');
    expect(again.body.receipt).toMatchObject({ approvalState: 'submitted', rejectionReason: null, total: '12.00' });
  });

  it('approves once, and an edit by the sender sends it back for approval', async () => {
    const approved = await call(admin, `/api/receipts/${id}/approve`, 'POST', { reason: 'ok' });
    expect(approved.body.receipt.approvalState).toBe('approved');
    expect((await call(admin, `/api/receipts/${id}/approve`, 'POST', {})).status).toBe(409);
    const edited = await call(ada, `/api/receipts/${id}`, 'PATCH', { category: 'travel' });
    expect(edited.body.receipt.approvalState).toBe('submitted');
    const history = await call(admin, `/api/receipts/${id}/approvals`);
    expect(history.body.events.map((e: { to: string }) => e.to)).toEqual([
      'submitted',
      'rejected',
      'submitted',
      'approved',
      'submitted',
    ]);
    expect(history.body.events[1]).toMatchObject({ by: { name: 'Grace' }, reason: 'the total is wrong' });
    expect(history.body.events[4]).toMatchObject({ by: { name: 'Ada' }, reason: 'changed after approval' });
  });

  it('approves in bulk what it can and says why it skipped the rest', async () => {
    const other = await manual(bob, '20.00');
    const missing = '00000000-0000-4000-8000-000000000000';
    const bulk = await call(admin, '/api/approvals/bulk', 'POST', { ids: [id, other.id, missing] });
    expect(bulk.body.approved.sort()).toEqual([id, other.id].sort());
    expect(bulk.body.skipped).toEqual([{ id: missing, reason: 'not found' }]);
    const again = await call(admin, '/api/approvals/bulk', 'POST', { ids: [id] });
    expect(again.body).toEqual({ approved: [], skipped: [{ id, reason: 'approved' }] });
  });

  it('describes the routes in the OpenAPI document', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/receipts/{id}/approve', '/api/receipts/{id}/reject', '/api/approvals/bulk']),
    );
  });

  it('says what is owed to each person and pays it back under a reference, per person or all', async () => {
    expect((await call(ada, '/api/payouts/owed')).status).toBe(403);
    const more = await manual(ada, '5.00');
    await call(admin, `/api/receipts/${more.id}/approve`, 'POST', {});
    const owed = await call(admin, '/api/payouts/owed');
    expect(owed.body.people).toMatchObject([
      { name: 'Ada', receipts: 2, amounts: [{ currency: 'EUR', amount: '17.00' }] },
      { name: 'Bob', receipts: 1, amounts: [{ currency: 'EUR', amount: '20.00' }] },
    ]);
    expect((await call(admin, '/api/payouts', 'POST', { reference: ' ' })).status).toBe(400);
    const bobId = owed.body.people[1].userId;
    const first = await call(admin, '/api/payouts', 'POST', { reference: 'TRF-1', userId: bobId });
    expect(first.status).toBe(201);
    expect(first.body.payout).toMatchObject({ reference: 'TRF-1', receipts: 1, people: [{ name: 'Bob' }] });
    const rest = await call(admin, '/api/payouts', 'POST', { reference: 'TRF-2' });
    expect(rest.body.payout.people).toMatchObject([{ name: 'Ada', receipts: 2, amounts: [{ amount: '17.00' }] }]);
    expect((await call(admin, '/api/payouts/owed')).body.people).toEqual([]);
    expect((await call(admin, '/api/payouts', 'POST', { reference: 'TRF-3' })).status).toBe(409);

    const csv = await fetch(`${service.url}${rest.body.payout.csvUrl}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(await csv.text()).toBe('person,receipts,currency,amount,reference\r\nAda,2,EUR,17.00,TRF-2\r\n');
    const receipt = await call(ada, `/api/receipts/${id}`);
    expect(receipt.body.receipt.approvalState).toBe('reimbursed');
    const locked = await call(ada, `/api/receipts/${id}`, 'PATCH', { total: '99.00' });
    expect(locked.status).toBe(409);
    const history = await call(ada, `/api/receipts/${id}/approvals`);
    expect(history.body.events.at(-1)).toMatchObject({
      to: 'reimbursed',
      by: { name: 'Grace' },
      reason: 'payout TRF-2',
    });
    expect((await call(admin, '/api/payouts')).body.payouts.map((p: { reference: string }) => p.reference)).toEqual([
      'TRF-2',
      'TRF-1',
    ]);
  });

  it('answers questions about approval states', async () => {
    await manual(bob, '7.25');
    const rejected = await manual(ada, '3.00');
    await call(admin, `/api/receipts/${rejected.id}/reject`, 'POST', { reason: 'personal' });
    const ask = async (question: string, token = admin) =>
      (await call(token, '/api/ask', 'POST', { question })).body as { answer: string; value: string | null };
    const pending = await ask('How much is waiting for approval?');
    expect(pending.answer).toMatch(/^Waiting for approval: €7\.25 \(1 receipt\)/);
    expect(pending.value).toBe('7.25');
    const month = new Date().toLocaleString('en', { month: 'long', timeZone: 'UTC' });
    const paid = await ask(`What was reimbursed in ${month}?`);
    expect(paid.answer).toMatch(/^Reimbursed .*: €37\.00 \(3 receipts\)/);
    const refused = await ask('rejected receipts this month');
    expect(refused.answer).toContain('Ada: Paper Co, €3.00 2026-10-05 — personal');
    expect((await ask('What do we owe each person?')).answer).toBe(
      'Nothing is owed: every approved receipt has been paid back.',
    );
    expect((await ask('How much is waiting for approval?', ada)).answer).toMatch(/^Waiting for approval: €0\.00 \(0/);
  });
});
