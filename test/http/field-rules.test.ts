// The field rules through the HTTP API, as the web form and any client use it: amounts as Europeans
// write them, the ambiguous one refused with a way out, the total ceiling, tax ≤ total, the date
// window, ISO 4217 currencies, trimmed text without control characters; manual entry and PATCH alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { isoDay } from '../../src/iso-date.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

let service: TestService;
let token: string;

// biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the API sends
async function send(method: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const entry = (overrides: Record<string, unknown> = {}) =>
  send('POST', '/api/receipts', {
    merchant: 'Paper Co',
    date: '2026-10-05',
    currency: 'EUR',
    total: '10.00',
    ...overrides,
  });

beforeAll(async () => {
  service = await startTestService({ MAX_RECEIPT_TOTAL: '50000', API_UPLOADS_PER_MINUTE: '1000' });
  const user = await service.database.prisma.user.create({
    data: { platform: 'http', platformUserId: 'ada', displayName: 'Ada' },
  });
  token = await createApiToken(service.database.prisma, user.id);
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

describe('field rules through the API', () => {
  it('reads amounts as people write them, and a JSON number as is', async () => {
    const written: [unknown, string][] = [
      ['12,50', '12.50'],
      ['1.234,56', '1234.56'],
      ['1,234.56', '1234.56'],
      ['1 234,56', '1234.56'],
      ['12.5', '12.50'],
      ["1'234.50", '1234.50'],
      ['€12,50', '12.50'],
      ['12,50 EUR', '12.50'],
      [12.5, '12.50'],
      [1234, '1234.00'],
    ];
    for (const [total, expected] of written) {
      const created = await entry({ total });
      expect(created.status, String(total)).toBe(201);
      expect(created.body.receipt.total, String(total)).toBe(expected);
    }
    const fixed = await entry();
    const patched = await send('PATCH', `/api/receipts/${fixed.body.receipt.id}`, { total: '1.234,56', tax: '12,50' });
    expect(patched.status).toBe(200);
    expect(patched.body.receipt).toMatchObject({ total: '1234.56', tax: '12.50' });
  });

  it('refuses an ambiguous amount, saying how to write it, and changes nothing', async () => {
    const refused = await entry({ total: '1,234' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('total: "1,234" can be read two ways; write 1234 or 1,234.00 / 1.234,00.');
    const created = await entry();
    const patched = await send('PATCH', `/api/receipts/${created.body.receipt.id}`, { total: '1.234' });
    expect(patched.status).toBe(400);
    expect(patched.body.error.message).toContain('write 1234 or 1,234.00 / 1.234,00');
    expect((await send('GET', `/api/receipts/${created.body.receipt.id}`, undefined)).body.receipt.total).toBe('10.00');
    expect((await entry({ total: 12.345 })).body.error.message).toContain('more than two decimals');
  });

  it('keeps totals above zero and under MAX_RECEIPT_TOTAL, and tax between zero and the total', async () => {
    expect((await entry({ total: '999999999999.99' })).body.error.message).toBe(
      'total: The total 999999999999.99 is more than one receipt can be (at most 50000.00); check the amount.',
    );
    expect((await entry({ total: '0.00' })).body.error.message).toBe('total: The total must be more than 0.');
    expect((await entry({ total: '10.00', tax: '12.00' })).body.error.message).toBe(
      'tax: The tax (12.00) cannot be more than the total (10.00).',
    );
    expect((await entry({ tax: '-1' })).body.error.message).toBe('tax: The tax cannot be negative.');
    expect((await entry({ total: '50000' })).status).toBe(201);

    const created = await entry({ total: '10.00', tax: '1.00' });
    const id = created.body.receipt.id;
    expect((await send('PATCH', `/api/receipts/${id}`, { total: '60000' })).body.error.message).toContain(
      'at most 50000.00',
    );
    // Together: the tax checked against the new total, not the old one.
    expect((await send('PATCH', `/api/receipts/${id}`, { total: '0.50' })).body.error.message).toBe(
      'The tax (1.00) cannot be more than the total (0.50).',
    );
    expect((await send('PATCH', `/api/receipts/${id}`, { total: '0.50', tax: '0.10' })).status).toBe(200);
    // The overview sums what was let in.
    expect((await send('GET', '/api/overview', undefined)).status).toBe(200);
  });

  it('keeps dates between 2000-01-01 and tomorrow, saying so', async () => {
    const tomorrow = isoDay(new Date(Date.now() + 24 * 3600 * 1000));
    for (const date of ['0001-01-01', '9999-12-31', '2099-01-01', '1999-12-31']) {
      const refused = await entry({ date });
      expect(refused.status, date).toBe(400);
      expect(refused.body.error.message, date).toBe(
        `date: The date ${date} is out of range: a receipt's date is between 2000-01-01 and ${tomorrow}.`,
      );
    }
    expect((await entry({ date: '2026-02-30' })).body.error.message).toContain('is not a date');
    expect((await entry({ date: '2000-01-01' })).status).toBe(201);
    const created = await entry();
    const patched = await send('PATCH', `/api/receipts/${created.body.receipt.id}`, { date: '2099-01-01' });
    expect(patched.body.error.message).toContain('out of range');
  });

  it('takes ISO 4217 currencies only', async () => {
    expect((await entry({ currency: 'XYZ' })).body.error.message).toBe(
      'currency: "XYZ" is not a currency code; write an ISO 4217 code such as EUR, USD or GBP.',
    );
    const lower = await entry({ currency: 'chf' });
    expect(lower.body.receipt.currency).toBe('CHF');
    const patched = await send('PATCH', `/api/receipts/${lower.body.receipt.id}`, { currency: 'ABC' });
    expect(patched.status).toBe(400);
  });

  it('trims text, refuses it empty or with control characters (NUL was a 500)', async () => {
    expect((await entry({ merchant: 'Paper\u0000Co' })).status).toBe(400);
    expect((await entry({ merchant: 'Paper\u0000Co' })).body.error.message).toBe(
      'merchant: The merchant contains a control character; type plain text.',
    );
    const created = await entry({ merchant: '  Blue Bottle  ' });
    expect(created.body.receipt.merchant).toBe('Blue Bottle');
    const id = created.body.receipt.id;
    const empty = await send('PATCH', `/api/receipts/${id}`, { merchant: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('merchant: The merchant cannot be empty.');
    const nul = await send('PATCH', `/api/receipts/${id}`, { merchant: 'a\u0000b' });
    expect(nul.status).toBe(400);
    const trimmed = await send('PATCH', `/api/receipts/${id}`, { merchant: '  Café Zoë \n' });
    expect(trimmed.body.receipt.merchant).toBe('Café Zoë');
    expect((await entry({ category: 'yachts' })).body.error.message).toContain('Pick one of these categories');
    const item = { quantity: null, unitPrice: null, amount: '10.00' };
    const badItem = await entry({ items: [{ ...item, description: 'Pa\u0000per' }] });
    expect(badItem.status).toBe(400);
    expect(badItem.body.error.message).toBe(
      'items.0.description: The description contains a control character; type plain text.',
    );
    for (const filter of ['merchant=Pa%00per', 'q=pa%00per', 'category=me%00als']) {
      const listed = await send('GET', `/api/receipts?${filter}`, undefined);
      expect(listed.status, filter).toBe(400);
      expect(listed.body.error.message, filter).toContain('contains a control character');
    }
    const goodItem = await entry({ items: [{ ...item, description: ' Paper ' }] });
    expect(goodItem.body.receipt.items).toMatchObject([{ description: 'Paper' }]);
  });
});
