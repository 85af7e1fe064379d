// The HTTP surface against careless and hostile clients: bodies over the limit are refused before they
// are read, and each error names the real problem.
import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { createLoginLink } from '../../src/access/web-sessions.ts';
import { healthRoutes } from '../../src/adapters/http/health.ts';
import { Prisma } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';
import { createReview } from '../../src/receipts/review.ts';
import { receiptImage } from '../helpers/images.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

let service: TestService;
let token: string;
let receiptId: string;

// biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the API sends
type Body = any;

function call(path: string, init: RequestInit = {}): Promise<Omit<Response, 'json'> & { json(): Promise<Body> }> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(`${service.url}${path}`, { ...init, headers });
}

/**
 * Sends headers announcing `declaredBytes` and then body bytes as fast as the server takes them, and
 * stops when the answer comes: how much was sent by then, and the status line.
 */
function sendHuge(
  method: string,
  path: string,
  declaredBytes: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; sentBytes: number; text: string }> {
  const { hostname, port } = new URL(service.url);
  const head = [
    `${method} ${path} HTTP/1.1`,
    `Host: ${hostname}`,
    `Authorization: Bearer ${token}`,
    'Content-Type: application/json',
    `Content-Length: ${declaredBytes}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answer = '';
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const socket = connect(Number(port), hostname, () => {
      socket.write(head);
      const pump = () => {
        while (!answered && sentBytes < declaredBytes) {
          sentBytes += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    socket.on('data', (data) => {
      answered = true;
      answer += data.toString();
    });
    const finish = () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      if (!status) return reject(new Error(`no answer; sent ${sentBytes} bytes`));
      resolve({ status, sentBytes, text: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    };
    socket.on('close', finish);
    socket.on('error', () => {}); // EPIPE once the server hangs up: expected
    setTimeout(() => socket.destroy(), 20_000).unref();
  });
}

beforeAll(async () => {
  service = await startTestService({ METRICS_TOKEN: 'scrape-secret' });
  const user = await service.database.prisma.user.create({
    data: { platform: 'http', platformUserId: 'ada', displayName: 'Ada', role: 'admin' },
  });
  token = await createApiToken(service.database.prisma, user.id);
  const created = await call('/api/receipts', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ merchant: 'Paper Co', date: '2026-10-05', currency: 'EUR', total: '10.00' }),
  });
  receiptId = (await created.json()).receipt.id;
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

describe('body limits', () => {
  it('answers 413 to a JSON body announced over 64 KB before reading it, on every route that takes one', async () => {
    const routes: [string, string][] = [
      ['PATCH', `/api/receipts/${receiptId}`],
      ['POST', '/api/ask'],
      ['POST', '/api/receipts'],
      ['POST', `/api/receipts/${receiptId}/confirm`],
      ['POST', '/logout'],
      ['POST', '/nowhere'],
    ];
    const before = process.memoryUsage().rss;
    for (const [method, path] of routes) {
      const answer = await sendHuge(method, path, 150 * 1024 * 1024);
      expect(answer.status, `${method} ${path}`).toBe(413);
      expect(JSON.parse(answer.text).error.message).toBe(
        'The request body is too large: a JSON body may be at most 64 KB.',
      );
      // The answer came while the client had sent a small part of the 150 MB.
      expect(answer.sentBytes, `${method} ${path}`).toBeLessThan(32 * 1024 * 1024);
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);

  it('counts a body sent without a length as it arrives, and stops at the limit', async () => {
    let sent = 0;
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 50 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await call('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('too_large');
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  it('still takes bodies under the limit', async () => {
    const note = 'x'.repeat(150);
    const ok = await call(`/api/receipts/${receiptId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ merchant: `Paper Co ${note}`.slice(0, 190) }),
    });
    expect(ok.status).toBe(200);
  });
});

