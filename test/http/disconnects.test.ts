// Clients that hang up in the middle of a streamed answer (the original image, the preview, a chart,
// export.csv), with local and S3 storage: raw sockets send a request and close at once or after the
// first bytes, many times in a row; the `serve` process stays up and /healthz answers 200.

import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { type FakeS3, startFakeS3 } from '../fakes/s3-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { type RunningCli, startCli } from '../helpers/process.ts';

let s3: FakeS3;

beforeAll(async () => {
  s3 = await startFakeS3({ buckets: ['receipts'] });
}, 60_000);

afterAll(async () => {
  await s3?.stop();
});

/** A noisy photo of a few megabytes: large enough that the answer is still streaming when the client leaves. */
async function bigPhoto(): Promise<Buffer> {
  const width = 1600;
  const height = 1400;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + (i >> 5) * 104729) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 98 })
    .toBuffer();
}

type HangUp = 'at-once' | 'after-first-bytes' | 'half-close' | 'http1.0';

/**
 * One raw request whose client leaves early or at once when the body is read: HTTP/1.0 with the whole
 * body read (curl --http1.0, nginx's default proxying), or HTTP/1.1 closed at once, after the first bytes
 * or half-closed.
 */
function hangUp(url: string, path: string, token: string, how: HangUp): Promise<void> {
  const { hostname, port } = new URL(url);
  const request =
    how === 'http1.0'
      ? `GET ${path} HTTP/1.0\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\n\r\n`
      : `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`;
  return new Promise((resolve) => {
    let head = '';
    let length = -1;
    let bodyBytes = 0;
    const buffer = Buffer.alloc(1 << 20);
    const socket = connect(
      {
        port: Number(port),
        host: hostname,
        // Read straight into one buffer, as fast as curl does: the close then lands while the server
        // is still between its last read of the source and the end of the stream.
        onread: {
          buffer,
          callback(size) {
            if (how !== 'http1.0') {
              socket.destroy();
              return false;
            }
            if (length < 0) {
              head += buffer.toString('latin1', 0, size);
              const end = head.indexOf('\r\n\r\n');
              if (end < 0) return true;
              length = Number(/content-length:\s*(\d+)/i.exec(head.slice(0, end))?.[1] ?? 0);
              bodyBytes = head.length - end - 4;
            } else bodyBytes += size;
            if (bodyBytes >= length) socket.destroy(); // the whole body is in: hang up at once
            return true;
          },
        },
      },
      () => {
        socket.write(request);
        if (how === 'at-once') socket.destroy();
        if (how === 'half-close') socket.end();
      },
    );
    socket.once('close', () => resolve());
    socket.once('error', () => resolve());
    setTimeout(() => socket.destroy(), 5_000).unref();
  });
}

function describeWith(storage: 'local' | 's3') {
  describe(`streamed answers with ${storage} storage`, () => {
    let database: TestDatabase;
    let dir: string;
    let serve: RunningCli;
    let url: string;
    let token: string;
    let receiptId: string;

    beforeAll(async () => {
      database = await createTestDatabase();
      dir = await mkdtemp(join(tmpdir(), 'tt-disconnect-'));
      serve = startCli(['serve'], {
        DATABASE_URL: database.url,
        DATA_DIR: dir,
        HOST: '127.0.0.1',
        PORT: '0',
        WORKERS_IN_PROCESS: 'false',
        API_UPLOADS_PER_MINUTE: '1000',
        OCR_POOL_SIZE: '1',
        DEFAULT_CURRENCY: 'EUR',
        ...(storage === 's3'
          ? {
              STORAGE_URL: 's3://receipts/tt',
              S3_ENDPOINT: s3.endpoint,
              S3_FORCE_PATH_STYLE: 'true',
              S3_ACCESS_KEY_ID: s3.accessKeyId,
              S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
            }
          : {}),
      });
      const ready = await serve.waitForLog((line) => line.msg === 'ticket-tracker ready');
      url = ready.url as string;
      const admin = await database.prisma.user.create({
        data: { platform: 'http', platformUserId: 'grace', displayName: 'Grace', role: 'admin' },
      });
      token = await createApiToken(database.prisma, admin.id);
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(await bigPhoto())]), 'receipt.jpg');
      const uploaded = await fetch(`${url}/api/receipts`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(uploaded.status).toBe(202);
      receiptId = ((await uploaded.json()) as { receipt: { id: string } }).receipt.id;
      for (let i = 0; i < 30; i++) {
        const manual = await fetch(`${url}/api/receipts`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ merchant: `Shop ${i}`, date: '2026-10-05', currency: 'EUR', total: '10.00' }),
        });
        expect(manual.status).toBe(201);
      }
    }, 120_000);

    afterAll(async () => {
      await serve?.stop();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('survives clients that leave in the middle of any streamed answer', async () => {
      const asked = await fetch(`${url}/api/ask`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'how much did we spend by merchant this year', today: '2026-11-15' }),
      });
      expect(asked.status).toBe(200);
      const chart = ((await asked.json()) as { chart?: { url: string } }).chart?.url;
      expect(chart).toMatch(/^\/api\/charts\//);
      const paths = [
        `/api/receipts/${receiptId}/image`,
        `/api/receipts/${receiptId}/preview`,
        '/api/export.csv',
        '/api/export.csv?rows=items',
        ...(chart ? [chart] : []),
      ];
      for (let round = 0; round < 6; round++) {
        for (const path of paths) {
          for (const how of ['http1.0', 'at-once', 'after-first-bytes', 'half-close'] as const) {
            await hangUp(url, path, token, how);
          }
        }
        // Several at once as well, as a proxy with many clients would.
        await Promise.all(paths.map((path) => hangUp(url, path, token, 'after-first-bytes')));
        await Promise.all(paths.map((path) => hangUp(url, path, token, 'http1.0')));
      }
      expect(serve.child.exitCode).toBeNull();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const image = await fetch(`${url}/api/receipts/${receiptId}/image`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(image.status).toBe(200);
      expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
    }, 120_000);
  });
}

describeWith('local');
describeWith('s3');
