// Employees do not certify their own numbers: an owner's edit of a receipt an admin confirmed or
// imported sends it back to review with the reason; admins' edits do not. Every change is in the
// receipt's history, which its owner and admins can read over the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { Prisma } from '../../src/db/client.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

let service: TestService;
let admin: { id: string; token: string };
let ada: { id: string; token: string };
let bob: { id: string; token: string };

async function person(name: string, role: 'admin' | 'employee' = 'employee') {
  const user = await service.database.prisma.user.create({
    data: { platform: 'http', platformUserId: name.toLowerCase(), displayName: name, role },
  });
  return { id: user.id, token: await createApiToken(service.database.prisma, user.id) };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the API sends
type Body = any;

async function send(
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

async function entered(total: string) {
  const created = await send(ada.token, 'POST', '/api/receipts', {
    merchant: 'Hotel Sol',
    date: '2026-10-05',
    currency: 'EUR',
    total,
  });
  expect(created.status).toBe(201);
  return created.body.receipt.id as string;
}

beforeAll(async () => {
  service = await startTestService({ API_UPLOADS_PER_MINUTE: '1000' });
  admin = await person('Grace', 'admin');
  ada = await person('Ada');
  bob = await person('Bob');
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

describe('edits of certified receipts', () => {
  it('sends an admin-confirmed receipt back to review when its owner changes it, with the reason', async () => {
    const id = await entered('108.63');
    expect((await send(admin.token, 'POST', `/api/receipts/${id}/confirm`)).status).toBe(200);
    const edited = await send(ada.token, 'PATCH', `/api/receipts/${id}`, { total: '9999.00' });
    expect(edited.status).toBe(200);
    expect(edited.body.receipt).toMatchObject({ status: 'needs_review', total: '9999.00', confirmedAt: null });
    expect(edited.body.receipt.reviewReasons).toContain(
      'Changed by its owner after an admin confirmed it: total 108.63 → 9999.00.',
    );
    // Confirmed again by the admin, it is certified again.
    const confirmed = await send(admin.token, 'POST', `/api/receipts/${id}/confirm`);
    expect(confirmed.body.receipt.status).toBe('confirmed');
  });

  it('keeps it confirmed when an admin edits it, or when the owner edits what only they confirmed', async () => {
    const byAdmin = await entered('20.00');
    await send(admin.token, 'POST', `/api/receipts/${byAdmin}/confirm`);
    const adminEdit = await send(admin.token, 'PATCH', `/api/receipts/${byAdmin}`, { total: '21.00' });
    expect(adminEdit.body.receipt).toMatchObject({ status: 'confirmed', total: '21.00' });

    const own = await entered('30.00');
    await send(ada.token, 'POST', `/api/receipts/${own}/confirm`);
    const ownEdit = await send(ada.token, 'PATCH', `/api/receipts/${own}`, { total: '31,00' });
    expect(ownEdit.body.receipt).toMatchObject({ status: 'confirmed', total: '31.00' });
  });

  it('sends an imported receipt back to review when its owner changes it', async () => {
    const imported = await service.database.prisma.receipt.create({
      data: {
        userId: ada.id,
        sourcePlatform: 'cli',
        status: 'confirmed',
        extractor: 'import',
        merchant: 'Air Lisbon',
        purchaseDate: new Date('2026-10-02T00:00:00Z'),
        currency: 'EUR',
        total: new Prisma.Decimal('120.00'),
        confirmedAt: new Date(),
      },
    });
    const edited = await send(ada.token, 'PATCH', `/api/receipts/${imported.id}`, {
      merchant: 'Air Lisboa',
      total: '1.200,00',
    });
    expect(edited.body.receipt.status).toBe('needs_review');
    expect(edited.body.receipt.reviewReasons).toEqual([
      'Changed by its owner after it was imported: merchant Air Lisbon → Air Lisboa, total 120.00 → 1200.00.',
    ]);
  });

  it('shows who changed what and when to the owner and admins, and to nobody else', async () => {
    const id = await entered('108.63');
    await send(admin.token, 'POST', `/api/receipts/${id}/confirm`);
    await send(admin.token, 'PATCH', `/api/receipts/${id}`, { category: 'lodging' });
    await send(ada.token, 'PATCH', `/api/receipts/${id}`, { total: '9999.00' });

    const history = await send(ada.token, 'GET', `/api/receipts/${id}/history`);
    expect(history.status).toBe(200);
    expect(
      history.body.history.map(({ by, field, before, after }: Record<string, { name: string }>) => [
        by?.name,
        field,
        before,
        after,
      ]),
    ).toEqual([
      ['Grace', 'category', null, 'lodging'],
      ['Ada', 'total', '108.63', '9999.00'],
      ['Ada', 'status', 'confirmed', 'needs_review'],
    ]);
    expect(new Date(history.body.history[0].at).getTime()).toBeLessThanOrEqual(Date.now());
    expect((await send(admin.token, 'GET', `/api/receipts/${id}/history`)).status).toBe(200);
    expect((await send(bob.token, 'GET', `/api/receipts/${id}/history`)).status).toBe(404);
  });
});