describe('errors that name the real problem', () => {
  it('says the JSON is malformed, the body empty, or the id not a receipt id', async () => {
    const malformed = await call(`/api/receipts/${receiptId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"total": "12.50"',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/^The request body is not valid JSON/);
    const empty = await call('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect((await empty.json()).error.message).toMatch(/^The request body is empty/);
    const badId = await call('/api/receipts/12345');
    expect(badId.status).toBe(404);
    expect((await badId.json()).error.message).toBe('No such receipt: that is not a receipt id.');
  });
});

describe('sums that cannot overflow', () => {
  it('answers the overview and questions with receipts at the largest amount a receipt can hold', async () => {
    const prisma = service.database.prisma;
    const now = new Date();
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const mia = await prisma.user.create({ data: { platform: 'http', platformUserId: 'mia', displayName: 'Mia' } });
    const receipt = (purchaseDate: Date, total: string) => ({
      userId: mia.id,
      sourcePlatform: 'http' as const,
      status: 'confirmed' as const,
      extractor: 'manual' as const,
      merchant: 'Big Spender',
      purchaseDate,
      currency: 'EUR',
      total: new Prisma.Decimal(total),
      category: 'travel',
    });
    // 150 receipts at the top of numeric(14,2) in one statement: their sum needs 17 digits.
    const huge = '999999999999.99';
    await prisma.receipt.createMany({
      data: [
        ...Array.from({ length: 150 }, () => receipt(lastMonth, huge)),
        ...Array.from({ length: 150 }, () => receipt(thisMonth, huge)),
        receipt(thisMonth, '12.50'),
      ],
    });
    const overview = await call('/api/overview');
    expect(overview.status).toBe(200);
    const body = await overview.json();
    expect(body.byPerson.find((row: Body) => row.key === 'Mia').total).toBe('150000000000011.00');
    expect(body.previousMonth[0].total).toMatch(/^1499999999999\d{2}\.\d{2}$/);

    const today = now.toISOString().slice(0, 10);
    for (const question of [
      'how much did we spend last month by person',
      'total spend this year',
      'average receipt this month',
      'biggest receipt last month',
    ]) {
      const asked = await call('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question, today }),
      });
      expect(asked.status, question).toBe(200);
      const answer = await asked.json();
      expect(answer.answer, question).not.toMatch(/went wrong|could not/i);
      expect(answer.plan, question).not.toBeNull();
      if (question.includes('by person')) {
        expect(answer.rows.find((row: Body) => row.key === 'Mia')).toMatchObject({ value: '149999999999998.50' });
      }
    }
    const month = await createReview({ prisma }).month(mia.id, now);
    expect(month.totals[0]!.total).toBe('150000000000011.00');
  }, 60_000);
});

describe('filters', () => {
  it('takes % and _ in merchant= and q= as the characters they are', async () => {
    for (const merchant of ['Pa_er Shop', '100% Bio']) {
      const created = await call('/api/receipts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ merchant, date: '2026-10-06', currency: 'EUR', total: '3.00' }),
      });
      expect(created.status).toBe(201);
    }
    const merchants = async (query: string) =>
      ((await (await call(`/api/receipts?${query}`)).json()).receipts as Body[]).map((r) => r.merchant).sort();
    expect(await merchants('merchant=%25')).toEqual([]);
    expect(await merchants('merchant=P_per%20Co')).toEqual([]);
    expect(await merchants('merchant=pa_er%20shop')).toEqual(['Pa_er Shop']);
    expect(await merchants('q=%25%25')).toEqual([]);
    expect(await merchants('q=a_e')).toEqual(['Pa_er Shop']);
    expect(await merchants('q=0%25')).toEqual(['100% Bio']);
  });
});

describe('headers and what is shown to whom', () => {
  it('sends the security headers on every response, and originals as downloads', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await receiptImage(['CORNER CAFE', 'TOTAL 6.50']))]), 'r.jpg');
    const uploaded = await (await call('/api/receipts', { method: 'POST', body: form })).json();
    const responses = {
      health: await fetch(`${service.url}/healthz`),
      page: await fetch(`${service.url}/app`),
      api: await call('/api/receipts'),
      unauthorized: await fetch(`${service.url}/api/receipts`),
      missing: await fetch(`${service.url}/nowhere`),
      openapi: await fetch(`${service.url}/openapi.json`),
      original: await call(`/api/receipts/${uploaded.receipt.id}/image`),
      tooLarge: await call('/api/ask', { method: 'POST', body: 'x'.repeat(70_000) }),
    };
    for (const [name, response] of Object.entries(responses)) {
      expect(response.headers.get('content-security-policy'), name).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), name).toBe('no-referrer');
    }
    expect(responses.original.status).toBe(200);
    expect(responses.original.headers.get('content-disposition')).toMatch(/^attachment; filename="receipt-.+\.jpg"$/);
  });

  it('shows /readyz without internal details, which go to the log', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
    const routes = healthRoutes(
      [
        { name: 'database', check: async () => void 0 },
        {
          name: 'storage',
          check: async () => {
            throw new Error('connect ECONNREFUSED 10.1.2.3:9000 (s3://receipts)');
          },
        },
      ],
      logger,
    );
    const response = await routes.request('/readyz');
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: 'unavailable', checks: { database: 'ok', storage: 'failing' } });
    expect(text).not.toContain('10.1.2.3');
    expect(lines.join('')).toContain('ECONNREFUSED 10.1.2.3:9000');
  });

  it('answers /metrics only with METRICS_TOKEN when it is set', async () => {
    const open = await fetch(`${service.url}/metrics`);
    expect(open.status).toBe(401);
    expect(open.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await fetch(`${service.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${service.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/ticket_tracker_queue_depth \d+/);
  });
});

describe('the OpenAPI document', () => {
  it('lists every route the service answers, and no route it does not', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: object };
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const registered = [
      ...new Set(
        service.routes.map(({ method, path }) => {
          const openApiPath = path.startsWith('/app/') ? '/app/{file}' : path.replace(/:(\w+)/g, '{$1}');
          return `${method} ${openApiPath}`;
        }),
      ),
    ].sort();
    expect(registered).toContain('GET /api/receipts/{id}/preview');
    expect(documented).toEqual(registered);
  });
});

