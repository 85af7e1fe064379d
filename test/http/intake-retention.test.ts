// Uploads refused at intake leave nothing behind; stored images are readable by the service only;
// a deleted receipt's image goes after DELETED_RETENTION_DAYS (a daily pg-boss job) or at once when an
// admin purges it. Over real HTTP, with the service's own local storage.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgBoss } from 'pg-boss';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { receiptImage } from '../helpers/images.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

let service: TestService;
let storageDir: string;
let admin: string;
let ada: string;

async function person(name: string, role: 'admin' | 'employee' = 'employee') {
  const user = await service.database.prisma.user.create({
    data: { platform: 'http', platformUserId: name.toLowerCase(), displayName: name, role },
  });
  return createApiToken(service.database.prisma, user.id);
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the API sends
type ApiResponse = Omit<Response, 'json'> & { json(): Promise<any> };

function call(token: string, path: string, init: RequestInit = {}): Promise<ApiResponse> {
  return fetch(`${service.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });
}

function upload(token: string, bytes: Buffer, name = 'receipt.jpg') {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  return call(token, '/api/receipts', { method: 'POST', body: form });
}

/** Every file under the storage directory, with its mode. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(storageDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function uploadedAndRead(token: string, lines: string[]) {
  const response = await upload(token, await receiptImage(lines));
  expect(response.status).toBe(202);
  const { receipt } = await response.json();
  for (let tries = 0; tries < 240; tries++) {
    const stored = await service.database.prisma.receipt.findUniqueOrThrow({ where: { id: receipt.id } });
    if (stored.status !== 'queued' && stored.status !== 'processing') return stored;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('not read in time');
}

beforeAll(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'tt-storage-'));
  storageDir = join(storageDir, 'receipts');
  service = await startTestService({
    STORAGE_URL: storageDir,
    MAX_IMAGE_PIXELS: '4000000',
    API_UPLOADS_PER_MINUTE: '1000',
    DELETED_RETENTION_DAYS: '30',
  });
  admin = await person('Grace', 'admin');
  ada = await person('Ada');
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await rm(join(storageDir, '..'), { recursive: true, force: true });
});

describe('intake and retention', () => {
  it('refuses a zip, an SVG, random bytes, a fake JPEG and a pixel bomb at once, keeping no row and no file', async () => {
    const bomb = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const refused: [Buffer, number, RegExp][] = [
      [Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(200)]), 415, /JPEG, PNG/],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 415, /JPEG, PNG/],
      [randomBytes(4096), 415, /JPEG, PNG/],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1000)]), 422, /damaged or incomplete/],
      [bomb, 422, /5000×5000 pixels/],
    ];
    for (const [bytes, status, message] of refused) {
      const response = await upload(ada, bytes);
      expect(response.status).toBe(status);
      expect((await response.json()).error.message).toMatch(message);
    }
    expect(await service.database.prisma.receipt.count()).toBe(0);
    expect((await (await call(ada, '/api/receipts')).json()).receipts).toEqual([]);
    expect(await storedFiles()).toEqual([]);
  });

  it('stores images readable by the service user only', async () => {
    const receipt = await uploadedAndRead(ada, ['PAPER CO', 'TOTAL 3.00']);
    const file = join(storageDir, receipt.imageKey!);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(file, '..'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(file, '..', '..'))).mode & 0o777).toBe(0o700);
  });

  it('purges at once for an admin only: the image and its text go, the deleted row stays', async () => {
    const receipt = await uploadedAndRead(ada, ['CORNER CAFE', 'TOTAL 6.50']);
    const file = join(storageDir, receipt.imageKey!);
    const refused = await call(ada, `/api/receipts/${receipt.id}?purge=true`, { method: 'DELETE' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/Only an admin can purge/);
    expect((await call(ada, `/api/receipts/${receipt.id}`, { method: 'DELETE' })).status).toBe(204);
    await stat(file); // still there: deleted, within the retention period

    expect((await call(admin, `/api/receipts/${receipt.id}?purge=true`, { method: 'DELETE' })).status).toBe(204);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    const row = await service.database.prisma.receipt.findUniqueOrThrow({ where: { id: receipt.id } });
    expect(row).toMatchObject({ status: 'deleted', imageKey: null, ocrText: null });
  });

  it('keeps an image another receipt still uses', async () => {
    const bob = await person('Bob');
    const lines = ['SHARED SHOP', 'TOTAL 4.00'];
    const first = await uploadedAndRead(ada, lines);
    const second = await uploadedAndRead(bob, lines);
    expect(second.imageKey).toBe(first.imageKey);
    expect((await call(admin, `/api/receipts/${first.id}?purge=true`, { method: 'DELETE' })).status).toBe(204);
    await stat(join(storageDir, second.imageKey!));
  });

  it('purges images deleted more than DELETED_RETENTION_DAYS ago from a daily pg-boss job', async () => {
    const schedules = await service.database.prisma.$queryRawUnsafe<{ name: string; cron: string }[]>(
      'SELECT name, cron FROM pgboss.schedule',
    );
    expect(schedules).toContainEqual(expect.objectContaining({ name: 'purge-deleted', cron: '17 3 * * *' }));

    const old = await uploadedAndRead(ada, ['OLD SHOP', 'TOTAL 7.00']);
    const recent = await uploadedAndRead(ada, ['NEW SHOP', 'TOTAL 8.00']);
    for (const receipt of [old, recent]) {
      expect((await call(ada, `/api/receipts/${receipt.id}`, { method: 'DELETE' })).status).toBe(204);
    }
    await service.database.prisma.receipt.update({
      where: { id: old.id },
      data: { deletedAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) },
    });
    // What the schedule sends at 03:17 UTC, sent now.
    const boss = new PgBoss({ connectionString: service.database.url, schema: 'pgboss' });
    await boss.start();
    await boss.send('purge-deleted', {});
    await boss.stop({ graceful: false });
    await expect
      .poll(
        () =>
          stat(join(storageDir, old.imageKey!)).then(
            () => 'kept',
            () => 'gone',
          ),
        { timeout: 30_000 },
      )
      .toBe('gone');
    await stat(join(storageDir, recent.imageKey!));
    expect(
      (await service.database.prisma.receipt.findUniqueOrThrow({ where: { id: recent.id } })).imageKey,
    ).not.toBeNull();
  }, 60_000);
});
