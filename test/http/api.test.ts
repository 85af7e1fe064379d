// The HTTP API on the whole service, over real HTTP on 127.0.0.1: tokens, ownership, uploads read by
// the in-process workers, corrections, pages, CSV, questions, limits and errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiTokens } from '../../src/access/api-tokens.ts';
import type { User } from '../../src/generated/prisma/client.ts';
import { receiptImage } from '../helpers/images.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

let service: TestService;
let admin: { user: User; token: string };
let ada: { user: User; token: string };
let bob: { user: User; token: string };

async function person(name: string, role: 'admin' | 'employee' = 'employee') {
  const user = await service.database.prisma.user.create({
    data: { platform: 'http', platformUserId: name.toLowerCase(), displayName: name, role },
  });
  return { user, token: await createApiToken(service.database.prisma, user.id) };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the API sends
type Body = any;
type ApiResponse = Omit<Response, 'json'> & { json(): Promise<Body> };

function call(token: string | null, path: string, init: RequestInit = {}): Promise<ApiResponse> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(`${service.url}${path}`, { ...init, headers });
}

function json(token: string, path: string, method: string, body: unknown) {
  if (method === 'GET') return call(token, path);
  return call(token, path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function upload(token: string, bytes: Buffer, name = 'receipt.jpg') {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  return call(token, '/api/receipts', { method: 'POST', body: form });
}

async function manual(token: string, overrides: Record<string, unknown> = {}) {
  const response = await json(token, '/api/receipts', 'POST', {
    merchant: 'Paper Co',
    date: '2026-10-05',
    currency: 'EUR',
    total: '10.00',
    category: 'office',
    ...overrides,
  });
  expect(response.status).toBe(201);
  return (await response.json()).receipt as { id: string; total: string; status: string };
}

async function readReceipt(token: string, id: string) {
  for (let tries = 0; tries < 240; tries++) {
    const { receipt } = await (await call(token, `/api/receipts/${id}`)).json();
    if (receipt.status !== 'queued' && receipt.status !== 'processing') return receipt;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`receipt ${id} was not read in time`);
}

beforeAll(async () => {
  service = await startTestService({ MAX_UPLOAD_BYTES: String(2 * 1024 * 1024), API_UPLOADS_PER_MINUTE: '20' });
  admin = await person('Grace', 'admin');
  ada = await person('Ada');
  bob = await person('Bob');
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

describe('HTTP API', () => {
  it('refuses a missing, unknown or revoked token with a JSON 401', async () => {
    const none = await call(null, '/api/receipts');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await none.json()).error.code).toBe('unauthorized');
    expect((await call('tt_not-a-real-token', '/api/receipts')).status).toBe(401);
    const temporary = await person('Temp');
    expect((await call(temporary.token, '/api/receipts')).status).toBe(200);
    await revokeApiTokens(service.database.prisma, temporary.user.id);
    expect((await call(temporary.token, '/api/receipts')).status).toBe(401);
  });

  it('takes a photo, reads it, serves the original and knows a duplicate', async () => {
    const bytes = await receiptImage(['CORNER CAFE', 'Date: 03/10/2026', 'TOTAL       6.50']);
    const response = await upload(ada.token, bytes);
    expect(response.status).toBe(202);
    const { receipt, duplicate } = await response.json();
    expect(duplicate).toBe(false);
    expect(receipt.imageUrl).toBe(`/api/receipts/${receipt.id}/image`);
    const read = await readReceipt(ada.token, receipt.id);
    expect(read).toMatchObject({ merchant: 'CORNER CAFE', date: '2026-10-03', total: '6.50', currency: 'EUR' });

    const image = await call(ada.token, read.imageUrl);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).equals(bytes)).toBe(true);

    const again = await upload(ada.token, bytes);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, receipt: { id: receipt.id } });
  }, 120_000);

  it("answers 404 for someone else's receipt, whatever the verb; admins reach it", async () => {
    const mine = await manual(ada.token);
    for (const [method, path] of [
      ['GET', `/api/receipts/${mine.id}`],
      ['GET', `/api/receipts/${mine.id}/image`],
      ['PATCH', `/api/receipts/${mine.id}`],
      ['POST', `/api/receipts/${mine.id}/confirm`],
      ['DELETE', `/api/receipts/${mine.id}`],
    ] as const) {
      const response = await json(bob.token, path, method, { total: '1.00' });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await response.json()).error.code).toBe('not_found');
    }
    expect((await call(admin.token, `/api/receipts/${mine.id}`)).status).toBe(200);
    expect((await call(ada.token, '/api/receipts/not-a-uuid')).status).toBe(404);
  });

  it('fixes fields with an audit trail, refuses bad values, confirms and deletes', async () => {
    const receipt = await manual(ada.token, { total: '9.99' });
    const fixed = await json(ada.token, `/api/receipts/${receipt.id}`, 'PATCH', { total: '12.50', category: 'meals' });
    expect(fixed.status).toBe(200);
    expect((await fixed.json()).receipt).toMatchObject({ total: '12.50', category: 'meals' });
    const edits = await service.database.prisma.receiptEdit.findMany({ where: { receiptId: receipt.id } });
    expect(edits.map((edit) => [edit.field, edit.oldValue, edit.newValue]).sort()).toEqual([
      ['category', 'office', 'meals'],
      ['total', '9.99', '12.50'],
    ]);

    const bad = await json(ada.token, `/api/receipts/${receipt.id}`, 'PATCH', { total: 'twelve' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^total: /);
    expect((await json(ada.token, `/api/receipts/${receipt.id}`, 'PATCH', { colour: 'red' })).status).toBe(400);
    expect((await json(ada.token, `/api/receipts/${receipt.id}`, 'PATCH', {})).status).toBe(400);

    const confirmed = await call(ada.token, `/api/receipts/${receipt.id}/confirm`, { method: 'POST' });
    expect((await confirmed.json()).receipt.confirmedAt).not.toBeNull();
    expect((await call(ada.token, `/api/receipts/${receipt.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(ada.token, `/api/receipts/${receipt.id}`)).status).toBe(404);
  });

  it('checks a manual entry field by field', async () => {
    const response = await json(ada.token, '/api/receipts', 'POST', {
      merchant: '',
      date: '2026-13-01',
      currency: 'euro',
      total: '-3',
    });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('bad_request');
    for (const field of ['merchant', 'date', 'currency', 'total']) expect(error.message).toContain(`${field}:`);
    expect((await call(ada.token, '/api/receipts', { method: 'POST', body: 'hello' })).status).toBe(400);
  });

  it('pages through receipts with a cursor, each once, filtered, employees seeing their own', async () => {
    const created = [];
    for (let day = 1; day <= 7; day++) {
      created.push(await manual(bob.token, { merchant: `Shop ${day}`, date: `2026-09-0${day}`, total: `${day}.00` }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { receipts: { id: string; userId: string }[]; nextCursor: string | null } = await (
        await call(bob.token, `/api/receipts?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.receipts.length).toBeLessThanOrEqual(3);
      expect(page.receipts.every((receipt) => receipt.userId === bob.user.id)).toBe(true);
      seen.push(...page.receipts.map((receipt) => receipt.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(created.map((receipt) => receipt.id)));

    const september = await (await call(bob.token, '/api/receipts?from=2026-09-02&to=2026-09-04')).json();
    expect(september.receipts.map((r: { merchant: string }) => r.merchant).sort()).toEqual([
      'Shop 2',
      'Shop 3',
      'Shop 4',
    ]);
    const search = await (await call(admin.token, '/api/receipts?q=shop%205')).json();
    expect(search.receipts.map((r: { merchant: string }) => r.merchant)).toEqual(['Shop 5']);
    const others = await (await call(bob.token, `/api/receipts?user=${ada.user.id}`)).json();
    expect(others.receipts).toEqual([]);
    const byAdmin = await (await call(admin.token, `/api/receipts?user=${bob.user.id}&limit=100`)).json();
    expect(byAdmin.receipts).toHaveLength(7);
    expect((await call(bob.token, '/api/receipts?cursor=garbage')).status).toBe(400);
    expect((await call(bob.token, '/api/receipts?status=lost')).status).toBe(400);
  });

  it('exports CSV for admins only, by receipt or by line item, with formulas defused', async () => {
    await manual(ada.token, {
      merchant: '=HYPERLINK("http://x")',
      date: '2026-08-15',
      total: '30.00',
      items: [
        { description: 'Stapler', quantity: '1', unitPrice: '20.00', amount: '20.00' },
        { description: 'Paper, A4', quantity: '2', unitPrice: '5.00', amount: '10.00' },
      ],
    });
    expect((await call(ada.token, '/api/export.csv')).status).toBe(403);
    const response = await call(admin.token, '/api/export.csv?from=2026-08-01&to=2026-08-31');
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,date,employee,merchant,category,currency,total,tax,status');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,2026-08-15,Ada,"'=HYPERLINK(""http://x"")",office,EUR,30.00,,confirmed`);
    const items = (await (await call(admin.token, '/api/export.csv?from=2026-08-01&to=2026-08-31&rows=items')).text())
      .trimEnd()
      .split('\r\n');
    expect(items).toHaveLength(3);
    expect(items[2]).toMatch(/,2,"Paper, A4",2,5\.00,10\.00$/);
  });

  it('answers questions as the asker may see, with a chart only they can fetch', async () => {
    const asked = await json(admin.token, '/api/ask', 'POST', {
      question: 'how much did we spend in September 2026?',
    });
    const answer = await asked.json();
    expect(answer).toMatchObject({ value: '28.00', currency: 'EUR' });
    expect(answer.answer).toMatch(/^Total spent: €28\.00/);

    const own = await (await json(ada.token, '/api/ask', 'POST', { question: 'how much in September 2026?' })).json();
    expect(own.answer).toMatch(/No receipts match|€0\.00/);
    expect(own.answer).toContain('your receipts only');

    const charted = await (
      await json(admin.token, '/api/ask', 'POST', { question: 'total by day in September 2026' })
    ).json();
    expect(charted.chart.url).toMatch(/^\/api\/charts\/[0-9a-f-]+\.png$/);
    const png = await call(admin.token, charted.chart.url);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await call(ada.token, charted.chart.url)).status).toBe(404);
    expect((await json(admin.token, '/api/ask', 'POST', { question: '' })).status).toBe(400);
  });

  it('refuses a file too large, a file that is not an image, and too many uploads', async () => {
    const large = await upload(ada.token, Buffer.alloc(3 * 1024 * 1024, 1));
    expect(large.status).toBe(413);
    expect((await large.json()).error.code).toBe('too_large');
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200)]);
    const rejected = await upload(ada.token, zip, 'receipt.jpg');
    expect(rejected.status).toBe(415);
    expect((await rejected.json()).error.message).toMatch(/JPEG|PNG|PDF/);

    const busy = await person('Busy');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await json(busy.token, '/api/receipts', 'POST', { merchant: 'x' })).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('sums spend for the overview per person as the viewer may see, and previews the picture', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const carol = await person('Carol');
    await manual(carol.token, { date: `${month}-01`, total: '40.00', category: 'travel' });
    await manual(carol.token, { date: `${month}-01`, total: '2.50', category: 'meals' });
    const own = await (await call(carol.token, '/api/overview')).json();
    expect(own.thisMonth).toEqual([{ key: null, currency: 'EUR', total: '42.50', count: 2 }]);
    expect(own.byCategory.map((row: Body) => [row.key, row.total])).toEqual([
      ['travel', '40.00'],
      ['meals', '2.50'],
    ]);
    expect(own.byPerson).toEqual([{ key: 'Carol', userId: carol.user.id, currency: 'EUR', total: '42.50', count: 2 }]);
    const everyone = await (await call(admin.token, '/api/overview')).json();
    expect(everyone.byPerson.map((row: Body) => row.key)).toContain('Carol');
    expect((await call(admin.token, '/api/me').then((r) => r.json())).user.role).toBe('admin');

    const photo = await readReceipt(
      ada.token,
      (await (await upload(ada.token, await receiptImage(['TAXI CO', 'TOTAL  9.00']))).json()).receipt.id,
    );
    const preview = await call(ada.token, `/api/receipts/${photo.id}/preview?width=120`);
    expect(preview.headers.get('content-type')).toBe('image/jpeg');
    const ocr = await (await call(ada.token, `/api/receipts/${photo.id}/ocr`)).json();
    expect(ocr.page.width).toBeGreaterThan(0);
    expect(ocr.lines.map((line: Body) => line.text).join(' ')).toContain('TAXI');
    expect((await call(bob.token, `/api/receipts/${photo.id}/preview`)).status).toBe(404);
  }, 120_000);

  it('serves health, metrics, the OpenAPI document and the docs page without a token', async () => {
    expect((await call(null, '/healthz')).status).toBe(200);
    const metrics = await (await call(null, '/metrics')).text();
    expect(metrics).toMatch(/ticket_tracker_receipts\{status="confirmed"\} \d+/);
    expect(metrics).toMatch(/ticket_tracker_receipts_processed_total\{status="(confirmed|needs_review)"\} \d+/);
    expect(metrics).toMatch(/ticket_tracker_ocr_seconds_count [1-9]/);
    expect(metrics).toMatch(/ticket_tracker_queue_depth \d+/);
    const document = await (await call(null, '/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/receipts', '/api/receipts/{id}', '/api/export.csv', '/api/ask']),
    );
    const docs = await call(null, '/docs');
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('/api/receipts/{id}/confirm');
    const missing = await call(null, '/nowhere');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
});