describe('the session cookie', () => {
  it('is __Host- prefixed and Secure over HTTPS, plain over HTTP', async () => {
    const user = await service.database.prisma.user.findFirstOrThrow({ where: { platformUserId: 'ada' } });
    const signIn = async (headers: Record<string, string>) => {
      const link = await createLoginLink(service.database.prisma, user.id);
      return fetch(`${service.url}/login/${link}`, { headers, redirect: 'manual' });
    };
    const overHttps = (await signIn({ 'x-forwarded-proto': 'https' })).headers.get('set-cookie')!;
    expect(overHttps).toMatch(/^__Host-tt_session=tts_[\w-]+;/);
    expect(overHttps).toMatch(/; Secure/);
    expect(overHttps).toMatch(/; Path=\//);
    expect(overHttps).not.toMatch(/Domain=/i);
    const cookie = overHttps.split(';')[0]!;
    const me = await fetch(`${service.url}/api/me`, { headers: { cookie, 'x-forwarded-proto': 'https' } });
    expect(me.status).toBe(200);
    // Over HTTPS a plain cookie (set by another host, say) is not taken as a session.
    const plain = `tt_session=${cookie.split('=')[1]}`;
    const shadowed = await fetch(`${service.url}/api/me`, { headers: { cookie: plain, 'x-forwarded-proto': 'https' } });
    expect(shadowed.status).toBe(401);

    const overHttp = (await signIn({})).headers.get('set-cookie')!;
    expect(overHttp).toMatch(/^tt_session=tts_[\w-]+;/);
    expect(overHttp).not.toMatch(/; Secure/);
    const out = await fetch(`${service.url}/logout`, {
      method: 'POST',
      headers: { cookie, 'x-forwarded-proto': 'https', 'x-requested-with': 'ticket-tracker' },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${service.url}/api/me`, { headers: { cookie, 'x-forwarded-proto': 'https' } })).status).toBe(
      401,
    );
  });
});

describe('previews', () => {
  it('decodes the original once and serves every later preview from the stored page', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await receiptImage(['PREVIEW SHOP', 'TOTAL 4.20']))]), 'p.jpg');
    const { receipt } = await (await call('/api/receipts', { method: 'POST', body: form })).json();
    const first = await call(`/api/receipts/${receipt.id}/preview?width=300`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    // With the original gone, the stored page still answers, at any width.
    const { imageKey } = await service.database.prisma.receipt.findUniqueOrThrow({ where: { id: receipt.id } });
    await rm(join(service.dataDir, 'receipts', imageKey!));
    for (const width of [120, 800]) {
      const later = await call(`/api/receipts/${receipt.id}/preview?width=${width}`);
      expect(later.status, String(width)).toBe(200);
      const { width: shown } = await sharp(Buffer.from(await later.arrayBuffer())).metadata();
      expect(shown).toBe(Math.min(width, 760));
    }
  }, 60_000);
});
