// GET /api/receipts as the web page's list uses it: sorting by purchase date (undated last) a page at
// a time, whose receipt each one is, and the total of everything the filter matches, not only the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { Prisma } from '../../src/db/client.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

let service: TestService;
let adminToken: string;
let employeeToken: string;

beforeAll(async () => {
  service = await startTestService({});
  const prisma = service.database.prisma;
  const boss = await prisma.user.create({
    data: { platform: 'http', platformUserId: 'boss', displayName: 'Boss', role: 'admin' },
  });
  const ann = await prisma.user.create({ data: { platform: 'http', platformUserId: 'ann', displayName: 'Ann' } });
  adminToken = await createApiToken(prisma, boss.id);
  employeeToken = await createApiToken(prisma, ann.id);
  const receipt = (userId: string, merchant: string, date: string | null, currency: string, total: string | null) =>
    prisma.receipt.create({
      data: {
        userId,
        sourcePlatform: 'http',
        status: total ? 'confirmed' : 'needs_review',
        merchant,
        purchaseDate: date ? new Date(`${date}T00:00:00Z`) : null,
        currency,
        total: total ? new Prisma.Decimal(total) : null,
      },
    });
  // Created in this order, so "newest added" differs from purchase-date order (ties go by id).
  await receipt(ann.id, 'B', '2026-03-02', 'EUR', '10.10');
  await receipt(boss.id, 'Undated', null, 'EUR', null);
  await receipt(ann.id, 'A', '2026-01-15', 'EUR', '999999999999.99');
  await receipt(boss.id, 'D', '2026-05-01', 'GBP', '5.00');
  await receipt(boss.id, 'C', '2026-03-03', 'EUR', '0.91');
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the API sends
async function list(token: string, query: string): Promise<any> {
  const response = await fetch(`${service.url}/api/receipts?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function allPages(token: string, query: string): Promise<string[]> {
  const merchants: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(token, `${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    merchants.push(...page.receipts.map((r: { merchant: string }) => r.merchant));
    cursor = page.nextCursor;
  } while (cursor);
  return merchants;
}

describe('the receipts list', () => {
  it('sorts by purchase date either way, a page at a time, undated receipts last', async () => {
    expect(await allPages(adminToken, 'sort=date_asc')).toEqual(['A', 'B', 'C', 'D', 'Undated']);
    expect(await allPages(adminToken, 'sort=date_desc')).toEqual(['D', 'C', 'B', 'A', 'Undated']);
    expect(await allPages(adminToken, 'sort=added')).toEqual(['C', 'D', 'A', 'Undated', 'B']);
    const first = await list(adminToken, 'sort=date_asc&limit=2');
    const wrongSort = await fetch(`${service.url}/api/receipts?sort=added&cursor=${first.nextCursor}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(wrongSort.status).toBe(400);
    expect(
      (await fetch(`${service.url}/api/receipts?sort=price`, { headers: { authorization: `Bearer ${adminToken}` } }))
        .status,
    ).toBe(400);
  });

  it('says whose receipt each one is, and totals the whole filter per currency, summed exactly', async () => {
    const page = await list(adminToken, 'limit=1&sort=date_asc');
    expect(page.receipts).toHaveLength(1);
    expect(page.receipts[0]).toMatchObject({ merchant: 'A', userName: 'Ann' });
    expect(page.totals).toEqual([
      { currency: 'EUR', total: '1000000000011.00', count: 3 },
      { currency: 'GBP', total: '5.00', count: 1 },
    ]);
    // Later pages do not repeat it; filters narrow it; an employee's is their own receipts only.
    expect((await list(adminToken, `cursor=${page.nextCursor}&sort=date_asc`)).totals).toBeUndefined();
    expect((await list(adminToken, 'from=2026-03-01&to=2026-03-31')).totals).toEqual([
      { currency: 'EUR', total: '11.01', count: 2 },
    ]);
    expect((await list(employeeToken, '')).totals).toEqual([{ currency: 'EUR', total: '1000000000010.09', count: 2 }]);
  });
});
